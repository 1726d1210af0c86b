package io.vprop.challenge.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskChoiceTest {
    private static RiskChoice.Point pt(double risk, double pass, double breach) {
        return new RiskChoice.Point(risk, pass, breach);
    }

    @Test
    void picksTheHighestPassAmongPointsWithinTheBreachBound() {
        // 1.0 % passes most but breaches 12 %; 0.75 % is the best within 10 %
        RiskChoice c = RiskChoice.choose("ftmo-2step", 0.10, List.of(pt(1.0, 0.40, 0.12), pt(0.25, 0.10, 0.01),
                pt(0.75, 0.30, 0.09), pt(0.5, 0.20, 0.05)));
        assertThat(c.riskPct()).isEqualTo(0.75);
        assertThat(c.advised()).isTrue();
        assertThat(c.verdict()).isEmpty();
        assertThat(c.chosen().pass()).isEqualTo(0.30);
        assertThat(c.points()).extracting(RiskChoice.Point::riskPct).containsExactly(0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void aBreachExactlyAtTheBoundIsAllowed() {
        RiskChoice c = RiskChoice.choose("e8-one", 0.10, List.of(pt(0.25, 0.1, 0.02), pt(0.5, 0.2, 0.10)));
        assertThat(c.riskPct()).isEqualTo(0.5);
    }

    @Test
    void tiesGoToTheLowerRisk() {
        RiskChoice c = RiskChoice.choose("ftmo-1step", 0.10, List.of(pt(0.75, 0.2, 0.08), pt(0.5, 0.2, 0.05),
                pt(0.25, 0.1, 0.01)));
        assertThat(c.riskPct()).isEqualTo(0.5);
    }

    @Test
    void noFeasiblePointGivesTheLowestRiskAndAVerdict() {
        RiskChoice c = RiskChoice.choose("topstep-50k", 0.10, List.of(pt(0.5, 0.01, 0.98), pt(0.25, 0.0, 0.90)));
        assertThat(c.riskPct()).isEqualTo(0.25);
        assertThat(c.advised()).isFalse();
        assertThat(c.verdict()).contains("no risk level").contains("P(breach) ≤ 10 %")
                .contains("the lab advises not to trade this strategy on this firm");
    }

    @Test
    void aFeasiblePointThatNeverPassesIsNoAdvice() {
        // the measured case (docs/research/edges-h4d1): 0.25 % keeps the breach low and passes nothing
        RiskChoice c = RiskChoice.choose("ftmo-2step", 0.10, List.of(pt(0.25, 0.0, 0.04), pt(0.5, 0.001, 0.2)));
        assertThat(c.riskPct()).isEqualTo(0.25);
        assertThat(c.advised()).isFalse();
        assertThat(c.verdict()).startsWith("no risk level passes ftmo-2step's challenge with P(breach) ≤ 10 %")
                .contains("the lab advises not to trade this strategy on this firm");
    }

    @Test
    void theVerdictNamesTheBoundAsAPercentage() {
        assertThat(RiskChoice.choose("x", 0.15, List.of(pt(0.25, 0.0, 0.5))).verdict()).contains("P(breach) ≤ 15 %");
        assertThat(RiskChoice.choose("x", 0.075, List.of(pt(0.25, 0.0, 0.5))).verdict()).contains("P(breach) ≤ 7.5 %");
    }

    @Test
    void aPointWithoutTrialsIsNeverFeasible() {
        RiskChoice c = RiskChoice.choose("x", 0.10, List.of(pt(0.25, Double.NaN, Double.NaN), pt(0.5, 0.3, 0.05)));
        assertThat(c.riskPct()).isEqualTo(0.5);
        assertThat(c.advised()).isTrue();
    }

    @Test
    void anEmptyCurveIsRefused() {
        assertThatThrownBy(() -> RiskChoice.choose("x", 0.1, List.of())).hasMessageContaining("no point");
    }
}
