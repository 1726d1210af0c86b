package io.vprop.governors.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CentsTest {
    @Test
    void theFloatingPointFloorOfIssue17IsExactInCents() {
        // FTMO 2-Step, initial 100,000.80: the double floor lands a hair above 95,000.76 and halted equity 95,000.76
        double doubleFloor = 100_000.80 - 5 / 100.0 * 100_000.80;
        assertThat(doubleFloor).isGreaterThan(95_000.76);
        long initial = Cents.of(100_000.80);
        long floor = initial - Cents.pctOf(initial, 5, false);
        assertThat(floor).isEqualTo(9_500_076);
        assertThat(Cents.of(95_000.76) < floor).as("equity at the floor is no breach").isFalse();
        assertThat(Cents.of(95_000.75) < floor).as("one cent below is").isTrue();
    }

    @Test
    void amountsBecomeTheirNearestCentHalfUp() {
        assertThat(Cents.of(95_000.76000000001)).isEqualTo(9_500_076);
        assertThat(Cents.of(95_000.759999999)).isEqualTo(9_500_076);
        assertThat(Cents.of(0.125)).isEqualTo(13);   // exactly half a cent: up
        assertThat(Cents.of(-0.125)).isEqualTo(-12); // up, towards positive
        assertThat(Cents.of(0.1 + 0.2)).isEqualTo(30);
        assertThat(Cents.toDouble(9_500_076)).isEqualTo(95_000.76);
    }

    @Test
    void percentagesAreIntegerArithmeticRoundedAsAsked() {
        assertThat(Cents.pctOf(3_333_333, 3, false)).isEqualTo(99_999);  // 999.9999 -> 999.99 (a limit)
        assertThat(Cents.pctOf(3_333_333, 3, true)).isEqualTo(100_000);  // -> 1,000.00 (a target)
        assertThat(Cents.pctOf(10_000_000, 5, false)).isEqualTo(500_000); // exact stays exact either way
        assertThat(Cents.pctOf(10_000_000, 5, true)).isEqualTo(500_000);
        assertThat(Cents.pctOf(12_345_678, 0.5, true)).isEqualTo(61_729); // 617.2839 -> 617.29
        assertThat(Cents.pctOf(-1_001, 50, false)).isEqualTo(-501);      // down is towards minus infinity
        assertThat(Cents.pctOf(1_000, 0.000001, true)).isEqualTo(1);
    }

    @Test
    void whatCannotBeExactIsRefused() {
        assertThat(Cents.exactPct(4.7)).isTrue();
        assertThat(Cents.exactPct(33.333333)).isTrue();
        assertThat(Cents.exactPct(33.3333333)).isFalse();
        assertThat(Cents.exactCents(1000.01)).isTrue();
        assertThat(Cents.exactCents(1000.005)).isFalse();
        assertThatThrownBy(() -> Cents.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cents.pctOf(Long.MAX_VALUE / 10, 100, false)).isInstanceOf(ArithmeticException.class);
    }
}
