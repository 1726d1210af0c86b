package io.vprop.models.drift;

import io.vprop.models.data.TpSlFeatures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monitor on real rows: same distribution → OK, shifted → ALARM; the window slides correctly. */
class DriftMonitorTest {

    private static DriftMonitor monitor(int window) {
        DriftPipeline.Trained t = DriftFixture.trained();
        return DriftMonitor.fromMetadata(t.metadata(), DriftMonitor.Config.defaults().withWindow(window), t.model()::errors);
    }

    @Test
    void theReferenceRowsThemselvesGiveNearZeroDrift() {
        DriftRows train = DriftFixture.training();
        DriftMonitor m = monitor(train.size());
        for (float[] x : train.x()) m.add(x);
        DriftReport r = m.report();
        for (DriftReport.FeatureDrift f : r.features()) {
            assertThat(f.psi()).as(f.feature()).isLessThan(1e-6);
            assertThat(f.kl()).as(f.feature()).isLessThan(1e-6);
        }
        assertThat(r.level()).isEqualTo(DriftLevel.OK);
        assertThat(r.alarm()).isFalse();
    }

    @Test
    void aWindowDrawnFromTheTrainingPeriodIsOk() {
        // one day of M1 rows (2 per bar) sampled from the training period: same distribution, sampling noise only
        DriftRows train = DriftFixture.training();
        DriftMonitor m = monitor(2880);
        Random rnd = new Random(5);
        for (int i = 0; i < 2880; i++) m.add(train.x()[rnd.nextInt(train.size())]);
        DriftReport r = m.report();
        assertThat(r.ready()).isTrue();
        assertThat(r.level()).as(r.toString()).isEqualTo(DriftLevel.OK);
        for (DriftReport.FeatureDrift f : r.features()) assertThat(f.psi()).as(f.feature()).isLessThan(0.05);
        assertThat(r.error().ratio()).isBetween(0.7, 1.4);
    }

    @Test
    void featuresScaledTwiceOrMeanShiftedRaiseAnAlarm() {
        DriftRows later = DriftFixture.later();
        DriftMonitor scaled = monitor(2880), shifted = monitor(2880);
        for (int i = 0; i < 2880; i++) {
            float[] x = later.x()[i].clone();
            for (int j = 0; j < 5; j++) x[j] *= 2;
            scaled.add(x);
            float[] y = later.x()[i].clone();
            y[4] += 1.0f; // volatility ratio shifted by one unit (its own spread is ~0.3)
            shifted.add(y);
        }
        DriftReport a = scaled.report(), b = shifted.report();
        assertThat(a.alarm()).as(a.toString()).isTrue();
        assertThat(a.features().get(0).level()).isEqualTo(DriftLevel.ALARM);
        assertThat(a.features().get(8).level()).as("side is untouched").isEqualTo(DriftLevel.OK);
        assertThat(a.error().ratio()).isGreaterThan(2);
        assertThat(b.alarm()).isTrue();
        assertThat(b.worstFeature().feature()).isEqualTo(TpSlFeatures.NAMES.get(4));
    }

    @Test
    void slidingWindowCountsEqualThoseOfAFreshMonitorFedOnlyTheLastRows() {
        DriftRows later = DriftFixture.later();
        DriftMonitor sliding = monitor(500), fresh = monitor(500);
        for (int i = 0; i < 1700; i++) sliding.add(later.x()[i]);
        for (int i = 1200; i < 1700; i++) fresh.add(later.x()[i]);
        DriftReport a = sliding.report(), b = fresh.report();
        assertThat(a.rows()).isEqualTo(500);
        assertThat(sliding.seen()).isEqualTo(1700);
        for (int j = 0; j < a.features().size(); j++) {
            assertThat(a.features().get(j).psi()).isEqualTo(b.features().get(j).psi());
        }
        assertThat(a.error().liveMean()).isCloseTo(b.error().liveMean(), Offset.offset(1e-9));
    }

    @Test
    void tooFewVectorsAreNotJudgedAndBadVectorsAreRefused() {
        DriftMonitor m = monitor(500);
        float[] x = DriftFixture.later().x()[0].clone();
        for (int j = 0; j < 5; j++) x[j] *= 50;
        for (int i = 0; i < 50; i++) m.add(x);
        DriftReport r = m.report();
        assertThat(r.ready()).isFalse();
        assertThat(r.level()).isEqualTo(DriftLevel.OK);
        assertThatThrownBy(() -> m.add(new float[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9 features");
        float[] nan = DriftFixture.later().x()[0].clone();
        nan[2] = Float.NaN;
        assertThatThrownBy(() -> m.add(nan)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ret15_sigma");
    }

    @Test
    void calibratedThresholdsStopTheTrainingPeriodFromAlarmingItselfButStillCatchAShift() {
        DriftPipeline.Trained t = DriftFixture.trained();
        DriftReference ref = DriftReference.fromMetadata(t.metadata());
        assertThat(ref.calibration()).isNotNull();
        assertThat(ref.calibration().window()).isEqualTo(500);
        DriftRows train = DriftFixture.training();
        DriftMonitor calibrated = monitor(500);
        DriftMonitor conventional = new DriftMonitor(new DriftReference(ref.histograms(), ref.error(), null),
                DriftMonitor.Config.defaults(), t.model()::errors);
        int windows = 0, calibratedAlarms = 0, conventionalAlarms = 0;
        for (int i = 0; i < train.size(); i++) {
            calibrated.add(train.x()[i]);
            conventional.add(train.x()[i]);
            if ((i + 1) % 500 == 0) {
                windows++;
                DriftReport c = calibrated.report();
                assertThat(c.calibrated()).isTrue();
                if (c.alarm()) calibratedAlarms++;
                if (conventional.report().alarm()) conventionalAlarms++;
            }
        }
        assertThat(windows).isGreaterThan(30);
        // consecutive M1 vectors are strongly dependent: the conventional 0.25 fires on many in-sample windows
        assertThat(conventionalAlarms).as("conventional alarms in %d windows", windows).isGreaterThan(windows / 4);
        assertThat(calibratedAlarms).as("calibrated alarms in %d windows", windows).isLessThanOrEqualTo(windows / 10);
        DriftMonitor scaled = monitor(500);
        for (int i = 0; i < 500; i++) {
            float[] x = DriftFixture.later().x()[i].clone();
            for (int j = 0; j < 5; j++) x[j] *= 2;
            scaled.add(x);
        }
        assertThat(scaled.report().alarm()).isTrue();
    }
}
