package io.vprop.governors.outcome;

/**
 * One rule that fired.
 *
 * @param measured  the value the rule measured (equity, lots, orders per second, ...)
 * @param threshold the limit it was compared with
 * @param untilMs   for pauses and cooldowns: when the restriction ends (UTC epoch ms); 0 when not timed
 * @param message   one sentence a trader understands
 */
public record RuleHit(Action action, String ruleId, double measured, double threshold, long untilMs, String message) {}
