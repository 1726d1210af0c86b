package io.vprop.research.strategies;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameterised bar strategy of the kind users write, for walk-forwards and benchmarks: a simple-moving-average
 * crossover with an ATR stop. It makes no claim to an edge. It uses only the {@link Strategy} API, so it runs in
 * {@code vprop backtest} (no-argument constructor: the defaults below) and {@code vprop walkforward} (the parameter-map
 * constructor: the grid point).
 *
 * <p>Rule, on the bars of the first timeframe it is given, per symbol: when a bar closes with the SMA of {@code fast}
 * closes crossing above (below) the SMA of {@code slow} closes, buy (sell) at once — at the close's quote. An opposite
 * position is closed first and the new one opens at the next quote once the account shows it closed. The stop is
 * {@code stop_atr} × the mean true range of the last {@code atr} bars away, on the side the position exits (bid for a
 * buy, ask for a sell); a take profit at {@code tp_r} times the money at risk when {@code tp_r} > 0, else none (the
 * next opposite cross or the stop ends the trade). Size: the lots whose loss at the stop, spread included, is
 * {@code risk_pct} % of the equity, rounded down to the volume step; a setup below the minimum volume is skipped
 * (decision "skip"). Trades are labelled alpha "sma_cross", regime "vol_expanding" / "vol_contracting" (the ATR of
 * {@code atr} bars above / below that of 4 × {@code atr} bars) and the bars' timeframe.
 */
public final class SmaCrossStrategy implements Strategy {
    /** The parameters and their defaults (NaN: required). */
    public static final Map<String, Double> PARAMETERS = defaults();
    static final String ALPHA = "sma_cross";
    private static final long TTL_MS = 60_000;

