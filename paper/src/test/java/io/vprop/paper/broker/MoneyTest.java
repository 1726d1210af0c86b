package io.vprop.paper.broker;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Money.cents is Math.round(amount × 100) / 100 to the bit, whatever way it is worked out. */
class MoneyTest {

    private static void same(double amount) {
        double expected = Math.round(amount * 100.0) / 100.0;
        assertThat(Double.doubleToRawLongBits(Money.cents(amount))).as("cents of %s", amount)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void theSameBitsAsMathRound() {
        for (double a : new double[]{0.0, -0.0, 0.005, -0.005, 0.015, -0.015, 0.025, -0.025, 1.005, -1.005, 2.675, -2.675,
                0.0049999999999999999, -0.0049999999999999999, 0.49999999999999994, -0.49999999999999994, 1e-320, -1e-320,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p52 / 100, -0x1p52 / 100, 0x1p53 / 100, 45035996273704.955,
                -45035996273704.955, 123456.785, -123456.785, 99.995, -99.995}) {
            same(a);
            same(Math.nextUp(a));
            same(Math.nextDown(a));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            long half = random.nextLong(-2_000_000_000L, 2_000_000_000L);          // half cents: the ties and beside them
            double tie = (half + 0.5) / 100.0;
            same(tie);
            same(Math.nextUp(tie));
            same(Math.nextDown(tie));
            same((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 16)));
        }
    }
}
