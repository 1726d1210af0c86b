package io.vprop.governors.rules;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences' numbers are exactly the Formatter's, without the Formatter. */
class FmtTest {
    private static void same(double v) {
        assertThat(Fmt.money(v)).as("money(%s)", v).isEqualTo(String.format(Locale.ROOT, "%,.2f", v));
        String num = v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        assertThat(Fmt.num(v)).as("num(%s)", v).isEqualTo(num);
    }

    @Test
    void edgesMatchTheFormatter() {
        double[] edges = {0, -0.0, 0.004, 0.005, 0.015, 0.125, 1.005, 2.675, -0.001, -0.005, -1.005, 999.995, 999_999.995,
                1_000, 12_345.675, -98_765.4321, 1e14 + 0.5, 9.999999999999998e14, 1e15, -1e15, 1e300, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 100_000, 95_000, 94_999.995, 5.5, -5.5};
        for (double v : edges) same(v);
    }

    @Test
    void randomMoneyMatchesTheFormatter() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            double scale = Math.pow(10, rng.nextInt(-3, 13));
            double v = (rng.nextDouble() - 0.5) * scale;
            same(v);
            same(Math.round(v * 1000) / 1000.0);       // three decimals: half-way cases of the rounding
            same(Math.round(v * 100) / 100.0 + 0.005); // exactly on (or next to) .xx5
        }
    }
}
