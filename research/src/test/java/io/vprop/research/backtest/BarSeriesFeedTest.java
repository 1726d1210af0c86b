package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.BarSource;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bar feed plays a {@link BarSeries} (read from its array, bars made only when delivered) exactly as it plays the
 * same bars from a plain {@link BarSource}: every quote (time, bid, ask, flags), every bar, every question to the sink
 * (stop first, levels on the way, with a sink that answers levels so legs stop) in the same order, within a period
 * and from a cursor already part-way; on the shared H4 and D1 bars of two pairs (5 and 3 digits), on both paths.
 */
class BarSeriesFeedTest {

    @Test
    void aSeriesPlaysTheSameEventsAsItsBarsFromAPlainSource() throws Exception {
        List<Bar[]> files = new ArrayList<>();
        for (String symbol : new String[]{"EURUSD", "USDJPY"})
            for (String tf : new String[]{"D1", "H4"})
                files.add(read(SharedData.file("bars/h4_d1/" + symbol + "_snowguru_" + tf + "_2007-2023.bars.csv.gz")));
        assertThat(files).hasSize(4);
        List<SymbolSpec> specs = files.stream().map(b -> SymbolSpec.fxMajor(b[0].symbol())).distinct().toList();
        long from = Instant.parse("2015-03-02T00:00:00Z").toEpochMilli(), to = Instant.parse("2016-07-01T00:00:00Z").toEpochMilli();
        List<String> plain = play(plain(files), specs, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(plain.size()).isGreaterThan(100_000);
        same(play(cursors(files), specs, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE), plain);
        for (BarPath path : BarPath.values()) {
            List<String> period = play(plain(files), specs, path, from, to);
            assertThat(period.size()).isBetween(5_000, plain.size() / 4);
            same(play(cursors(files), specs, path, from, to), period);
        }
        // a cursor already part-way starts where it is; a cursor of a period ends where it ends
        Bar[] h4 = files.get(1);                                     // (EURUSD D1, EURUSD H4, USDJPY D1, H4)
        BarSeries eur = BarSeries.of(h4);
        assertThat(eur.timeframe()).isEqualTo(io.vprop.market.Timeframe.H4);
        BarSeries.Cursor partWay = eur.cursor();
        for (int i = 0; i < 100; i++) partWay.next();
        List<BarSource> tail = List.of(plainOf(h4, 100, h4.length));
        same(play(List.of(partWay), specs, BarPath.OHLC, from, Long.MAX_VALUE), play(tail, specs, BarPath.OHLC, from, Long.MAX_VALUE));
        same(play(List.of(eur.cursor(Long.MIN_VALUE, from)), specs, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE),
                play(List.of(eur.cursor()), specs, BarPath.OHLC, Long.MIN_VALUE, from));
    }

    /**
     * A cursor that ends early (the walk-forward's quiet end of a unit) ends the feed's lane where a plain source asking
     * the same condition at each bar it gives would: the feed reads the series' array, so it must ask as each bar is
     * due, not later. The condition here depends on how far the play has gone, so asking it at another moment would
     * end at another event.
     */
    @Test
    void aCursorEndingEarlyEndsTheLaneWhereAPlainSourceWould() {
        Bar[] h4 = read(SharedData.file("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz"));
        Bar[] jpy = read(SharedData.file("bars/h4_d1/USDJPY_snowguru_H4_2007-2023.bars.csv.gz"));
        List<SymbolSpec> specs = List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("USDJPY"));
        long from = Instant.parse("2015-03-02T00:00:00Z").toEpochMilli(), to = Instant.parse("2015-09-01T00:00:00Z").toEpochMilli();
        long quietFrom = Instant.parse("2015-06-01T00:00:00Z").toEpochMilli();
        List<String> plainOut = new ArrayList<>(), seriesOut = new ArrayList<>();
        int stopAt = 9_001;                                          // events played when the condition starts to hold
        BarSource plainEur = endingPlain(h4, quietFrom, () -> plainOut.size() >= stopAt);
        List<String> plain = play(List.of(plainEur, plainOf(jpy, 0, jpy.length)), specs, from, to, plainOut);
        BarSeries.Cursor eur = BarSeries.of(h4).cursor().endingWhen(quietFrom, () -> seriesOut.size() >= stopAt);
        assertThat(eur.endsEarly()).isTrue();
        List<String> series = play(List.of(eur, BarSeries.of(jpy).cursor()), specs, from, to, seriesOut);
        same(series, plain);
        List<String> whole = play(List.of(BarSeries.of(h4).cursor(), BarSeries.of(jpy).cursor()), specs, BarPath.OHLC, from, to);
        assertThat(series.size()).as("the EURUSD lane ended early, USDJPY's went on").isLessThan(whole.size());
        assertThat(series.get(series.size() - 1)).contains("USDJPY");
        assertThat(series.stream().filter(e -> e.contains("EURUSD")).count())
                .isLessThan(whole.stream().filter(e -> e.contains("EURUSD")).count());
    }

