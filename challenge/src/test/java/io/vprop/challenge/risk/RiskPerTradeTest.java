package io.vprop.challenge.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskPerTradeTest {
    private static final RiskDefaults LAB = new RiskDefaults("risk-0123456789ab", "vprop challenge x.json", "x.json", "ab",
            1, 2000, List.of(RiskChoice.choose("ftmo-2step", 0.1, List.of(new RiskChoice.Point(0.25, 0.05, 0.02),
            new RiskChoice.Point(0.5, 0.08, 0.07))), RiskChoice.choose("e8-one", 0.1,
            List.of(new RiskChoice.Point(0.25, 0.0, 0.5)))));

    @Test
    void anExplicitValueWinsAndKeepsTheLabsChoiceForDisplay() {
        RiskPerTrade r = RiskPerTrade.resolve(0.4, "ftmo-2step", LAB);
        assertThat(r.pct()).isEqualTo(0.4);
        assertThat(r.source()).isEqualTo(RiskPerTrade.Source.CONFIG);
        assertThat(r.lab().riskPct()).isEqualTo(0.5);
        assertThat(r.note()).contains("risk.per.trade.pct");
    }

    @Test
    void theLabsChoiceForTheFirmComesNext() {
        RiskPerTrade r = RiskPerTrade.resolve(Double.NaN, "ftmo-2step", LAB);
        assertThat(r.pct()).isEqualTo(0.5);
        assertThat(r.source()).isEqualTo(RiskPerTrade.Source.LAB);
        assertThat(r.labFile().version()).isEqualTo("risk-0123456789ab");
    }

    @Test
    void aNegativeVerdictTravelsWithTheLabsLowestRisk() {
        RiskPerTrade r = RiskPerTrade.resolve(Double.NaN, "e8-one", LAB);
        assertThat(r.pct()).isEqualTo(0.25);
        assertThat(r.source()).isEqualTo(RiskPerTrade.Source.LAB);
        assertThat(r.lab().advised()).isFalse();
        assertThat(r.note()).contains("the lab advises not to trade this strategy on this firm");
    }

    @Test
    void aFirmTheLabDidNotCoverGetsTheBuiltInValue() {
        RiskPerTrade r = RiskPerTrade.resolve(Double.NaN, "my-firm.json", LAB);
        assertThat(r.pct()).isEqualTo(RiskPerTrade.BUILT_IN_PCT);
        assertThat(r.source()).isEqualTo(RiskPerTrade.Source.BUILT_IN);
        assertThat(r.lab()).isNull();
        assertThat(r.note()).contains("was not run on my-firm.json").contains("ftmo-2step, e8-one");
        assertThat(RiskPerTrade.resolve(Double.NaN, "ftmo-2step", null).source()).isEqualTo(RiskPerTrade.Source.BUILT_IN);
    }
}
