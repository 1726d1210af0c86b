package io.vprop.models;

import io.vprop.market.Timeframe;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaFeaturesTest {
    @Test
    void layoutIsTheDocumentedSchema() {
        assertThat(MetaFeatures.NAMES).hasSize(27).doesNotHaveDuplicates();
        assertThat(MetaFeatures.NAMES.subList(0, 6)).containsExactly("alpha_MOMENTUM", "alpha_MEAN_REVERSION",
                "alpha_BREAKOUT", "alpha_ORDER_FLOW", "alpha_SENTIMENT", "alpha_CORRELATION");
        assertThat(MetaFeatures.NAMES.subList(6, 11)).containsExactly("strength", "edge_sigma", "side", "sl_sigma", "tp1_sigma");
        assertThat(MetaFeatures.NAMES.get(11)).isEqualTo("regime_LOW_TREND");
        assertThat(MetaFeatures.NAMES.subList(17, 24)).containsExactly("p_stage1", "p_from_classifier", "bandit_mean",
                "bandit_n", "similar_n", "similar_win_rate", "similar_mean_r");
        assertThat(MetaFeatures.NAMES.subList(24, 27)).containsExactly("seq_available", "seq_p_side", "seq_vol_log_ratio");

        WinQuery q = new WinQuery("EURUSD", -1, Timeframe.H1, 0, AlphaId.BREAKOUT, Regime.HIGH_RANGE, 0.7, 0.2, 0.8, 1.2,
                0.45, 12, new SimilarTradeOutcomes.Stats(9, 0.33, -0.1));
        float[] x = MetaFeatures.of(q, 0.41, true);
        float[] expected = {0, 0, 1, 0, 0, 0, 0.7f, 0.2f, -1, 0.8f, 1.2f, 0, 0, 0, 0, 0, 1, 0.41f, 1, 0.45f, 12, 9, 0.33f, -0.1f,
                0, 0, 0};
        assertThat(x).hasSize(27);
        for (int i = 0; i < expected.length; i++) assertThat(x[i]).as(MetaFeatures.NAMES.get(i)).isEqualTo(expected[i]);

        // fallback p, no memory, NaN edge → flag 0, zeros (never NaN into the trees)
        float[] y = MetaFeatures.of(new WinQuery("EURUSD", 1, Timeframe.H1, 0, AlphaId.MOMENTUM, Regime.LOW_TREND, 0.5,
                Double.NaN, 0.8, 1.2, 0.4, 0, null), 0.4, false);
        assertThat(y[0]).isEqualTo(1);
        assertThat(y[7]).isZero();
        assertThat(y[11]).isEqualTo(1);
        assertThat(y[18]).isZero();
        assertThat(y[21]).isZero();

        // with the sequence model's heads: flag 1, P(up) oriented by the side (a sell sees 1 − P(up)), the vol log ratio
        float[] s = MetaFeatures.of(q, 0.41, true, 0.7, -0.25);
        assertThat(Arrays.copyOf(s, 24)).isEqualTo(Arrays.copyOf(x, 24));
        assertThat(Arrays.copyOfRange(s, 24, 27)).containsExactly(1f, 0.3f, -0.25f);
        WinQuery buy = new WinQuery("EURUSD", 1, Timeframe.H1, 0, AlphaId.BREAKOUT, Regime.HIGH_RANGE, 0.7, 0.2, 0.8, 1.2,
                0.45, 12, null);
        assertThat(Arrays.copyOfRange(MetaFeatures.of(buy, 0.41, true, 0.7, -0.25), 24, 27)).containsExactly(1f, 0.7f, -0.25f);
        // half an answer (one head NaN) is no answer: flag 0 and zeros, as without a sequence model
        assertThat(Arrays.copyOfRange(MetaFeatures.of(q, 0.41, true, 0.7, Double.NaN), 24, 27)).containsExactly(0f, 0f, 0f);
    }

    @Test
    void wrongRowLengthIsRefused() {
        WinQuery q = new WinQuery("EURUSD", 1, Timeframe.H1, 0, AlphaId.MOMENTUM, Regime.LOW_TREND, 0.5, 0, 0.8, 1.2, 0.4, 0, null);
        assertThatThrownBy(() -> MetaFeatures.write(q, 0.4, false, new float[3])).hasMessageContaining("meta row length 3");
    }
}
