package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.RuleStatus;

import java.util.List;

/**
 * One prop-firm rule. {@link #check} runs for every event after the engine has applied the event to the
 * {@link Ledger}; it must not allocate unless it fires.
 */
public interface GovernorRule {
    void check(Ledger l, GovernorEvent e, HitList hits);

    /** Adds this rule's line(s) for the web panel. */
    void status(Ledger l, List<RuleStatus> out);
}
