package io.vprop.memory.similar;

import java.util.List;

/**
 * How the k most similar past setups ended: the input of the quality score Q* and of the panel's
 * learning page. All means are 0 when {@link #n()} is 0.
 *
 * @param n            neighbours found (&lt;= k)
 * @param winRate      fraction with pnl &gt; 0
 * @param meanR        mean R multiple
 * @param meanDistance mean squared L2 distance of the neighbours to the candidate
 */
public record SimilarOutcomes(int n, int wins, double winRate, double meanR, double meanPnl, double meanDistance,
                              List<SimilarTrade> neighbours) {

    public SimilarOutcomes {
        neighbours = List.copyOf(neighbours);
    }

    /** One neighbour with its outcome. */
    public record SimilarTrade(long tradeId, float distance, String symbol, String alpha, String regime,
                               double pnl, double rMultiple, String exitReason, long entryTimeMs) {}

    static SimilarOutcomes of(List<SimilarTrade> neighbours) {
        int n = neighbours.size();
        if (n == 0) {
            return new SimilarOutcomes(0, 0, 0, 0, 0, 0, List.of());
        }
        int wins = 0;
        double r = 0, pnl = 0, dist = 0;
        for (SimilarTrade t : neighbours) {
            wins += t.pnl() > 0 ? 1 : 0;
            r += t.rMultiple();
            pnl += t.pnl();
            dist += t.distance();
        }
        return new SimilarOutcomes(n, wins, (double) wins / n, r / n, pnl / n, dist / n, neighbours);
    }
}
