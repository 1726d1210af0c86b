package io.vprop.research.backtest;

import io.vprop.governors.outcome.Action;
import io.vprop.market.Bar;
import io.vprop.market.BarAggregator;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.DealReason;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.paper.broker.PathLevels;
import io.vprop.paper.broker.SignalExecutor;
import io.vprop.paper.broker.TickValueReports;
import io.vprop.research.BacktestResult;
import io.vprop.research.Breach;
import io.vprop.research.EquityCurve;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.PreTradeVerdict;
import io.vprop.risk.RiskEngine;
import io.vprop.risk.TerminalView;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Position;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * One backtest: the live path's pieces wired in one thread (docs/backtesting.md). Per quote, in the paper
 * terminal's order: the broker's deals (SL, TP, stop-out, delayed fills) and the EA's TP1 partials → fills to the
 * governors and the strategy; the quote to the strategy; the bars it closes to the strategy; the account snapshot
 * (after deals, and every {@code snapshotMs}); the governors' clock. Orders a callback submits pass the risk engine
 * (with the governors as its last check, as in the kernel) at once and are executed on the broker when that callback
 * returns, at the quote of that moment. The governors also see the account at every equity change.
 */
final class BacktestRun implements StrategyContext, TerminalView, MarketFeed.Sink {
    private static final String TERMINAL = "backtest", ACCOUNT = "1";
    private static final String PEER = TERMINAL + "/" + ACCOUNT + "/all-symbols";
    private static final long FLATTEN_EVERY_MS = 5_000, CLOCK_EVERY_MS = 1_000;
    /** How far ahead the governors learn a release: the kernel pushes the next 24 h of the calendar (NewsFeed). */
    private static final long NEWS_HORIZON_MS = 24 * 3_600_000L;

    private record Order(String id, OrderIntent intent) {
    }

    private static final class SymbolState {
        final SymbolSpec spec;
        /**
         * The spec as the terminal last told it: the hello's, then each tick value it sends (symbol_update, as
         * {@link TickValueReports} says when). The strategy, the risk engine and the governors see this one, as the
         * kernel's session does.
         */
        SymbolSpec told;
        TickValueReports.Symbol reports;
        Tick last;               // the last quote (null before the first)
        DoubleSupplier tickValue; // the broker's tick value of the symbol now (PaperBroker#tickValueOf)
        TradeBook.Symbol trades;  // the symbol's open trades in the book
        boolean hasPosition;      // the broker has a position of the symbol, as of deal number positionsAt
        long positionsAt = -1;

        final double pow10;      // 10^digits: quotes are in whole points

        SymbolState(SymbolSpec spec) {
            this.spec = spec;
            this.told = spec;
            this.pow10 = Math.pow(10, spec.digits());
        }
    }

