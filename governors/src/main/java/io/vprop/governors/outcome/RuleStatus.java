package io.vprop.governors.outcome;

/**
 * One rule's position for the web panel.
 *
 * @param value         current measured value (equity, days, share, ...)
 * @param limit         the limit it is held against
 * @param distance      room left before the limit, in the rule's unit (money for loss rules)
 * @param distancePct   room left as % of the rule's allowance (100 = untouched, 0 = at the limit)
 * @param note          a short sentence explaining the number
 */
public record RuleStatus(String ruleId, double value, double limit, double distance, double distancePct, Status status,
                         String note) {
    public enum Status { OK, WARNING, BREACH }
}
