package io.vprop.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every expected value below is worked out by hand in the comment next to it. */
class MetricsTest {
    private static final double[] R = {0.02, -0.01, 0.03, -0.02, 0.01};

    @Test
    void sharpeIsMeanOverSampleStdev() {
        // mean = 0.03 / 5 = 0.006; deviations 0.014, -0.016, 0.024, -0.026, 0.004
        // squares 0.000196 + 0.000256 + 0.000576 + 0.000676 + 0.000016 = 0.00172; / (5-1) = 0.00043
        assertThat(Metrics.mean(R)).isCloseTo(0.006, within(1e-15));
        assertThat(Metrics.stdev(R)).isCloseTo(Math.sqrt(0.00043), within(1e-15));
        assertThat(Metrics.sharpe(R)).isCloseTo(0.006 / Math.sqrt(0.00043), within(1e-12)); // 0.28934...
        assertThat(Metrics.sharpe(R)).isCloseTo(0.2893, within(1e-4));
    }

    @Test
    void sortinoUsesDownsideDeviationOverAllPeriods() {
        // downside squares: 0.01² + 0.02² = 0.0005; / 5 = 0.0001; sqrt = 0.01; 0.006 / 0.01 = 0.6
        assertThat(Metrics.sortino(R)).isCloseTo(0.6, within(1e-12));
        assertThat(Metrics.sortino(new double[]{0.01, 0.02})).isNaN(); // no losing period: undefined, not infinite
    }

    @Test
    void drawdownAndCalmar() {
        double[] eq = {100, 120, 90, 110, 80, 130};
        // peak 120, trough 80: 40 money, 40/120 = 1/3
        assertThat(Metrics.maxDrawdown(eq)).isEqualTo(40.0);
        assertThat(Metrics.maxDrawdownPct(eq)).isCloseTo(1.0 / 3, within(1e-15));
        // total return 130/100 - 1 = 0.3; 0.3 / (1/3) = 0.9
        assertThat(Metrics.calmar(eq)).isCloseTo(0.9, within(1e-12));
        assertThat(Metrics.calmar(new double[]{100, 101, 102})).isNaN(); // never fell
        assertThatThrownBy(() -> Metrics.maxDrawdownPct(new double[]{100, 0}))
                .hasMessageContaining("equity[1]").hasMessageContaining("positive");
    }

    @Test
    void historicalVarAndEsAt95() {
        // 20 values -10..9: k = ceil(0.05*20) = 1, the worst value -10: VaR = ES = 10
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) twenty[i] = i - 10;
        assertThat(Metrics.var95(twenty)).isEqualTo(10.0);
        assertThat(Metrics.es95(twenty)).isEqualTo(10.0);
        // 40 values -20..19 shuffled: k = 2, the worst two -20, -19: VaR = 19, ES = 19.5
        double[] forty = new double[40];
        for (int i = 0; i < 40; i++) forty[i] = ((i * 17) % 40) - 20;
        assertThat(Metrics.var95(forty)).isEqualTo(19.0);
        assertThat(Metrics.es95(forty)).isEqualTo(19.5);
        // 30 values: k = ceil(1.5) = 2
        double[] thirty = new double[30];
        for (int i = 0; i < 30; i++) thirty[i] = i;
        assertThat(Metrics.var95(thirty)).isEqualTo(-1.0); // every outcome a gain: the "loss" is negative
        assertThat(Metrics.es95(thirty)).isEqualTo(-0.5);
    }

    @Test
    void winRateProfitFactorExpectancy() {
        double[] pnl = {10, -5, 0, 20};
        assertThat(Metrics.winRate(pnl)).isEqualTo(0.5);        // 2 of 4 strictly positive
        assertThat(Metrics.profitFactor(pnl)).isEqualTo(6.0);   // 30 / 5
        assertThat(Metrics.expectancy(pnl)).isEqualTo(6.25);    // 25 / 4
        assertThat(Metrics.profitFactor(new double[]{1, 2})).isNaN();
        assertThat(Metrics.winRate(new double[0])).isNaN();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Metrics.sharpe(new double[]{0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns[1]").hasMessageContaining("NaN");
        assertThatThrownBy(() -> Metrics.var95(new double[]{Double.POSITIVE_INFINITY}))
                .hasMessageContaining("x[0]");
        assertThatThrownBy(() -> Metrics.winRate(null)).hasMessageContaining("pnl is missing");
    }
}
