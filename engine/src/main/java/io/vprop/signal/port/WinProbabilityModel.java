package io.vprop.signal.port;

import io.vprop.market.Timeframe;

/**
 * Port to the ML models: P(TP1 is hit before SL) for the candidate in a {@link WinQuery}.
 * Baseline: {@code select.DriftWinProbability} (first passage of a Brownian motion with drift).
 * Served models ({@code io.vprop.models.ServedWinProbability}) keep their own per-symbol features, so the engine
 * hands every closed bar to {@link #onBar} — on the kernel thread, before any query that could use it.
 */
public interface WinProbabilityModel {
    double pTp1BeforeSl(WinQuery q);

    /** A closed bar (built from ticks or sent by the EA). Bid prices; {@code volume} is the tick count. */
    default void onBar(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low, double close,
                       double volume) {
    }
}
