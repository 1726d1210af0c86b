package io.vprop.signal.port;

import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * Port to trade memory: how did the k most similar past setups end? Baseline:
 * {@code select.RecentOutcomeMemory} (same alpha and regime, most recent first).
 */
public interface SimilarTradeOutcomes {
    Stats similar(String symbol, AlphaId alpha, Regime regime, int direction);

    /** n similar trades, the fraction that won, their mean R. n = 0 means "no opinion". */
    record Stats(int n, double winRate, double meanR) {
        public static final Stats NONE = new Stats(0, 0, 0);
    }

    /** Implementations that learn from closed trades get them from the engine. */
    interface Learning extends SimilarTradeOutcomes {
        void record(TradeOutcome outcome);
    }
}
