package io.vprop.analytics;

import io.vprop.governors.time.FirmDayClock;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;

import java.util.ArrayList;
import java.util.List;

/**
 * Candles of a larger timeframe built from the closed bars the journal holds (the terminals send closed bars; ticks
 * are not journaled). Intraday candles open on multiples of their length since the epoch (UTC: H4 at 00, 04, 08 …);
 * a D1 candle is one firm day on the firm's clock (the governors' day), opening at its reset. Pure.
 */
final class Candles {
    private Candles() { }

    /** One candle: bid prices as MT5 charts them, {@code ticks} the summed tick volume of its bars. */
    record Candle(long tMs, double open, double high, double low, double close, long ticks, int bars) { }

    /**
     * The finest stored timeframe that can build {@code target}: one no longer than it whose length divides it (any
     * intraday one up to H1 for a firm day, whose start need not fall on a 4-hour boundary); null when none can.
     */
    static Timeframe source(List<Timeframe> stored, Timeframe target) {
        Timeframe best = null;
        for (Timeframe tf : stored) {
            boolean fits = target == Timeframe.D1 ? tf.seconds() <= Timeframe.H1.seconds() || tf == Timeframe.D1
                    : tf.seconds() <= target.seconds() && target.seconds() % tf.seconds() == 0;
            if (fits && (best == null || tf.seconds() < best.seconds())) best = tf;
        }
        return best;
    }

    /**
     * Aggregates {@code bars} (one symbol, oldest first, all of one timeframe no longer than {@code target}) into
     * {@code target} candles, oldest first.
     *
     * @throws IllegalArgumentException when the bars are out of order or mix symbols (naming the bar)
     */
    static List<Candle> aggregate(List<Bar> bars, Timeframe target, FirmDayClock clock) {
        List<Candle> out = new ArrayList<>();
        long open = Long.MIN_VALUE, prev = Long.MIN_VALUE;
        double o = 0, h = 0, l = 0, c = 0;
        long ticks = 0;
        int n = 0;
        String symbol = bars.isEmpty() ? "" : bars.get(0).symbol();
        for (Bar b : bars) {
            if (!b.symbol().equals(symbol))
                throw new IllegalArgumentException("bar at " + b.openTimeMs() + " is " + b.symbol() + ", not " + symbol);
            if (b.openTimeMs() <= prev)
                throw new IllegalArgumentException(symbol + " bar at " + b.openTimeMs() + " is not after the previous one at " + prev);
            prev = b.openTimeMs();
            long t = target == Timeframe.D1 ? clock.dayStart(b.openTimeMs()) : target.openTime(b.openTimeMs());
            if (t != open) {
                if (n > 0) out.add(new Candle(open, o, h, l, c, ticks, n));
                open = t;
                o = b.open();
                h = b.high();
                l = b.low();
                ticks = 0;
                n = 0;
            }
            h = Math.max(h, b.high());
            l = Math.min(l, b.low());
            c = b.close();
            ticks += b.tickVolume();
            n++;
        }
        if (n > 0) out.add(new Candle(open, o, h, l, c, ticks, n));
        return out;
    }
}
