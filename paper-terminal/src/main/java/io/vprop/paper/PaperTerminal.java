package io.vprop.paper;

import io.vprop.paper.broker.DealReason;
import java.util.Locale;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.journal.Journal;
import io.vprop.market.Bar;
import io.vprop.market.BarAggregator;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.paper.broker.SignalExecutor;
import io.vprop.protocol.Payload;
import io.vprop.protocol.TradeMessages;
import io.vprop.trade.AccountState;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import io.vprop.transport.RoutingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The paper terminal: an in-process stand-in for MT5 + the VProp EA. It plays a market (synthetic or replayed),
 * executes the sidecar's signals on a {@link PaperBroker}, manages TP1/TP2 like the EA, and reports ticks, bars,
 * account snapshots and fills over the very same ZeroMQ protocol ({@link TerminalLink}) — the sidecar cannot tell
 * it from a real terminal. Its own journal makes it outlive a sidecar crash, as the EA does with MQL5/Files.
 */
public final class PaperTerminal implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PaperTerminal.class);

    /**
     * @param speed        market time per wall time; 0 = as fast as possible (lockstep with the sidecar)
     * @param snapshotMs   account snapshot period in market time, besides every change
     * @param breakEvenAfterTp1 move the stop to the entry price once TP1 is taken
     * @param replayWindow ticks in flight at max speed (1 = exact lockstep)
     */
    public record Config(String endpoint, RoutingId id, Path journalFile, double speed, long snapshotMs,
                         String firmProfile, String marginMode, boolean breakEvenAfterTp1, Timeframe[] barTimeframes,
                         int replayWindow) {
        public Config {
            if (replayWindow < 1) throw new IllegalArgumentException("replayWindow must be >= 1, got " + replayWindow);
        }
    }

    /** Counters for summaries and tests. */
    public record Stats(long ticks, long bars, long signals, long executed, long rejected, long deals, long welcomes,
                        double balance, double equity, double maxDrawdown, long marketTimeMs, boolean finished) {
    }

    private final Config config;
    private final TickSource market;
    private final PaperBroker broker;
    private final SignalExecutor executor;
    private final GovernorEngine governors;
    private Action governorAction = Action.ALLOW;
    private String governorReason = "";
    private long lastGovernorStateWallMs;
    private volatile long news;
    private final Map<String, SymbolSpec> specs = new HashMap<>();
    private final Journal journal;
    private final TerminalLink link;
    private final BarAggregator bars;
    private final Map<Long, Long> openTimes = new HashMap<>();
    private final List<Deal> dealLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong echoed = new AtomicLong();
    private volatile boolean running = true;
    private volatile Thread runner;
    private volatile Stats stats;
    private long marketNowMs;
    private long lastSnapshotMs = Long.MIN_VALUE / 2;
    private boolean accountDirty = true;
    private long lastSnapshotWallMs;
    private long lastProbeSeq;
    /** Batched replays: the probes sent and not yet acknowledged, {seq, market time of their tick}, oldest first. */
    private final java.util.ArrayDeque<long[]> probes = new java.util.ArrayDeque<>();
    private long ackedMarketMs = Long.MIN_VALUE;
    private long firstTickMs = Long.MIN_VALUE;
    private long ticks, barCount, signals, executed, rejected;
    private boolean finished;
    private double peakEquity = Double.NEGATIVE_INFINITY;
    private double maxDrawdown;

    public PaperTerminal(Config config, TickSource market, List<SymbolSpec> symbolSpecs, PaperBroker broker) {
        this(config, market, symbolSpecs, broker, null);
    }

    /**
     * @param governors the terminal's own hard governors (the EA's last line of defence), or null for none. They
     *                  act even when the sidecar is gone: orders they refuse are rejected with the rule, and a pause
     *                  or halt closes every position here.
     */
    public PaperTerminal(Config config, TickSource market, List<SymbolSpec> symbolSpecs, PaperBroker broker,
                         GovernorEngine governors) {
        this.config = config;
        this.governors = governors;
        this.market = market;
        this.broker = broker;
        this.executor = new SignalExecutor(broker, config.breakEvenAfterTp1(), warning -> log.warn("{}", warning));
        for (SymbolSpec s : symbolSpecs) specs.put(s.symbol(), s);
        this.journal = new Journal(config.journalFile(), false);
        // a restart after a crash: the broker's numbers continue above what this terminal already sent, as a real
        // server's do, or the sidecar would drop the new deals as resends of old ones (issue 18 item 9)
        broker.continueAbove(journal.highestTicket());
        this.bars = new BarAggregator(config.barTimeframes(), sym -> specs.get(sym).point(), this::onBar);
        this.link = new TerminalLink(config.endpoint(), config.id(), journal, this::hello, new TerminalLink.Handler() {
            @Override
            public void onSignal(Payload.Signal s) { handleSignal(s); }

            @Override
            public void onWelcome(Payload.Welcome w) { accountDirty = true; }

            @Override
            public void onAck(Payload.Ack a, long nanos) { if (a.echoSeq() > 0) echoed.set(a.echoSeq()); }

            @Override
            public void onNews(Payload.News n) { handleNews(n); }
        }, () -> marketNowMs, System::currentTimeMillis);
        this.stats = snapshotStats();
    }

    public Stats stats() { return stats; }

    /** News messages received from the sidecar (any thread may read it). */
    public long newsReceived() { return news; }

    /** Every deal this terminal made, in order: its own record, to compare with the sidecar's journal. */
    public List<Deal> deals() {
        synchronized (dealLog) {
            return List.copyOf(dealLog);
        }
    }

    public boolean welcomed() { return link.welcomed(); }

    private Payload.Hello hello() {
        List<Payload.SymbolInfo> infos = new ArrayList<>();
        for (SymbolSpec s : specs.values())
            infos.add(new Payload.SymbolInfo(s.symbol(), s.digits(), s.point(), s.tickSize(), s.tickValue(), s.contractSize(),
                    s.volumeMin(), s.volumeStep(), s.volumeMax(), s.stopsLevel(), s.freezeLevel(), s.baseCurrency(),
                    s.profitCurrency(), List.of()));
        infos.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        return new Payload.Hello(config.id().terminal(), config.id().account(), "VProp-Paper", "VProp paper terminal", "USD",
                (int) broker.config().leverage(), config.marginMode(), 0, List.of(1), 0, config.firmProfile(), infos);
    }

    // ------------------------------------------------------------------ main loop

    @Override
    public void run() {
        runner = Thread.currentThread();
        link.recoverSignals(this::handleSignal);
        // A max-speed replay is a conversation with the sidecar: nothing may be played before it listens.
        while (running && config.speed() <= 0 && !link.welcomed()) link.poll(20);
        long startWall = System.currentTimeMillis();
        long startMarket = Long.MIN_VALUE;
        try {
            while (running) {
                Tick t = market.next();
                if (t == null) break;
                if (startMarket == Long.MIN_VALUE) startMarket = t.timeMs();
                if (config.speed() > 0) {
                    long due = startWall + (long) ((t.timeMs() - startMarket) / config.speed());
                    long wait;
                    while (running && (wait = due - System.currentTimeMillis()) > 0) link.poll(Math.min(wait, 20));
                } else {
                    link.poll(0);
                }
                onTick(t);
            }
            bars.flush();
            finished = true;
            sendAccount();
            // Let the last fills reach the sidecar before a replay ends.
            long deadline = System.currentTimeMillis() + 3_000;
            while (running && System.currentTimeMillis() < deadline) {
                link.poll(20);
                stats = snapshotStats();
            }
        } finally {
            stats = snapshotStats();
        }
    }

    private void onTick(Tick t) {
        if (firstTickMs == Long.MIN_VALUE) firstTickMs = t.timeMs();
        marketNowMs = Math.max(marketNowMs, t.timeMs());
        ticks++;
        for (Deal d : executor.onTick(t)) report(d); // SL, TP, stop-out, delayed fills, then the TP1 partial closes
        // Max speed: every window-th tick asks for an ack, and the previous such ack must be back before going on,
        // so the sidecar is never more than two windows behind; window 1 is exact lockstep (deterministic replays).
        boolean probe = config.speed() <= 0 && ticks % config.replayWindow() == 0;
        long seq = link.sendFresh(new Payload.Tick(t.symbol(), t.bid(), t.ask(), t.last(), t.volume(), t.timeMs(), t.flags()), probe);
        if (probe && seq > 0) {
            if (config.replayWindow() > 1) probes.addLast(new long[]{seq, t.timeMs()});
            awaitEcho(config.replayWindow() == 1 ? seq : lastProbeSeq);
            lastProbeSeq = seq;
        }
        bars.onTick(t);
        if (accountDirty || (ticks & 15) == 0) {
            trackDrawdown();
            governAccount();
        }
        if (accountDirty || t.timeMs() - lastSnapshotMs >= config.snapshotMs()) sendAccount();
        if ((ticks & 63) == 0) stats = snapshotStats();
    }

    /** Lockstep for max-speed replays: the sidecar's answer to this tick (a signal, if any) arrives before its ack. */
    private void awaitEcho(long seq) {
        long deadline = System.currentTimeMillis() + 2_000;
        while (running && echoed.get() < seq && link.welcomed() && System.currentTimeMillis() < deadline) link.poll(1);
    }

    /**
     * In exact lockstep (max speed, window 1) a bar waits for the sidecar's answer as a tick does: a signal its close
     * triggers is executed at the quote that closed it, as the EA does within milliseconds — not at the next replayed
     * tick, which can come seconds or minutes of market time later (and find the signal expired).
     */
    private void onBar(Bar b) {
        barCount++;
        boolean probe = config.speed() <= 0 && config.replayWindow() == 1;
        long seq = link.sendFresh(new Payload.Bar(b.symbol(), b.timeframe().name(), b.openTimeMs(), b.open(), b.high(), b.low(),
                b.close(), b.tickVolume(), b.spread()), probe);
        if (probe && seq > 0) awaitEcho(seq);
    }

    /**
     * Account snapshots are state, latest wins: none is queued while the sidecar is away (the next welcome triggers
     * a fresh one), and a sped-up market sends at most ten a second of wall time unless a deal changed the account.
     */
    private void sendAccount() {
        long wall = System.currentTimeMillis();
        if (!link.welcomed() || (!accountDirty && wall - lastSnapshotWallMs < 100)) return;
        lastSnapshotWallMs = wall;
        AccountState a = broker.snapshot();
        List<Payload.PositionInfo> ps = new ArrayList<>();
        for (Position p : a.positions())
            ps.add(new Payload.PositionInfo(p.ticket(), p.symbol(), p.side().wire(), p.volume(), p.openPrice(), p.sl(), p.tp(),
                    p.profit(), p.swap(), p.commission(), p.openTimeMs(), p.signalId()));
        link.sendReliable(new Payload.Account(a.balance(), a.equity(), a.margin(), a.freeMargin(), ps));
        lastSnapshotMs = marketNowMs;
        accountDirty = false;
    }

    // ------------------------------------------------------------------ execution (what the EA does)

    private void handleSignal(Payload.Signal s) {
        signals++;
        Payload.SignalAck known = journal.executed(s.id());
        if (known != null) { // executed at most once, whatever the sidecar resends
            link.sendReliable(known);
            return;
        }
        Payload.SignalAck outcome = execute(s);
        journal.recordExecuted(outcome, marketNowMs);
        if (outcome.status().equals(OrderStatus.EXECUTED.wire())) executed++;
        else rejected++;
        link.sendReliable(outcome);
    }

    private Payload.SignalAck execute(Payload.Signal s) {
        gatedSignal = s.id();
        SignalExecutor.Outcome o = executor.execute(s.id(), TradeMessages.toIntent(s), marketNowMs, validAtMs(), this::gate);
        gatedSignal = "";
        for (Deal d : o.deals()) report(d);
        // as the EA: the governors' reservation is released if rejected, tied to the position's ticket if executed
        if (governors != null && o.update().status() != OrderStatus.ACCEPTED)
            govern(new OrderAck(marketNowMs, s.id(), o.update().status(), o.update().ticket()));
        return TradeMessages.toPayload(o.update());
    }

    /**
     * The market time a signal's validity is judged at. Live, in real-time replays and in exact lockstep: now. In a
     * batched max-speed replay (window > 1) the terminal runs up to two windows of market time ahead of the sidecar,
     * so a signal arrives "late" only because of the batching; it is judged at the market time of the newest tick
     * the sidecar has acknowledged — ticks are processed in order, so the tick that triggered a signal arriving
     * now is at least that recent, and a signal valid when decided is never expired by the replay's window.
     */
    private long validAtMs() {
        if (config.speed() > 0 || config.replayWindow() == 1) return marketNowMs;
        long echo = echoed.get();
        while (!probes.isEmpty() && probes.peekFirst()[0] <= echo) ackedMarketMs = probes.pollFirst()[1];
        return Math.min(marketNowMs, ackedMarketMs == Long.MIN_VALUE ? firstTickMs : ackedMarketMs);
    }

    /** The signal the gate is judging: an allowed one is reserved under its id (in flight until the next snapshot). */
    private String gatedSignal = "";

    /** The terminal's own refusals: no new entries while the sidecar is silent, and the EA's governors. */
    private SignalExecutor.Refusal gate(OrderIntent wanted, Tick q) {
        if (link.sidecarStale()) return new SignalExecutor.Refusal("failsafe.sidecar_stale", "sidecar silent: no new entries");
        if (governors == null || !wanted.opens() || q == null) return null;
        SymbolSpec spec = specs.get(wanted.symbol());
        double px = wanted.side() == Side.BUY ? q.ask() : q.bid();
        OrderCheck check;
        try {
            OrderIntent order = OrderIntent.open(wanted.symbol(), wanted.side(), wanted.lots(), px, wanted.maxDeviation(),
                    wanted.sl(), wanted.tp1(), wanted.tp2(), wanted.expiryMs(), wanted.alpha(), wanted.regime(),
                    wanted.confidence(), wanted.reason());
            check = new OrderCheck(marketNowMs, order, Double.NaN, spec.tickValue() / spec.tickSize(), gatedSignal);
        } catch (IllegalArgumentException e) {
            // The market moved past the signal's stop since it was decided (a batched replay runs ahead of the
            // sidecar): the order cannot be placed as sent, so it is refused, as the EA's broker would refuse it.
            return new SignalExecutor.Refusal("broker.invalid_stops", "at " + px + ": " + e.getMessage());
        }
        RuleVerdict d = govern(check);
        return d != null && !d.allowed() ? new SignalExecutor.Refusal(d.ruleId(), "terminal governors: " + d.message()) : null;
    }

    private void report(Deal d) {
        dealLog.add(d);
        accountDirty = true;
        if (governors != null) govern(new FillEvent(Math.max(d.timeMs(), marketNowMs), d.toFill(), openTimeOf(d)));
        link.sendReliable(new Payload.Fill(d.ticket(), d.order(), d.position(), d.comment() == null ? "" : d.comment(),
                d.symbol(), d.side().wire(), d.entry().wire(), d.price(), d.volume(), d.commission(), d.swap(), d.profit(), d.timeMs(),
                d.reason().wire()));
    }

    private long openTimeOf(Deal d) {
        if (d.entry() == FillEntry.IN) return Math.max(d.timeMs(), marketNowMs);
        Long t = openTimes.get(d.position());
        return t == null ? marketNowMs : Math.min(t, marketNowMs);
    }

    /** A release the sidecar pushed: to the terminal's own governors, exactly as the EA does (CVPGovernors::News). */
    private void handleNews(Payload.News n) {
        news = news + 1; // terminal thread only writes
        if (governors == null) return;
        NewsEvent.Impact impact = switch (n.impact()) {
            case "high" -> NewsEvent.Impact.HIGH;
            case "medium" -> NewsEvent.Impact.MEDIUM;
            default -> NewsEvent.Impact.LOW;
        };
        govern(new NewsEvent(marketNowMs, n.releaseMs(), n.currency(), impact));
    }

    /** Evaluates one event on the terminal's own governors; null when they refused the input (logged). */
    private RuleVerdict govern(GovernorEvent e) {
        try {
            RuleVerdict d = governors.evaluate(e);
            if (!(e instanceof OrderCheck)) {
                if (d.action() != governorAction) log.warn("terminal governors: {} ({})", d.action(), d.message());
                governorAction = d.action();
                governorReason = d.allowed() ? "" : d.message();
            }
            return d;
        } catch (IllegalArgumentException ex) {
            log.warn("terminal governors refused an input: {}", ex.getMessage());
            return null;
        }
    }

    /**
     * The EA's hard governors on the account: evaluate the snapshot, close everything under a pause or halt (with
     * or without the sidecar), and report the EA's view of every limit as governor_state once a second.
     */
    private void governAccount() {
        if (governors == null) return;
        AccountState a = broker.snapshot();
        List<ValuedPosition> ps = new ArrayList<>();
        for (Position p : a.positions()) {
            openTimes.putIfAbsent(p.ticket(), p.openTimeMs());
            SymbolSpec spec = specs.get(p.symbol());
            Position onGovernorClock = new Position(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.sl(), p.tp(),
                    p.profit(), p.swap(), p.commission(), Math.min(p.openTimeMs(), marketNowMs), p.signalId());
            ps.add(new ValuedPosition(onGovernorClock, spec.tickValue() / spec.tickSize()));
        }
        govern(new AccountSnapshot(marketNowMs, a.balance(), a.equity(), ps, 0));
        if ((governorAction == Action.PAUSE_UNTIL_RESET || governorAction == Action.FLATTEN_AND_HALT) && !a.positions().isEmpty())
            for (Deal d : executor.closeAll(marketNowMs, DealReason.GOVERNOR)) report(d);
        long wall = System.currentTimeMillis();
        if (wall - lastGovernorStateWallMs >= 1_000 && link.welcomed()) {
            lastGovernorStateWallMs = wall;
            List<Payload.RuleState> rules = new ArrayList<>();
            for (RuleStatus r : governors.snapshot().rules())
                rules.add(new Payload.RuleState(r.ruleId(), finite(r.value()), finite(r.limit()), finite(r.distance()),
                        r.status().name().toLowerCase(Locale.ROOT)));
            String mode = switch (governorAction) {
                case ALLOW -> "ok";
                case BLOCK_NEW_ENTRIES -> "blocked";
                case PAUSE_UNTIL_RESET -> "paused";
                case FLATTEN_AND_HALT -> "halted";
            };
            link.sendFresh(new Payload.GovernorState(mode, governorReason, rules), false);
        }
    }

    private static double finite(double v) { return Double.isFinite(v) ? v : (v > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE); }

    /** Peak-to-trough of equity, sampled on every account change and every 16 ticks. */
    private void trackDrawdown() {
        double eq = broker.snapshot().equity();
        peakEquity = Math.max(peakEquity, eq);
        maxDrawdown = Math.max(maxDrawdown, peakEquity - eq);
    }

    private Stats snapshotStats() {
        AccountState a = broker.snapshot();
        return new Stats(ticks, barCount, signals, executed, rejected, dealLog.size(), link.welcomes(), a.balance(), a.equity(),
                maxDrawdown, marketNowMs, finished);
    }

    /** Stops the loop (waiting for it) and releases the socket, the journal and the market. */
    @Override
    public void close() {
        running = false;
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close();
        journal.close();
        market.close();
    }
}
