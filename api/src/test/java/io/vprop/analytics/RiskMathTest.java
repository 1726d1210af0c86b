package io.vprop.analytics;

import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vprop.analytics.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Stop risk and correlation, hand-computed. */
class RiskMathTest {
    private static Trade closed(String sym, Side side, double entry, double exit, double lots, double profit) {
        return new Trade("p1", 1, sym, side, "", "", "", "", "", TradingSession.LONDON, t("2026-03-10T08:00:00Z"),
                t("2026-03-10T09:00:00Z"), entry, exit, lots, lots, profit, 0, 0, profit, 2, true);
    }

    @Test
    void stopRiskFromTheValueOfAPriceMove() {
        // 1 lot EURUSD 1.1000 → 1.1010 made 100: 100 / (0.0010 × 1) = 100 000 per 1.0 price move per lot
        // a sell 0.5 lot USDJPY 150.00 → 149.50 made 166.67: 166.67 / (0.5 × 0.5) = 666.68
        Map<String, Double> v = StopRisk.moneyPerPricePerLot(List.of(closed("EURUSD", Side.BUY, 1.1000, 1.1010, 1, 100),
                closed("USDJPY", Side.SELL, 150.00, 149.50, 0.5, 166.67)));
        assertThat(v.get("EURUSD")).isCloseTo(100_000, within(1e-6));
        assertThat(v.get("USDJPY")).isCloseTo(666.68, within(1e-9));
        // 2 lots, stop 50 pips away: 0.0050 × 2 × 100 000 = 1000
        assertThat(StopRisk.atStop(1.1000, 1.0950, 2, v.get("EURUSD"))).isCloseTo(1000, within(1e-6));
        assertThat(StopRisk.atStop(1.1000, 0, 2, v.get("EURUSD"))).isNaN();   // no stop: unbounded
        assertThat(StopRisk.atStop(1.2500, 1.2400, 1, v.get("GBPUSD"))).isNaN(); // no closed GBPUSD yet
    }

    @Test
    void correlationOfLogReturns() {
        double[] a = {100, 110, 121, 108.9};          // returns ln1.1, ln1.1, ln0.9
        double[] same = {50, 55, 60.5, 54.45};        // the same returns
        double[] mirror = {100, 1 / 1.1 * 100, 100 / 1.21, 100 / 1.089}; // ln(1/1.1), ln(1/1.1), ln(1/0.9): exactly negated
        assertThat(Correlation.logReturns(a)[0]).isCloseTo(Math.log(1.1), within(1e-15));
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("A", a);
        m.put("B", same);
        m.put("C", mirror);
        Correlation.Matrix c = Correlation.matrix(m);
        assertThat(c.symbols()).containsExactly("A", "B", "C");
        assertThat(c.values()[0][1]).isCloseTo(1.0, within(1e-12));
        assertThat(c.values()[0][2]).isCloseTo(-1.0, within(1e-12));
        assertThat(c.samples()).isEqualTo(4);
        // pearson by hand: x = 1,2,3; y = 1,3,2 → means 2, 2; Σdxdy = 1·1 + 0 + 1·0 ... = (−1)(−1) + 0·1 + 1·0 = 1; Σdx² = 2, Σdy² = 2 → 0.5
        assertThat(Correlation.pearson(new double[]{1, 2, 3}, new double[]{1, 3, 2})).isCloseTo(0.5, within(1e-15));
        assertThat(Correlation.pearson(new double[]{1, 1, 1}, new double[]{1, 2, 3})).isNaN();
        assertThatThrownBy(() -> Correlation.logReturns(new double[]{1, -2})).hasMessageContaining("price[1]");
    }
}
