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

    /**
     * After the engine evaluated a snapshot or the clock and no rule added a hit (the account may hold positions):
     * narrows {@code s} to the times and the equity for which this rule's {@link #check} again adds no hit, changes
     * nothing in the ledger, and its {@link #levels} give the same statuses — for a snapshot that differs from the last
     * one only in its equity and in the open positions' floating profit (the same balance, the same positions with the
     * same tickets, symbols, open times, stops set or not and signal ids, no resting orders, nothing in flight), or for
     * the clock. A rule whose status reads the floating profit itself ({@link PreTradeRiskRule}) leaves its level to
     * the engine, which computes it anew. The default: it cannot tell ({@code until(l.nowMs)}: evaluated anew).
     */
    default void steady(Ledger l, Steady s) { s.until(l.nowMs); }
}
