package io.vprop.bench.backtest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy's running channel is the scan it replaced: after every value, the highest (lowest) of the last n is the
 * one Math.max (min) over them gives, with ties, runs, plateaus and fewer than n values so far. (The benchmark's
 * counters — 5,518 trades and every other — are the same as with the scan: docs/benchmarks.md.)
 */
class BreakoutStrategyTest {

    @Test
    void theRunningExtremeIsTheScanOfTheLastNValues() {
        Random rnd = new Random(14);
        for (int n : new int[]{1, 2, 10, 20}) {
            for (boolean highest : new boolean[]{true, false}) {
                BreakoutStrategy.Extreme e = new BreakoutStrategy.Extreme(n, highest);
                double[] seen = new double[5_000];
                for (int k = 0; k < seen.length; k++) {
                    // few distinct values (ties), trends up and down (long runs the queue keeps or drops), noise
                    double v = switch (k / 500 % 4) {
                        case 0 -> rnd.nextInt(5);
                        case 1 -> k * 1e-4;
                        case 2 -> -k * 1e-4;
                        default -> 1.1 + rnd.nextGaussian() * 1e-3;
                    };
                    seen[k] = v;
                    e.add(v);
                    double want = highest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    for (int j = Math.max(0, k - n + 1); j <= k; j++) want = highest ? Math.max(want, seen[j]) : Math.min(want, seen[j]);
                    assertThat(e.value()).as("n %d, highest %b, after value %d", n, highest, k).isEqualTo(want);
                }
            }
        }
    }
}
