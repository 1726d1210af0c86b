package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.BarSource;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Bars as quotes and closed bars ({@link MarketFeed#bars}). Each source is a lane; per symbol the lane of the finest
 * timeframe is the price path, the others only deliver their bars. Lanes are merged by (time, quotes before bars,
 * lane order), so every quote at an instant is seen before any bar that closes then. A path bar's second quote is
 * decided only when it is due, after the open quote has been acted on: the conservative path reads the positions
 * as they are then. Each leg stops at the levels open positions trigger on the way (MarketEvents.Sink#nextLevel).
 * A lane keeps its current bar's time and prices in fields of its own; a {@link BarSeries.Cursor} is read from its
 * array, so a bar is made only when it is delivered, and the next bar's time never waits on an object's cache miss.
 */
final class BarFeed extends MarketFeed {
    private static final int CLOSED = 4;
    /** Lanes are numbered below this; a lane's closed bar orders after every quote at its instant (see {@link Lane#key}). */
    private static final int MAX_LANES = 1 << 16;
    /** Event times from about year 855 to 3085 fit the queue's key: the time's 46 bits above the order's 17. */
    private static final long TIME_SHIFT = 1L << 45, TIME_SPAN = 1L << 46;

    private final BarPath path;
    private final SpreadModel spread;
    private final List<Lane> lanes = new ArrayList<>();
    private final Lane[] byIndex;
    /**
     * Up to this many lanes the queue is kept sorted: a step moves the taken lane's next key back past the keys due
     * before it, a dozen moves for a dozen pairs, on branches the processor predicts (a heap's sift mispredicts at
     * about every level, and cost the feed about half its time). More lanes: a binary heap, whose steps grow as log n.
     */
    static final int SORTED_UP_TO = 64;

    /**
     * The lanes with an event to come by their keys ({@link Lane#key}: the order of events, the lane's index in the low
     * bits), the next event's first: in order ({@link #sorted}) or as a binary heap. Primitive keys side by side: no
     * lane is read to compare.
     */
    private final long[] due;
    private int dueCount;
    private final boolean sorted;

    BarFeed(List<? extends BarSource> sources, Collection<SymbolSpec> specs, BarPath path, SpreadModel spread,
            long fromMs, long toMs) {
        if (sources == null || sources.isEmpty()) throw new IllegalArgumentException("no bar files to play");
        if (path == null || spread == null) throw new IllegalArgumentException("a bar path and a spread model are required");
        this.path = path;
        this.spread = spread;
        Map<String, SymbolSpec> bySymbol = new HashMap<>();
        for (SymbolSpec s : specs) bySymbol.put(s.symbol(), s);
        for (BarSource s : sources) {
            Lane lane = new Lane(s, fromMs, toMs);
            if (!lane.live) {
                lane.source.close();
                continue;                                           // nothing in the period
            }
            lane.spec = bySymbol.get(lane.symbol);
            if (lane.spec == null) throw new IllegalArgumentException("no symbol spec for " + lane.symbol + " (bar data)");
            lane.pow10 = Math.pow(10, lane.spec.digits());
            lanes.add(lane);
        }
        if (lanes.isEmpty()) throw new IllegalArgumentException("the bar files have no bar in the period");
        Map<String, Lane> finest = new HashMap<>();
        for (Lane l : lanes) {
            Lane f = finest.get(l.symbol);
            if (f != null && f.timeframe == l.timeframe)
                throw new IllegalArgumentException("two bar files of " + l.symbol + " at " + l.timeframe
                        + ": pass one (bid) file per symbol and timeframe");
            if (f == null || l.timeframe.millis() < f.timeframe.millis()) finest.put(l.symbol, l);
        }
        lanes.sort(Comparator.comparing((Lane l) -> finest.get(l.symbol) != l)
                .thenComparing(l -> l.symbol).thenComparingLong(l -> l.timeframe.millis()));
        if (lanes.size() >= MAX_LANES) throw new IllegalArgumentException(lanes.size() + " bar files: at most " + (MAX_LANES - 1));
        byIndex = lanes.toArray(new Lane[0]);
        due = new long[lanes.size()];
        sorted = lanes.size() <= SORTED_UP_TO;
        for (int i = 0; i < lanes.size(); i++) {
            Lane l = lanes.get(i);
            l.index = i;
            l.quotes = finest.get(l.symbol) == l;
            l.step = l.quotes ? 0 : CLOSED;
            l.refreshDue();
            due[dueCount++] = l.key;
            siftUp(dueCount - 1);
        }
        if (sorted) java.util.Arrays.sort(due, 0, dueCount);   // (a heap's array is not in order)
    }

    @Override
    boolean advance(MarketEvents.Sink sink) {
        if (dueCount == 0) return false;
        Lane l = byIndex[(int) due[0] & (MAX_LANES - 1)];
        l.take(sink, sink instanceof MarketFeed.Sink numbered ? numbered : null);
        if (sorted) {
            if (l.live) {
                l.refreshDue();                                // its next event: back past the keys due before it
                long k = l.key;
                int i = 0, last = dueCount - 1;
                for (; i < last && due[i + 1] < k; i++) due[i] = due[i + 1];
                due[i] = k;
            } else {
                System.arraycopy(due, 1, due, 0, --dueCount);  // the lane has ended
            }
            return true;
        }
        if (l.live) {
            l.refreshDue();                                    // its next event: back into place from the top
            due[0] = l.key;
        } else {
            due[0] = due[--dueCount];                          // the lane has ended
        }
        if (dueCount > 0) siftDown(0);
        return true;
    }

    private void siftUp(int i) {
        long k = due[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (k >= due[parent]) break;
            due[i] = due[parent];
            i = parent;
        }
        due[i] = k;
    }

    private void siftDown(int i) {
        long k = due[i];
        int half = dueCount >>> 1;
        while (i < half) {
            int child = 2 * i + 1, right = child + 1;
            if (right < dueCount && due[right] < due[child]) child = right;
            if (due[child] >= k) break;
            due[i] = due[child];
            i = child;
        }
        due[i] = k;
    }

    @Override
    boolean fromBars() { return true; }

    @Override
    public String describe() {
        StringJoiner j = new StringJoiner(", ", "bars: ", " (" + path.name().toLowerCase(java.util.Locale.ROOT) + " path)");
        for (Lane l : lanes) j.add(l.symbol + " " + l.timeframe + (l.quotes ? "" : " (delivered only)"));
        return j.toString();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Lane l : lanes) {
            try {
                l.source.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /**
     * One bar source: its current bar and how far along its path (quotes 0–3, then the bar itself). The bar's time,
     * prices and spread are copied into the lane's fields as it becomes current; from a {@link BarSeries.Cursor}
     * they are read from the series' array by index and the {@link Bar} is made only to be delivered.
     */
    private final class Lane {
        final BarSource source;
        /** The series a cursor reads ({@code source} is then not read), else null; its bars {@code pos} to {@code end}. */
        final BarSeries series;
        final int end;
        /** The cursor when it may end early (its condition asked as each bar is due), else null. */
        final BarSeries.Cursor endsEarly;
        int pos;                             // the series' index of the current bar
        final Timeframe timeframe;
        final String symbol;
        final long barMs, third, twoThirds;  // the bar's length and its middle quotes' offsets: no division per event
        final long fromMs, toMs;             // the period (a source's bars outside it are skipped)
        SymbolSpec spec;
        double pow10;                        // 10^digits of the symbol: quotes are in whole points
        int[] spreadByHour;                  // the spread model's table for this symbol (SpreadModel#byUtcHour), once asked
        boolean spreadPerQuote;              // the model has no table: asked at every quote
        /** Whether there is a current bar; its fields (and, from a source, {@code bar} itself). */
        boolean live;
        Bar bar;
        long openMs;
        double open, high, low, close;
        int barSpread;
        int index, step;
        /**
         * The queue's order of the lane's next event in one number (no two lanes tie): its time() in the high bits, then
         * 0 for a quote or 1 for the bar itself (quotes at an instant before bars), then the lane's index (the low 16 bits).
         */
        long key;
        long at;                             // time() as of the last refreshDue: the time of the event take() plays
        boolean quotes, highFirst;           // quotes: this lane makes its symbol's price path
        double target = Double.NaN;          // where the current leg of the path goes
        double lastBid = Double.NaN, lastAsk = Double.NaN;

        Lane(BarSource source, long fromMs, long toMs) {
            this.source = source;
            this.fromMs = fromMs;
            this.toMs = toMs;
            if (source instanceof BarSeries.Cursor c) {
                series = c.series();
                int from = Math.max(c.position(), series.firstAtOrAfter(fromMs));   // as skipping: open times rise
                end = Math.max(from, Math.min(c.end(), series.firstAtOrAfter(toMs)));
                endsEarly = c.endsEarly() ? c : null;
                pos = from - 1;
                load();
                timeframe = series.timeframe();
                symbol = series.symbol();
            } else {
                series = null;
                end = 0;
                endsEarly = null;
                load();
                timeframe = bar == null ? null : bar.timeframe();
                symbol = bar == null ? null : bar.symbol();
            }
            this.barMs = timeframe == null ? 0 : timeframe.millis();
            this.third = barMs / 3;
            this.twoThirds = 2 * barMs / 3;
        }

        /**
         * Makes the source's next bar in the period current ({@code live} false at the end): bars opening before the
         * period are skipped, the first at or after its end ends the lane.
         */
        private void load() {
            if (series != null) {
                live = ++pos < end && (endsEarly == null || !endsEarly.endsBefore(pos));
                if (!live) return;
                openMs = series.openTimeMs(pos);
                open = series.open(pos);
                high = series.high(pos);
                low = series.low(pos);
                close = series.close(pos);
                barSpread = series.spread(pos);
                return;
            }
            Bar b;
            while ((b = source.next()) != null && b.openTimeMs() < fromMs) { /* before the period */ }
            if (b != null && b.openTimeMs() >= toMs) b = null;
            bar = b;
            live = b != null;
            if (!live) return;
            openMs = b.openTimeMs();
            open = b.open();
            high = b.high();
            low = b.low();
            close = b.close();
            barSpread = b.spread();
        }

        /** The current bar as a {@link Bar}, to deliver. */
        private Bar current() { return series != null ? series.bar(pos) : bar; }

        long time() {
            long t0 = openMs;
            return switch (step) {
                case 0 -> t0;
                case 1 -> t0 + third;
                case 2 -> t0 + twoThirds;
                default -> t0 + barMs - 1;                           // the close quote, and the bar right after it
            };
        }

        void refreshDue() {
            at = time();
            long t = at + TIME_SHIFT;
            if (t < 0 || t >= TIME_SPAN) throw new IllegalArgumentException(symbol + " " + timeframe + ": a bar at "
                    + openMs + " ms is outside the years the feed plays (about 855 to 3085)");
            key = t << 17 | (step == CLOSED ? MAX_LANES : 0) | index;   // (index < MAX_LANES = 2^16)
        }

        /**
         * The next event of this lane. The open is quoted as it is (a gap past a stop fills there); each leg after it
         * first stops at every level an open position triggers on the way (its stop, take profit, TP1), nearest first,
         * so a stop the path crosses fills at the stop, then reaches the leg's end.
         */
        void take(MarketEvents.Sink sink, MarketFeed.Sink numbered) {
            if (step == CLOSED) {
                sink.barClosed(current());
                next();
                return;
            }
            long t = at;                                         // (the queue's key is of this event: refreshed)
            int points = points(t);                              // once per quote: the spread model is asked once
            if (step == 0) {
                emit(sink, numbered, quote(t, open, points));
                step = 1;
                return;
            }
            if (Double.isNaN(target)) target = legEnd(sink, points);
            double spread = points * spec.point();
            double level = numbered != null ? numbered.nextLevel(index, symbol, lastBid, target, spread)
                    : sink.nextLevel(symbol, lastBid, target, spread);
            if (!Double.isNaN(level)) {                          // (most legs: no level on the way, nothing to round)
                level = round(level);
                if (target > lastBid ? level > lastBid && level < target : level < lastBid && level > target) {
                    emit(sink, numbered, quote(t, level, points));
                    return;
                }
            }
            emit(sink, numbered, quote(t, target, points));
            target = Double.NaN;
            step++;
        }

        /** A quote of this lane's symbol: numbered by the lane's index (only a quoting lane quotes: one per symbol). */
        private void emit(MarketEvents.Sink sink, MarketFeed.Sink numbered, Tick t) {
            if (numbered != null) numbered.quote(index, t);
            else sink.quote(t);
        }

        /** Leg 1 goes to the first extreme, leg 2 to the other, leg 3 to the close. */
        private double legEnd(MarketEvents.Sink sink, int p) {
            if (step == 1) {
                highFirst = BarPath.highFirst(open, high, low, close);
                if (path == BarPath.CONSERVATIVE) {
                    int stop = sink.stopFirst(symbol, low, high, ask(low, p), ask(high, p));
                    if (stop != 0) highFirst = stop > 0;
                }
                return highFirst ? high : low;
            }
            if (step == 2) return highFirst ? low : high;
            return close;
        }

        private void next() {
            long prevMs = openMs;
            load();
            if (!live) return;
            if (openMs < prevMs + barMs)
                throw new IllegalArgumentException(symbol + " " + timeframe + " bars overlap: " + Instant.ofEpochMilli(openMs)
                        + " opens before the bar of " + Instant.ofEpochMilli(prevMs) + " has closed");
            step = quotes ? 0 : CLOSED;
        }

        private int points(long t) {
            if (barSpread > 0) return barSpread;
            if (spreadByHour == null && !spreadPerQuote) {       // first asked at the first bar without a spread, as before
                int[] hours = spread.byUtcHour(spec);
                if (hours != null && hours.length != 24) throw new IllegalStateException("the spread model gave "
                        + hours.length + " hours for " + symbol + ", not 24");
                spreadByHour = hours;
                spreadPerQuote = hours == null;
            }
            int p = spreadByHour != null ? SpreadModel.atHour(spreadByHour, t) : spread.points(spec, t);
            if (p < 0) throw new IllegalStateException("the spread model gave " + p + " points for " + symbol);
            return p;
        }

        private double round(double price) {
            return Math.round(price * pow10) / pow10;
        }

        private double ask(double bid, int points) {
            return (Math.round(bid * pow10) + points) / pow10;
        }

        private Tick quote(long t, double bid, int points) {
            double ask = ask(bid, points);
            int flags = (bid != lastBid ? 2 : 0) | (ask != lastAsk ? 4 : 0);
            lastBid = bid;
            lastAsk = ask;
            return new Tick(symbol, t, bid, ask, 0, 0, flags);
        }
    }
}
