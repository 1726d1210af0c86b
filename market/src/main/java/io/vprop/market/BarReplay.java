package io.vprop.market;

import java.util.function.LongToIntFunction;

/**
 * Replays bars as ticks so that bar files can drive the paper terminal. Each bar becomes four ticks on a fixed
 * intrabar path (documented in docs/market-data.md):
 * <ul>
 *   <li>open → the extreme nearer the open → the other extreme → close ({@link Bar#highFirst()}: on a tie a
 *       bullish or flat bar dips first, a bearish one rallies first) — the backtester's OHLC bar path;</li>
 *   <li>times: open time, +⅓ of the period, +⅔, and the last millisecond of the period, so the close is the
 *       bar's last price and re-aggregating the ticks gives back the bar's OHLC;</li>
 *   <li>ask = bid + the bar's spread in points; when the bar has none (SPREAD = 0), the default spread at the bar's
 *       open time (a constant, or an instrument's spread by session).</li>
 * </ul>
 * This path is an assumption: within a bar the true order of high and low is unknown, so SL/TP fills inside a
 * bar are only as good as this rule (the same caveat as MT5's "1 minute OHLC" tester mode).
 */
public final class BarReplay implements TickSource {
    private final BarSource bars;
    private final SymbolSpec spec;
    private final LongToIntFunction defaultSpreadAt;
    private final double pow10;
    private final Tick[] pending = new Tick[4];
    private int next = 4;
    private double lastBid = Double.NaN, lastAsk = Double.NaN;

    /**
     * @param bars                the bars to replay (bid OHLC), e.g. from {@code MarketFiles.openBars}
     * @param spec                the symbol's spec (digits and point for the ask)
     * @param defaultSpreadPoints spread used when a bar's spread is 0 (generic CSV files carry none)
     */
    public BarReplay(BarSource bars, SymbolSpec spec, int defaultSpreadPoints) {
        this(bars, spec, constant(defaultSpreadPoints));
    }

    /**
     * @param defaultSpreadAt spread in points (>= 0) for a bar that has none, by the bar's UTC open time, e.g. an
     *                        instrument's {@code spread()::pointsAt}
     */
    public BarReplay(BarSource bars, SymbolSpec spec, LongToIntFunction defaultSpreadAt) {
        if (bars == null || spec == null) throw new IllegalArgumentException("bars and spec are required");
        if (defaultSpreadAt == null) throw new IllegalArgumentException("a default spread is required");
        this.bars = bars;
        this.spec = spec;
        this.defaultSpreadAt = defaultSpreadAt;
        this.pow10 = Math.pow(10, spec.digits());
    }

    private static LongToIntFunction constant(int points) {
        if (points < 0) throw new IllegalArgumentException("defaultSpreadPoints must be >= 0, got " + points);
        return t -> points;
    }

    @Override
    public Tick next() {
        if (next == 4) {
            Bar b = bars.next();
            if (b == null) return null;
            expand(b);
            next = 0;
        }
        return pending[next++];
    }

    private void expand(Bar b) {
        long d = b.timeframe().millis();
        long t0 = b.openTimeMs();
        boolean highFirst = b.highFirst();
        double second = highFirst ? b.high() : b.low();
        double third = highFirst ? b.low() : b.high();
        int spread = b.spread() > 0 ? b.spread() : defaultSpreadAt.applyAsInt(t0);
        if (spread < 0) throw new IllegalStateException("default spread at " + t0 + " is negative: " + spread);
        pending[0] = tick(b.symbol(), t0, b.open(), spread);
        pending[1] = tick(b.symbol(), t0 + d / 3, second, spread);
        pending[2] = tick(b.symbol(), t0 + 2 * d / 3, third, spread);
        pending[3] = tick(b.symbol(), t0 + d - 1, b.close(), spread);
    }

    private Tick tick(String symbol, long time, double bid, int spread) {
        long bidPoints = Math.round(bid * pow10);
        double ask = (bidPoints + spread) / pow10;
        int flags = (bid != lastBid ? 2 : 0) | (ask != lastAsk ? 4 : 0);
        lastBid = bid;
        lastAsk = ask;
        return new Tick(symbol, time, bid, ask, 0, 0, flags);
    }

    @Override
    public void close() { bars.close(); }
}
