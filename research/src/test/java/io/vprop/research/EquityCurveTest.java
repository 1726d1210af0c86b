package io.vprop.research;

import io.vprop.research.stats.DailySeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's recorded curve is the list of its points: equal, immutable, and the same daily series as a plain list. */
class EquityCurveTest {
    private static final long DAY = DailySeries.DAY_MS, MONDAY = 19_723 * DAY;   // 2024-01-01

    @Test
    void theCurveIsItsPointsWithoutRepeatsAndCannotChange() {
        EquityCurve.Recorder r = new EquityCurve.Recorder();
        assertThat(r.isEmpty()).isTrue();
        List<EquityPoint> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {                          // past the first growth of the arrays
            EquityPoint p = new EquityPoint(MONDAY + i * 3_600_000L, 100_000 + i / 10, 100_000 + i % 97 - 40.5);
            r.sample(p.timeMs(), p.balance(), p.equity());
            r.sample(p.timeMs(), p.balance(), p.equity());         // the same point again: not kept
            expected.add(p);
        }
        r.sample(MONDAY + 2_999 * 3_600_000L, 100_299, 0);           // the same instant, another equity: kept
        expected.add(new EquityPoint(MONDAY + 2_999 * 3_600_000L, 100_299, 0));
        EquityCurve c = r.take();
        assertThat(c).hasSize(3_001).isEqualTo(expected);
        assertThat(expected).isEqualTo(c);
        assertThat(c.hashCode()).isEqualTo(expected.hashCode());
        assertThat(c.timeMs(5)).isEqualTo(expected.get(5).timeMs());
        assertThat(c.equity(5)).isEqualTo(expected.get(5).equity());
        assertThatThrownBy(() -> c.add(expected.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.set(0, expected.get(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.isEmpty()).as("taken: the recorder starts again").isTrue();
        r.sample(MONDAY + 4_000 * 3_600_000L, 1, 1);
        assertThat(c).as("recording on does not change a curve taken").hasSize(3_001).isEqualTo(expected);
        assertThat(r.take()).containsExactly(new EquityPoint(MONDAY + 4_000 * 3_600_000L, 1, 1));
        assertThatThrownBy(() -> c.get(3_001)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> c.timeMs(3_001)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(new BacktestResult(List.of(), c, List.of(), 100_000, "USD", 0, 1, 0, java.util.Map.of()).equity())
                .as("kept as it is").isSameAs(c);
    }

    @Test
    void itsDailySeriesIsThatOfTheSamePointsInAPlainList() {
        EquityCurve.Recorder r = new EquityCurve.Recorder();
        for (int i = 0; i < 500; i++) r.sample(MONDAY - 3 * DAY + i * 5 * 3_600_000L, 100_000, 100_000 + Math.sin(i) * 500);
        EquityCurve c = r.take();
        for (long[] w : new long[][]{{MONDAY, MONDAY + 60 * DAY}, {MONDAY - 10 * DAY, MONDAY + 5 * DAY + 7}, {MONDAY + 200 * DAY, MONDAY + 201 * DAY}})
            assertThat(DailySeries.fromEquity(c, 100_000, w[0], w[1])).isEqualTo(DailySeries.fromEquity(List.copyOf(c), 100_000, w[0], w[1]));
        EquityCurve.Recorder back = new EquityCurve.Recorder();
        back.sample(MONDAY + 5, 1, 1);
        back.sample(MONDAY, 1, 2);
        assertThatThrownBy(() -> DailySeries.fromEquity(back.take(), 1, MONDAY, MONDAY + DAY))
                .hasMessageContaining("out of time order at index 1");
    }
}
