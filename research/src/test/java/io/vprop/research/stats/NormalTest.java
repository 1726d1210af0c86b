package io.vprop.research.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalTest {
    @Test
    void cdfMatchesTabulatedValues() {
        // reference values of Φ to 16 digits (tables of the normal distribution / erfc); relative error ~1e-13
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
        assertThat(Normal.cdf(-3)).isCloseTo(0.0013498980316300946, within(1e-16));
        assertThat(Normal.cdf(-5)).isCloseTo(2.866515718791939e-7, within(1e-19));
        assertThat(Normal.cdf(-10)).isCloseTo(7.61985302416047e-24, within(1e-35));
    }

    @Test
    void inverseCdfInvertsAndMatchesKnownQuantiles() {
        assertThat(Normal.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-13));
        assertThat(Normal.inverseCdf(0.99)).isCloseTo(2.3263478740408408, within(1e-13));
        assertThat(Normal.inverseCdf(0.5)).isCloseTo(0.0, within(1e-15));
        for (double p : new double[]{1e-12, 1e-6, 0.01, 0.3, 0.7, 0.999, 1 - 1e-9}) {
            assertThat(Normal.cdf(Normal.inverseCdf(p))).isCloseTo(p, within(1e-12 * Math.max(p, 1e-3)));
        }
        assertThat(Normal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
