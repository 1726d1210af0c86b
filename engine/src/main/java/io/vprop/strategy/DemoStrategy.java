package io.vprop.strategy;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.HashMap;
import java.util.Map;

/**
 * The demo's stand-in signal source: an EMA(8)/EMA(21) crossover on M1 bars (or the bars of another timeframe, for
 * backtests on H4/D1 data), stop at 0.8 × the ATR(14) scaled to a 15-bar horizon, TP1 = 1.5 × SL, TP2 = 2.4 × SL,
 * risking 0.25 % of equity per trade. It exists so the demo, the end-to-end tests and the backtester exercise the
 * real signal → ack → fill path; it makes no claim to an edge — the signal engine (io.vprop.signal) replaces it.
 */
public final class DemoStrategy implements Strategy {
    private static final int FAST = 8, SLOW = 21, ATR = 14;

    private final long ttlMs;
    private final double riskFraction;
    private final Timeframe timeframe;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        double fast, slow, atr, prevClose;
        int bars;
        int lastCross; // +1 fast above slow, -1 below
    }

    public DemoStrategy(long ttlMs, double riskFraction) {
        this(ttlMs, riskFraction, Timeframe.M1);
    }

    /** @param timeframe the bars whose EMAs cross (the demo and the paper terminal: M1) */
    public DemoStrategy(long ttlMs, double riskFraction, Timeframe timeframe) {
        if (timeframe == null) throw new IllegalArgumentException("timeframe is missing");
        this.ttlMs = ttlMs;
        this.riskFraction = riskFraction;
        this.timeframe = timeframe;
    }

    @Override
    public void onTick(Tick tick, StrategyContext ctx) { }

    @Override
    public void onBar(Bar bar, StrategyContext ctx) {
        if (bar.timeframe() != timeframe) return;
        State s = states.computeIfAbsent(bar.symbol(), k -> new State());
        double c = bar.close();
        if (s.bars == 0) {
            s.fast = s.slow = c;
            s.atr = bar.high() - bar.low();
        } else {
            s.fast += (c - s.fast) * 2.0 / (FAST + 1);
            s.slow += (c - s.slow) * 2.0 / (SLOW + 1);
            double tr = Math.max(bar.high() - bar.low(), Math.max(Math.abs(bar.high() - s.prevClose), Math.abs(bar.low() - s.prevClose)));
            s.atr += (tr - s.atr) / ATR;
        }
        s.prevClose = c;
        s.bars++;
        int cross = s.fast > s.slow ? 1 : s.fast < s.slow ? -1 : s.lastCross;
        boolean crossed = s.bars > SLOW && cross != s.lastCross && s.lastCross != 0;
        s.lastCross = cross;
        if (crossed) trade(bar.symbol(), cross > 0 ? Side.BUY : Side.SELL, s, ctx);
    }

    private void trade(String symbol, Side side, State s, StrategyContext ctx) {
        SymbolSpec spec = ctx.spec(symbol);
        Tick q = ctx.lastTick(symbol);
        AccountState a = ctx.account();
        if (spec == null || q == null || a == null || ctx.pending(symbol)) return;
        for (Position p : a.positions()) if (p.symbol().equals(symbol)) return;
        double sigma = s.atr * Math.sqrt(15);                     // ~15-bar horizon from the bar ATR
        double sl = Math.max(0.8 * sigma, 10 * spec.point() + q.spread() * 2);
        boolean buy = side == Side.BUY;
        double px = buy ? q.ask() : q.bid();
        double lots = spec.floorVolume(a.equity() * riskFraction / spec.moneyPerPriceMove(sl, 1.0));
        if (lots <= 0) return;
        int d = spec.digits();
        ctx.submit(OrderIntent.open(symbol, side, lots, px, 5 * spec.point() + q.spread(), round(buy ? px - sl : px + sl, d),
                round(buy ? px + 1.5 * sl : px - 1.5 * sl, d), round(buy ? px + 2.4 * sl : px - 2.4 * sl, d),
                ctx.nowMs() + ttlMs, "demo_ema_cross", "", 0.5, "EMA(8) crossed EMA(21) " + (buy ? "up" : "down")));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