    private final BacktestConfig config;
    /** Take the shortcuts that change no result (Backtester#shortcuts: off only in tests, to compare). */
    private final boolean shortcuts;
    private final Strategy strategy;
    private final BacktestListener listener;
    private final PaperBroker broker;
    private final SignalExecutor executor;
    private final RiskEngine risk;
    private final AccountGovernors governors;
    /** When the terminal would tell the sidecar a symbol's tick value (symbol_update): applied at the same quotes. */
    private final TickValueReports tickValues;
    private final TickValueReports.Listener toldTickValue = this::toldTickValue;
    /** Each symbol's state by its {@link TickValueReports.Symbol#index()}. */
    private final SymbolState[] byReport;
    /** How many tick values the terminal told that changed a spec (the counter tick_value_updates). */
    private long tickValueUpdates;
    /** {@link #specs()}: each symbol's spec as last told, in the config's order. */
    private final Collection<SymbolSpec> toldSpecs;
    /** Symbols told a new tick value whose re-valuation the governors are still owed ({@link #revalue}). */
    private final List<String> revalueDue = new ArrayList<>(2);
    /** Per symbol what each quote and each spec() asks for, behind one lookup. */
    private final Map<String, SymbolState> symbols = new HashMap<>();
    /** The same by the String instances seen (see state): open addressing on the identity hash, half full at most. */
    private final String[] seenNames = new String[64];
    private final SymbolState[] seenStates = new SymbolState[64];
    private int seenCount;
    /** The same by a numbering feed's number (quote(int, Tick)), with the name instance it came with. */
    private SymbolState[] numbered = new SymbolState[16];
    private String[] numberedNames = new String[16];
    private boolean quoted;                                    // some symbol has a last quote
    private final Set<String> pendingSymbols = new HashSet<>();
    private final Map<String, String> pendingBySignal = new HashMap<>();
    private final Set<String> governorCloses = new HashSet<>();
    private final ArrayDeque<Order> outbox = new ArrayDeque<>();
    private final TradeBook book;
    private final EquityCurve.Recorder equity = new EquityCurve.Recorder();
    private final List<Breach> breaches = new ArrayList<>();
    private final Map<String, Long> counters = new TreeMap<>();
    /** What count() adds up, a cell per name (a TreeMap's merge per deal was a backtest's hottest map), into counters at the end. */
    private final Map<String, long[]> counts = new HashMap<>();
    private BarAggregator bars;
    private AccountState account;
    /**
     * The broker's account as last taken, while nothing can have changed it (no quote, no deal since): the bar path's
     * levels, the equity curve and the snapshot at the end of a quote share it. Null: take a new one.
     */
    private AccountState brokerState;
    private boolean fromBars, accountDirty = true, dealsThisQuote, draining, stopped;
    private long nowMs = Long.MIN_VALUE, firstMs = Long.MIN_VALUE, lastSnapshotMs = Long.MIN_VALUE / 2;
    private long lastClockMs = Long.MIN_VALUE / 2, lastFlattenMs = Long.MIN_VALUE / 2;
    private long equityBucketEnd = Long.MIN_VALUE;            // end of the current equity-sampling bar
    private long quotes, barsIn, signalCounter;
    private long dealCount;                                    // the deals so far: positions change only with one
    private long barsToStrategy, snapshots, governorEvaluations; // per-quote counts: fields, not map lookups
    private String exitLabel;                                  // set while the run itself closes positions at its end
    private final Function<String, SymbolSpec> specOf = this::spec;
    /** The calendar's releases by release time, and the first the governors have not been told of yet. */
    private final NewsRelease[] news;
    private int nextNews;
    private final Map<String, String> decisionKeys = new HashMap<>();  // kind → its counter (a replay decides thousands of times)
    /**
     * The governors' last evaluation was of the account at this instant (nothing since: no fill, no order check): a
     * clock tick now would find the same state at the same time and could change nothing, so it is not run.
     */
    private boolean accountJustGoverned;
    /** The governors gave notices since checkHalt last looked: only then can their action have changed (a notice says so). */
    private boolean governorsSpoke;

    BacktestRun(BacktestConfig config, Strategy strategy, BacktestListener listener, boolean shortcuts) {
        this.shortcuts = shortcuts;
        this.config = config;
        this.strategy = strategy;
        this.listener = listener;
        Map<String, SymbolSpec> specs = new LinkedHashMap<>();   // the config's (the hello's), by symbol, in order
        for (SymbolSpec s : config.specs()) {
            specs.put(s.symbol(), s);
            symbols.put(s.symbol(), new SymbolState(s));
        }
        this.broker = new PaperBroker(config.broker());
        this.tickValues = new TickValueReports(broker, specs.keySet());
        SymbolState[] inOrder = specs.keySet().stream().map(symbols::get).toArray(SymbolState[]::new);
        this.byReport = inOrder;                              // (the reports number the symbols in the same order)
        this.toldSpecs = new java.util.AbstractCollection<>() {
            @Override
            public java.util.Iterator<SymbolSpec> iterator() {
                return Arrays.stream(inOrder).map(st -> st.told).iterator();
            }

            @Override public int size() { return inOrder.length; }
        };
        for (SymbolState st : symbols.values()) {
            st.tickValue = broker.tickValueOf(st.spec.symbol());
            st.reports = tickValues.symbol(st.spec.symbol());
        }
        this.executor = new SignalExecutor(broker, config.breakEvenAfterTp1(), warning -> count("executor_warnings"));
        this.risk = new RiskEngine(config.maxPositionsPerSymbol());
        this.governors = config.profile() == null ? null
                : new AccountGovernors(config.profile(), config.profileId(), config.broker().initialBalance(),
                GovernorStateStore.none());
        if (governors != null) risk.add(governors);
        this.book = new TradeBook(this::specAtRate);
        this.news = config.news().stream().sorted(Comparator.comparingLong(NewsRelease::releaseMs))
                .toArray(NewsRelease[]::new);
        for (SymbolState st : symbols.values()) st.trades = book.symbol(st.spec.symbol());
    }