    /** A plain source that ends once a bar opening at or after {@code fromMs} is due and {@code condition} holds. */
    private static BarSource endingPlain(Bar[] bars, long fromMs, java.util.function.BooleanSupplier condition) {
        Iterator<Bar> it = List.of(bars).iterator();
        boolean[] ended = {false};
        return () -> {
            if (ended[0] || !it.hasNext()) return null;
            Bar b = it.next();
            if (b.openTimeMs() >= fromMs && condition.getAsBoolean()) {
                ended[0] = true;
                return null;
            }
            return b;
        };
    }

    private static List<String> play(List<BarSource> sources, List<SymbolSpec> specs, long from, long to, List<String> out) {
        try (MarketFeed f = MarketFeed.bars(sources, specs, BarPath.OHLC, SpreadModel.fixed(7), from, to)) {
            Recorder r = new Recorder(out);
            while (f.next(r)) { /* plays */ }
        }
        return out;
    }

    /** The same events in the same order (the first difference named: a list this long is not printed). */
    private static void same(List<String> got, List<String> want) {
        for (int i = 0; i < Math.min(got.size(), want.size()); i++)
            if (!got.get(i).equals(want.get(i))) throw new AssertionError("event " + i + ": " + got.get(i) + ", expected " + want.get(i));
        assertThat(got.size()).as("events").isEqualTo(want.size());
        assertThat(got).isNotEmpty();
    }

    @Test
    void overlappingBarsOfASeriesAreRefusedAsFromAnySource() {
        long h = 3_600_000L;
        Bar[] bars = {new Bar("EURUSD", io.vprop.market.Timeframe.H4, 0, 1, 1, 1, 1, 0, 0),
                new Bar("EURUSD", io.vprop.market.Timeframe.H4, h, 1, 1, 1, 1, 0, 0)};
        List<SymbolSpec> specs = List.of(SymbolSpec.fxMajor("EURUSD"));
        assertThatThrownBy(() -> play(List.of(BarSeries.of(bars).cursor()), specs, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE))
                .hasMessageContaining("bars overlap");
        assertThatThrownBy(() -> play(List.of(plainOf(bars, 0, 2)), specs, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE))
                .hasMessageContaining("bars overlap");
    }

    private static Bar[] read(Path f) {
        List<Bar> out = new ArrayList<>();
        try (BarSource s = MarketFiles.openBars(f, null, MarketFiles.timeframeFromFileName(f), ServerClock.UTC, ParseMode.STRICT)) {
            for (Bar b; (b = s.next()) != null; ) out.add(b);
        }
        return out.toArray(new Bar[0]);
    }

    private static List<BarSource> plain(List<Bar[]> files) {
        return files.stream().map(b -> plainOf(b, 0, b.length)).toList();
    }

    private static BarSource plainOf(Bar[] bars, int from, int end) {
        Iterator<Bar> it = List.of(bars).subList(from, end).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static List<BarSource> cursors(List<Bar[]> files) {
        return files.stream().<BarSource>map(b -> BarSeries.of(b).cursor()).toList();
    }

    private static List<String> play(List<BarSource> sources, List<SymbolSpec> specs, BarPath path, long from, long to) {
        List<String> out = new ArrayList<>();
        try (MarketFeed f = MarketFeed.bars(sources, specs, path, SpreadModel.fixed(7), from, to)) {
            Recorder r = new Recorder(out);
            while (f.next(r)) { /* plays */ }
        }
        return out;
    }

    /**
     * Writes down every event and question; answers a level halfway along every third leg asked about and "stop first"
     * by turns, so the legs that stop on the way and the conservative path's choice are played too.
     */
    private static final class Recorder implements MarketEvents.Sink {
        final List<String> out;
        int asked;

        Recorder(List<String> out) { this.out = out; }

        @Override public void quote(Tick t) { out.add(t.toString()); }

        @Override public void barClosed(Bar b) { out.add(b.toString()); }

        @Override
        public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) {
            out.add("stopFirst " + symbol + " " + lowBid + " " + highBid + " " + lowAsk + " " + highAsk);
            return ++asked % 3 - 1;
        }

        @Override
        public double nextLevel(String symbol, double fromBid, double toBid, double spread) {
            out.add("nextLevel " + symbol + " " + fromBid + " " + toBid + " " + spread);
            return ++asked % 3 == 0 ? (fromBid + toBid) / 2 : Double.NaN;
        }
    }
}
