package io.vprop.strategy;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.signal.Decision;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.Skip;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.edge.FittedWinProbability;
import io.vprop.signal.port.RiskBudget;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Side;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The signal engine (io.vprop.signal) as the strategy for one terminal (or one backtest): market data in, candidates
 * out as signals through the risk engine, skips published with their reasons, fills and closed trades fed back so
 * the bandit and the weights learn. The engine's clock is the terminal's, so replays and live trading agree. Trade
 * memory and served models come in through {@link TradeLearning}.
 */
public final class SignalEngineStrategy implements Strategy {
    /** The names as decisions spell them (lower case), once. */
    private static final String[] ALPHAS = lowerNames(AlphaId.values()), REGIMES = lowerNames(Regime.values());

    private final SignalConfig config;
    private final EventSource events;
    private final TradeLearning learning;
    private SignalEngine engine;
    /** How many trades closed before this strategy started the engine learnt again when it was built. */
    private int relearnt;
    private final Map<String, Sent> sent = new HashMap<>();
    private final Map<Long, Trade> open = new HashMap<>();
    /** The account the engine was last told of: the same (immutable) snapshot again tells it nothing new. */
    private AccountState told;

    private record Sent(String symbol, AlphaId alpha, Regime regime, double price, double riskMoney, String grade,
                        String timeframe, long signalTimeMs, TradeLearning.Entry learning) {
    }

    private static final class Trade {
        final Sent origin;
        final double volume, entryPrice, slippage;
        final long entryTimeMs;
        final Side side;
        double closed, pnl;

        Trade(Sent origin, double volume, double pnl, double entryPrice, double slippage, long entryTimeMs, Side side) {
            this.origin = origin;
            this.volume = volume;
            this.pnl = pnl;
            this.entryPrice = entryPrice;
            this.slippage = slippage;
            this.entryTimeMs = entryTimeMs;
            this.side = side;
        }
    }

    public SignalEngineStrategy(SignalConfig config, EventSource events) {
        this(config, events, TradeLearning.NONE);
    }

    /** @param learning trade memory and served models (the kernel's), or {@link TradeLearning#NONE} */
    public SignalEngineStrategy(SignalConfig config, EventSource events, TradeLearning learning) {
        if (learning == null) throw new IllegalArgumentException("learning is missing: pass TradeLearning.NONE for none");
        this.config = config;
        this.events = events;
        this.learning = learning;
    }

    private SignalEngine engine(StrategyContext ctx) {
        if (engine == null) {
            List<SymbolSpec> specs = new ArrayList<>(ctx.specs());
            specs.sort((a, b) -> a.symbol().compareTo(b.symbol()));
            AccountState a = ctx.account();
            RiskBudget budget = new RiskBudget() {
                @Override
                public double dailyHeadroom() { return ctx.headroom()[0]; }

                @Override
                public double overallHeadroom() { return ctx.headroom()[1]; }

                @Override
                public boolean allows(PreTradeOrder o) {
                    double[] h = ctx.headroom();
                    return o.lossAtStop() <= Math.min(h[0], h[1]);
                }
            };
            SimilarTradeOutcomes similar = learning.similarTrades(() -> engine);
            engine = new SignalEngine(config, specs, new SignalPorts(budget,
                    similar != null ? similar : new RecentOutcomeMemory(50),
                    learning.winModel(config.edges != null ? new FittedWinProbability(config.edges, new DriftWinProbability()) : new DriftWinProbability()), events, ctx::nowMs), a == null ? 100_000 : a.equity());
            relearn(specs, ctx);
        }
        return engine;
    }

    /**
     * The account's trades closed before this strategy started (a restart), in the symbols this engine trades, learnt
     * again in their order: the bandit and the alpha weights are functions of the outcomes alone.
     */
    private void relearn(List<SymbolSpec> specs, StrategyContext ctx) {
        Set<String> mine = new HashSet<>();
        for (SymbolSpec s : specs) mine.add(s.symbol());
        long firstMs = 0, lastMs = 0;
        for (TradeOutcome o : learning.pastOutcomes(ctx.peer())) {
            if (!mine.contains(o.symbol())) continue;
            engine.onTradeClosed(o);
            if (relearnt++ == 0) firstMs = o.closeTimeMs();
            lastMs = o.closeTimeMs();
        }
        if (relearnt > 0) ctx.decision("relearnt", Map.of("trades", relearnt, "first_close_ms", firstMs, "last_close_ms", lastMs));
    }

