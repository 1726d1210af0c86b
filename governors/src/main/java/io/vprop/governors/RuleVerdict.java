package io.vprop.governors;

import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;

import java.util.List;

/**
 * The rules' verdict on one event: the most severe rule hit (its action, rule id, measured value, threshold and
 * sentence) plus every hit that fired, most severe first. (Not the signal engine's {@code io.vprop.signal.Decision},
 * which is what a strategy decided to trade.)
 */
public record RuleVerdict(Action action, String ruleId, double measured, double threshold, long untilMs, String message,
                          List<RuleHit> hits) {
    /** Shared, allocation-free answer when no rule fires. */
    public static final RuleVerdict ALLOW = new RuleVerdict(Action.ALLOW, "", 0, 0, 0, "All rules satisfied.", List.of());

    public boolean allowed() {
        return action == Action.ALLOW;
    }

    static RuleVerdict of(List<RuleHit> hits) {
        RuleHit top = hits.get(0);
        return new RuleVerdict(top.action(), top.ruleId(), top.measured(), top.threshold(), top.untilMs(), top.message(),
                List.copyOf(hits));
    }
}
