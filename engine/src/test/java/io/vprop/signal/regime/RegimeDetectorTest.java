package io.vprop.signal.regime;

import io.vprop.signal.feature.BarFeatures;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegimeDetectorTest {

    @Test
    void classifiesVolatilityLevelAndTrendAfterConfirmation() {
        RegimeDetector d = new RegimeDetector(0.75, 1.35, 0.35, 0.25, 3);
        assertThat(d.current()).isEqualTo(Regime.NORMAL_RANGE);
        d.observe(2.0, 0.6);
        d.observe(2.0, 0.6);
        assertThat(d.current()).as("not yet confirmed after 2 bars").isEqualTo(Regime.NORMAL_RANGE);
        d.observe(2.0, 0.6);
        assertThat(d.current()).isEqualTo(Regime.HIGH_TREND);
        for (int i = 0; i < 3; i++) d.observe(0.5, 0.1);
        assertThat(d.current()).isEqualTo(Regime.LOW_RANGE);
        assertThat(d.transitions()).isEqualTo(2);
    }

    @Test
    void smoothingIgnoresSingleBarFlipsAndHysteresisHoldsTrend() {
        RegimeDetector d = new RegimeDetector(0.75, 1.35, 0.35, 0.25, 3);
        for (int i = 0; i < 3; i++) d.observe(1.0, 0.5);
        assertThat(d.current()).isEqualTo(Regime.NORMAL_TREND);
        // alternating spikes never persist 3 bars: no transition
        for (int i = 0; i < 20; i++) d.observe(i % 2 == 0 ? 2.0 : 1.0, 0.5);
        assertThat(d.current()).isEqualTo(Regime.NORMAL_TREND);
        // ER 0.3 is below the entry threshold but above the exit threshold: still trending
        for (int i = 0; i < 5; i++) d.observe(1.0, 0.3);
        assertThat(d.current()).isEqualTo(Regime.NORMAL_TREND);
        for (int i = 0; i < 3; i++) d.observe(1.0, 0.2);
        assertThat(d.current()).isEqualTo(Regime.NORMAL_RANGE);
        assertThat(d.transitions()).isEqualTo(2);
    }

    @Test
    void detectsAVolatilityBurstFromBars() {
        RegimeDetector d = RegimeDetector.defaults();
        BarFeatures f = new BarFeatures();
        Random rnd = new Random(1);
        double p = 1.0;
        for (int i = 0; i < 600; i++) {
            double sigma = i < 500 ? 1e-4 : 6e-4;
            double r = rnd.nextGaussian() * sigma;
            double np = p * Math.exp(r);
            f.update(i * 60_000L, p, Math.max(p, np), Math.min(p, np), np, 10);
            d.update(f);
            p = np;
            if (i == 499) assertThat(d.current().volLevel()).isEqualTo(1);
        }
        assertThat(d.current().volLevel()).isEqualTo(2);
    }

    @Test
    void rejectsInconsistentThresholds() {
        assertThatThrownBy(() -> new RegimeDetector(1.5, 1.2, 0.3, 0.2, 3)).hasMessageContaining("lowRatio");
        assertThatThrownBy(() -> new RegimeDetector(0.7, 1.2, 0.2, 0.3, 3)).hasMessageContaining("trendExit");
        assertThatThrownBy(() -> new RegimeDetector(0.7, 1.2, 0.3, 0.2, 0)).hasMessageContaining("confirmBars");
    }
}