    BacktestResult play(MarketFeed feed) {
        fromBars = feed.fromBars();
        if (!fromBars) bars = new BarAggregator(config.barTimeframes().toArray(new Timeframe[0]),
                symbol -> spec(symbol).point(), this::deliverBar);
        strategy.start(this);
        long reported = 0;
        while (!stopped && feed.advance(this)) {
            long n = events();
            if (n != reported && (n & 4095) == 0) listener.progress(reported = n, nowMs);
        }
        if (nowMs != Long.MIN_VALUE) finish();
        strategy.stop(this);
        counts.forEach((k, v) -> counters.merge(k, v[0], Long::sum));
        counters.put("quotes", quotes);
        if (tickValueUpdates > 0) counters.put("tick_value_updates", tickValueUpdates);
        counters.put("bars_in", barsIn);
        counters.put("bars_to_strategy", barsToStrategy);
        counters.put("account_snapshots", snapshots);
        counters.put("governor_evaluations", governorEvaluations);
        listener.progress(events(), nowMs);
        return new BacktestResult(book.trades(), equity.take(), breaches, config.broker().initialBalance(),
                config.broker().currency(), firstMs == Long.MIN_VALUE ? 0 : firstMs, nowMs == Long.MIN_VALUE ? 0 : nowMs,
                events(), counters);
    }

    private long events() { return fromBars ? barsIn : quotes; }

    /** The end of the data: the last bars (the terminal flushes them too), the last snapshot, then what is left open. */
    private void finish() {
        if (bars != null && !stopped) {
            bars.flush();
            drain();
        }
        AccountState last = broker.snapshot();
        if (!last.positions().isEmpty()) {
            if (config.closeAtEnd() || stopped) {
                exitLabel = stopped ? "halt" : "end_of_data";
                for (Deal d : executor.closeAll(nowMs, DealReason.CLIENT)) onDeal(d);
                exitLabel = null;
            } else {
                counters.put("positions_open_at_end", (long) last.positions().size());
            }
        }
        sampleEquity(nowMs);
        if (stopped) count("stopped_at_halt");
    }

    // ------------------------------------------------------------------ the market (MarketFeed.Sink)

    @Override
    public void quote(Tick t) { quote(state(t.symbol()), t); }

    @Override
    public void quote(int symbolNo, Tick t) { quote(numbered(symbolNo, t.symbol()), t); }

    private void quote(SymbolState symbol, Tick t) {
        if (symbol == null) throw new IllegalArgumentException("no symbol spec for " + t.symbol() + " (market data)");
        if (t.timeMs() < nowMs) throw new IllegalArgumentException("market data go back in time: " + t.symbol() + " at "
                + t.timeMs() + " after " + nowMs);
        nowMs = t.timeMs();
        if (firstMs == Long.MIN_VALUE) firstMs = nowMs;
        quotes++;
        if (nowMs >= equityBucketEnd) {                       // the account as the previous sampling bar left it
            equityBucketEnd = config.equitySampling().openTime(nowMs) + config.equitySampling().millis();
            sampleEquity(nowMs);
        }
        dealsThisQuote = false;
        accountJustGoverned = false;
        brokerState = null;                                   // the quote moves prices (and may pass a rollover)
        if (nextNews < news.length) learnNews();
        List<Deal> deals = executor.onTick(t);
        // The terminal sends this quote's fills, its tick values and the tick, then waits for the sidecar's answer to
        // the tick: what the sidecar submits while handling any of them is executed after it handled them all.
        boolean outer = holdOrders();
        try {
            for (int i = 0, n = deals.size(); i < n; i++) onDeal(deals.get(i));
            tickValues.onQuote(symbol.reports, nowMs, toldTickValue);   // after the deals, before the tick
            book.onQuote(symbol.trades, t);
            symbol.last = t;
            quoted = true;
            strategy.onTick(t, this);
        } finally {
            releaseOrders(outer);
        }
        if (bars != null) bars.onTick(t);
        endOfQuote(symbol);
        if (equity.isEmpty()) sampleEquity(nowMs);            // the first event
    }

