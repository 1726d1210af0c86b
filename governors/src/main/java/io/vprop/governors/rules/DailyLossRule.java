package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.BufferConfig;
import io.vprop.governors.profile.DailyLossConfig;

import java.util.List;

/**
 * Daily loss: equity (floating P&amp;L, commission, swap included) against the floor fixed at day start. Below the
 * floor: breach (flatten and halt) or pause until reset, as the firm counts it. Before it, VProp's buffers block
 * new entries and then flatten until the reset.
 */
public final class DailyLossRule implements GovernorRule {
    public static final String ID = "daily-loss";
    private final DailyLossConfig config;
    private final BufferConfig buffers;

    public DailyLossRule(DailyLossConfig config, BufferConfig buffers) {
        this.config = config;
        this.buffers = buffers;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (l.halted) return;
        double eq = l.equity;
        double used = l.dayAnchor - eq;
        if (eq < l.dailyFloor) {
            String msg = "Equity " + Fmt.money(eq) + " fell below today's loss floor " + Fmt.money(l.dailyFloor)
                    + " (day-start " + Fmt.money(l.dayAnchor) + " minus " + Fmt.money(l.dailyLimit) + ")";
            if (config.outcome() == DailyLossConfig.Outcome.BREACH) {
                l.halt(new RuleHit(Action.FLATTEN_AND_HALT, ID, eq, l.dailyFloor, 0,
                        msg + ": the daily loss limit is breached, close everything and stop."));
            } else if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, l.dailyFloor, l.nextResetMs,
                        msg + ": close everything, trading resumes at " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        double flattenAt = l.dailyLimit * buffers.flattenAtPct() / 100.0;
        if (buffers.flattenAtPct() < 100 && used >= flattenAt) {
            if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, l.dayAnchor - flattenAt, l.nextResetMs,
                        "Today's loss " + Fmt.money(used) + " reached the " + Fmt.num(buffers.flattenAtPct())
                                + "% safety buffer of the " + Fmt.money(l.dailyLimit) + " daily limit: close everything,"
                                + " trading resumes at " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        if (carriedIntoNextDay(l, eq)) return;
        double blockAt = l.dailyLimit * buffers.blockEntriesAtPct() / 100.0;
        if (buffers.blockEntriesAtPct() < 100 && used >= blockAt) {
            double limit = l.dailyLimit;
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, eq, l.dayAnchor - blockAt, 0,
                    () -> "Today's loss " + Fmt.money(used) + " reached the " + Fmt.num(buffers.blockEntriesAtPct())
                            + "% warning level of the " + Fmt.money(limit) + " daily limit: no new entries today.");
        }
    }

    /**
     * Shortly before the reset: would the equity, measured against the floor the next day will have, already be
     * inside the flatten buffer? FTMO's example: +4,000 closed today and a 13,000 floating loss are fine until
     * midnight, then the new anchor (the higher balance) puts the floor above the equity. Flatten before that.
     */
    private boolean carriedIntoNextDay(Ledger l, double eq) {
        long windowMs = buffers.flattenBeforeResetMinutes() * 60_000L;
        if (windowMs == 0 || l.nextResetMs - l.nowMs > windowMs || l.positions.isEmpty()) return false;
        double anchor = switch (config.anchor()) {
            case BALANCE -> l.balance;
            case EQUITY -> l.equity;
            case HIGHER_OF_BALANCE_AND_EQUITY -> Math.max(l.balance, l.equity);
        };
        double limit = config.limit(l.initialBalance, anchor);
        double flattenLevel = anchor - limit * buffers.flattenAtPct() / 100.0;
        if (eq >= flattenLevel) return false;
        if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
            l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, flattenLevel, l.nextResetMs,
                    "The reset at " + Fmt.time(l.nextResetMs) + " will set the loss floor at " + Fmt.money(anchor - limit)
                            + " and equity " + Fmt.money(eq) + " would already be past the safety buffer: close everything"
                            + " before the reset."));
        }
        return true;
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double dist = l.equity - l.dailyFloor;
        out.add(new RuleStatus(ID, l.equity, l.dailyFloor, dist, dist / l.dailyLimit * 100, level(l),
                "Equity must stay at or above " + Fmt.money(l.dailyFloor) + " until " + Fmt.time(l.nextResetMs) + "."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) { out.add(level(l)); }

    private RuleStatus.Status level(Ledger l) {
        double dist = l.equity - l.dailyFloor;
        double used = l.dayAnchor - l.equity;
        return dist < 0 ? RuleStatus.Status.BREACH
                : used >= l.dailyLimit * buffers.blockEntriesAtPct() / 100.0 && buffers.blockEntriesAtPct() < 100
                ? RuleStatus.Status.WARNING : RuleStatus.Status.OK;
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }
}
