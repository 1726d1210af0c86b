package io.vprop.kernel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.ErrorCode;
import io.vprop.protocol.MessageType;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.governors.outcome.Action;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.PreTradeVerdict;
import io.vprop.risk.RiskEngine;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RouterEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The sidecar's kernel: one thread that owns the ZeroMQ ROUTER, the journal and every peer session, and runs the
 * protocol (docs/protocol.md) — decode, validate, journal, act, ack — then hands market data to each terminal's
 * {@link Strategy} and sends the signals the {@link RiskEngine} lets through.
 *
 * <p>Crash-only: {@link #run()} starts by finishing whatever the journal says was received but not acted on, the
 * same path a clean start takes. Other threads talk to the kernel only through {@link #call} and read
 * {@link #status()}.
 */
public final class SidecarKernel implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SidecarKernel.class);

    public record Config(String zmqEndpoint, int heartbeatMs, int staleMs, String firmProfile, String version,
                         long signalTtlMs) {
        public static Config defaults(String endpoint) {
            return new Config(endpoint, 1_000, 5_000, "", "0.1.0", 30_000);
        }
    }

    private final Config config;
    private final Journal journal;
    private final JournalReader journalReader;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final RouterEndpoint router;
    private final Function<String, Strategy> strategies;
    private final RiskEngine risk;
    private final AccountGovernors governors;
    private final EventBus events;
    private final MeterRegistry metrics;
    private final LongSupplier clock;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, PeerSession> peers = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Runnable waker;
    private final Map<String, Long> typeCounts = new LinkedHashMap<>();
    private final Map<String, Counter> inCounters = new HashMap<>();
    private final Map<String, Counter> errorCounters = new HashMap<>();
    private final AtomicLong signalCounter = new AtomicLong();
    private Map<String, Long> ratesBase = Map.of();
    private long ratesBaseMs;
    private long protocolErrors;
    private long signalsSent;
    private long fillsRecorded;
    private long nextHousekeepingMs;
    private List<Object[]> deferred; // sends held back until the current batch's transaction commits
    private volatile KernelStatus status;
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile NewsFeed news = NewsFeed.NONE;

    public SidecarKernel(Config config, Journal journal, Function<String, Strategy> strategies, RiskEngine risk,
                         EventBus events, MeterRegistry metrics, LongSupplier clock) {
        this(config, journal, strategies, risk, null, events, metrics, clock);
    }

    /** @param governors the firm's rules per account, or null to run without them (tests, benchmarks) */
    public SidecarKernel(Config config, Journal journal, Function<String, Strategy> strategies, RiskEngine risk,
                         AccountGovernors governors, EventBus events, MeterRegistry metrics, LongSupplier clock) {
        this.governors = governors;
        this.config = config;
        this.journal = journal;
        this.journalReader = journal.reader();
        this.strategies = strategies;
        this.risk = risk;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.router = new RouterEndpoint(config.zmqEndpoint());
        this.waker = router.waker();
        this.status = buildStatus(clock.getAsLong());
        metrics.gauge("vprop_peers_connected", peers, p -> p.values().stream().filter(s -> s.welcomed && !s.stale).count());
        metrics.gauge("vprop_journal_bytes", journalReader, JournalReader::sizeBytes);
    }

    public long nowMs() { return clock.getAsLong(); }

    /** The calendar whose high-impact releases are pushed to every terminal (set before {@link #run}). */
    public void newsFeed(NewsFeed feed) { this.news = java.util.Objects.requireNonNull(feed, "feed"); }

    /**
     * Keep journaled decision events (the engine's trades and skips with their reasons) this long; 0 = forever.
     * Without a bound they grow the journal by every bar of every symbol, for as long as the VPS runs.
     */
    public void decisionRetention(long ms) {
        if (ms < 0) throw new IllegalArgumentException("decision retention must be >= 0 ms, was " + ms);
        this.decisionRetentionMs = ms;
    }

    public String endpoint() { return router.endpoint(); }

    public String session() { return session; }

    public KernelStatus status() { return status; }

    public JournalReader journalReader() { return journalReader; }

    /** Runs {@code action} on the kernel thread and completes with its result. */
    public <T> CompletableFuture<T> call(Function<SidecarKernel, T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        commands.add(() -> {
            try {
                f.complete(action.apply(this));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        waker.run();
        return f;
    }

    // ------------------------------------------------------------------ loop

    @Override
    public void run() {
        thread = Thread.currentThread();
        recover();
        log.info("kernel {} listening on {}", session, router.endpoint());
        while (running) {
            try {
                router.await(10);
                processBatch();
                Runnable cmd;
                while ((cmd = commands.poll()) != null) cmd.run();
                long now = nowMs();
                if (now >= nextHousekeepingMs) {
                    housekeeping(now);
                    nextHousekeepingMs = now + 250;
                }
            } catch (RuntimeException e) {
                if (!running) break;
                // One bad message or a full disk must not take the terminal connections down with it.
                log.error("kernel loop error (continuing): {}", e.toString(), e);
            }
        }
        router.close();
    }

    /**
     * Group commit: everything that has arrived (up to a bound) is journaled in one SQLite transaction, and what it
     * makes us send — acks, signals — leaves only after that transaction commits. One fsync-free commit per batch
     * instead of per message keeps a burst of resends fast without weakening "journaled before acked".
     */
    private void processBatch() {
        RouterEndpoint.Inbound first = router.poll();
        if (first == null) return;
        deferred = new ArrayList<>();
        try {
            journal.inTransaction(() -> {
                onMessage(first.identity(), first.payload());
                RouterEndpoint.Inbound in;
                int n = 1;
                while (n++ < 512 && (in = router.poll()) != null) onMessage(in.identity(), in.payload());
            });
        } finally {
            List<Object[]> out = deferred;
            deferred = null;
            for (Object[] m : out) router.send((byte[]) m[0], (byte[]) m[1]);
        }
    }

    /** Finishes what a crash interrupted: reliable messages journaled but not acted on. */
    private void recover() {
        List<Journal.PendingInbound> pending = journal.unprocessedInbound();
        if (!pending.isEmpty()) log.info("recovering {} journaled message(s) not yet acted on", pending.size());
        for (Journal.PendingInbound p : pending) {
            PeerSession s = session(p.peer().getBytes(StandardCharsets.UTF_8));
            try {
                apply(s, codec.decode(p.wire()));
            } catch (ProtocolException e) {
                log.error("journaled message {}#{} no longer decodes ({}); skipped", p.peer(), p.seq(), e.getMessage());
            }
            journal.markProcessed(p.peer(), p.seq());
        }
    }

    private PeerSession session(byte[] identity) {
        String key = new String(identity, StandardCharsets.UTF_8);
        PeerSession s = peers.get(key);
        if (s == null) {
            s = new PeerSession(identity, new ReliableChannel(key, journal, codec), this);
            peers.put(key, s);
        }
        return s;
    }

    // ------------------------------------------------------------------ inbound

    private void onMessage(byte[] identity, byte[] payload) {
        long now = nowMs();
        PeerSession s = session(identity);
        s.lastHeardMs = now;
        if (s.stale) {
            s.stale = false;
            log.info("terminal {} is live again", s.key);
            events.publish("peer", now, Map.of("id", s.key, "state", "live"));
        }
        Envelope e;
        try {
            e = codec.decode(payload);
        } catch (ProtocolException ex) {
            reject(s, ex);
            return;
        }
        s.messagesIn++;
        s.lastSeqIn = e.seq();
        s.heard(e.tsMs());
        count(e.type());
        if (e.type() == MessageType.HELLO) {
            onHello(s, e);
            return;
        }
        if (!s.welcomed) {
            reject(s, new ProtocolException(ErrorCode.HELLO_REQUIRED, null,
                    "say hello first: this sidecar session (" + session + ") has not seen a hello from " + s.key, e.seq()));
            return;
        }
        switch (s.channel.accept(e, payload, now)) {
            case SEQ_NOT_INCREASING -> reject(s, new ProtocolException(ErrorCode.SEQ_NOT_INCREASING, "seq",
                    "seq " + e.seq() + " is not above the previous fresh seq", e.seq()));
            case GAP -> {
                reject(s, new ProtocolException(ErrorCode.GAP, "prev", "prev " + e.prev() + " is ahead of the last journaled "
                        + s.channel.lastIn() + ": resend from there", e.seq()));
                sendAck(s, 0);
            }
            case DUPLICATE -> sendAck(s, e.ackReq() ? e.seq() : 0);
            case PROCESS -> {
                if (e.reliable()) {
                    apply(s, e);
                    journal.markProcessed(s.key, e.seq());
                    sendAck(s, e.ackReq() ? e.seq() : 0);
                } else {
                    onFresh(s, e);
                    if (e.ackReq()) sendAck(s, e.seq());
                }
            }
        }
    }

    private void onHello(PeerSession s, Envelope e) {
        Payload.Hello h = (Payload.Hello) e.payload();
        if (!h.versions().contains(Envelope.VERSION)) {
            reject(s, new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "versions",
                    "no common protocol version: terminal speaks " + h.versions() + ", sidecar speaks [1]", e.seq()));
            return;
        }
        boolean first = s.hello == null;
        s.hello = h;
        s.welcomed = true;
        s.channel.resetFreshSeq();
        s.newsSent.clear(); // a (re-)hello may come from a restarted EA that forgot them: push them again
        s.specs.clear();
        for (Payload.SymbolInfo i : h.symbols())
            s.specs.put(i.symbol(), new SymbolSpec(i.symbol(), i.digits(), i.point(), i.tickSize(), i.tickValue(),
                    i.contractSize(), i.volumeMin(), i.volumeStep(), i.volumeMax(), i.stopsLevel(), i.freezeLevel(),
                    i.baseCurrency(), i.profitCurrency()));
        if (first || s.strategy == Strategy.NONE) s.strategy = strategies.apply(s.key);
        send(s, new Payload.Welcome(Envelope.VERSION, session, s.channel.lastIn(), config.heartbeatMs(), config.staleMs(),
                h.firmProfile().isEmpty() ? config.firmProfile() : h.firmProfile(), config.version()), false);
        List<byte[]> resend = s.channel.resendAfter(h.ackSeq());
        for (byte[] m : resend) transmit(s, m);
        log.info("hello from {} (account {}, {} symbols, {}); resent {} unacked signal(s)", s.key, h.account(),
                h.symbols().size(), h.marginMode(), resend.size());
        events.publish("peer", nowMs(), Map.of("id", s.key, "state", "welcomed", "account", h.account()));
    }

    /** Non-reliable messages: market data, state reports, acks, errors. */
    private void onFresh(PeerSession s, Envelope e) {
        Payload p = e.payload();
        if (p instanceof Payload.Tick t) onTick(s, e, t);
        else if (p instanceof Payload.Bar b) onBar(s, b);
        else if (p instanceof Payload.Ack a) s.channel.onAck(a.ackSeq());
        else if (p instanceof Payload.Heartbeat) { /* liveness already noted */ }
        else if (p instanceof Payload.GovernorState g) {
            s.governorState = g;
            events.publish("governor_state", nowMs(), Map.of("peer", s.key, "state", g));
        } else if (p instanceof Payload.Error er) {
            log.warn("terminal {} reports error {} on our seq {}: {}", s.key, er.code(), er.refSeq(), er.message());
            if (ErrorCode.GAP.wire().equals(er.code())) for (byte[] m : s.channel.resendAfter(s.channel.peerAcked())) transmit(s, m);
        } else if (p instanceof Payload.Book) { /* depth is optional; not used by the built-in strategies yet */ }
        else reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "type",
                    e.type().wire + " is sent by the sidecar, not to it", e.seq()));
    }

    private void onTick(PeerSession s, Envelope e, Payload.Tick t) {
        long utc = t.timeMsc() - s.serverOffsetMs();
        Tick last = s.lastTicks.get(t.symbol());
        if (last != null && utc < last.timeMs()) {
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "time_msc", "time_msc goes backwards for " + t.symbol()
                    + ": " + t.timeMsc() + " after " + (last.timeMs() + s.serverOffsetMs()), e.seq()));
            return;
        }
        Tick tick = new Tick(t.symbol(), utc, t.bid(), t.ask(), t.last(), t.volume(), t.flags());
        s.lastTicks.put(t.symbol(), tick);
        s.strategy.onTick(tick, s);
    }

    private void onBar(PeerSession s, Payload.Bar b) {
        Bar bar = new Bar(b.symbol(), Timeframe.parse(b.timeframe()), b.timeMsc() - s.serverOffsetMs(), b.open(), b.high(),
                b.low(), b.close(), b.tickVolume(), b.spread());
        journal.appendBars(List.of(bar)); // the bar history is the journal's, so a replay can be audited
        s.strategy.onBar(bar, s);
    }

    /** Acts on a journaled reliable message. Idempotent: also used to finish recovery after a crash. */
    private void apply(PeerSession s, Envelope e) {
        long now = nowMs();
        Payload p = e.payload();
        if (p instanceof Payload.Account a) {
            s.account = a;
            if (governors != null) {
                notify(s, governors.onAccount(s.key, s.nowMs(), a, s.hello == null ? "USD" : s.hello.currency(), s.specs::get,
                        s.serverOffsetMs()));
            }
            s.strategy.onAccount(a, s);
            events.publish("account", now, Map.of("peer", s.key, "account", a));
        } else if (p instanceof Payload.SignalAck a) {
            journal.updateSignal(a, now);
            if (!a.status().equals("accepted")) {
                String sym = s.pendingBySignal.remove(a.signalId());
                if (sym != null) s.pendingSymbols.remove(sym);
            }
            s.strategy.onSignalAck(a, s);
            events.publish("signal_ack", now, Map.of("peer", s.key, "ack", a));
        } else if (p instanceof Payload.Fill f) {
            if (journal.recordFill(s.key, f, e.seq(), now)) {
                if (governors != null) notify(s, governors.onFill(s.key, s.nowMs(), f));
                s.fills++;
                fillsRecorded++;
                s.strategy.onFill(f, s);
                events.publish("fill", now, Map.of("peer", s.key, "fill", f));
            }
        } else {
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "type", e.type().wire + " is sent by the sidecar, not to it", e.seq()));
        }
    }

    // ------------------------------------------------------------------ outbound

    /** The outcome of a submission: the signal id, or the rule that refused it and why. */
    public record Submission(String id, String peer, String rule, String reason) {
        public boolean sent() { return id != null; }
    }

    /** Risk-checks, journals and sends a strategy's (or the REST API's) trade. Kernel thread only. */
    String submitSignal(PeerSession s, SignalRequest r) { return trySubmit(s, r).id(); }

    private Submission trySubmit(PeerSession s, SignalRequest r) {
        long now = nowMs();
        PreTradeVerdict v = risk.check(r, s, s.stale || !s.welcomed);
        if (!v.allowed()) {
            events.publish("signal_refused", now, Map.of("peer", s.key, "symbol", r.symbol(), "side", r.side(),
                    "rule", v.rule(), "reason", v.reason(), "alpha", r.alpha()));
            return new Submission(null, s.key, v.rule(), v.reason());
        }
        String id = s.routingId.account() + "-" + Long.toString(now, 36) + "-" + signalCounter.incrementAndGet();
        Payload.Signal sig = new Payload.Signal(id, r.kind(), r.symbol(), r.side(), r.lots(), r.price(), r.maxDeviation(),
                r.sl(), r.tp1(), r.tp2(), r.expiryMs(), r.alpha(), r.regime(), r.confidence(), r.reason(), r.position());
        send(s, sig, false); // journaled (outbound + signals table) inside the channel before it leaves
        signalsSent++;
        if (r.kind().equals("open")) {
            s.pendingSymbols.add(r.symbol());
            s.pendingBySignal.put(id, r.symbol());
        }
        events.publish("signal", now, Map.of("peer", s.key, "signal", sig));
        return new Submission(id, s.key, "", "");
    }

    /** For the REST API: submit to a named peer, or to the first live peer that trades the symbol. */
    public Submission submitSignalTo(String peer, SignalRequest r) {
        PeerSession s = peer != null ? peers.get(peer) : peers.values().stream()
                .filter(p -> p.welcomed && !p.stale && p.specs.containsKey(r.symbol())).findFirst().orElse(null);
        if (s == null) throw new IllegalArgumentException(peer != null ? "unknown terminal " + peer
                : "no live terminal trades " + r.symbol());
        return trySubmit(s, r);
    }

    /** Kernel thread: a trade posted by an operator (REST), with defaults taken from the terminal's state. */
    public Submission submitManual(String peer, String symbol, String side, double lots, double price, double sl,
                                   double tp1, double tp2, double maxDeviation, long expirySeconds, String reason) {
        PeerSession s = peer != null && !peer.isEmpty() ? peers.get(peer) : peers.values().stream()
                .filter(p -> p.welcomed && !p.stale && p.specs.containsKey(symbol)).findFirst().orElse(null);
        if (s == null) throw new IllegalArgumentException(peer != null && !peer.isEmpty() ? "unknown terminal " + peer
                : "no live terminal trades " + symbol);
        Tick t = s.lastTicks.get(symbol);
        double px = price > 0 ? price : t == null ? 0 : side.equals("buy") ? t.ask() : t.bid();
        return trySubmit(s, SignalRequest.open(symbol, side, lots, px, maxDeviation, sl, tp1, tp2,
                s.nowMs() + expirySeconds * 1000, "manual", "", 1.0, reason));
    }

    /** Kernel thread: the latest quote of a symbol at a peer (or any peer when null), for REST defaults. */
    public Tick lastTick(String peer, String symbol) {
        for (PeerSession s : peers.values()) {
            if (peer != null && !peer.equals(s.key)) continue;
            Tick t = s.lastTicks.get(symbol);
            if (t != null) return t;
        }
        return null;
    }

    private void send(PeerSession s, Payload p, boolean ackReq) {
        transmit(s, s.channel.next(p, nowMs(), ackReq));
    }

    private void transmit(PeerSession s, byte[] wire) {
        if (deferred != null) deferred.add(new Object[]{s.identity, wire});
        else router.send(s.identity, wire);
        s.lastSentMs = nowMs();
    }

    private void sendAck(PeerSession s, long echoSeq) {
        send(s, new Payload.Ack(s.channel.lastIn(), echoSeq), false);
    }

    private void reject(PeerSession s, ProtocolException ex) {
        protocolErrors++;
        s.errorsSent++;
        errorCounters.computeIfAbsent(ex.code().wire(),
                c -> Counter.builder("vprop_protocol_errors").tag("code", c).register(metrics)).increment();
        log.warn("protocol error from {}: {} ({}) seq {}", s.key, ex.code().wire(), ex.getMessage(), ex.refSeq());
        send(s, ProtocolCodec.errorFor(ex), false);
    }

    private void count(MessageType t) {
        typeCounts.merge(t.wire, 1L, Long::sum);
        inCounters.computeIfAbsent(t.wire, w -> Counter.builder("vprop_messages_in").tag("type", w).register(metrics)).increment();
    }

    // ------------------------------------------------------------------ timers

    private static final int PRUNE_BATCH = 2_000;
    private volatile long decisionRetentionMs;
    private long nextPruneMs;

    /** Deletes expired decision events a bounded batch at a time: once a minute, or every round while behind. */
    private void pruneDecisions(long now) {
        if (decisionRetentionMs <= 0 || now < nextPruneMs) return;
        int n = journal.pruneEvents("decision", now - decisionRetentionMs, PRUNE_BATCH);
        nextPruneMs = n == PRUNE_BATCH ? now : now + 60_000;
        if (n > 0) log.info("pruned {} decision events older than {} days", n, decisionRetentionMs / 86_400_000.0);
    }

    private void housekeeping(long now) {
        for (PeerSession s : peers.values()) {
            if (!s.welcomed) continue;
            if (governors != null && s.account != null) {
                notify(s, governors.onClock(s.key, s.nowMs()));
                enforceFlat(s, now);
            }
            pushNews(s);
            if (now - s.lastSentMs >= config.heartbeatMs()) send(s, new Payload.Heartbeat(), false);
            if (!s.stale && now - s.lastHeardMs > config.staleMs()) {
                s.stale = true;
                log.warn("terminal {} is stale: silent for {} ms", s.key, now - s.lastHeardMs);
                events.publish("peer", now, Map.of("id", s.key, "state", "stale"));
            }
        }
        if (governors != null) governors.publish();
        pruneDecisions(now);
        status = buildStatus(now);
    }

    /**
     * The calendar's high-impact releases of the terminal's currencies in the next 24 h of its clock: each sent once
     * (again after a re-hello) and fed once to its account's governors (once they exist, i.e. after a snapshot).
     */
    private void pushNews(PeerSession s) {
        NewsFeed feed = news;
        if (feed.size() == 0) return;
        long now = s.nowMs();
        for (Payload.News n : feed.upcoming(NewsFeed.currenciesOf(s.specs.values()), now)) {
            if (s.newsSent.add(n)) send(s, n, false);
            if (governors != null && !s.newsGoverned.contains(n))
                governors.onNews(s.key, now, n).ifPresent(notices -> {
                    s.newsGoverned.add(n);
                    notify(s, notices);
                });
        }
        s.newsSent.removeIf(n -> n.releaseMs() < now);
        s.newsGoverned.removeIf(n -> n.releaseMs() < now);
    }

    /** A strategy's decision: published for the panel and journaled with its reasons. */
    void decision(PeerSession s, String kind, Object decision) {
        long now = nowMs();
        events.publish("decision", now, Map.of("peer", s.key, "kind", kind, "decision", decision));
        try {
            journal.appendEvent(now, "decision", EVENT_JSON.writeValueAsString(Map.of("peer", s.key, "kind", kind, "decision", decision)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {daily, overall} headroom net of open risk from the governors' last published state; unlimited without them. */
    double[] headroom(PeerSession s) {
        if (governors == null) return new double[]{Double.MAX_VALUE, Double.MAX_VALUE};
        io.vprop.governors.StateSnapshot g = governors.snapshots().get(AccountGovernors.accountOf(s.key));
        if (g == null || g.halted() || g.paused() || g.targetLocked()) return new double[]{0, 0};
        double open = Double.isFinite(g.openRisk()) ? g.openRisk() : Double.MAX_VALUE;
        return new double[]{Math.max(0, g.dailyHeadroom() - open), Math.max(0, g.overallHeadroom() - open)};
    }

    /** Tells the trader (events, journal, log) what the governors just decided. */
    private void notify(PeerSession s, List<AccountGovernors.Notice> notices) {
        for (AccountGovernors.Notice n : notices) {
            events.publish("governor", n.tsMs(), n);
            try {
                journal.appendEvent(n.tsMs(), "governor", EVENT_JSON.writeValueAsString(n));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (n.kind().equals("action") || n.status().equals("BREACH")) log.warn("governors {}: {} {} — {}", n.account(), n.action(), n.ruleId(), n.message());
            else log.info("governors {}: {} {} — {}", n.account(), n.status(), n.ruleId(), n.message());
        }
        if (!notices.isEmpty()) enforceFlat(s, nowMs());
    }

    /** Under a pause or a halt nothing stays open: close every position, again every 5 s until flat. */
    private void enforceFlat(PeerSession s, long now) {
        Action a = governors.action(s.key);
        if (a != Action.PAUSE_UNTIL_RESET && a != Action.FLATTEN_AND_HALT) return;
        if (s.account == null || s.account.positions().isEmpty() || now - s.lastFlattenMs < 5_000) return;
        s.lastFlattenMs = now;
        for (Payload.PositionInfo p : s.account.positions())
            trySubmit(s, SignalRequest.close(p.symbol(), p.side().equals("buy") ? "sell" : "buy", p.ticket(),
                    s.nowMs() + config.signalTtlMs(), "governors: " + a.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper EVENT_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The governors' state per account for the panel (published every housekeeping round), or empty. */
    public Map<String, io.vprop.governors.StateSnapshot> governorSnapshots() {
        return governors == null ? Map.of() : governors.snapshots();
    }

    /** Kernel thread: every terminal's strategy state (regimes, posteriors, weights …), by routing id. */
    public Map<String, Map<String, Object>> strategyStates() {
        Map<String, Map<String, Object>> m = new java.util.TreeMap<>();
        for (PeerSession s : peers.values()) if (s.welcomed) m.put(s.key, s.strategy.state());
        return m;
    }

    public String governorProfile() { return governors == null ? "" : governors.profileId(); }

    private KernelStatus buildStatus(long now) {
        List<KernelStatus.Peer> ps = new ArrayList<>();
        List<KernelStatus.SymbolQuote> quotes = new ArrayList<>();
        for (PeerSession s : peers.values()) {
            if (s.hello == null && !s.welcomed) continue;
            Payload.Hello h = s.hello;
            ps.add(new KernelStatus.Peer(s.key, s.routingId.terminal(), h == null ? s.routingId.account() : h.account(),
                    s.routingId.chart(), h == null ? "" : h.server(), h == null ? "" : h.currency(),
                    h == null ? "" : h.marginMode(), s.welcomed, s.stale || !s.welcomed, s.lastHeardMs, s.lastSeqIn,
                    s.messagesIn, s.errorsSent, s.fills, s.account == null ? null : s.account.balance(),
                    s.account == null ? null : s.account.equity(), s.account == null ? 0 : s.account.positions().size(),
                    s.governorState == null ? "" : s.governorState.mode()));
            for (Tick t : s.lastTicks.values())
                quotes.add(new KernelStatus.SymbolQuote(s.key, t.symbol(), t.bid(), t.ask(), t.timeMs()));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        double dt = (now - ratesBaseMs) / 1000.0;
        if (dt >= 1.0) {
            for (Map.Entry<String, Long> c : typeCounts.entrySet())
                rates.put(c.getKey(), (c.getValue() - ratesBase.getOrDefault(c.getKey(), 0L)) / dt);
            ratesBase = new HashMap<>(typeCounts);
            ratesBaseMs = now;
        } else if (status != null) {
            rates.putAll(status.messageRates());
        }
        return new KernelStatus(now, session, router == null ? config.zmqEndpoint() : router.endpoint(), List.copyOf(ps),
                List.copyOf(quotes), rates, Map.copyOf(typeCounts), protocolErrors, signalsSent, fillsRecorded,
                journalReader.sizeBytes());
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
        } else if (t == null) {
            router.close();
        }
        journalReader.close();
    }
}
