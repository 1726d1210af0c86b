package io.vprop.bench.backtest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy's channel is the scan of the bars it stands for: after every bar, the highest high (lowest low) of the
 * last n is the one Math.max (min) over them gives, with ties, runs, plateaus, fewer than n bars so far and n from 1 to
 * the ring's size. (The benchmark's counters — 5,518 trades and every other — are the same as with a scan of the bars:
 * docs/benchmarks.md.)
 */
class BreakoutStrategyTest {

    @Test
    void theChannelIsTheScanOfTheLastNBars() {
        Random rnd = new Random(14);
        for (int size : new int[]{1, 2, 7, 20}) {
            BreakoutStrategy.Channel c = new BreakoutStrategy.Channel(size);
            double[] highs = new double[5_000], lows = new double[5_000];
            for (int k = 0; k < highs.length; k++) {
                // few distinct values (ties), trends up and down, noise
                double v = switch (k / 500 % 4) {
                    case 0 -> rnd.nextInt(5);
                    case 1 -> k * 1e-4;
                    case 2 -> -k * 1e-4;
                    default -> 1.1 + rnd.nextGaussian() * 1e-3;
                };
                highs[k] = v + rnd.nextInt(3) * 1e-4;
                lows[k] = v - rnd.nextInt(3) * 1e-4;
                c.add(highs[k], lows[k]);
                for (int n = 1; n <= size; n++) {
                    double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
                    for (int j = Math.max(0, k - n + 1); j <= k; j++) {
                        hi = Math.max(hi, highs[j]);
                        lo = Math.min(lo, lows[j]);
                    }
                    assertThat(c.highest(n)).as("size %d, n %d, after bar %d", size, n, k).isEqualTo(hi);
                    assertThat(c.lowest(n)).as("size %d, n %d, after bar %d", size, n, k).isEqualTo(lo);
                }
            }
        }
    }
}
