package io.vprop.governors.profile;

/**
 * Anti-HFT and activity caps. Zero disables a cap.
 *
 * @param minHoldSeconds       a trade counts as "held" when it lasted at least this long
 * @param minShareHeldPct      required share of closed trades that were held (E8: at most 50 % under 1 minute)
 * @param cooldownAfterLosses  consecutive losing trades that start a cooldown of {@code cooldownMinutes}
 */
public record ActivityConfig(int minHoldSeconds, double minShareHeldPct, int maxOrdersPerSecond,
                             int maxRequestsPerDay, int maxPositionsPerDay, int maxTradesPerDay,
                             int cooldownAfterLosses, int cooldownMinutes) {
    public ActivityConfig {
        Require.nonNegative("activity.minHoldSeconds", minHoldSeconds);
        Require.pct("activity.minShareHeldPct", minShareHeldPct);
        Require.nonNegative("activity.maxOrdersPerSecond", maxOrdersPerSecond);
        Require.nonNegative("activity.maxRequestsPerDay", maxRequestsPerDay);
        Require.nonNegative("activity.maxPositionsPerDay", maxPositionsPerDay);
        Require.nonNegative("activity.maxTradesPerDay", maxTradesPerDay);
        Require.nonNegative("activity.cooldownAfterLosses", cooldownAfterLosses);
        Require.nonNegative("activity.cooldownMinutes", cooldownMinutes);
        if (minShareHeldPct > 0 && minHoldSeconds == 0) {
            throw new ProfileException("activity.minHoldSeconds", "missing value (minShareHeldPct is " + minShareHeldPct + ")");
        }
        if ((cooldownAfterLosses > 0) != (cooldownMinutes > 0)) {
            throw new ProfileException("activity.cooldownMinutes", "cooldownAfterLosses and cooldownMinutes must be set together");
        }
        if (maxOrdersPerSecond > 1000) {
            throw new ProfileException("activity.maxOrdersPerSecond", maxOrdersPerSecond + " is above the supported 1000");
        }
    }
}
