package io.vprop.signal.select;

import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * Baseline trade memory until the vector memory lands: "similar" = same alpha and same regime; answers with the
 * last k such outcomes (any symbol). Ring buffers per (alpha, regime); no allocation when queried except the result.
 */
public final class RecentOutcomeMemory implements SimilarTradeOutcomes.Learning {
    private final int k;
    private final double[][] rs;
    private final int[] head, count;

    public RecentOutcomeMemory(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
        this.k = k;
        int slots = AlphaId.COUNT * Regime.COUNT;
        rs = new double[slots][k];
        head = new int[slots];
        count = new int[slots];
    }

    @Override
    public void record(TradeOutcome o) {
        int s = o.alpha().ordinal() * Regime.COUNT + o.regime().ordinal();
        rs[s][head[s]] = o.rMultiple();
        head[s] = (head[s] + 1) % k;
        if (count[s] < k) count[s]++;
    }

    @Override
    public Stats similar(String symbol, AlphaId alpha, Regime regime, int direction) {
        int s = alpha.ordinal() * Regime.COUNT + regime.ordinal();
        int n = count[s];
        if (n == 0) return Stats.NONE;
        int wins = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = rs[s][i];
            if (r > 0) wins++;
            sum += r;
        }
        return new Stats(n, (double) wins / n, sum / n);
    }
}
