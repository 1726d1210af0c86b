package io.vprop.market;

import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarSeriesTest {
    private static final long H = 3_600_000L;

    private static Bar bar(long openMs, double o, double h, double l, double c, long volume, int spread) {
        return new Bar("EURUSD", Timeframe.H1, openMs, o, h, l, c, volume, spread);
    }

    private static List<Bar> drain(BarSource s) {
        List<Bar> out = new ArrayList<>();
        for (Bar b; (b = s.next()) != null; ) out.add(b);
        return out;
    }

    @Test
    void givesBackEveryBarEqualAndInOrder() {
        Bar[] bars = {bar(0, 1.1, 1.2, 1.0, 1.15, 7, 3), bar(H, 1.15, 1.16, 1.149_99, 1.151, 1, 0),
                bar(5 * H, -0.0, Double.MIN_VALUE, -1e300, 1e300, Long.MAX_VALUE, Integer.MAX_VALUE)};
        BarSeries s = BarSeries.of(bars);
        assertThat(s.symbol()).isEqualTo("EURUSD");
        assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(s.size()).isEqualTo(3);
        for (int i = 0; i < bars.length; i++) {
            assertThat(s.bar(i)).isEqualTo(bars[i]);
            assertThat(s.openTimeMs(i)).isEqualTo(bars[i].openTimeMs());
            assertThat(s.spread(i)).isEqualTo(bars[i].spread());
        }
        // bit for bit: -0.0 stays -0.0 (a record's equals compares doubles as Double.compare does, so this is checked too)
        assertThat(Double.doubleToRawLongBits(s.open(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(drain(s.cursor())).containsExactly(bars);
    }

    @Test
    void aCursorOfAPeriodGivesTheBarsOpeningInIt() {
        Bar[] bars = new Bar[10];
        for (int i = 0; i < bars.length; i++) bars[i] = bar(2 * i * H, 1 + i, 2 + i, i, 1.5 + i, i, i);
        BarSeries s = BarSeries.of(bars);
        assertThat(drain(s.cursor(2 * H, 8 * H))).containsExactly(bars[1], bars[2], bars[3]);
        assertThat(drain(s.cursor(2 * H + 1, 8 * H + 1))).containsExactly(bars[2], bars[3], bars[4]);
        assertThat(drain(s.cursor(Long.MIN_VALUE, Long.MAX_VALUE))).containsExactly(bars);
        assertThat(drain(s.cursor(100 * H, 200 * H))).isEmpty();
        assertThat(drain(s.cursor(5 * H, 5 * H))).isEmpty();
        BarSeries.Cursor c = s.cursor(3 * H, 9 * H);
        assertThat(c.position()).isEqualTo(2);
        assertThat(c.end()).isEqualTo(5);
        c.next();
        assertThat(c.position()).isEqualTo(3);
        assertThat(s.firstAtOrAfter(Long.MIN_VALUE)).isZero();
        assertThat(s.firstAtOrAfter(18 * H)).isEqualTo(9);
        assertThat(s.firstAtOrAfter(18 * H + 1)).isEqualTo(10);
    }

    @Test
    void aCursorEndingWhenItsConditionHoldsAsksItOnlyForBarsFromItsTime() {
        Bar[] bars = new Bar[10];
        for (int i = 0; i < bars.length; i++) bars[i] = bar(i * H, 1 + i, 2 + i, i, 1.5 + i, i, i);
        BarSeries s = BarSeries.of(bars);
        int[] asked = {0};
        BarSeries.Cursor c = s.cursor(2 * H, 9 * H).endingWhen(5 * H, () -> ++asked[0] >= 2);
        assertThat(c.endsEarly()).isTrue();
        assertThat(s.cursor().endsEarly()).isFalse();
        // bars 2–4 open before 5 H: given without asking; bar 5 is asked (no), bar 6 is asked (yes): the cursor ends
        assertThat(drain(c)).containsExactly(bars[2], bars[3], bars[4], bars[5]);
        assertThat(asked[0]).isEqualTo(2);
        assertThat(c.next()).isNull();
        assertThat(asked[0]).as("an ended cursor asks no more").isEqualTo(2);
        // never holding: the cursor's whole range; endsBefore answers as next() would
        BarSeries.Cursor never = s.cursor(2 * H, 9 * H).endingWhen(5 * H, () -> false);
        assertThat(never.endsBefore(8)).isFalse();
        assertThat(never.endsBefore(9)).isTrue();
        assertThat(drain(never)).containsExactly(bars[2], bars[3], bars[4], bars[5], bars[6], bars[7], bars[8]);
        BarSeries.Cursor always = s.cursor().endingWhen(Long.MIN_VALUE, () -> true);
        assertThat(always.endsBefore(0)).isTrue();
        assertThat(drain(always)).isEmpty();
        assertThatThrownBy(() -> s.cursor().endingWhen(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMixedSeriesAndBarsOutOfOrder() {
        Bar a = bar(0, 1, 1, 1, 1, 1, 0);
        assertThatThrownBy(() -> BarSeries.of(new Bar[]{a, bar(0, 1, 1, 1, 1, 1, 0)})).hasMessageContaining("not in time order");
        assertThatThrownBy(() -> BarSeries.of(new Bar[]{a, new Bar("GBPUSD", Timeframe.H1, H, 1, 1, 1, 1, 1, 0)}))
                .hasMessageContaining("one symbol at one timeframe");
        assertThatThrownBy(() -> BarSeries.of(new Bar[]{a, new Bar("EURUSD", Timeframe.H4, H, 1, 1, 1, 1, 1, 0)}))
                .hasMessageContaining("one symbol at one timeframe");
        assertThatThrownBy(() -> BarSeries.of(new Bar[0])).hasMessageContaining("no bars");
        assertThat(BarSeries.of("EURUSD", Timeframe.D1, new Bar[0]).cursor().next()).isNull();
    }

    /** A real file's bars, through the store, are the file's bars. */
    @Test
    void aSharedFilesBarsComeBackAsTheFileGivesThem() {
        Path f = SharedData.file(SharedData.EURUSD_M1);
        List<Bar> read;
        try (BarSource s = MarketFiles.openBars(f, null, MarketFiles.timeframeFromFileName(f), ServerClock.UTC, ParseMode.STRICT)) {
            read = drain(s);
        }
        assertThat(read).hasSizeGreaterThan(1000);
        BarSeries series = BarSeries.of(read.toArray(new Bar[0]));
        assertThat(drain(series.cursor())).isEqualTo(read);
    }
}
