package io.vprop.signal.feature;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RollingPrimitivesTest {

    @Test
    void rollingWindowMatchesBruteForceMeanAndVarianceOverALongRandomStream() {
        Random rnd = new Random(7);
        RollingWindow w = new RollingWindow(37);
        double[] all = new double[5000];
        for (int i = 0; i < all.length; i++) {
            all[i] = 1.3 + rnd.nextGaussian() * 1e-3;
            w.add(all[i]);
            int from = Math.max(0, i - 36), n = i - from + 1;
            double m = 0;
            for (int j = from; j <= i; j++) m += all[j];
            m /= n;
            double v = 0;
            for (int j = from; j <= i; j++) v += (all[j] - m) * (all[j] - m);
            v /= n;
            assertThat(w.mean()).isCloseTo(m, within(1e-12));
            assertThat(w.variance()).isCloseTo(v, within(1e-12));
            assertThat(w.get(0)).isEqualTo(all[i]);
            assertThat(w.oldestInWindow()).isEqualTo(all[from]);
        }
        assertThatThrownBy(() -> new RollingWindow(0)).hasMessageContaining("capacity").hasMessageContaining("0");
    }

    @Test
    void rollingCovarianceGivesCorrelationAndSlopeOfTheLastNPairsOnly() {
        RollingCovariance c = new RollingCovariance(50);
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) { double x = rnd.nextGaussian(); c.add(x, -x); } // old regime: ρ = −1
        for (int i = 0; i < 50; i++) { double x = rnd.nextGaussian(); c.add(x, 3 * x + 1); } // window now: y = 3x + 1
        assertThat(c.correlation()).isCloseTo(1.0, within(1e-9));
        assertThat(c.slope()).isCloseTo(3.0, within(1e-9));
        RollingCovariance flat = new RollingCovariance(10);
        for (int i = 0; i < 10; i++) flat.add(1.0, i);
        assertThat(flat.correlation()).isZero();
        assertThat(flat.slope()).isZero();
    }

    @Test
    void rollingExtremesTrackMaxAndMinOfTheLastNBars() {
        RollingExtremes e = new RollingExtremes(3);
        double[] hi = {5, 3, 4, 1, 2, 9, 1, 1, 1};
        double[] expectMax = {5, 5, 5, 4, 4, 9, 9, 9, 1};
        for (int i = 0; i < hi.length; i++) {
            e.add(hi[i], -hi[i]);
            assertThat(e.max()).as("max after %d", i).isEqualTo(expectMax[i]);
            assertThat(e.min()).as("min after %d", i).isEqualTo(-expectMax[i]);
        }
    }

    @Test
    void emaSeedsWithTheFirstValueAndWilderUsesOneOverN() {
        Ema ema = Ema.of(3); // k = 0.5
        ema.update(10);
        assertThat(ema.value()).isEqualTo(10);
        ema.update(20);
        assertThat(ema.value()).isEqualTo(15);
        assertThat(ema.previous()).isEqualTo(10);
        Ema w = Ema.wilder(4); // k = 0.25
        w.update(8);
        w.update(0);
        assertThat(w.value()).isEqualTo(6);
        assertThatThrownBy(() -> Ema.of(0)).hasMessageContaining("period");
    }

    @Test
    void hurstIsAboutHalfForARandomWalkHighForTrendsAndLowForMeanReversion() {
        Random rnd = new Random(11);
        HurstEstimator walk = new HurstEstimator(2000, 4), trend = new HurstEstimator(2000, 4), revert = new HurstEstimator(2000, 4);
        double prevT = 0, prevR = 0;
        for (int i = 0; i < 2000; i++) {
            double e = rnd.nextGaussian();
            walk.add(e);
            prevT = 0.6 * prevT + e;   // positively autocorrelated returns: persistent
            trend.add(prevT);
            double r = e - 0.9 * prevR; // negatively autocorrelated returns: anti-persistent
            prevR = e;
            revert.add(r);
        }
        assertThat(walk.value()).isBetween(0.42, 0.58);
        assertThat(trend.value()).isGreaterThan(0.65);
        assertThat(revert.value()).isLessThan(0.3);
    }

    @Test
    void spreadPercentileIsNearestRankOverTheRollingWindow() {
        SpreadStats s = new SpreadStats(10, 100);
        for (int p = 1; p <= 10; p++) s.add(p);
        assertThat(s.percentile(0.6)).isEqualTo(6);
        assertThat(s.percentile(1.0)).isEqualTo(10);
        assertThat(s.mean()).isEqualTo(5.5);
        for (int i = 0; i < 10; i++) s.add(20); // window now holds only 20s
        assertThat(s.percentile(0.1)).isEqualTo(20);
        s.add(500); // clipped into the top bucket, not an index error
        assertThat(s.percentile(1.0)).isEqualTo(100);
    }

    @Test
    void vpinIsOneForOneSidedFlowAndZeroForBalancedFlow() {
        Vpin oneSided = new Vpin(10, 5), balanced = new Vpin(10, 5);
        for (int i = 0; i < 100; i++) {
            oneSided.add(1, 1);
            balanced.add(1, i % 2 == 0 ? 1 : -1);
        }
        assertThat(oneSided.value()).isEqualTo(1.0);
        assertThat(balanced.value()).isEqualTo(0.0);
        Vpin split = new Vpin(10, 5);
        split.add(25, 1); // one big print fills two buckets and half of a third
        assertThat(split.completedBuckets()).isEqualTo(2);
    }

    @Test
    void sessionsFollowUtcHoursAndWeekendsAreClosed() {
        long monday = 1_399_248_000_000L; // 2014-05-05 00:00 UTC, a Monday
        assertThat(Session.mask(monday + 2 * 3_600_000L)).isEqualTo(Session.ASIA);
        assertThat(Session.mask(monday + 9 * 3_600_000L)).isEqualTo(Session.LONDON);
        assertThat(Session.mask(monday + 13 * 3_600_000L)).isEqualTo(Session.LONDON | Session.NEW_YORK | Session.OVERLAP);
        assertThat(Session.mask(monday + 18 * 3_600_000L)).isEqualTo(Session.NEW_YORK);
        assertThat(Session.mask(monday + 7 * 3_600_000L + 1)).isEqualTo(Session.ASIA | Session.LONDON);
        assertThat(Session.weekendClosed(monday + 12 * 3_600_000L)).isFalse();
        assertThat(Session.weekendClosed(monday - 12 * 3_600_000L)).isTrue();  // Sunday noon
        assertThat(Session.weekendClosed(monday - 2 * 3_600_000L)).isFalse();  // Sunday 22:00, reopened
        assertThat(Session.weekendClosed(monday + 4 * 86_400_000L + 22 * 3_600_000L)).isTrue(); // Friday 22:00
    }
}
