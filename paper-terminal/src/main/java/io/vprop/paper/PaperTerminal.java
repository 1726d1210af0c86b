package io.vprop.paper;

import io.vprop.paper.broker.DealReason;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.attach.AttachInput;
import io.vprop.governors.attach.AttachState;
import io.vprop.governors.attach.HistoryDeal;
import io.vprop.governors.attach.HistoryReplay;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.PendingEvent;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalFill;
import io.vprop.journal.JournalReader;
import io.vprop.market.Bar;
import io.vprop.market.BarAggregator;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.OrderEvent;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.paper.broker.PathLevels;
import io.vprop.paper.broker.SignalExecutor;
import io.vprop.paper.broker.TickValueReports;
import io.vprop.protocol.Payload;
import io.vprop.protocol.TradeMessages;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
     * @param barTimeframes the bars built from the ticks and sent; none when the market delivers its own (bar files)
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
    private final MarketEvents market;
    /** Account snapshots by market time alone, each awaited (exact lockstep of a bar replay; see the constructor). */
    private final boolean exactAccount;
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
    /** Null when the market delivers its bars (a replay of bar files): they are sent as they close. */
    private final BarAggregator bars;
    private final Map<Long, Long> openTimes = new HashMap<>();
    /**
     * This run's deals are numbered above this: the terminal's deal history is what its journal holds above it (a
     * restarted paper terminal starts a fresh account, its earlier runs' deals are not its history).
     */
    private final long dealFloor;
    private long dealCount;
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
    private long startWall, startMarket = Long.MIN_VALUE;       // pacing: the first quote's wall and market times
    private long ticks, barCount, signals, executed, rejected;
    /** The trader paused new entries (a control); closes still execute and the governors still act. */
    private volatile boolean entriesPaused;
    private boolean finished;
    private double peakEquity = Double.NEGATIVE_INFINITY;
    /** The first market time: the account's deposit, where its deal history (and the challenge) begins. */
    private long startMs = Long.MIN_VALUE;
    /** firm_state is sent after every welcome, before the account snapshot (as the EA does). */
    private boolean firmStateDue;
    private double maxDrawdown;
    /** symbol_update (protocol §4c): when each symbol's tick value is told, as the EA tells it. */
    private final TickValueReports tickValues;

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
        this(config, MarketEvents.ticks(market), symbolSpecs, broker, governors, false);
    }

    /**
     * @param market       ticks, or bar files played on the backtester's path (research MarketFeed.bars): their quotes,
     *                     each leg stopping at this terminal's positions' levels, and their bars as they close (then pass
     *                     no {@code barTimeframes}, or bars built from the quotes go out too)
     * @param exactAccount in exact lockstep (max speed, window 1), snapshot the account every snapshotMs of market time
     *                     alone (no cap of ten a second of wall time) and wait for the sidecar's answer to each, as to a
     *                     tick: the account a backtest gives its strategy, and what the governors do on it (flatten before
     *                     a weekend) executed at the quote it was taken at, not a quote later. For bar replays, whose
     *                     quotes are hours apart (at most a snapshot per quote); on ticks it would be a journaled round trip
     *                     every market second, which makes a tick day's lockstep replay several times slower
     */
    public PaperTerminal(Config config, MarketEvents market, List<SymbolSpec> symbolSpecs, PaperBroker broker,
                         GovernorEngine governors, boolean exactAccount) {
        this.config = config;
        this.exactAccount = exactAccount && config.speed() <= 0 && config.replayWindow() == 1;
        this.governors = governors;
        this.market = market;
        this.broker = broker;
        this.executor = new SignalExecutor(broker, config.breakEvenAfterTp1(), warning -> log.warn("{}", warning));
        for (SymbolSpec s : symbolSpecs) specs.put(s.symbol(), s);
        this.tickValues = new TickValueReports(broker, specs.keySet());
        this.journal = new Journal(config.journalFile(), false);
        // a restart after a crash: the broker's numbers continue above what this terminal already sent, as a real
        // server's do, or the sidecar would drop the new deals as resends of old ones (issue 18 item 9)
        this.dealFloor = journal.highestTicket();
        broker.continueAbove(dealFloor);
        this.bars = config.barTimeframes().length == 0 ? null
                : new BarAggregator(config.barTimeframes(), sym -> specs.get(sym).point(), this::onBar);
        this.link = new TerminalLink(config.endpoint(), config.id(), journal, this::hello, new TerminalLink.Handler() {
            @Override
            public void onSignal(Payload.Signal s) { handleSignal(s); }

            @Override
            public void onWelcome(Payload.Welcome w) {
                accountDirty = true;
                firmStateDue = true;
                tickValues.welcomed();
            }

            @Override
            public void onAck(Payload.Ack a, long nanos) { if (a.echoSeq() > 0) echoed.set(a.echoSeq()); }

            @Override
            public void onNews(Payload.News n) { handleNews(n); }

            @Override
            public void onControl(Payload.Control c) { handleControl(c); }
        }, () -> marketNowMs, System::currentTimeMillis);
        this.entriesPaused = journal.entriesPaused(); // the trader's pause outlives a restart, as in the EA's Store
        this.stats = snapshotStats();
    }

    public Stats stats() { return stats; }

    /** News messages received from the sidecar (any thread may read it). */
    public long newsReceived() { return news; }

    /**
     * Every deal this terminal made in this run, in order: its own record, to compare with the sidecar's journal. Read
     * from its journal, where {@link #report} keeps it (memory stays bounded however long the terminal runs: a year's
     * soak held ~80,000 deals in a list); readable after {@link #close}.
     */
    public List<Deal> deals() {
        try (JournalReader r = JournalReader.open(config.journalFile())) {
            return r.fillsOf(dealPeer(), dealFloor).stream().map(PaperTerminal::deal).toList();
        }
    }

    /** The journal's peer name for this terminal's own deals (its fills table is otherwise the sidecar side's). */
    private String dealPeer() { return "self:" + config.id(); }

    private static Deal deal(JournalFill j) {
        Fill f = j.fill();
        return new Deal(f.deal(), f.order(), f.position(), f.symbol(), f.side(), f.entry(), f.price(), f.volume(), f.commission(),
                f.swap(), f.profit(), f.timeMs(), DealReason.valueOf(f.reason().toUpperCase(Locale.ROOT)), f.signalId());
    }

    public boolean welcomed() { return link.welcomed(); }

    /** True while the trader's pause of new entries holds (any thread). */
    public boolean entriesPaused() { return entriesPaused; }

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
        link.recover(this::handleSignal, this::handleControl);
        // A max-speed replay is a conversation with the sidecar: nothing may be played before it listens.
        while (running && config.speed() <= 0 && !link.welcomed()) link.poll(20);
        startWall = System.currentTimeMillis();
        try {
            while (running && market.next(player)) { /* one quote or one bar at a time */ }
            if (bars != null) bars.flush();
            finished = true;
            sendAccount();
            // Let the last fills reach the sidecar before a replay ends. (With exactAccount the sidecar has answered the
            // last snapshot, sent after them: nothing is in flight.)
            long deadline = System.currentTimeMillis() + (exactAccount ? 0 : 3_000);
            while (running && System.currentTimeMillis() < deadline) {
                link.poll(20);
                stats = snapshotStats();
            }
        } finally {
            stats = snapshotStats();
        }
    }

    /** The market's events: quotes paced (or in lockstep), bars sent as they close, the path's stops at our levels. */
    private final MarketEvents.Sink player = new MarketEvents.Sink() {
        @Override
        public void quote(Tick t) {
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

        @Override
        public void barClosed(Bar b) { onBar(b); }

        @Override
        public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) {
            if (!broker.hasPosition(symbol)) return 0;
            return PathLevels.stopFirst(broker.snapshot().positions(), executor, symbol, lowBid, highBid, lowAsk, highAsk);
        }

        @Override
        public double nextLevel(String symbol, double fromBid, double toBid, double spread) {
            if (!broker.hasPosition(symbol)) return Double.NaN;
            return PathLevels.nextLevel(broker.snapshot().positions(), executor, symbol, fromBid, toBid, spread,
                    Math.pow(10, specs.get(symbol).digits()));
        }
    };

    private void onTick(Tick t) {
        if (firstTickMs == Long.MIN_VALUE) firstTickMs = t.timeMs();
        marketNowMs = Math.max(marketNowMs, t.timeMs());
        if (startMs == Long.MIN_VALUE) startMs = marketNowMs;
        ticks++;
        for (Deal d : executor.onTick(t)) report(d); // SL, TP, stop-out, delayed fills, then the TP1 partial closes
        reportOrders();                                // pending orders triggered or expired by this tick
        // Max speed: every window-th tick asks for an ack, and the previous such ack must be back before going on,
        // so the sidecar is never more than two windows behind; window 1 is exact lockstep (deterministic replays).
        sendTickValues(t.symbol());                   // before the tick: the sidecar values what it moves at this rate
        boolean probe = config.speed() <= 0 && ticks % config.replayWindow() == 0;
        long seq = link.sendFresh(new Payload.Tick(t.symbol(), t.bid(), t.ask(), t.last(), t.volume(), t.timeMs(), t.flags()), probe);
        if (probe && seq > 0) {
            if (config.replayWindow() > 1) probes.addLast(new long[]{seq, t.timeMs()});
            awaitEcho(config.replayWindow() == 1 ? seq : lastProbeSeq);
            lastProbeSeq = seq;
        }
        if (bars != null) bars.onTick(t);
        if (accountDirty || (ticks & 15) == 0) {
            trackDrawdown();
            governAccount();
        }
        if (accountDirty || t.timeMs() - lastSnapshotMs >= config.snapshotMs()) sendAccount();
        if ((ticks & 63) == 0) stats = snapshotStats();
    }

    /**
     * The paper broker's tick value moves with the conversion rate (a cross, a JPY pair) as MT5's does: the sidecar
     * learns it as from the EA (protocol §4c; {@link TickValueReports}: every symbol after each welcome, then a symbol
     * whose value moved more than 0.01 %, looked at on its own ticks once a second of market time at most, so a replay
     * sends the same updates every time). In exact lockstep too: the backtester applies the same reports at the same
     * quotes, so both size and govern with the same values.
     */
    private void sendTickValues(String symbol) {
        if (!link.welcomed()) return;
        tickValues.onQuote(symbol, marketNowMs, (sym, tv) -> link.sendFresh(new Payload.SymbolUpdate(sym.name(), tv), false));
    }

    /**
     * Lockstep for max-speed replays: the sidecar's answer to this tick (a signal, if any) arrives before its ack. A
     * batched replay gives up after 2 s; exact lockstep waits as long as the sidecar is alive (heard within its stale
     * limit): a loaded machine can take longer than 2 s to answer, and going on without the answer would execute its
     * signal a quote late, so the replay would no longer be deterministic.
     */
    private void awaitEcho(long seq) {
        boolean exact = config.replayWindow() == 1;
        long deadline = System.currentTimeMillis() + 2_000;
        while (running && echoed.get() < seq && link.welcomed()
                && (exact ? !link.sidecarStale() : System.currentTimeMillis() < deadline)) link.poll(1);
        if (exact && running && echoed.get() < seq && link.welcomed())
            log.warn("exact lockstep: no answer from the sidecar to message {} (silent past its stale limit); playing on", seq);
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
     * a fresh one), and a sped-up market sends at most ten a second of wall time unless a deal changed the account —
     * except with exactAccount, where the snapshots follow market time alone (every snapshotMs, as the backtester
     * sends them): a strategy that sizes on equity (the signal engine) must not see a different account depending on
     * how fast the machine replays.
     */
    private void sendAccount() {
        long wall = System.currentTimeMillis();
        if (!link.welcomed() || (!accountDirty && !exactAccount && wall - lastSnapshotWallMs < 100)) return;
        lastSnapshotWallMs = wall;
        AccountState a = broker.snapshot();
        if (firmStateDue) sendFirmState(a);
        // positions and resting pending orders; the paper server's clock is UTC (server offset 0). With exactAccount
        // the snapshot waits for the sidecar's answer as a tick does: what the governors do on it (flatten before the
        // weekend, at a loss limit) is executed at the quote it was taken at, as a backtest does — not a quote later.
        long seq = link.sendReliable(TradeMessages.toPayload(a, 0), exactAccount);
        lastSnapshotMs = marketNowMs;
        accountDirty = false;                 // (before the wait: deals made while waiting need a snapshot of their own)
        if (exactAccount && seq > 0) awaitEcho(seq);
    }

    /**
     * The firm state rebuilt from this terminal's own deal history (its deposit at the first market time and every deal
     * since), with the same replay the EA runs: the sidecar's governors start from it, so a demo is never blocked. Without
     * terminal governors there is no profile to rebuild with, and nothing is sent (the sidecar anchors as before).
     */
    private void sendFirmState(AccountState a) {
        if (governors == null || startMs == Long.MIN_VALUE) return; // no market time yet: the next snapshot sends it
        firmStateDue = false;
        List<HistoryDeal> history = new ArrayList<>();
        history.add(new HistoryDeal(startMs, HistoryDeal.Kind.BALANCE, 0, 0, broker.config().initialBalance()));
        for (Deal d : deals())
            history.add(new HistoryDeal(d.timeMs(), d.entry() == FillEntry.IN ? HistoryDeal.Kind.IN : HistoryDeal.Kind.OUT,
                    d.position(), d.volume(), d.profit() + d.commission() + d.swap()));
        AttachState st = HistoryReplay.rebuild(governors.profile(),
                new AttachInput(Math.max(marketNowMs, startMs), a.balance(), a.equity(), AttachInput.NO_START, Double.NaN, history));
        link.sendReliable(new Payload.FirmState(st.ok() ? "ok" : "blocked", st.rule(), st.reason(), st.blockedUntilMs(),
                Math.max(0, st.challengeStartMs()), st.initialBalance(), st.nowMs(), st.balance(), st.equity(), st.dayStartMs(),
                st.nextResetMs(), st.dayStartBalance(), st.dayStartEquity(), st.highWater(), st.tradingDays(), st.tradedToday(),
                st.profitableDays(), st.dayProfit(), st.bestDay(), st.dealsRead()));
        if (!st.ok()) log.warn("firm state: {}", st.reason());
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
        reportOrders();
        // as the EA: the governors' reservation is released if rejected, tied to the position's ticket if executed
        if (governors != null && o.update().status() != OrderStatus.ACCEPTED)
            govern(new OrderAck(marketNowMs, s.id(), o.update().status(), o.update().ticket()));
        return TradeMessages.toPayload(o.update());
    }

    // ------------------------------------------------------------------ the trader's controls (what the EA does)

    /** A control: applied once per id (a resent one is answered again), journaled, answered with a control_ack. */
    private void handleControl(Payload.Control c) {
        Payload.ControlAck known = journal.controlApplied(c.id());
        if (known != null) {
            link.sendReliable(known);
            return;
        }
        Payload.ControlAck ack = applyControl(c);
        journal.recordControl(ack, c.action(), marketNowMs);
        log.info("control {} {} ({}): {} {}", c.id(), c.action(), c.reason(), ack.status(), ack.reason());
        link.sendReliable(ack);
    }

    private Payload.ControlAck applyControl(Payload.Control c) {
        String sym = c.symbol();
        return switch (c.action()) {
            case "pause_entries" -> {
                entriesPaused = true;
                yield new Payload.ControlAck(c.id(), "applied", "new entries paused", 0, 0);
            }
            case "resume" -> {
                entriesPaused = false;
                yield new Payload.ControlAck(c.id(), "applied", "new entries allowed", 0, 0);
            }
            case "flatten_all" -> {
                int n = closeAndReport(p -> sym.isEmpty() || p.symbol().equals(sym));
                yield new Payload.ControlAck(c.id(), "applied", n + " position(s) closed", n, 0);
            }
            case "close_position" -> {
                boolean open = broker.snapshot().positions().stream().anyMatch(p -> p.ticket() == c.position());
                if (!open) yield new Payload.ControlAck(c.id(), "refused", "no open position with ticket " + c.position(), 0, 0);
                int n = closeAndReport(p -> p.ticket() == c.position());
                yield n == 1 ? new Payload.ControlAck(c.id(), "applied", "position " + c.position() + " closed", 1, 0)
                        : new Payload.ControlAck(c.id(), "refused", "the broker did not close position " + c.position(), 0, 0);
            }
            // every resting limit and stop order (of the symbol when given): all of them are VProp's on paper
            case "cancel_pending" -> {
                int n = 0;
                for (io.vprop.trade.PendingOrder o : broker.restingOrders())
                    if ((sym.isEmpty() || o.symbol().equals(sym)) && broker.cancel(o.ticket(), marketNowMs).ok()) n++;
                reportOrders();
                yield new Payload.ControlAck(c.id(), "applied", n + " pending order(s) cancelled", 0, n);
            }
            default -> new Payload.ControlAck(c.id(), "refused", "unknown action " + c.action(), 0, 0);
        };
    }

    /** Closes the positions {@code which} selects at market and reports the deals; returns how many closed. */
    private int closeAndReport(java.util.function.Predicate<Position> which) {
        List<Deal> deals = executor.closeWhere(marketNowMs, DealReason.CLIENT, which);
        for (Deal d : deals) report(d);
        return (int) deals.stream().filter(d -> d.entry() == FillEntry.OUT || d.entry() == FillEntry.INOUT)
                .mapToLong(Deal::position).distinct().count();
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
        if (entriesPaused && wanted.opens())
            return new SignalExecutor.Refusal("control.paused", "new entries are paused by the trader (resume to trade again)");
        if (governors == null || !wanted.opens() || q == null) return null;
        SymbolSpec spec = specs.get(wanted.symbol());
        double px = wanted.side() == Side.BUY ? q.ask() : q.bid();
        OrderCheck check;
        try {
            OrderIntent order = OrderIntent.open(wanted.symbol(), wanted.side(), wanted.lots(), px, wanted.maxDeviation(),
                    wanted.sl(), wanted.tp1(), wanted.tp2(), wanted.expiryMs(), wanted.alpha(), wanted.regime(),
                    wanted.confidence(), wanted.reason());
            if (wanted.type().pending()) order = wanted;   // a pending order is judged entering at its trigger, resting to its expiry
            check = new OrderCheck(marketNowMs, order, Double.NaN, spec.tickValue() / spec.tickSize(), gatedSignal, wanted.type());
        } catch (IllegalArgumentException e) {
            // The market moved past the signal's stop since it was decided (a batched replay runs ahead of the
            // sidecar): the order cannot be placed as sent, so it is refused, as the EA's broker would refuse it.
            return new SignalExecutor.Refusal("broker.invalid_stops", "at " + px + ": " + e.getMessage());
        }
        RuleVerdict d = govern(check);
        return d != null && !d.allowed() ? new SignalExecutor.Refusal(d.ruleId(), "terminal governors: " + d.message()) : null;
    }

    private void report(Deal d) {
        accountDirty = true;
        if (governors != null) govern(new FillEvent(Math.max(d.timeMs(), marketNowMs), d.toFill(), openTimeOf(d)));
        Payload.Fill fill = new Payload.Fill(d.ticket(), d.order(), d.position(), d.comment() == null ? "" : d.comment(),
                d.symbol(), d.side().wire(), d.entry().wire(), d.price(), d.volume(), d.commission(), d.swap(), d.profit(), d.timeMs(),
                d.reason().wire());
        journal.recordFill(dealPeer(), fill, 0, marketNowMs); // the deal history (MT5 keeps it on disk, so does this)
        dealCount++;
        link.sendReliable(fill);
    }

    /** Tickets the governors had cancelled before a news window: their order message says why. */
    private final java.util.Set<Long> newsCancelled = new java.util.HashSet<>();

    /**
     * The pending orders' steps at the paper server, as the EA reports them from OnTradeTransaction: an {@code order}
     * message each, and the terminal's own governors follow them (the paper server's clock is UTC: offset 0).
     */
    private void reportOrders() {
        for (OrderEvent e : broker.drainOrderEvents()) {
            accountDirty = true;
            String reason = e.reason();
            if (e.state().equals("cancelled") && newsCancelled.remove(e.order().ticket())) reason = "news-pending";
            link.sendReliable(TradeMessages.toPayload(e.order(), e.state(), reason, e.timeMs(), 0));
            if (governors == null || e.state().equals("modified")) continue;
            SymbolSpec spec = specs.get(e.order().symbol());
            govern(new PendingEvent(Math.max(e.timeMs(), marketNowMs), PendingEvent.State.valueOf(e.state().toUpperCase(Locale.ROOT)),
                    new ValuedOrder(e.order(), spec.tickValue() / spec.tickSize()), reason));
        }
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
        // open times of the open positions only: a closed one's exit deals were reported when it closed (a year's
        // soak kept ~40,000 closed positions' times here)
        if (openTimes.size() > a.positions().size())  // (only then is one closed: no set built on every 16th tick)
            openTimes.keySet().retainAll(a.positions().stream().map(Position::ticket).collect(java.util.stream.Collectors.toSet()));
        for (Position p : a.positions()) {
            openTimes.putIfAbsent(p.ticket(), p.openTimeMs());
            SymbolSpec spec = specs.get(p.symbol());
            Position onGovernorClock = new Position(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.sl(), p.tp(),
                    p.profit(), p.swap(), p.commission(), Math.min(p.openTimeMs(), marketNowMs), p.signalId());
            ps.add(new ValuedPosition(onGovernorClock, spec.tickValue() / spec.tickSize()));
        }
        List<ValuedOrder> os = new ArrayList<>(a.orders().size());
        for (io.vprop.trade.PendingOrder o : a.orders()) {
            SymbolSpec spec = specs.get(o.symbol());
            os.add(new ValuedOrder(o, spec.tickValue() / spec.tickSize()));
        }
        govern(new AccountSnapshot(marketNowMs, a.balance(), a.equity(), ps, os, os.size()));
        // the governors' news cancellation, as the EA executes it: resting orders that could fill inside an embargo
        for (long ticket : governors.pendingToCancel()) {
            if (broker.cancel(ticket, marketNowMs).ok()) newsCancelled.add(ticket);
        }
        reportOrders();
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
        return new Stats(ticks, barCount, signals, executed, rejected, dealCount, link.welcomes(), a.balance(), a.equity(),
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
