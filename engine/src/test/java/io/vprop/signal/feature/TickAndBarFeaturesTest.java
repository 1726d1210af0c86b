package io.vprop.signal.feature;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TickAndBarFeaturesTest {
    static final double PT = 0.00001;

    @Test
    void orderFlowImbalanceIsPositiveWhenBidsLiftAndAsksRise() {
        TickFeatures up = new TickFeatures(PT, 100, 60), down = new TickFeatures(PT, 100, 60);
        double b = 1.1, a = 1.1001;
        for (int i = 0; i < 100; i++) {
            up.update(i * 100L, b + i * PT, a + i * PT, 0);
            down.update(i * 100L, b - i * PT, a - i * PT, 0);
        }
        assertThat(up.orderFlowImbalance()).isCloseTo(1.0, within(1e-12));
        assertThat(down.orderFlowImbalance()).isCloseTo(-1.0, within(1e-12));
        assertThat(up.tickSign()).isEqualTo(1);
        assertThat(up.vpin()).isEqualTo(1.0);
    }

    @Test
    void kyleLambdaRecoversThePriceImpactPerSignedUnit() {
        TickFeatures f = new TickFeatures(PT, 100, 60);
        Random rnd = new Random(5);
        double mid = 1.2;
        f.update(0, mid - 5 * PT, mid + 5 * PT, 0);
        for (int i = 1; i < 400; i++) {
            // each uptick moves the mid 2 points, each downtick 2 points down: impact 2 points per signed unit
            mid += (rnd.nextBoolean() ? 2 : -2) * PT;
            f.update(i * 50L, mid - 5 * PT, mid + 5 * PT, 0);
        }
        assertThat(f.kyleLambda()).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void spreadStatsAndIntensityFollowTheQuotes() {
        TickFeatures f = new TickFeatures(PT, 100, 10);
        for (int i = 0; i < 200; i++) f.update(i * 100L, 1.1, 1.1 + (i % 2 == 0 ? 10 : 20) * PT, 0);
        assertThat(f.spread().mean()).isCloseTo(15.0, within(1e-9));
        assertThat(f.spread().percentile(0.6)).isEqualTo(20);
        // 10 ticks per second for 20 s with a 10 s time constant: close to the 10/s steady state
        assertThat(f.tickIntensity()).isCloseTo(10.0, within(1.5));
    }

    @Test
    void barFeaturesSeeTrendAndRange() {
        BarFeatures trend = new BarFeatures(), range = new BarFeatures();
        double p = 1.0;
        for (int i = 0; i < 100; i++) {
            p *= 1.001;
            trend.update(i * 60_000L, p / 1.001, p * 1.0002, p / 1.0012, p, 10);
            double q = 1.0 + (i % 2 == 0 ? 0.001 : -0.001);
            range.update(i * 60_000L, 1.0, q + 0.0002, q - 0.0002, q, 10);
        }
        assertThat(trend.efficiencyRatio()).isCloseTo(1.0, within(1e-9));
        assertThat(trend.emaFast()).isGreaterThan(trend.emaSlow());
        assertThat(trend.emaSlopeAtr()).isPositive();
        assertThat(range.efficiencyRatio()).isLessThan(0.1);
        assertThat(range.autocorrelation()).isLessThan(-0.9);
        assertThat(trend.amihud()).isCloseTo(Math.log(1.001) / 10, within(1e-9));
        assertThat(trend.donchianHigh()).isLessThan(trend.close());
    }

    @Test
    void realisedVolIsTheStdOfTheLast50LogReturnsAndLongRunVolTracksTheLevel() {
        BarFeatures f = new BarFeatures();
        Random rnd = new Random(4);
        double p = 1.1;
        double[] closes = new double[301];
        closes[0] = p;
        f.update(0, p, p, p, p, 1);
        for (int i = 1; i <= 300; i++) {
            double np = p * Math.exp(rnd.nextGaussian() * 2e-4);
            f.update(i * 60_000L, p, Math.max(p, np), Math.min(p, np), np, 1);
            closes[i] = np;
            p = np;
        }
        double m = 0, v = 0;
        for (int i = 251; i <= 300; i++) m += Math.log(closes[i] / closes[i - 1]);
        m /= 50;
        for (int i = 251; i <= 300; i++) { double r = Math.log(closes[i] / closes[i - 1]) - m; v += r * r; }
        assertThat(f.realizedVol()).isCloseTo(Math.sqrt(v / 50), within(1e-12));
        assertThat(f.longRunVol()).isCloseTo(2e-4, within(4e-5));
    }

    @Test
    void crossSymbolCorrelationLeadLagAndPairsSpread() {
        CrossSymbolCorrelation x = new CrossSymbolCorrelation(3, 60_000, 100);
        Random rnd = new Random(9);
        double prev0 = 0, p0 = 1, p1 = 1;
        for (int t = 0; t < 150; t++) {
            long time = t * 60_000L;
            double r0 = rnd.nextGaussian() * 1e-3;
            double r1 = r0 + rnd.nextGaussian() * 1e-4;   // 1 moves with 0
            double r2 = prev0;                             // 2 follows 0 one bar later
            p0 *= Math.exp(r0);
            p1 *= Math.exp(r1);
            x.onBar(0, time, r0, p0);
            x.onBar(1, time, r1, p1);
            x.onBar(2, time, r2, 1.0);
            prev0 = r0;
        }
        assertThat(x.correlation(0, 1)).isGreaterThan(0.95);
        assertThat(x.correlation(1, 0)).isEqualTo(x.correlation(0, 1));
        assertThat(Math.abs(x.correlation(0, 2))).isLessThan(0.3);
        assertThat(x.leadLagCorrelation(0, 2)).isCloseTo(1.0, within(1e-9));
        assertThat(Math.abs(x.leadLagCorrelation(2, 0))).isLessThan(0.3);
        assertThat(x.spreadZ(0, 1)).isEqualTo(-x.spreadZ(1, 0));
    }
}
