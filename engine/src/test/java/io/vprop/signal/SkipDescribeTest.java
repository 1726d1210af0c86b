package io.vprop.signal;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A skip's quality score is written exactly as the Formatter's "%.3f" writes it, without the Formatter. */
class SkipDescribeTest {
    private static void same(double v) {
        assertThat(Skip.threeDecimals(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
    }

    @Test
    void edgesMatchTheFormatter() {
        double[] edges = {0, -0.0, 0.0004, 0.0005, -0.0005, 0.0015, 0.1235, 1.0005, 2.6745, -0.001, -1.0005, 999.9995,
                -0.25, 0.25, 1e14 + 0.5, 9.999999999999998e14, 1e15, -1e15, 1e300, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) same(v);
    }

    @Test
    void randomScoresMatchTheFormatter() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, rng.nextInt(-4, 8));
            same((rng.nextDouble() - 0.5) * 2 * scale);
            same(Math.round(rng.nextDouble(-50, 50) * 2000) / 2000.0);     // exact halves of the last place
        }
    }
}