    @Override
    public void barClosed(Bar b) {
        barsIn++;
        deliverBar(b);
        checkHalt();
    }

    private void deliverBar(Bar b) {
        barsToStrategy++;
        strategy.onBar(b, this);
        drain();
    }

    @Override
    public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) {
        return PathLevels.stopFirst(executor, symbol, lowBid, highBid, lowAsk, highAsk);   // (the broker's positions: no snapshot)
    }

    @Override
    public double nextLevel(String symbol, double fromBid, double toBid, double spread) {
        // most legs are of symbols without a position: no level, and no need to find the symbol's digits
        if (shortcuts && !broker.hasPosition(symbol)) return Double.NaN;
        return PathLevels.nextLevel(executor, symbol, fromBid, toBid, spread, state(symbol).pow10);
    }

    /**
     * The same with the symbol's digits at hand. Whether the broker has a position of the symbol is asked again only
     * after a deal (every change of the broker's positions is one, and each comes through onDeal): most legs are of
     * symbols without one, and asking walks the positions.
     */
    @Override
    public double nextLevel(int symbolNo, String symbol, double fromBid, double toBid, double spread) {
        SymbolState st = numbered(symbolNo, symbol);
        if (st == null) return nextLevel(symbol, fromBid, toBid, spread);
        if (shortcuts) {
            if (st.positionsAt != dealCount) {
                st.hasPosition = broker.hasPosition(symbol);
                st.positionsAt = dealCount;
            }
            if (!st.hasPosition) return Double.NaN;
        }
        return PathLevels.nextLevel(executor, symbol, fromBid, toBid, spread, st.pow10);
    }

    /**
     * After the quote's callbacks: the governors see the account whenever its equity can have moved (a deal, or a
     * quote of a symbol with an open position); the strategy gets a snapshot after deals and every snapshotMs, as the
     * terminal sends them; then the governors' clock, at most once a second.
     */
    private void endOfQuote(SymbolState symbol) {
        boolean send = accountDirty || nowMs - lastSnapshotMs >= config.snapshotMs();
        boolean moved = governors != null && (dealsThisQuote || symbol.trades.hasOpen());  // (asked only for them)
        if (!revalueDue.isEmpty() && !send && !(moved && account != null)) revalue();   // no snapshot to do it
        if (send || (moved && account != null)) {
            AccountState a = brokerState();
            if (send) {
                account = a;
                lastSnapshotMs = nowMs;
                accountDirty = false;
                snapshots++;
            }
            if (governors != null) {
                revalueDue.clear();                           // this snapshot values every position at the told specs
                govern(governors.onAccount(PEER, nowMs, a, config.broker().currency(), specOf));
                governorEvaluations++;
                accountJustGoverned = true;
            }
            if (send) {
                strategy.onAccount(a, this);
                drain();
            }
        }
        if (governors != null && account != null && nowMs - lastClockMs >= CLOCK_EVERY_MS) {
            lastClockMs = nowMs;
            if (!accountJustGoverned) govern(governors.onClock(PEER, nowMs));
            enforceFlat();
        }
        if (news.length > 0 && governors != null) cancelForNews();
        checkHalt();
    }

    /**
     * The releases due within the next 24 h, each told once to the governors, as the kernel pushes the calendar; one
     * already past is never told. Before the governors know the account (no snapshot yet) they are told later.
     */
    private void learnNews() {
        if (governors == null) {
            nextNews = news.length;
            return;
        }
        for (; nextNews < news.length && news[nextNews].releaseMs() < nowMs + NEWS_HORIZON_MS; nextNews++) {
            NewsRelease n = news[nextNews];
            if (n.releaseMs() < nowMs) continue;
            Optional<List<AccountGovernors.Notice>> told = governors.onNews(PEER, nowMs, n.releaseMs(), n.currency(), n.impact());
            if (told.isEmpty()) return;                       // no account yet: at a later quote
            count("news_learnt");
            accountJustGoverned = false;
            govern(told.get());
        }
    }

    /** The news rule's cancellation of resting orders that could fill inside an embargo, as the EA executes it. */
    private void cancelForNews() {
        List<Long> tickets = governors.pendingToCancel(PEER);
        for (int i = 0, n = tickets.size(); i < n; i++) {
            if (!broker.cancel(tickets.get(i), nowMs).ok()) continue;
            count("news_cancelled");
            brokerState = null;
            accountDirty = true;                              // the next snapshot no longer shows the order
        }
    }

    /** A halted account has lost the challenge: the run ends here unless asked to go on. */
    private void checkHalt() {
        if (!governorsSpoke) return;
        governorsSpoke = false;
        if (config.stopAtHalt() && governors != null && governors.action(PEER) == Action.FLATTEN_AND_HALT) stopped = true;
    }

    // ------------------------------------------------------------------ the terminal's answers

    private void onDeal(Deal d) {
        dealCount++;
        Fill f = d.toFill();
        brokerState = null;
        dealsThisQuote = true;
        accountJustGoverned = false;
        accountDirty = true;
        count("deals");
        book.onDeal(d, label(d));
        sampleEquity(d.timeMs());
        listener.filled(f);
        if (exitLabel != null) return;                          // the run's own end: nobody to tell
        boolean outer = holdOrders();
        try {
            if (governors != null) govern(governors.onFill(PEER, nowMs, f));
            strategy.onFill(f, this);
        } finally {
            releaseOrders(outer);
        }
    }

    private void onOrderUpdate(OrderUpdate u) {
        if (u.status() != OrderStatus.ACCEPTED) {
            String symbol = pendingBySignal.remove(u.signalId());
            if (symbol != null) pendingSymbols.remove(symbol);
        }
        count(u.status() == OrderStatus.EXECUTED ? "executed" : "rejected." + u.rule());
        if (governors != null && exitLabel == null) govern(governors.onOrderUpdate(PEER, nowMs, u));
        listener.answered(nowMs, u);
        strategy.onOrderUpdate(u, this);
    }

    /** Sends what callbacks submitted to the terminal, in order; what their answers submit follows. */
    private void drain() {
        if (draining || outbox.isEmpty()) return;           // (asked twice a quote: nothing to send almost always)
        draining = true;
        try {
            Order o;
            while ((o = outbox.poll()) != null) {
                SignalExecutor.Outcome out = executor.execute(o.id(), o.intent(), nowMs, SignalExecutor.Gate.NONE);
                List<Deal> deals = out.deals();
                for (int i = 0, n = deals.size(); i < n; i++) onDeal(deals.get(i));
                onOrderUpdate(out.update());
            }
        } finally {
            draining = false;
        }
    }

    /** The exit's name in a trade's exit reason. */
    private String label(Deal d) {
        if (exitLabel != null) return exitLabel;
        return switch (d.reason()) {
            case TP1_PARTIAL -> "tp1";
            case TP -> "tp";
            case SL -> "sl";
            case STOP_OUT -> "stop_out";
            case GOVERNOR -> "governors";
            case CLIENT, EXPERT -> governorCloses.contains(d.comment()) ? "governors" : "close";
        };
    }

    // ------------------------------------------------------------------ the governors

    /** What the governors decided: breaches are recorded in their words; a pause or halt flattens the account. */
    private void govern(List<AccountGovernors.Notice> notices) {
        if (notices.isEmpty()) return;
        governorsSpoke = true;
        for (AccountGovernors.Notice n : notices) {
            count("governor_notices." + n.kind() + (n.status().isEmpty() ? "" : "." + n.status().toLowerCase(Locale.ROOT)));
            if (n.kind().equals("rule") && n.status().equals("BREACH"))
                breaches.add(new Breach(n.tsMs(), n.ruleId(), n.action(), breachWords(n, notices)));
        }
        enforceFlat();
    }

    /**
     * The governors' words for a breach: the verdict's message when the same evaluation changed the action for this
     * rule (it states the measured value and the limit), else the rule's note with its value and limit.
     */
    private static String breachWords(AccountGovernors.Notice rule, List<AccountGovernors.Notice> notices) {
        for (AccountGovernors.Notice n : notices)
            if (n.kind().equals("action") && n.ruleId().equals(rule.ruleId()) && !n.message().isBlank()) return n.message();
        return String.format(Locale.ROOT, "%s (value %,.2f, limit %,.2f)", rule.message(), rule.measured(), rule.threshold());
    }

    /** As the kernel does: under a pause or a halt, close every position of the last snapshot, again every 5 s. */
    private void enforceFlat() {
        Action a = governors.action(PEER);
        if (a != Action.PAUSE_UNTIL_RESET && a != Action.FLATTEN_AND_HALT) return;
        if (account == null || account.positions().isEmpty() || nowMs - lastFlattenMs < FLATTEN_EVERY_MS) return;
        lastFlattenMs = nowMs;
        for (Position p : account.positions()) {
            Submission s = submit(OrderIntent.close(p.symbol(), p.side().opposite(), p.ticket(), nowMs + config.signalTtlMs(),
                    "governors: " + a.name().toLowerCase(Locale.ROOT)));
            if (s.sent()) governorCloses.add(s.id());
        }
        drain();
    }

    // ------------------------------------------------------------------ what the strategy sees (StrategyContext)

    @Override
    public Submission submit(OrderIntent order) {
        accountJustGoverned = false;                          // the risk engine asks the governors
        if (!revalueDue.isEmpty()) revalue();
        PreTradeVerdict v = risk.check(order, this);
        Submission s;
        if (!v.allowed()) {
            count("refused." + v.rule());
            s = Submission.refused(PEER, v.rule(), v.reason());
        } else {
            String id = TERMINAL + ACCOUNT + "-" + Long.toString(nowMs, 36) + "-" + ++signalCounter;
            if (order.opens()) {
                pendingSymbols.add(order.symbol());
                pendingBySignal.put(id, order.symbol());
                if (governors != null) governors.onSignalSent(this, id, order);   // in flight until answered, as the kernel
            }
            book.ordered(id, order);
            outbox.add(new Order(id, order));
            count("signals");
            s = Submission.sentAs(id, PEER);
        }
        listener.submitted(nowMs, order, s);
        return s;
    }

    @Override
    public void decision(String kind, Object decision) {
        count(decisionKeys.computeIfAbsent(kind, k -> "decisions." + k));
        if (decision instanceof Map<?, ?> m && m.get("signal_id") instanceof String id && m.get("timeframe") instanceof String tf)
            book.timeframe(id, tf);
        listener.decided(nowMs, kind, decision);
    }

    @Override
    public double[] headroom() {
        if (governors == null) return new double[]{Double.MAX_VALUE, Double.MAX_VALUE};
        if (!revalueDue.isEmpty()) revalue();
        return governors.headroom(PEER);                      // as a snapshot published now (the kernel: 4 a second)
    }

    @Override public long nowMs() { return nowMs; }

    @Override public String peer() { return PEER; }

    @Override public boolean live() { return true; }

    /**
     * The symbol's spec as the terminal last told it (the hello's, then each symbol_update): what the kernel's session
     * gives the strategy, the risk engine and the governors. A live terminal tells a cross's or a JPY pair's tick value
     * as it moves (more than 0.01 %, looked at once a second at most: {@link TickValueReports}), so this is within
     * that of the broker's value now.
     */
    @Override public SymbolSpec spec(String symbol) {
        SymbolState st = state(symbol);
        return st == null ? null : st.told;
    }

    /**
     * The terminal told a symbol's tick value (symbol_update), handled as the kernel does: the session's spec, then
     * the governors re-value what the account holds in it (AccountGovernors.onSymbolSpec; {@link #revalue}: when first
     * asked), then the strategy.
     */
    private void toldTickValue(TickValueReports.Symbol told, double tickValue) {
        SymbolState st = byReport[told.index()];
        String symbol = st.spec.symbol();
        if (st.told.tickValue() == tickValue) return;          // the kernel ignores an unchanged value
        st.told = st.told.withTickValue(tickValue);
        tickValueUpdates++;
        if (governors != null) revalueDue.add(symbol);
        boolean outer = holdOrders();
        try {
            strategy.onSymbolSpec(st.told, this);
        } finally {
            releaseOrders(outer);
        }
    }

    /**
     * The governors' re-valuation of the symbols told a new tick value (AccountGovernors.onSymbolSpec), which the
     * kernel does as each update arrives. It moves only what the open risk reads (the snapshot is fed again at the
     * governors' own time: no equity, no clock), so it is done when something asks the governors before the quote's
     * own snapshot evaluation (a pre-trade check, the headroom), or at the end of a quote that has none; that
     * evaluation values every position at the told specs anyway (a bar backtest tells a JPY pair's value nearly every
     * quote, and each re-valuation of a dozen positions is a full evaluation).
     */
    private void revalue() {
        for (int i = 0; i < revalueDue.size(); i++) govern(governors.onSymbolSpec(PEER, nowMs, revalueDue.get(i), specOf));
        revalueDue.clear();
    }

    /**
     * Holds back what is submitted (the governors' flatten, the strategy's orders) until what is being handled is
     * handled whole, as the kernel answers the terminal's messages before the terminal executes any of it: the
     * strategy hears of a tick value or a fill (and of the tick) before the answers to the orders they caused. Nested
     * holds are one. Returns the state to hand to {@link #releaseOrders}.
     */
    private boolean holdOrders() {
        boolean outer = draining;
        draining = true;
        return outer;
    }

    private void releaseOrders(boolean outer) {
        draining = outer;
        drain();                                              // (inside an outer drain: that loop sends them)
    }

    /**
     * The symbol's spec with the tick value at the broker's current rate of its profit currency (once that pair is
     * quoted): the trade book values a trade's risk and excursions with it, as the broker values its P&L.
     */
    private SymbolSpec specAtRate(String symbol) {
        SymbolState st = state(symbol);
        if (st == null) return null;
        SymbolSpec s = st.spec;
        double tickValue = st.tickValue.getAsDouble();
        if (!(Double.isFinite(tickValue) && tickValue > 0 && tickValue != s.tickValue())) return s;
        return s.withTickValue(tickValue);
    }

    /** The specs as the terminal last told them, in the config's order (a view: no copy per call or per update). */
    @Override public Collection<SymbolSpec> specs() { return toldSpecs; }

    @Override public AccountState account() { return account; }

    @Override public Tick lastTick(String symbol) {
        SymbolState st = state(symbol);
        return st == null ? null : st.last;
    }

    @Override public boolean pending(String symbol) { return pendingSymbols.contains(symbol); }

    // ------------------------------------------------------------------ records

    /**
     * The symbol's state, first by the String instance: the feed names a symbol with the same instance quote after
     * quote, and its identity hash finds it in a probe or two, where scanning the symbols or hashing the name at every
     * quote and leg cost more. Null: unknown.
     */
    private SymbolState state(String symbol) {
        int mask = seenNames.length - 1;
        for (int i = System.identityHashCode(symbol) & mask; ; i = (i + 1) & mask) {
            String name = seenNames[i];
            if (name == symbol) return seenStates[i];
            if (name == null) break;
        }
        SymbolState st = symbols.get(symbol);
        if (st != null && seenCount < seenNames.length / 2) {   // (a strategy making new names: the map answers them)
            int i = System.identityHashCode(symbol) & mask;
            while (seenNames[i] != null) i = (i + 1) & mask;
            seenNames[i] = symbol;
            seenStates[i] = st;
            seenCount++;
        }
        return st;
    }

    /** {@link #state} by a numbering feed's symbol number: an array read while the name is the same instance. */
    private SymbolState numbered(int no, String symbol) {
        if (no >= 0 && no < numbered.length && numberedNames[no] == symbol) return numbered[no];
        SymbolState st = state(symbol);
        if (st != null && no >= 0 && no < 1 << 16) {                   // (a bar feed has fewer than 2^16 lanes)
            if (no >= numbered.length) {
                numbered = Arrays.copyOf(numbered, Math.max(2 * numbered.length, no + 1));
                numberedNames = Arrays.copyOf(numberedNames, numbered.length);
            }
            numbered[no] = st;
            numberedNames[no] = symbol;
        }
        return st;
    }

    private AccountState brokerState() {
        if (brokerState == null) brokerState = broker.snapshot();
        return brokerState;
    }

    private void sampleEquity(long timeMs) {
        if (!quoted) return;
        // the snapshot's numbers: from the snapshot when there is one, else from the broker without making one
        double balance = brokerState != null ? brokerState.balance() : broker.snapshotBalance();
        double eq = brokerState != null ? brokerState.equity() : broker.snapshotEquity();
        equity.sample(timeMs, balance, eq);                   // (the same point as the last is not kept)
    }

    private void count(String what) {
        long[] c = counts.get(what);
        if (c == null) counts.put(what, c = new long[1]);
        c[0]++;
    }
}
