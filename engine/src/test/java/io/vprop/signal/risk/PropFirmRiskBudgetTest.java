package io.vprop.signal.risk;

import io.vprop.signal.port.RiskBudget.PreTradeOrder;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PropFirmRiskBudgetTest {
    @Test
    void headroomIsMeasuredFromTheDailyAndOverallFloorsNetOfOpenRisk() {
        PropFirmRiskBudget b = PropFirmRiskBudget.typical(100_000);
        assertThat(b.dailyHeadroom()).isEqualTo(5_000);
        assertThat(b.overallHeadroom()).isEqualTo(10_000);
        b.update(97_000, 98_000, 500, 1); // lost 1k today, 500 at risk in open stops
        assertThat(b.dailyFloor()).isEqualTo(93_000);
        assertThat(b.dailyHeadroom()).isEqualTo(3_500);
        assertThat(b.overallHeadroom()).isEqualTo(6_500);
        assertThat(b.allows(new PreTradeOrder("EURUSD", Side.BUY, 1, 1.1, 1.099, 3_400))).isTrue();
        assertThat(b.allows(new PreTradeOrder("EURUSD", Side.BUY, 1, 1.1, 1.099, 3_600))).isFalse();
        assertThat(b.allows(new PreTradeOrder("EURUSD", Side.BUY, 21, 1.1, 1.099, 10))).isFalse();
        b.update(89_000, 90_000, 0, 0);
        assertThat(b.overallHeadroom()).isZero();
        b.update(100_000, 100_000, 0, 5);
        assertThat(b.allows(new PreTradeOrder("EURUSD", Side.BUY, 1, 1.1, 1.099, 10))).as("max positions").isFalse();
    }

    @Test
    void rejectsBadAccountInput() {
        PropFirmRiskBudget b = PropFirmRiskBudget.typical(100_000);
        assertThatThrownBy(() -> b.update(Double.NaN, 1, 0, 0)).hasMessageContaining("equity").hasMessageContaining("NaN");
        assertThatThrownBy(() -> b.update(1, 1, -5, 0)).hasMessageContaining("openRiskMoney");
        assertThatThrownBy(() -> new PropFirmRiskBudget(0, 0.05, 0.1, 1, 1)).hasMessageContaining("initialBalance");
        assertThat(ExpectedShortfall.es95Price(1.0)).isCloseTo(2.0627, within(1e-4));
    }
}
