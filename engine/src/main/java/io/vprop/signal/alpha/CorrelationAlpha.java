package io.vprop.signal.alpha;

import io.vprop.signal.feature.CrossSymbolCorrelation;

/**
 * Cross-symbol alpha, the stronger of two ideas:
 * <ul>
 *   <li>lead-lag: a symbol whose previous-bar return predicts ours (|ρ_lag| ≥ 0.3) moved; follow it;</li>
 *   <li>pairs: with a partner correlated ρ ≥ 0.7, the log-price spread z-score beyond ±2 → trade our leg back.</li>
 * </ul>
 * O(symbols) per evaluation.
 */
final class CorrelationAlpha implements Alpha {
    static final double MIN_LAG_RHO = 0.3, MIN_PAIR_RHO = 0.7, ENTRY_Z = 2.0, EDGE = 0.15;

    @Override public AlphaId id() { return AlphaId.CORRELATION; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        CrossSymbolCorrelation x = c.cross;
        if (x == null) return;
        int i = c.symbolId;
        double vol = c.bars.realizedVol();
        if (!(vol > 0)) return;
        int bestDir = 0;
        double best = 0;
        long myBar = x.lastBarTime(i);
        for (int j = 0; j < x.symbols(); j++) {
            if (j == i) continue;
            double lag = x.leadLagCorrelation(j, i);
            if (Math.abs(lag) >= MIN_LAG_RHO && x.lastBarTime(j) >= myBar) {
                double predicted = lag * x.lastReturn(j);
                double s = Math.abs(predicted) / vol;
                if (s > best) { best = s; bestDir = predicted > 0 ? 1 : -1; }
            }
            if (x.correlation(i, j) >= MIN_PAIR_RHO) {
                double z = x.spreadZ(i, j);
                if (Math.abs(z) >= ENTRY_Z) {
                    double s = 0.25 + 0.75 * (Math.abs(z) - ENTRY_Z) / 2.0;
                    if (s > best) { best = s; bestDir = z > 0 ? -1 : 1; }
                }
            }
        }
        if (bestDir != 0) out.set(bestDir, best, EDGE);
    }
}
