package io.vprop.market;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns ticks into closed bars for every symbol and each configured timeframe, as an MT5 chart would: OHLC on
 * the bid, tickVolume = number of ticks in the bar, spread = (ask − bid) / point of the bar's last tick, rounded.
 * A bar closes when the first tick of a later bar arrives (or on {@link #flush()} at the end of a stream); minutes
 * without ticks produce no bar. Per tick the work is finding the symbol (by the String instance, a map lookup when it is
 * new) and a few compares per timeframe: nothing is allocated except the {@link Bar} when one closes (and the
 * per-symbol state on a symbol's first tick).
 */
public final class BarAggregator {
    private final Timeframe[] timeframes;
    private final ToDoubleFunction<String> pointOf;
    private final BarSink sink;
    private final Map<String, SymbolBars> bySymbol = new HashMap<>();
    private SymbolBars[] symbols = new SymbolBars[0];         // the same, for lookups by identity (see onTick)

    /**
     * @param timeframes which bars to build (at least one)
     * @param pointOf    the point size of a symbol, for the spread in points (e.g. {@code s -> spec(s).point()})
     * @param sink       receives each bar as it closes, in time order per symbol and timeframe
     */
    public BarAggregator(Timeframe[] timeframes, ToDoubleFunction<String> pointOf, BarSink sink) {
        if (timeframes == null || timeframes.length == 0) throw new IllegalArgumentException("timeframes must not be empty");
        if (pointOf == null || sink == null) throw new IllegalArgumentException("pointOf and sink are required");
        this.timeframes = Arrays.stream(timeframes).distinct().toArray(Timeframe[]::new);
        this.pointOf = pointOf;
        this.sink = sink;
    }

    /** Adds one tick; emits the bars it closes. Throws if the tick is earlier than the symbol's current bar. */
    public void onTick(Tick t) {
        String symbol = t.symbol();
        // a feed names a symbol with the same String instance tick after tick: comparing a few references is cheaper
        // than hashing the name at every tick
        for (SymbolBars s : symbols) {
            if (s.seenAs == symbol) {
                s.add(t, timeframes, sink);
                return;
            }
        }
        SymbolBars s = bySymbol.get(symbol);
        if (s == null) {
            double point = pointOf.applyAsDouble(symbol);
            if (!(point > 0) || Double.isInfinite(point)) {
                throw new IllegalArgumentException("point of " + symbol + " must be positive, got " + point);
            }
            s = new SymbolBars(symbol, point, timeframes.length);
            bySymbol.put(symbol, s);
            symbols = Arrays.copyOf(symbols, symbols.length + 1);
            symbols[symbols.length - 1] = s;
        }
        s.seenAs = symbol;
        s.add(t, timeframes, sink);
    }

    /** Emits every bar still open (end of stream) and forgets them. */
    public void flush() {
        for (SymbolBars s : bySymbol.values()) s.flush(timeframes, sink);
    }

    /**
     * Per-symbol running bars, one slot per timeframe, held in parallel primitive arrays. What every open bar shares is
     * kept once: its close and spread are the last tick's, its tick count the ticks since its first.
     */
    private static final class SymbolBars {
        final String symbol;
        String seenAs;                            // the String instance the last tick named the symbol with
        final double point;
        final long[] openTime, closeTime;         // closeTime: the open of the next bar (no division per tick)
        final double[] open, high, low;
        final long[] firstTick;                   // the number of the bar's first tick (ticks counts them all)
        long ticks;
        double lastBid, lastSpread;               // the last tick's bid and ask - bid (in points only when a bar is written)
        long lastTime = Long.MIN_VALUE;
        long nextClose = Long.MIN_VALUE;          // the earliest closeTime: before it, no bar opens or closes

        SymbolBars(String symbol, double point, int n) {
            this.symbol = symbol;
            this.point = point;
            openTime = new long[n];
            Arrays.fill(openTime, Long.MIN_VALUE);
            closeTime = new long[n];
            Arrays.fill(closeTime, Long.MIN_VALUE);
            open = new double[n];
            high = new double[n];
            low = new double[n];
            firstTick = new long[n];
        }

        void add(Tick t, Timeframe[] tfs, BarSink sink) {
            long time = t.timeMs();
            if (time < lastTime) {
                throw new IllegalArgumentException(symbol + " tick at " + Instant.ofEpochMilli(time)
                        + " is earlier than the previous tick at " + Instant.ofEpochMilli(lastTime));
            }
            lastTime = time;
            double bid = t.bid();
            if (time < nextClose) {                                    // inside every current bar (the common case)
                for (int i = 0; i < tfs.length; i++) {
                    if (bid > high[i]) high[i] = bid;
                    if (bid < low[i]) low[i] = bid;
                }
                ticks++;
                lastBid = bid;
                lastSpread = t.ask() - bid;
                return;
            }
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < tfs.length; i++) {
                if (time >= closeTime[i] || time < openTime[i]) {      // not in the current bar (or none yet)
                    long bucket = tfs[i].openTime(time);
                    if (openTime[i] != Long.MIN_VALUE) emit(i, tfs[i], sink);   // (closed by the last tick, not this one)
                    openTime[i] = bucket;
                    closeTime[i] = bucket + tfs[i].millis();
                    open[i] = high[i] = low[i] = bid;
                    firstTick[i] = ticks;
                } else {
                    if (bid > high[i]) high[i] = bid;
                    if (bid < low[i]) low[i] = bid;
                }
                earliest = Math.min(earliest, closeTime[i]);
            }
            nextClose = earliest;
            ticks++;
            lastBid = bid;
            lastSpread = t.ask() - bid;
        }

        void flush(Timeframe[] tfs, BarSink sink) {
            for (int i = 0; i < tfs.length; i++) {
                if (openTime[i] != Long.MIN_VALUE) {
                    emit(i, tfs[i], sink);
                    openTime[i] = Long.MIN_VALUE;
                    closeTime[i] = Long.MIN_VALUE;
                    nextClose = Long.MIN_VALUE;
                }
            }
        }

        private void emit(int i, Timeframe tf, BarSink sink) {
            int spread = (int) Math.round(lastSpread / point);
            sink.onBar(new Bar(symbol, tf, openTime[i], open[i], high[i], low[i], lastBid, ticks - firstTick[i], spread));
        }
    }
}
