package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.strategy.Strategy;
import io.micrometer.core.instrument.MeterRegistry;
import io.vprop.governors.StateSnapshot;
import io.vprop.journal.KernelJournal;
import io.vprop.market.Tick;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.RiskEngine;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.transport.PeerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The sidecar's kernel: one thread that runs the protocol with every terminal ({@link ProtocolMachine}), hands market
 * data to each terminal's {@link Strategy} and sends the orders the {@link RiskEngine} lets through
 * ({@link Execution}), and publishes its {@link KernelStatus}. It reaches the world only through its {@link Ports}:
 * the transport to the terminals, the journal, the clock.
 *
 * <p>Crash-only: {@link #run()} starts by finishing whatever the journal says was received but not acted on, the
 * same path a clean start takes. Other threads talk to the kernel only through {@link #call} and read
 * {@link #status()}.
 */
public final class SidecarKernel implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SidecarKernel.class);
    /** Housekeeping (heartbeats, staleness, governors' clock, news, status) every this many ms of the clock. */
    private static final long HOUSEKEEPING_MS = 250;
    /** How long one loop round waits for frames before doing its other chores. */
    private static final long AWAIT_MS = 10;

    /**
     * @param maxTickAheadMs a tick dated further ahead of the kernel's clock than this is refused and leaves its
     *                       symbol's clock alone (0 = no bound: a simulated market may run ahead of the wall clock)
     */
    public record Config(int heartbeatMs, int staleMs, String firmProfile, String version, long signalTtlMs, long maxTickAheadMs) {
        /** Ten minutes: far beyond any broker's clock drift, far short of the day-ahead tick that froze a feed. */
        public static final long DEFAULT_MAX_TICK_AHEAD_MS = 600_000;

        public Config(int heartbeatMs, int staleMs, String firmProfile, String version, long signalTtlMs) {
            this(heartbeatMs, staleMs, firmProfile, version, signalTtlMs, DEFAULT_MAX_TICK_AHEAD_MS);
        }

        public static Config defaults() {
            return new Config(1_000, 5_000, "", "0.1.0", 30_000);
        }
    }

    /**
     * What the kernel works through, passed in: the transport to the terminals (the kernel owns it from now on and
     * closes it when it stops), the journal it writes before acting, and the clock (UTC epoch ms).
     */
    public record Ports(PeerTransport transport, KernelJournal journal, LongSupplier clock) {
        public Ports {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final PeerTransport transport;
    private final LongSupplier clock;
    private final AccountGovernors governors;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, PeerSession> peers = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Runnable waker;
    private final StatusPublisher status;
    private final JournaledEvents journaled;
    private final Execution execution;
    private final ProtocolMachine protocol;
    private final NewsPush news;
    private final Controls controls;
    private final ReentrantLock roundLock = new ReentrantLock();
    private long nextHousekeepingMs;
    private volatile boolean running = true;
    private volatile Thread thread;

    public SidecarKernel(Config config, Ports ports, Function<String, Strategy> strategies, RiskEngine risk,
                         EventBus events, MeterRegistry metrics) {
        this(config, ports, strategies, risk, null, events, metrics);
    }

    /** @param governors the firm's rules per account, or null to run without them (tests, benchmarks) */
    public SidecarKernel(Config config, Ports ports, Function<String, Strategy> strategies, RiskEngine risk,
                         AccountGovernors governors, EventBus events, MeterRegistry metrics) {
        this.transport = ports.transport();
        this.clock = ports.clock();
        this.governors = governors;
        this.waker = transport.waker();
        this.status = new StatusPublisher(metrics, ports.journal(), session, transport.endpoint(), peers, clock.getAsLong());
        this.journaled = new JournaledEvents(ports.journal(), events, clock);
        Outbox outbox = new Outbox(transport, clock);
        this.execution = new Execution(risk, governors, config.signalTtlMs(), outbox, events, journaled, status, clock);
        this.controls = new Controls(ports.journal(), outbox, events, clock);
        execution.controls(controls);
        this.protocol = new ProtocolMachine(config, session, ports.journal(), transport, outbox, execution, journaled,
                strategies, status, events, clock, peers, controls);
        this.news = new NewsPush(outbox, governors, execution);
    }

    public long nowMs() { return clock.getAsLong(); }

    /** The calendar whose high-impact releases are pushed to every terminal (set before {@link #run}). */
    public void newsFeed(NewsFeed feed) { news.feed(feed); }

    /**
     * Keep journaled decision events (the engine's trades and skips with their reasons) this long; 0 = forever.
     * Without a bound they grow the journal by every bar of every symbol, for as long as the VPS runs.
     */
    public void decisionRetention(long ms) {
        if (ms < 0) throw new IllegalArgumentException("decision retention must be >= 0 ms, was " + ms);
        journaled.decisionRetention(ms);
    }

    public String endpoint() { return transport.endpoint(); }

    public String session() { return session; }

    public KernelStatus status() { return status.status(); }

    /** Runs {@code action} on the kernel thread and completes with its result. */
    public <T> CompletableFuture<T> call(Function<SidecarKernel, T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        commands.add(new Call<>(action, f));
        if (!running) failPending();  // closed, or closing: the loop may never look at the queue again
        else waker.run();             // the transport ignores a wake-up once it is closed
        return f;
    }

    /** A command from another thread, with its caller's future, so a shutdown can answer it instead of dropping it. */
    private final class Call<T> implements Runnable {
        private final Function<SidecarKernel, T> action;
        private final CompletableFuture<T> future;

        Call(Function<SidecarKernel, T> action, CompletableFuture<T> future) {
            this.action = action;
            this.future = future;
        }

        @Override
        public void run() {
            try {
                future.complete(action.apply(SidecarKernel.this));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }

        void fail() {
            future.completeExceptionally(new IllegalStateException("the sidecar kernel is closed"));
        }
    }

    /** Answers every queued call with an error: after the loop's last round nobody else will. */
    private void failPending() {
        for (Runnable r; (r = commands.poll()) != null; ) if (r instanceof Call<?> c) c.fail();
    }

    // ------------------------------------------------------------------ loop

    @Override
    public void run() {
        thread = Thread.currentThread();
        start();
        while (running) {
            try {
                runOnce(AWAIT_MS);
            } catch (RuntimeException e) {
                if (!running) break;
                // One bad message or a full disk must not take the terminal connections down with it.
                log.error("kernel loop error (continuing): {}", e.toString(), e);
            }
        }
        stop();
    }

    /** After the last round; under the round lock, since a peer's thread may be in one (see {@link #round()}). */
    private void stop() {
        roundLock.lock();
        try {
            protocol.stopStrategies();
            transport.close();
        } finally {
            roundLock.unlock();
        }
        failPending();
    }

    /** Before the first round: finish what a crash interrupted. */
    void start() {
        controls.recover();
        protocol.recover();
        transport.callerRuns(this::roundOnCallersThread);
        log.info("kernel {} listening on {}", session, transport.endpoint());
    }

    /** One round of the loop: frames in (waiting up to {@code awaitMs}), calls from other threads, housekeeping. */
    void runOnce(long awaitMs) {
        transport.await(awaitMs);
        round();
    }

    /**
     * The round without the wait, on a peer's thread that waits for an answer (an in-process terminal in an exact
     * lockstep replay, see {@link PeerTransport#callerRuns}): the same work as the loop's, never at the same time as it,
     * and a failure is logged as the loop logs it, never thrown into the peer.
     */
    private void roundOnCallersThread() {
        if (!running) return;
        try {
            round();
        } catch (RuntimeException e) {
            if (running) log.error("kernel round error (continuing): {}", e.toString(), e);
        }
    }

    /**
     * Frames in, calls from other threads, housekeeping. Under a lock only because a peer's thread may run a round
     * (above): the kernel's state still has one writer at a time, and the lock is uncontended unless both meet.
     */
    private void round() {
        roundLock.lock();
        try {
            protocol.processBatch();
            Runnable cmd;
            while ((cmd = commands.poll()) != null) cmd.run();
            long now = clock.getAsLong();
            if (now >= nextHousekeepingMs) {
                housekeeping(now);
                nextHousekeepingMs = now + HOUSEKEEPING_MS;
            }
        } finally {
            roundLock.unlock();
        }
    }

    private void housekeeping(long now) {
        for (PeerSession s : peers.values()) {
            if (!s.welcomed) continue;
            execution.onClock(s);
            news.push(s);
            protocol.keepAlive(s, now);
        }
        if (governors != null) governors.publish();
        journaled.prune(now);
        status.publish(now, peers.values());
    }

    // ------------------------------------------------------------------ for the REST API (kernel thread: use call)

    /** Submits to a named terminal, or to the first live one that trades the symbol. */
    public Submission submitTo(String peer, OrderIntent order) {
        return execution.submit(terminal(peer, order.symbol()), order);
    }

    /** A trade posted by an operator, with defaults taken from the terminal's state (price: its latest quote). */
    public Submission submitManual(String peer, String symbol, Side side, double lots, double price, double sl,
                                   double tp1, double tp2, double maxDeviation, long expirySeconds, String reason) {
        return execution.submitManual(terminal(peer, symbol), symbol, side, lots, price, sl, tp1, tp2, maxDeviation,
                expirySeconds, reason);
    }

    /**
     * A trader's control (docs/api.md, POST /api/controls) for a terminal ({@code terminal}, its routing id) or an
     * account ({@code account}: terminal/account as the governors name it, or the account number), or the only
     * terminal when neither is given: journaled, then sent.
     *
     * @throws IllegalArgumentException naming the field when no terminal matches
     */
    public ControlOutcome control(String terminal, String account, String action, long position, String symbol,
                                  String reason, String by, String from) {
        PeerSession target = controlTarget(terminal, account);
        String acc = AccountGovernors.accountOf(target.key);
        List<PeerSession> same = peers.values().stream().filter(p -> AccountGovernors.accountOf(p.key).equals(acc)).toList();
        Controls.Outcome o = controls.send(target, same, action, position, symbol, reason, new Controls.Requester(by, from));
        return new ControlOutcome(o.id(), acc, o.peers(), o.timeMs(), o.rule(), o.reason());
    }

    /** What became of a control request: sent as {@code id} to {@code peers}, or refused by {@code rule}. */
    public record ControlOutcome(String id, String account, List<String> peers, long timeMs, String rule, String reason) {
        public boolean sent() { return id != null; }
    }

    private PeerSession controlTarget(String terminal, String account) {
        if (terminal != null && !terminal.isEmpty()) {
            PeerSession s = peers.get(terminal);
            if (s == null) throw new IllegalArgumentException("terminal: unknown terminal '" + terminal + "' (GET /api/status lists them)");
            return s;
        }
        List<PeerSession> welcomed = peers.values().stream().filter(p -> p.welcomed).toList();
        if (account != null && !account.isEmpty()) {
            return welcomed.stream().filter(p -> AccountGovernors.accountOf(p.key).equals(account)
                    || p.hello != null && p.hello.account().equals(account)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("account: no connected terminal trades account '" + account + "'"));
        }
        if (welcomed.size() == 1) return welcomed.get(0);
        throw new IllegalArgumentException("account: required (or terminal): " + welcomed.size() + " terminals are connected");
    }

    /** The terminal's answer to a control, once it came (any thread); null before. */
    public Map<String, Object> controlAck(String id) { return controls.ack(id); }

    /** Accounts whose entries the trader paused, and the control that paused each (any thread). */
    public Map<String, Map<String, Object>> controlPauses() { return controls.pausedView(); }

    private PeerSession terminal(String peer, String symbol) {
        boolean named = peer != null && !peer.isEmpty();
        PeerSession s = named ? peers.get(peer) : peers.values().stream()
                .filter(p -> p.live() && p.specs.containsKey(symbol)).findFirst().orElse(null);
        if (s == null) throw new IllegalArgumentException(named ? "unknown terminal " + peer : "no live terminal trades " + symbol);
        return s;
    }

    /** The latest quote of a symbol at a peer (or any peer when null), for REST defaults. */
    public Tick lastTick(String peer, String symbol) {
        for (PeerSession s : peers.values()) {
            if (peer != null && !peer.equals(s.key)) continue;
            Tick t = s.lastTicks.get(symbol);
            if (t != null) return t;
        }
        return null;
    }

    /** Every terminal's strategy state (regimes, posteriors, weights …), by routing id. */
    public Map<String, Map<String, Object>> strategyStates() {
        Map<String, Map<String, Object>> m = new TreeMap<>();
        for (PeerSession s : peers.values()) if (s.welcomed) m.put(s.key, s.strategy.state());
        return m;
    }

    // ------------------------------------------------------------------ any thread

    /** The governors' state per account for the panel (published every housekeeping round), or empty. */
    public Map<String, StateSnapshot> governorSnapshots() {
        return governors == null ? Map.of() : governors.snapshots();
    }

    public String governorProfile() { return governors == null ? "" : governors.profileId(); }

    /** The firm state each account's terminal rebuilt on attach (firm_state), or empty. */
    public Map<String, io.vprop.governors.attach.AttachState> governorAttach() {
        return governors == null ? Map.of() : governors.attachStates();
    }

    @Override
    public synchronized void close() {
        if (!running) return;
        running = false;
        waker.run();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (t == null) { // never ran on a thread of its own (or a test drove it): nothing else uses it now
            stop();
        }
    }
}
