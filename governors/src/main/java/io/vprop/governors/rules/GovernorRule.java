package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;

import java.util.List;

/**
 * One prop-firm rule. {@link #check} runs for every event after the engine has applied the event to the
 * {@link Ledger}; it must not allocate unless it fires.
 */
public interface GovernorRule {
    void check(Ledger l, GovernorEvent e, HitList hits);

    /** Adds this rule's line(s) for the web panel. */
    void status(Ledger l, List<RuleStatus> out);

    /**
     * Adds the status of each line {@link #status} adds, in the same order, and nothing else: no line, no sentence,
     * no allocation (the backtester asks after every evaluation whether a rule changed status).
     */
    void levels(Ledger l, StatusLevels out);

    /**
     * For a flat account (no position) whose snapshot repeats unchanged — the same balance, equity and pending
     * orders — just evaluated at {@code l.nowMs}: the first time at which this rule's {@link #check} or
     * {@link #levels} could answer differently, or its hits carry other values (the engine itself watches the daily
     * reset and the end of a pause). {@link Long#MAX_VALUE} when only its inputs can change them; {@code l.nowMs} when
     * it cannot tell (the default: the account is evaluated anew).
     */
    default long quietUntil(Ledger l) { return l.nowMs; }
}
