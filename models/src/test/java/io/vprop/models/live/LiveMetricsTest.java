package io.vprop.models.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LiveMetricsTest {
    @Test
    void brierAndLogLossAreTheMeansOverTheVersionsTrades() {
        LiveMetrics m = new LiveMetrics();
        m.record(2, 0.8, true);
        m.record(2, 0.3, false);
        m.record(3, 0.5, true);
        LiveMetrics.Stats s = m.stats(2);
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.brier()).isCloseTo((0.04 + 0.09) / 2, within(1e-12));
        assertThat(s.logLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, within(1e-12));
        assertThat(s.winRate()).isEqualTo(0.5);
        assertThat(m.stats(3).n()).isEqualTo(1);
        assertThat(m.stats(9).n()).isZero();
    }

    @Test
    void rollsBackOnlyWithEnoughTradesAndWorseThanTheReferenceByTheMargin() {
        LiveMetrics m = new LiveMetrics();
        for (int i = 0; i < 29; i++) m.record(2, 0.9, false); // Brier 0.81, terrible
        assertThat(m.check(2, 1, 0.24, 0.02, 30)).as("29 < 30 trades: too early").isEmpty();
        m.record(2, 0.9, false);
        LiveMetrics.Verdict v = m.check(2, 1, 0.24, 0.02, 30).orElseThrow();
        assertThat(v.referenceSource()).isEqualTo("holdout");
        assertThat(v.currentBrier()).isCloseTo(0.81, within(1e-9));
        assertThat(v.describe()).contains("v2", "v1", "0.8100", "holdout", "30 trades");
        assertThat(m.check(2, 1, 0.80, 0.02, 30)).as("within the margin of a bad reference").isEmpty();
        assertThat(m.check(2, 0, 0.24, 0.02, 30)).as("nothing to roll back to").isEmpty();
        assertThat(m.check(2, 1, 0.24, 0.02, 0)).as("min trades 0 disables it").isEmpty();
    }

    @Test
    void thePreviousVersionsLiveRecordBeatsItsHoldoutOnceItHasEnoughTrades() {
        LiveMetrics m = new LiveMetrics();
        for (int i = 0; i < 30; i++) {
            m.record(1, 0.5, i % 2 == 0); // live Brier 0.25
            m.record(2, 0.6, i % 2 == 0); // live Brier 0.26
        }
        // against v1's holdout 0.20 it would roll back; against v1's live 0.25 it is within 0.02
        assertThat(m.check(2, 1, 0.20, 0.02, 30)).isEmpty();
        assertThat(m.check(2, 1, 0.20, 0.005, 30)).get().extracting(LiveMetrics.Verdict::referenceSource).isEqualTo("live");
    }

    @Test
    void badInputIsRefusedByName() {
        LiveMetrics m = new LiveMetrics();
        assertThatThrownBy(() -> m.record(1, Double.NaN, true)).hasMessageContaining("probability");
        assertThatThrownBy(() -> m.record(0, 0.5, true)).hasMessageContaining("version");
    }
}
