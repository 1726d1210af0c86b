package io.vprop.memory;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decision of the signal engine, taken or skipped, with the reason. Skips matter as much as
 * trades for learning: they tell which setups the quality score filtered out.
 *
 * @param quality the quality score Q* the engine computed for the setup (finite)
 */
public record DecisionRecord(
        long id,
        String account,
        long timeMs,
        String symbol,
        String alpha,
        String regime,
        String timeframe,
        Action action,
        String reason,
        double quality,
        float[] features) {

    /** What the engine did with the candidate signal. */
    public enum Action {
        TAKE,
        SKIP
    }

    public DecisionRecord {
        Checks.nonNegative("id", id);
        Checks.nonBlank("account", account);
        Checks.nonNegative("timeMs", timeMs);
        Checks.nonBlank("symbol", symbol);
        Checks.nonBlank("alpha", alpha);
        Checks.nonBlank("regime", regime);
        Checks.nonBlank("timeframe", timeframe);
        Objects.requireNonNull(action, "action must not be null");
        Checks.nonBlank("reason", reason);
        Checks.finite("quality", quality);
        features = Checks.finiteVector("features", features == null ? new float[0] : features);
    }

    @Override
    public float[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionRecord d
                && id == d.id && account.equals(d.account) && timeMs == d.timeMs && symbol.equals(d.symbol)
                && alpha.equals(d.alpha) && regime.equals(d.regime) && timeframe.equals(d.timeframe)
                && action == d.action && reason.equals(d.reason) && Double.compare(quality, d.quality) == 0
                && Arrays.equals(features, d.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, account, timeMs, symbol, alpha, action);
    }
}
