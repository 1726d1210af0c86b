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

    /** Around the half cent, where Fmt leaves its double arithmetic for BigDecimal (1e-4 of a cent from it). */
    @Test
    void nearHalfCentsMatchTheFormatter() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double h = Math.round((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(0, 10)) * 100) / 100.0 + 0.005;
            same(h);
            same(Math.nextUp(h));
            same(Math.nextDown(h));
            for (double d : new double[]{0.5e-6, 0.9e-6, 1e-6, 1.1e-6, 2e-6, 1e-5}) {
                same(h + d);
                same(h - d);
            }
            double w = Math.rint(h * 100 / 7);           // whole numbers: num's "%.0f", and 999,999,999 and above
            same(w);
            same(w + 0.5);
        }
        for (double v : new double[]{999_999_999.994, 999_999_999.995, 999_999_999.996, 1e9, 1e9 + 0.005, 999_999_999.5})
            same(v);
    }
}
