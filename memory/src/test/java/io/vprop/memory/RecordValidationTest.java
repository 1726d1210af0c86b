package io.vprop.memory;

import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordValidationTest {

    private static TradeRecord trade(double pnl, double mae, long entry, long exit, float[] features, String account) {
        return new TradeRecord(1, account, "EURUSD", Side.BUY, "a", "r", "A", "M1", features, Map.of(), entry, exit,
                1.1, 1.2, 0, 10, pnl, 1, mae, 0, "TP");
    }

    @Test
    void badFieldsAreNamedWithTheirValue() {
        assertThatThrownBy(() -> trade(Double.NaN, 0, 0, 1, new float[] {1}, "acc")).hasMessage("pnl must be a finite number, was NaN");
        assertThatThrownBy(() -> trade(1, -2, 0, 1, new float[] {1}, "acc")).hasMessage("mae must be >= 0, was -2.0");
        assertThatThrownBy(() -> trade(1, 0, 10, 5, new float[] {1}, "acc")).hasMessage("exitTimeMs must be >= entryTimeMs (10), was 5");
        assertThatThrownBy(() -> trade(1, 0, 0, 1, new float[] {1, Float.NaN}, "acc")).hasMessage("features[1] must be finite, was NaN");
        assertThatThrownBy(() -> trade(1, 0, 0, 1, new float[] {1}, " ")).hasMessage("account must be non-blank, was ' '");
        assertThatThrownBy(() -> new DecisionRecord(1, "acc", 0, "EURUSD", "a", "r", "M1", DecisionRecord.Action.SKIP, "x",
                Double.POSITIVE_INFINITY, null)).hasMessage("quality must be a finite number, was Infinity");
    }

    @Test
    void featuresAreDefensivelyCopied() {
        float[] f = {1, 2};
        TradeRecord t = trade(1, 0, 0, 1, f, "acc");
        f[0] = 99;
        t.features()[1] = 99;
        assertThat(t.features()).containsExactly(1f, 2f);
    }
}
