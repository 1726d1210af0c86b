package io.vprop.research.runner;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a unit's strategy sees of its backtest: only the traded symbol (the conversion pairs the broker needs are
 * quoted but hidden: no ticks, bars or spec of them reach the strategy), and an order book that is open for entries
 * only in the unit's window [from, to). Before it the strategy warms up on the data; from {@code to} on it may only
 * close. Unless intrabar entries are allowed, an entry is taken only at a bar's open or close quote: the quotes in
 * between (the extremes, in an assumed order, and the levels on the way) are the bar path's construction, and a
 * strategy deciding on them trades on that assumption — a mean-reversion entry at the first extreme "knows" the path
 * turns to the other extreme (docs/walkforward.md). Counts what the strategy decided inside the window ("window."
 * counters), including the factory's own counters (e.g. the signal engine's skip reasons) as the difference between
 * the window's start and end.
 */
final class WindowGate implements Strategy, StrategyContext {
    static final String RULE = "walkforward.window";

    private final Strategy inner;
    private final WorkUnit unit;
    private final String symbol;
    private final Function<Strategy, Map<String, Long>> strategyCounters;
    private final BarSeries bars;                 // the traded symbol's bars (the path's open and close quotes)
    private final long barMs;
    private final boolean intrabarEntries;
    private final Map<String, Long> counters = new TreeMap<>();
    private StrategyContext ctx;
    private List<SymbolSpec> visible = List.of();
    private Map<String, Long> atStart, atEnd;

    WindowGate(Strategy inner, WorkUnit unit, Function<Strategy, Map<String, Long>> strategyCounters, BarSeries bars,
               long barMs, boolean intrabarEntries) {
        this.inner = inner;
        this.unit = unit;
        // the bars' own String: the quotes, bars and orders of the unit name the symbol with it, and an equals on the
        // same instance is decided at once (this gate compares at every quote and bar)
        this.symbol = bars.symbol().equals(unit.symbol()) ? bars.symbol() : unit.symbol();
        this.strategyCounters = strategyCounters;
        this.bars = bars;
        this.barMs = barMs;
        this.intrabarEntries = intrabarEntries;
    }

    /** Whether the current quote is a bar's open (at its open time, its open price) or close (its last ms, its close). */
    private boolean atBarOpenOrClose() {
        long t = ctx.nowMs();
        Tick q = ctx.lastTick(symbol);
        if (q == null || q.timeMs() != t) return false;
        int i = bars.firstAtOrAfter(t);
        if (i < bars.size() && bars.openTimeMs(i) == t && q.bid() == bars.open(i)) return true;
        int j = bars.firstAtOrAfter(t + 1 - barMs);
        return j < bars.size() && bars.openTimeMs(j) == t + 1 - barMs && q.bid() == bars.close(j);
    }

    /** Nothing can happen any more: entries are closed, nothing is open or in flight. */
    boolean quiet() {
        if (ctx == null || ctx.nowMs() < unit.toMs() || ctx.pending(symbol)) return false;
        AccountState a = ctx.account();
        return a == null || a.positions().isEmpty();
    }

    /** The window's counters: the gate's and the strategy's (difference between the window's start and end). */
    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>(counters);
        if (atStart != null) {
            Map<String, Long> end = atEnd != null ? atEnd : strategyCounters.apply(inner);
            end.forEach((k, v) -> {
                long d = v - atStart.getOrDefault(k, 0L);
                if (d != 0) m.put("window." + k, d);
            });
        }
        return m;
    }

    private void clock(long t) {
        if (atStart == null && t >= unit.fromMs()) atStart = strategyCounters.apply(inner);
        if (atEnd == null && t >= unit.toMs() && atStart != null) atEnd = strategyCounters.apply(inner);
    }

    private boolean inWindow() {
        long t = ctx.nowMs();
        return t >= unit.fromMs() && t < unit.toMs();
    }

    private void count(String key) { counters.merge(key, 1L, Long::sum); }

    // ------------------------------------------------------------------ the run → the strategy

    @Override
    public void start(StrategyContext c) {
        ctx = c;
        SymbolSpec s = c.spec(symbol);
        if (s == null) throw new IllegalStateException("the backtest does not declare " + symbol);
        visible = List.of(s);
        inner.start(this);
    }

    @Override
    public void onTick(Tick tick, StrategyContext c) {
        if (!tick.symbol().equals(symbol)) return;                 // a conversion pair: the broker's, not the strategy's
        clock(tick.timeMs());
        inner.onTick(tick, this);
    }

    @Override
    public void onBar(Bar bar, StrategyContext c) {
        if (!bar.symbol().equals(symbol)) return;
        inner.onBar(bar, this);
    }

    /** The traded symbol's tick value as the terminal told it (a conversion pair's stays hidden). */
    @Override
    public void onSymbolSpec(SymbolSpec spec, StrategyContext c) {
        if (!spec.symbol().equals(symbol)) return;
        visible = List.of(spec);
        inner.onSymbolSpec(spec, this);
    }

    @Override public void onAccount(AccountState account, StrategyContext c) { inner.onAccount(account, this); }

    @Override public void onFill(Fill fill, StrategyContext c) { inner.onFill(fill, this); }

    @Override public void onOrderUpdate(OrderUpdate update, StrategyContext c) { inner.onOrderUpdate(update, this); }

    @Override
    public void stop(StrategyContext c) {
        inner.stop(this);
        if (atStart != null && atEnd == null) atEnd = strategyCounters.apply(inner);
    }

    @Override public Map<String, Object> state() { return inner.state(); }

    // ------------------------------------------------------------------ the strategy → the run

    @Override
    public Submission submit(OrderIntent order) {
        if (order.opens() && !order.symbol().equals(symbol)) {
            count("gate.refused_other_symbol");
            return Submission.refused(ctx.peer(), RULE, "this unit trades " + symbol + " only");
        }
        if (order.opens() && !inWindow()) {
            count(ctx.nowMs() < unit.fromMs() ? "gate.refused_in_warmup" : "gate.refused_after_window");
            return Submission.refused(ctx.peer(), RULE, "entries open in the unit's window only ["
                    + unit.fromMs() + ", " + unit.toMs() + ") ms; now " + ctx.nowMs());
        }
        if (order.opens() && !intrabarEntries && !atBarOpenOrClose()) {
            count("gate.refused_intrabar");
            return Submission.refused(ctx.peer(), RULE, "on bar data an entry is taken at a bar's open or close quote only "
                    + "(the extremes between come in an assumed order)");
        }
        return ctx.submit(order);
    }

    @Override
    public void decision(String kind, Object decision) {
        if (inWindow()) count("window.decisions." + kind);
        ctx.decision(kind, decision);
    }

    @Override public long nowMs() { return ctx.nowMs(); }

    @Override public String peer() { return ctx.peer(); }

    @Override public SymbolSpec spec(String s) { return s.equals(symbol) ? ctx.spec(s) : null; }

    @Override public Collection<SymbolSpec> specs() { return visible; }

    @Override public double[] headroom() { return ctx.headroom(); }

    @Override public AccountState account() { return ctx.account(); }

    @Override public Tick lastTick(String s) { return s.equals(symbol) ? ctx.lastTick(s) : null; }

    @Override public boolean pending(String s) { return ctx.pending(s); }
}
