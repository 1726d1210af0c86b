package io.vprop.governors.profile;

/** Best day must be at most {@code bestDayMaxPct}% of total profit. A moving target, never a breach. */
public record ConsistencyConfig(double bestDayMaxPct) {
    public ConsistencyConfig {
        Require.positivePct("consistency.bestDayMaxPct", bestDayMaxPct);
    }
}
