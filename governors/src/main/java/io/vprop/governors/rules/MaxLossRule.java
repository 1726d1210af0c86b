package io.vprop.governors.rules;

import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.BufferConfig;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.LimitOutcome;
import io.vprop.governors.profile.MaxLossConfig;

import java.util.List;

/**
 * Overall loss: equity against a floor that is static or trails a high-water mark (end-of-day balance, closed
 * balance or intraday equity) and never goes down. Below it: the firm's {@code maxLoss.outcome}, for every firm
 * surveyed the end of the account (flatten and halt). Money in exact cents.
 */
public final class MaxLossRule implements GovernorRule {
    public static final String ID = "max-loss";
    private final MaxLossConfig config;
    private final BufferConfig buffers;

    public MaxLossRule(MaxLossConfig config, BufferConfig buffers) {
        this.config = config;
        this.buffers = buffers;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        switch (config.mode()) {
            case TRAILING_CLOSED_BALANCE -> {
                if (e instanceof AccountSnapshot || e instanceof FillEvent || e instanceof BalanceOperation) l.raiseHighWater(l.tradingBalanceCents());
            }
            case TRAILING_INTRADAY_EQUITY -> {
                if (e instanceof AccountSnapshot || e instanceof BalanceOperation) l.raiseHighWater(l.tradingEquityCents());
            }
            default -> { }
        }
        if (l.halted) return;
        double eq = l.equity;
        long eqCents = l.equityCents();
        long ref = l.overallFloorCents + l.maxLossLimitCents; // the level the floor hangs from
        long used = ref - eqCents;
        // exact to the cent: equity equal to the floor holds, one cent below does not
        if (eqCents < l.overallFloorCents) {
            String msg = "Equity " + Fmt.money(eq) + " fell below the maximum loss floor " + Fmt.money(l.overallFloor);
            if (config.outcome() == LimitOutcome.BREACH) {
                l.halt(new RuleHit(Action.FLATTEN_AND_HALT, ID, eq, l.overallFloor, 0,
                        msg + ": the account limit is breached, close everything and stop."));
            } else if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, l.overallFloor, l.nextResetMs,
                        msg + ": close everything, trading resumes at " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        long flattenAt = Cents.pctOf(l.maxLossLimitCents, buffers.flattenAtPct(), false);
        if (buffers.flattenAtPct() < 100 && used >= flattenAt) {
            if (!l.paused() || l.pausedUntilMs < l.nextResetMs) {
                l.pause(l.nextResetMs, new RuleHit(Action.PAUSE_UNTIL_RESET, ID, eq, Cents.toDouble(ref - flattenAt), l.nextResetMs,
                        "Equity " + Fmt.money(eq) + " is within " + Fmt.num(100 - buffers.flattenAtPct())
                                + "% of the maximum loss floor " + Fmt.money(l.overallFloor)
                                + ": close everything, no trading before " + Fmt.time(l.nextResetMs) + "."));
            }
            return;
        }
        long blockAt = blockAtCents(l);
        if (buffers.blockEntriesAtPct() < 100 && used >= blockAt) {
            double floor = l.overallFloor;
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, eq, Cents.toDouble(ref - blockAt), 0,
                    () -> "Equity " + Fmt.money(eq) + " has used " + Fmt.num(buffers.blockEntriesAtPct())
                            + "% of the room above the maximum loss floor " + Fmt.money(floor) + ": no new entries.");
        }
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double dist = Cents.toDouble(l.equityCents() - l.overallFloorCents);
        RuleStatus.Status s = level(l);
        String how = switch (config.mode()) {
            case STATIC -> "fixed";
            case TRAILING_EOD_BALANCE -> "trails the highest end-of-day balance";
            case TRAILING_CLOSED_BALANCE -> "trails the highest closed balance";
            case TRAILING_INTRADAY_EQUITY -> "trails the highest equity";
        };
        out.add(new RuleStatus(ID, l.equity, l.overallFloor, dist, dist / l.maxLossLimit * 100, s,
                "Equity must stay at or above " + Fmt.money(l.overallFloor) + " (floor " + how
                        + (config.lockAtInitial() ? ", locks at the initial balance" : "") + ")."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) { out.add(level(l)); }

    private RuleStatus.Status level(Ledger l) {
        long eq = l.equityCents();
        return eq < l.overallFloorCents ? RuleStatus.Status.BREACH
                : buffers.blockEntriesAtPct() < 100 && l.overallFloorCents + l.maxLossLimitCents - eq >= blockAtCents(l)
                ? RuleStatus.Status.WARNING : RuleStatus.Status.OK;
    }

    /** VProp's warning level: the share of the limit already used, rounded down to the cent (warns earlier). */
    private long blockAtCents(Ledger l) {
        return Cents.pctOf(l.maxLossLimitCents, buffers.blockEntriesAtPct(), false);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /**
     * No hit and an OK status while the equity stays above the floor, the flatten buffer and the warning level (each
     * comparison of {@link #check} and {@link #level}, to the cent), and the high-water mark does not move: the balance
     * is the same, so a closed-balance mark already has it; an intraday-equity mark bounds the equity from above.
     */
    @Override
    public void steady(Ledger l, Steady s) {
        long ref = l.overallFloorCents + l.maxLossLimitCents;
        long lo = l.overallFloorCents;                                         // eq < floor: breach
        if (buffers.flattenAtPct() < 100) lo = Math.max(lo, ref - Cents.pctOf(l.maxLossLimitCents, buffers.flattenAtPct(), false) + 1);
        if (buffers.blockEntriesAtPct() < 100) lo = Math.max(lo, ref - blockAtCents(l) + 1);
        long hi = Long.MAX_VALUE;
        switch (config.mode()) {
            case TRAILING_CLOSED_BALANCE -> {
                if (l.tradingBalanceCents() > l.highWaterCents) lo = Long.MAX_VALUE;     // (the next snapshot raises it)
            }
            case TRAILING_INTRADAY_EQUITY -> hi = l.highWaterCents + l.capitalCents + l.creditCents;
            default -> { }
        }
        long eq = l.equityCents();
        if (eq < lo || eq > hi) {
            s.until(l.nowMs);
            return;
        }
        s.atLeast(lo);
        s.atMost(hi);
    }
}
