package io.vprop.bench.backtest;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A bar strategy of the kind a user writes for the backtester, used by the benchmarks: a 20-bar Donchian breakout on
 * the trading timeframe (H4) in the direction of the D1 trend (close against its 50-day SMA), the stop at the other
 * side of a 10-bar channel (at least 1.5 ATR), TP1 at 1 R and TP2 at 2 R, risking {@code riskFraction} of equity.
 * It claims no edge; it trades often enough that positions are open much of the time, so the broker and the
 * governors work on most quotes.
 * <p>
 * Written as a user who cares for speed would write it (the same trades as the plain way): a bar's state is found by
 * the identity of its symbol's string first (every bar of a file or series shares one), by name only the first time;
 * the channels are running extremes ({@link Extreme}), not a scan of the last 20 bars at every bar.
 */
final class BreakoutStrategy implements Strategy {
    private static final int ENTRY = 20, EXIT = 10, TREND = 50, ATR = 14;

    private final Timeframe trading, trend;
    private final double riskFraction;
    private final Map<String, State> states = new HashMap<>();
    /** The states by the symbol strings seen: no string hashed or compared per bar. */
    private final Map<String, State> bySymbolString = new IdentityHashMap<>();

    private static final class State {
        final Extreme entryHigh = new Extreme(ENTRY, true), entryLow = new Extreme(ENTRY, false);
        final Extreme exitHigh = new Extreme(EXIT, true), exitLow = new Extreme(EXIT, false);
        final double[] trendCloses = new double[TREND];
        int bars, trendBars;
        double atr, prevClose, trendSum;
    }

    BreakoutStrategy(Timeframe trading, Timeframe trend, double riskFraction) {
        this.trading = trading;
        this.trend = trend;
        this.riskFraction = riskFraction;
    }

    @Override
    public void onTick(Tick tick, StrategyContext ctx) { }

    @Override
    public void onBar(Bar bar, StrategyContext ctx) {
        State s = bySymbolString.get(bar.symbol());
        if (s == null) {
            s = states.computeIfAbsent(bar.symbol(), k -> new State());
            bySymbolString.put(bar.symbol(), s);
        }
        if (bar.timeframe() == trend) {
            int i = s.trendBars++ % TREND;
            s.trendSum += bar.close() - s.trendCloses[i];
            s.trendCloses[i] = bar.close();
            return;
        }
        if (bar.timeframe() != trading) return;
        double tr = s.bars == 0 ? bar.high() - bar.low()
                : Math.max(bar.high(), s.prevClose) - Math.min(bar.low(), s.prevClose);
        s.atr = s.bars == 0 ? tr : s.atr + (tr - s.atr) / ATR;
        s.prevClose = bar.close();
        if (s.bars >= ENTRY && s.trendBars >= TREND) {                 // the channels of the bars before this one
            double sma = s.trendSum / TREND;
            if (bar.close() > s.entryHigh.value() && bar.close() > sma) enter(bar, Side.BUY, s.exitLow.value(), s, ctx);
            else if (bar.close() < s.entryLow.value() && bar.close() < sma) enter(bar, Side.SELL, s.exitHigh.value(), s, ctx);
        }
        s.bars++;
        s.entryHigh.add(bar.high());
        s.exitHigh.add(bar.high());
        s.entryLow.add(bar.low());
        s.exitLow.add(bar.low());
    }

    /**
     * The highest (or lowest) of the last {@code n} values added, in constant time a value (amortised): a monotonic
     * queue, oldest first, of the values no later value beats; the front is the extreme. Prices are finite, so this is
     * the value a scan with Math.max (min) gives.
     */
    static final class Extreme {
        private final int n;
        private final boolean highest;
        private final double[] values;       // ring of the queue's values; their indices in {@code added} alongside
        private final long[] at;
        private int head, size;
        private long added;

        Extreme(int n, boolean highest) {
            this.n = n;
            this.highest = highest;
            this.values = new double[n];
            this.at = new long[n];
        }

        void add(double v) {
            while (size > 0) {                                          // drop the later values v beats or equals
                double last = values[slot(size - 1)];
                if (highest ? last > v : last < v) break;
                size--;
            }
            if (size > 0 && at[head] <= added - n) {                    // the front has left the window
                head = slot(1);
                size--;
            }
            int i = slot(size);
            values[i] = v;
            at[i] = added++;
            size++;
        }

        /** The ring's index of the queue's k-th value (k < n): no division. */
        private int slot(int k) {
            int i = head + k;
            return i >= n ? i - n : i;
        }

        /** The extreme of the last n values (of all of them, fewer having been added). */
        double value() { return values[head]; }
    }

    private void enter(Bar bar, Side side, double channelStop, State s, StrategyContext ctx) {
        String symbol = bar.symbol();
        SymbolSpec spec = ctx.spec(symbol);
        Tick q = ctx.lastTick(symbol);
        AccountState a = ctx.account();
        if (spec == null || q == null || a == null || ctx.pending(symbol)) return;
        for (Position p : a.positions()) if (p.symbol().equals(symbol)) return;
        boolean buy = side == Side.BUY;
        double px = buy ? q.ask() : q.bid();
        double stop = Math.max(Math.abs(px - channelStop), 1.5 * s.atr);
        double lots = spec.floorVolume(a.equity() * riskFraction / spec.moneyPerPriceMove(stop, 1.0));
        if (!(lots > 0)) return;
        int d = spec.digits();
        ctx.submit(OrderIntent.open(symbol, side, lots, px, 10 * spec.point() + q.spread(), round(buy ? px - stop : px + stop, d),
                round(buy ? px + stop : px - stop, d), round(buy ? px + 2 * stop : px - 2 * stop, d),
                ctx.nowMs() + 60_000, "donchian_breakout", "", 0.5, "close broke the " + ENTRY + "-bar channel"));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
