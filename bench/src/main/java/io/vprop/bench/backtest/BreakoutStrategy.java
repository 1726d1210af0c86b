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
 * the channels are rings of doubles with their extremes kept ({@link Channel}), not Bar objects walked at every bar.
 */
final class BreakoutStrategy implements Strategy {
    private static final int ENTRY = 20, EXIT = 10, TREND = 50, ATR = 14;

    private final Timeframe trading, trend;
    private final double riskFraction;
    private final Map<String, State> states = new HashMap<>();
    /** The states by the symbol strings seen: no string hashed or compared per bar. */
    private final Map<String, State> bySymbolString = new IdentityHashMap<>();

    private static final class State {
        final Channel channel = new Channel(ENTRY);
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
            double sma = s.trendSum / TREND, c = bar.close();
            if (c > sma && c > s.channel.highest(ENTRY)) enter(bar, Side.BUY, s.channel.lowest(EXIT), s, ctx);
            else if (c < sma && c < s.channel.lowest(ENTRY)) enter(bar, Side.SELL, s.channel.highest(EXIT), s, ctx);
        }
        s.bars++;
        s.channel.add(bar.high(), bar.low());
    }

    /**
     * The last {@code size} bars' highs and lows in rings, with the highest high and lowest low of all of them at hand in
     * constant time and without a branch that depends on prices (van Herk / Gil-Werman): bars come in blocks of
     * {@code size}; the extreme of the current block so far is kept as bars come, and when a block is complete the
     * extremes of each of its suffixes are worked out once. The last {@code size} bars are the current block's and a
     * suffix of the one before: the extreme of two numbers. The extremes of fewer bars are scanned when asked (at an
     * entry only). Prices being finite, the same values as Math.max (min) over the bars in any order.
     */
    static final class Channel {
        private final int size;
        private final double[] highs, lows;              // slot i: the bar at position i of its block
        private final double[] highAfter, lowAfter;      // [i]: of the previous block's bars from position i; [size]: none
        private int next;                                // the position of the next bar in its block
        private long added;
        private double blockHigh = Double.NEGATIVE_INFINITY, blockLow = Double.POSITIVE_INFINITY;

        Channel(int size) {
            this.size = size;
            highs = new double[size];
            lows = new double[size];
            highAfter = new double[size + 1];
            lowAfter = new double[size + 1];
            java.util.Arrays.fill(highAfter, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(lowAfter, Double.POSITIVE_INFINITY);
        }

        void add(double high, double low) {
            if (next == size) {                          // a block is complete: its suffixes' extremes, a new block
                for (int i = size - 1; i >= 0; i--) {
                    highAfter[i] = Math.max(highAfter[i + 1], highs[i]);
                    lowAfter[i] = Math.min(lowAfter[i + 1], lows[i]);
                }
                next = 0;
                blockHigh = Double.NEGATIVE_INFINITY;
                blockLow = Double.POSITIVE_INFINITY;
            }
            highs[next] = high;
            lows[next] = low;
            blockHigh = Math.max(blockHigh, high);
            blockLow = Math.min(blockLow, low);
            next++;
            added++;
        }

        /** The highest high of the last n bars (of those added, fewer having been). */
        double highest(int n) {
            return n >= size || n >= added ? Math.max(blockHigh, highAfter[next]) : scan(highs, n, true);
        }

        /** The lowest low of the last n bars (of those added, fewer having been). */
        double lowest(int n) {
            return n >= size || n >= added ? Math.min(blockLow, lowAfter[next]) : scan(lows, n, false);
        }

        /** The highest (lowest) of the ring's last n values, newest first (at an entry only). */
        private double scan(double[] ring, int n, boolean highest) {
            double m = highest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int k = 0, i = next; k < n; k++) {
                i = i == 0 ? size - 1 : i - 1;
                m = highest ? Math.max(m, ring[i]) : Math.min(m, ring[i]);
            }
            return m;
        }
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
