package io.vprop.governors;

import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;

import java.util.List;

/**
 * The engine's answer to one event: the most severe rule hit (its action, rule id, measured value, threshold and
 * sentence) plus every hit that fired, most severe first.
 */
public record Decision(Action action, String ruleId, double measured, double threshold, long untilMs, String message,
                       List<RuleHit> hits) {
    /** Shared, allocation-free answer when no rule fires. */
    public static final Decision ALLOW = new Decision(Action.ALLOW, "", 0, 0, 0, "All rules satisfied.", List.of());

    public boolean allowed() {
        return action == Action.ALLOW;
    }

    static Decision of(List<RuleHit> hits) {
        RuleHit top = hits.get(0);
        return new Decision(top.action(), top.ruleId(), top.measured(), top.threshold(), top.untilMs(), top.message(),
                List.copyOf(hits));
    }
}