    private static Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fast", 20.0);
        m.put("slow", 100.0);
        m.put("stop_atr", 2.0);
        m.put("atr", 14.0);
        m.put("risk_pct", 0.5);
        m.put("tp_r", 0.0);
        return Collections.unmodifiableMap(m);
    }

    private final int fast, slow, atrBars;
    private final double stopAtr, riskFraction, tpR;
    private final Map<String, State> states = new HashMap<>();
    private Timeframe timeframe;
    private int waiting;                       // how many symbols have an entry waiting (entryAfterClose set)

    /** Per symbol: rings of closes and true ranges with their running sums (O(1) per bar). */
    private final class State {
        final double[] closes = new double[Math.max(fast, slow) + 1];
        final double[] ranges = new double[4 * atrBars];
        double fastSum, slowSum, atrSum, longAtrSum, prevClose = Double.NaN, prevFast = Double.NaN, prevSlow = Double.NaN;
        long bars;
        Side entryAfterClose;                  // an entry waiting for the opposite position to be closed
    }

    /** The defaults: fast 20, slow 100, stop 2 ATR(14), 0.5 % risk, no take profit. */
    public SmaCrossStrategy() {
        this(Map.of());
    }

    /**
     * @param params {@code fast}, {@code slow} (bars), {@code stop_atr}, {@code atr} (bars), {@code risk_pct} (% of
     *               equity at the stop), {@code tp_r} (take profit in R, 0 = none); missing ones take their default,
     *               unknown names are an error naming them
     */
    public SmaCrossStrategy(Map<String, Double> params) {
        for (String name : params.keySet())
            if (!PARAMETERS.containsKey(name))
                throw new IllegalArgumentException("SmaCrossStrategy has no parameter '" + name + "'; its parameters: "
                        + PARAMETERS.keySet());
        fast = whole(params, "fast");
        slow = whole(params, "slow");
        atrBars = whole(params, "atr");
        stopAtr = get(params, "stop_atr");
        riskFraction = get(params, "risk_pct") / 100;
        tpR = get(params, "tp_r");
        if (fast < 1 || slow < 1 || atrBars < 1) throw new IllegalArgumentException("fast, slow and atr must be at least 1 bar: " + params);
        if (fast == slow) throw new IllegalArgumentException("fast and slow must differ (both " + fast + ")");
        if (!(stopAtr > 0)) throw new IllegalArgumentException("stop_atr must be > 0, got " + stopAtr);
        if (!(riskFraction > 0 && riskFraction <= 0.1)) throw new IllegalArgumentException("risk_pct must be in (0, 10], got " + riskFraction * 100);
        if (!(tpR >= 0)) throw new IllegalArgumentException("tp_r must be >= 0 (0 = no take profit), got " + tpR);
    }

    private static double get(Map<String, Double> p, String name) {
        Double v = p.get(name);
        return v != null ? v : PARAMETERS.get(name);
    }

    private static int whole(Map<String, Double> p, String name) {
        double v = get(p, name);
        if (v != Math.rint(v) || Math.abs(v) > 100_000) throw new IllegalArgumentException(name + " must be a whole number of bars, got " + v);
        return (int) v;
    }

    @Override
    public void onTick(Tick tick, StrategyContext ctx) { }

    @Override
    public void onBar(Bar bar, StrategyContext ctx) {
        if (timeframe == null) timeframe = bar.timeframe();
        if (bar.timeframe() != timeframe) return;
        State s = states.get(bar.symbol());
        if (s == null) states.put(bar.symbol(), s = new State());   // (no capturing lambda made per bar)
        double c = bar.close();
        double tr = Double.isNaN(s.prevClose) ? bar.high() - bar.low()
                : Math.max(bar.high(), s.prevClose) - Math.min(bar.low(), s.prevClose);
        long n = s.bars;
        int cn = s.closes.length, rn = s.ranges.length;
        s.fastSum += c - (n >= fast ? s.closes[(int) ((n - fast) % cn)] : 0);
        s.slowSum += c - (n >= slow ? s.closes[(int) ((n - slow) % cn)] : 0);
        s.atrSum += tr - (n >= atrBars ? s.ranges[(int) ((n - atrBars) % rn)] : 0);
        s.longAtrSum += tr - (n >= rn ? s.ranges[(int) ((n - rn) % rn)] : 0);
        s.closes[(int) (n % cn)] = c;
        s.ranges[(int) (n % rn)] = tr;
        s.prevClose = c;
        s.bars = ++n;
        if (n < Math.max(Math.max(fast, slow), atrBars)) return;
        double f = s.fastSum / fast, sl = s.slowSum / slow;
        boolean up = s.prevFast <= s.prevSlow && f > sl, down = s.prevFast >= s.prevSlow && f < sl;
        s.prevFast = f;
        s.prevSlow = sl;
        if (up || down) act(bar.symbol(), up ? Side.BUY : Side.SELL, s, ctx);
    }

    /** After deals the account shows the opposite position closed: the waiting entry goes now. */
    @Override
    public void onAccount(AccountState account, StrategyContext ctx) {
        if (waiting == 0) return;                                  // (a snapshot comes with nearly every quote)
        for (Map.Entry<String, State> e : states.entrySet()) {
            State s = e.getValue();
            if (s.entryAfterClose == null || position(account, e.getKey()) != null || ctx.pending(e.getKey())) continue;
            Side side = s.entryAfterClose;
            awaitEntry(s, null);
            enter(e.getKey(), side, s, ctx);
        }
    }

    private void act(String symbol, Side side, State s, StrategyContext ctx) {
        AccountState a = ctx.account();
        if (a == null) return;
        Position open = position(a, symbol);
        awaitEntry(s, null);
        if (open == null) {
            enter(symbol, side, s, ctx);
        } else if (open.side() != side) {
            Submission out = ctx.submit(OrderIntent.close(symbol, side, open.ticket(), ctx.nowMs() + TTL_MS,
                    "SMA(" + fast + ") crossed SMA(" + slow + ") the other way"));
            if (out.sent()) awaitEntry(s, side);
        }
    }

    private void enter(String symbol, Side side, State s, StrategyContext ctx) {
        SymbolSpec spec = ctx.spec(symbol);
        Tick q = ctx.lastTick(symbol);
        AccountState a = ctx.account();
        if (spec == null || q == null || a == null || ctx.pending(symbol)) return;
        boolean buy = side == Side.BUY;
        double distance = stopAtr * s.atrSum / atrBars;
        double spread = q.ask() - q.bid();
        double price = buy ? q.ask() : q.bid();
        double perLot = spec.moneyPerPriceMove(distance + spread, 1.0);
        double lots = spec.floorVolume(a.equity() * riskFraction / perLot);
        String regime = s.atrSum / atrBars > s.longAtrSum / s.ranges.length ? "vol_expanding" : "vol_contracting";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("symbol", symbol);
        d.put("side", side.name());
        d.put("alpha", ALPHA);
        d.put("timeframe", timeframe.name());
        d.put("regime", regime);
        if (!(lots > 0)) {
            d.put("reasons", List.of("below_min_volume: " + a.equity() * riskFraction + " USD at risk buys less than the minimum lot"));
            ctx.decision("skip", d);
            return;
        }
        int digits = spec.digits();
        double stop = round(buy ? q.bid() - distance : q.ask() + distance, digits);
        double tp = tpR > 0 ? round(buy ? price + tpR * (distance + spread) : price - tpR * (distance + spread), digits) : 0;
        Submission sub = ctx.submit(OrderIntent.open(symbol, side, lots, price, 10 * spec.point(), stop, 0, tp,
                ctx.nowMs() + TTL_MS, ALPHA, regime, 0.5, "SMA(" + fast + ") crossed SMA(" + slow + ") " + (buy ? "up" : "down")));
        d.put("lots", lots);
        d.put("signal_id", sub.id());
        if (!sub.sent()) {
            d.put("refused_rule", sub.rule());
            d.put("refused_reason", sub.reason());
        }
        ctx.decision(sub.sent() ? "trade" : "refused", d);
    }

    private void awaitEntry(State s, Side entry) {
        waiting += (entry != null ? 1 : 0) - (s.entryAfterClose != null ? 1 : 0);
        s.entryAfterClose = entry;
    }

    private static Position position(AccountState a, String symbol) {
        for (Position p : a.positions()) if (p.symbol().equals(symbol)) return p;
        return null;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
