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
import java.util.Map;

/**
 * A bar strategy of the kind a user writes for the backtester, used by the benchmarks: a 20-bar Donchian breakout on
 * the trading timeframe (H4) in the direction of the D1 trend (close against its 50-day SMA), the stop at the other
 * side of a 10-bar channel (at least 1.5 ATR), TP1 at 1 R and TP2 at 2 R, risking {@code riskFraction} of equity.
 * It claims no edge; it trades often enough that positions are open much of the time, so the broker and the
 * governors work on most quotes.
 */
final class BreakoutStrategy implements Strategy {
    private static final int ENTRY = 20, EXIT = 10, TREND = 50, ATR = 14;

    private final Timeframe trading, trend;
    private final double riskFraction;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final double[] highs = new double[ENTRY], lows = new double[ENTRY];
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
        State s = states.computeIfAbsent(bar.symbol(), k -> new State());
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
        if (s.bars >= ENTRY && s.trendBars >= TREND) {
            double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, exitHi = hi, exitLo = lo;
            for (int k = 0, idx = (s.bars - 1) % ENTRY; k < ENTRY; k++, idx = idx == 0 ? ENTRY - 1 : idx - 1) {   // newest first
                hi = Math.max(hi, s.highs[idx]);
                lo = Math.min(lo, s.lows[idx]);
                if (k < EXIT) {
                    exitHi = Math.max(exitHi, s.highs[idx]);
                    exitLo = Math.min(exitLo, s.lows[idx]);
                }
            }
            double sma = s.trendSum / TREND;
            if (bar.close() > hi && bar.close() > sma) enter(bar, Side.BUY, exitLo, s, ctx);
            else if (bar.close() < lo && bar.close() < sma) enter(bar, Side.SELL, exitHi, s, ctx);
        }
        int i = s.bars++ % ENTRY;
        s.highs[i] = bar.high();
        s.lows[i] = bar.low();
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
