package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.BufferConfig;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.DailyLossConfig;
import io.vprop.governors.profile.LimitOutcome;

import java.util.List;

/**
 * Daily loss: equity (floating P&amp;L, commission, swap included) against the floor fixed at day start. Below the
 * floor: breach (flatten and halt) or pause until reset, as the firm's text says ({@code dailyLoss.outcome}). Money in
 * exact cents: equity equal to the floor holds, one cent below does not. Before it, VProp's buffers block
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
        long eqCents = l.equityCents();
        long usedCents = l.dayAnchorCents - eqCents;
        double used = Cents.toDouble(usedCents);
        // exact to the cent: equity equal to the floor holds, one cent below breaches
        if (eqCents < l.dailyFloorCents) {
            String msg = "Equity " + Fmt.money(eq) + " fell below today's loss floor " + Fmt.money(l.dailyFloor)
                    + " (day-start " + Fmt.money(l.dayAnchor) + " minus " + Fmt.money(l.dailyLimit) + ")";
            if (config.outcome() == LimitOutcome.BREACH) {
                l.halt(new RuleHit(Action.FLATTEN_AND_HALT, ID, eq, l.dailyFloor, 0,
                        msg + ": the daily loss limit is breached, close everything and stop."));
            } else if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, l.dailyFloor, l.nextResetMs,
                        msg + ": close everything, trading resumes at " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        long flattenAt = Cents.pctOf(l.dailyLimitCents, buffers.flattenAtPct(), false);
        if (buffers.flattenAtPct() < 100 && usedCents >= flattenAt) {
            if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, Cents.toDouble(l.dayAnchorCents - flattenAt), l.nextResetMs,
                        "Today's loss " + Fmt.money(used) + " reached the " + Fmt.num(buffers.flattenAtPct())
                                + "% safety buffer of the " + Fmt.money(l.dailyLimit) + " daily limit: close everything,"
                                + " trading resumes at " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        if (carriedIntoNextDay(l, eq, eqCents)) return;
        long blockAt = blockAtCents(l);
        if (buffers.blockEntriesAtPct() < 100 && usedCents >= blockAt) {
            double limit = l.dailyLimit;
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, eq, Cents.toDouble(l.dayAnchorCents - blockAt), 0,
                    () -> "Today's loss " + Fmt.money(used) + " reached the " + Fmt.num(buffers.blockEntriesAtPct())
                            + "% warning level of the " + Fmt.money(limit) + " daily limit: no new entries today.");
        }
    }

    /**
     * Shortly before the reset: would the equity, measured against the floor the next day will have, already be
     * inside the flatten buffer? FTMO's example: +4,000 closed today and a 13,000 floating loss are fine until
     * midnight, then the new anchor (the higher balance) puts the floor above the equity. Flatten before that.
     */
    private boolean carriedIntoNextDay(Ledger l, double eq, long eqCents) {
        long windowMs = buffers.flattenBeforeResetMinutes() * 60_000L;
        if (windowMs == 0 || l.nextResetMs - l.nowMs > windowMs || l.positions.isEmpty()) return false;
        long anchor = Ledger.anchorCents(config, l.balance, l.equity);
        long limit = config.limitCents(l.initialCents, anchor);
        long flattenLevel = anchor - Cents.pctOf(limit, buffers.flattenAtPct(), false);
        if (eqCents >= flattenLevel) return false;
        if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
            l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, Cents.toDouble(flattenLevel), l.nextResetMs,
                    "The reset at " + Fmt.time(l.nextResetMs) + " will set the loss floor at " + Fmt.money(Cents.toDouble(anchor - limit))
                            + " and equity " + Fmt.money(eq) + " would already be past the safety buffer: close everything"
                            + " before the reset."));
        }
        return true;
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double dist = Cents.toDouble(l.equityCents() - l.dailyFloorCents);
        out.add(new RuleStatus(ID, l.equity, l.dailyFloor, dist, dist / l.dailyLimit * 100, level(l),
                "Equity must stay at or above " + Fmt.money(l.dailyFloor) + " until " + Fmt.time(l.nextResetMs) + "."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) { out.add(level(l)); }

    private RuleStatus.Status level(Ledger l) {
        long eq = l.equityCents();
        return eq < l.dailyFloorCents ? RuleStatus.Status.BREACH
                : buffers.blockEntriesAtPct() < 100 && l.dayAnchorCents - eq >= blockAtCents(l)
                ? RuleStatus.Status.WARNING : RuleStatus.Status.OK;
    }

    /** VProp's warning level: the share of today's limit already used, rounded down to the cent (warns earlier). */
    private long blockAtCents(Ledger l) {
        return Cents.pctOf(l.dailyLimitCents, buffers.blockEntriesAtPct(), false);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /**
     * No hit and an OK status while the equity stays above the floor, the flatten buffer and the warning level (each
     * comparison of {@link #check} and {@link #level}, to the cent), and — with positions open — before the window
     * in which {@link #carriedIntoNextDay} looks at tomorrow's floor.
     */
    @Override
    public void steady(Ledger l, Steady s) {
        long lo = l.dailyFloorCents;                                           // eq < floor: breach
        if (buffers.flattenAtPct() < 100) lo = Math.max(lo, l.dayAnchorCents - Cents.pctOf(l.dailyLimitCents, buffers.flattenAtPct(), false) + 1);
        if (buffers.blockEntriesAtPct() < 100) lo = Math.max(lo, l.dayAnchorCents - blockAtCents(l) + 1);
        if (l.equityCents() < lo) {
            s.until(l.nowMs);
            return;
        }
        s.atLeast(lo);
        long windowMs = buffers.flattenBeforeResetMinutes() * 60_000L;
        if (windowMs > 0 && !l.positions.isEmpty()) s.until(l.nextResetMs - windowMs);
    }
}
