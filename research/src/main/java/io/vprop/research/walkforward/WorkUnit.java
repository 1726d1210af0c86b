package io.vprop.research.walkforward;

import java.util.Locale;

/**
 * One backtest a walk-forward asks for: a symbol with one parameter set over one window. The seam between the
 * walk-forward and whatever runs the backtest ({@link UnitRunner}).
 *
 * <p>The runner reads data from {@code warmupFromMs} on (indicators warm up, nothing is traded), may open trades in
 * [{@code fromMs}, {@code toMs}), lets trades open at {@code toMs} run their course, and closes what is still open at
 * {@code endMs} (exit reason "end_of_window"). A training unit ends at its fold's test end, so a trade opened late in
 * training runs into the test window and the walk-forward can purge it; a test unit ends where it stops trading.
 *
 * @param phase          training (one per parameter set) or test (the parameter set chosen on training)
 * @param symbol         the symbol traded
 * @param fold           the fold's index
 * @param params         the parameter set
 * @param warmupFromMs   first data the runner may read, UTC ms (<= fromMs)
 * @param fromMs         first time a trade may open
 * @param toMs           no trade opens at or after this
 * @param endMs          anything still open is closed here (>= toMs)
 * @param initialBalance account balance at the start, USD
 */
public record WorkUnit(Phase phase, String symbol, int fold, ParamSet params, long warmupFromMs, long fromMs,
                       long toMs, long endMs, double initialBalance) implements java.io.Serializable {
    public enum Phase { TRAIN, TEST }

    public WorkUnit {
        if (!(warmupFromMs <= fromMs && fromMs < toMs && toMs <= endMs)) {
            throw new IllegalArgumentException("unit " + symbol + " fold " + fold + ": need warm-up <= from < to <= end, got "
                    + warmupFromMs + ", " + fromMs + ", " + toMs + ", " + endMs);
        }
        if (!(initialBalance > 0)) throw new IllegalArgumentException("initial balance must be positive: " + initialBalance);
    }

    /** "train/EURUSD/f03/fast=10,slow=50": stable across runs, the checkpoint's key. */
    public String id() {
        return phase.name().toLowerCase(Locale.ROOT) + "/" + symbol + "/" + String.format("f%02d", fold) + "/"
                + params.key();
    }
}
