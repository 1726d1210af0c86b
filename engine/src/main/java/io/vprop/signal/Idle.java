package io.vprop.signal;

/** No setup was evaluated on this input, and why. Shared constants: returned on the hot path without allocating. */
public enum Idle implements Decision {
    /** Not enough bars yet for the features the alphas read. */
    WARMING_UP,
    /** No alpha gave a direction on any timeframe. */
    NO_SIGNAL,
    /** The winning setup was already decided on this bar (one decision per symbol, timeframe, alpha and bar). */
    COOLDOWN,
    /** The symbol already has an open position; the engine does not pyramid. */
    POSITION_OPEN,
    /** Trading is paused (latency, quote flicker); see {@link SignalEngine#drainPauseEvents()}. */
    PAUSED,
    /** A bar was consumed; bars update features but decisions are made on ticks. */
    BAR_CONSUMED
}
