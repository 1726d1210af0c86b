package io.vprop.research;

/**
 * A firm rule the run touched, as the live governors would have reported it.
 *
 * @param timeMs  UTC epoch ms of the equity change that touched it
 * @param ruleId  e.g. "daily_loss", "max_loss"
 * @param action  what live trading would have done: PAUSE_DAY, HALT, FLATTEN…
 * @param message the governor's own words, with the measured value and the limit
 */
public record Breach(long timeMs, String ruleId, String action, String message) {
}