    @Override
    public void onTick(Tick tick, StrategyContext ctx) {
        if (ctx.specs().isEmpty()) return;
        handle(engine(ctx).onTick(tick), ctx);
    }

    @Override
    public void onBar(Bar bar, StrategyContext ctx) {
        if (engine != null) handle(engine.onBar(bar), ctx);
    }

    @Override
    public void onAccount(AccountState a, StrategyContext ctx) {
        if (engine == null || a == told) return;            // (a terminal sends one every second, mostly unchanged)
        engine.onAccount(a.equity(), a.positions());
        told = a;
    }

    private void handle(Decision d, StrategyContext ctx) {
        if (d instanceof TradeCandidate c) {
            String reason = "grade " + c.grade() + ", Q* " + round(c.qStar()) + ": " + String.join("; ", c.reasons());
            SymbolSpec spec = ctx.spec(c.symbol());
            Submission sub = ctx.submit(OrderIntent.open(c.symbol(), c.side(), c.lots(),
                    c.referencePrice(), c.maxDeviation(), c.stopLoss(), c.takeProfit1(), c.takeProfit2(), c.expiryMs(),
                    lower(c.alpha().name()), lower(c.regime().name()), Math.max(0, Math.min(1, c.confidence())), reason));
            String id = sub.id();
            if (sub.sent()) sent.put(id, new Sent(c.symbol(), c.alpha(), c.regime(), c.referencePrice(),
                    spec == null ? 0 : spec.moneyPerPriceMove(c.stopDistance(), c.lots()), c.grade().name(),
                    c.timeframe().name(), ctx.nowMs(), learning.entered(engine, c)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", c.symbol());
            m.put("side", c.side().name());
            m.put("lots", c.lots());
            m.put("alpha", lower(c.alpha().name()));
            m.put("timeframe", c.timeframe().name());
            m.put("regime", lower(c.regime().name()));
            m.put("grade", c.grade().name());
            m.put("q_star", round(c.qStar()));
            m.put("signal_id", id);
            m.put("reasons", c.reasons());
            if (!sub.sent()) {
                m.put("refused_rule", sub.rule());
                m.put("refused_reason", sub.reason());
            }
            ctx.decision(sub.sent() ? "trade" : "refused", m);
        } else if (d instanceof Skip s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", s.symbol());
            m.put("alpha", s.alpha() == null ? "" : ALPHAS[s.alpha().ordinal()]);
            m.put("timeframe", s.timeframe() == null ? "" : s.timeframe().name());
            m.put("regime", s.regime() == null ? "" : REGIMES[s.regime().ordinal()]);
            m.put("reasons", new Reasons(s));
            ctx.decision("skip", m);
        }
    }

    /** The broker's tick value now: the engine sizes with it (before the engine exists, ctx.specs() carries it). */
    @Override
    public void onSymbolSpec(SymbolSpec spec, StrategyContext ctx) {
        if (engine != null) engine.liveTickValue(spec.symbol(), spec.tickValue());
    }

    /** A refused or expired signal never fills: forget it (kept, each one stayed for the life of the process). */
    @Override
    public void onOrderUpdate(OrderUpdate u, StrategyContext ctx) {
        if (u.status() == OrderStatus.REJECTED) sent.remove(u.signalId());
    }

    @Override
    public void onFill(Fill f, StrategyContext ctx) {
        if (engine == null) return;
        Side side = f.side();
        double costs = f.commission() + f.swap();
        if (f.opens()) {
            Sent s = sent.remove(f.signalId());
            if (s == null) return;                                   // not ours (manual, or from before a restart)
            engine.onFill(f.symbol(), side, s.price(), f.price());
            open.put(f.position(), new Trade(s, f.volume(), costs, f.price(), (f.price() - s.price()) * side.sign(),
                    ctx.nowMs(), side));
        } else {
            Trade t = open.get(f.position());
            if (t == null) return;
            t.pnl += f.profit() + costs;
            t.closed += f.volume();
            if (t.closed >= t.volume - 1e-9) {
                open.remove(f.position());
                double r = t.origin.riskMoney() > 0 ? t.pnl / t.origin.riskMoney() : 0;
                TradeOutcome outcome = new TradeOutcome(f.symbol(), t.origin.alpha(), t.origin.regime(), r, t.pnl, ctx.nowMs());
                engine.onTradeClosed(outcome);
                t.origin.learning().closed(new ClosedEngineTrade(f, t.side, t.origin.alpha(), t.origin.regime(),
                        t.origin.grade(), t.origin.timeframe(), t.entryTimeMs, ctx.nowMs(), t.entryPrice, t.slippage, t.pnl,
                        r, outcome), ctx);
            }
        }
    }

    @Override
    public Map<String, Object> state() {
        if (engine == null) return Map.of("engine", "waiting for the first tick");
        Map<String, Object> regimes = new TreeMap<>(), weights = new LinkedHashMap<>(), posteriors = new LinkedHashMap<>();
        for (int i = 0; i < engine.symbolCount(); i++) regimes.put(engine.symbolName(i), lower(engine.regime(engine.symbolName(i)).name()));
        for (AlphaId a : AlphaId.values()) {
            weights.put(lower(a.name()), round(engine.alphaWeight(a)));
            Map<String, Object> byRegime = new LinkedHashMap<>();
            for (Regime r : Regime.values()) byRegime.put(lower(r.name()), round(engine.banditMean(r, a)));
            posteriors.put(lower(a.name()), byRegime);
        }
        // Warm-up per symbol and timeframe: what the engine waits for before its first decision (minutes on M5,
        // days on H4), so the panel can say so instead of showing nothing.
        Map<String, Object> warmup = new TreeMap<>();
        for (int i = 0; i < engine.symbolCount(); i++) {
            String sym = engine.symbolName(i);
            Map<String, Object> byTf = new LinkedHashMap<>();
            for (io.vprop.market.Timeframe tf : engine.timeframes()) byTf.put(tf.name(), engine.barsSeen(sym, tf));
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("warm", engine.warm(sym));
            w.put("bars", byTf);
            warmup.put(sym, w);
        }
        SignalEngine.Stats st = engine.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "signal engine");
        m.put("edges", config.edges == null ? "hand-set priors" : config.edges.version());
        m.put("warmup_bars", engine.warmupBars());
        m.put("warmup", warmup);
        m.put("regimes", regimes);
        m.put("weights", weights);
        m.put("posteriors", posteriors);
        m.put("relearnt_trades", relearnt);                  // closed before this start, learnt again (a restart)
        m.put("trades", st.trades());
        m.put("skips", st.skips());
        m.put("skip_rate", Double.isNaN(st.skipRate()) ? null : round(st.skipRate()));
        m.putAll(learning.state());
        return m;
    }

    /** The engine, for the panel's alpha and regime pages (kernel thread only), or null before the first tick. */
    public SignalEngine engine() { return engine; }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }

    private static String[] lowerNames(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (Enum<?> v : values) out[v.ordinal()] = lower(v.name());
        return out;
    }

    /**
     * A skip's reasons in words ({@link Skip#describe}), written when first read: the journal and the panel read every
     * one, a backtest publishes thousands that nobody reads (its listener, if any, reads them as they come).
     */
    private static final class Reasons extends AbstractList<String> {
        private final Skip skip;
        private List<String> words;

        Reasons(Skip skip) { this.skip = skip; }

        private List<String> words() {
            if (words == null) words = List.copyOf(skip.describe());
            return words;
        }

        @Override public String get(int i) { return words().get(i); }

        @Override public int size() { return words().size(); }
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
