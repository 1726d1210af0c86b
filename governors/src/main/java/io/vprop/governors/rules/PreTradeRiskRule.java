package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.PreTradeConfig;

import java.util.List;

/**
 * Worst case before an order: its loss at the stop plus slippage and gap allowances, plus what the open positions
 * can still lose down to their stops, plus the worst case of the orders in flight (allowed but not in the snapshot
 * yet, {@link InFlight}), plus that of the resting pending orders (each filling at its trigger and running to its stop,
 * with the same allowances), must fit inside both the daily and the overall headroom. A pending order is checked as
 * an order entering at its trigger.
 */
public final class PreTradeRiskRule implements GovernorRule {
    static final String ID = "pre-trade-risk";
    private final PreTradeConfig config;

    public PreTradeRiskRule(PreTradeConfig config) {
        this.config = config;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (!(e instanceof OrderCheck o)) return;
        double stopLoss = o.lossAtStop();
        if (Double.isInfinite(stopLoss)) {
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, stopLoss, 0, 0, "Order on " + o.order().symbol()
                    + " has no stop loss (or no price value to measure it): its worst case is unbounded.");
            return;
        }
        double openRisk = l.openRiskExcluding(o.signalId());   // a resent signal is not counted against itself
        if (Double.isInfinite(openRisk)) {
            double inFlight = l.inFlight.riskExcluding(o.signalId());
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, openRisk, 0, 0, Double.isInfinite(inFlight)
                    ? "A fill not in an account snapshot yet has no known stop loss, so the account's worst case is unbounded: no new entries until the next snapshot."
                    : Double.isInfinite(l.restingRiskExcluding(o.signalId()))
                    ? "A resting pending order has no stop loss (or no price value), so the account's worst case is unbounded: no new entries."
                    : "An open position has no stop loss, so the account's worst case is unbounded: no new entries.");
            return;
        }
        double worst = stopLoss * config.worstCaseFactor() + openRisk;
        double headroom = headroom(l);
        if (worst > headroom) {
            boolean daily = l.dailyFloor >= l.projectedOverallFloor();
            double inFlight = l.inFlight.riskExcluding(o.signalId());
            double resting = l.restingRiskExcluding(o.signalId());
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, worst, headroom, 0, "Worst case " + Fmt.money(worst)
                    + " (" + (o.pending() ? o.type().wire() + " " : "") + "stop " + Fmt.money(stopLoss)
                    + " plus slippage and gap, plus " + Fmt.money(openRisk) + " open risk"
                    + (inFlight > 0 ? " of which " + Fmt.money(inFlight) + " in flight" : "")
                    + (resting > 0 ? (inFlight > 0 ? " and " : " of which ") + Fmt.money(resting) + " in resting pending orders" : "")
                    + ") exceeds the " + (daily ? "daily" : "overall") + " headroom of " + Fmt.money(headroom) + ".");
        }
    }

    /** Room to the nearer floor; the overall one as projected after banking open winners (trailing floors). */
    public static double headroom(Ledger l) {
        return Math.min(l.equity - l.dailyFloor, l.equity - l.projectedOverallFloor());
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double open = l.openRisk();
        double head = headroom(l);
        double left = head - open;
        out.add(new RuleStatus(ID, open, head, left, head > 0 ? left / head * 100 : 0,
                left <= 0 ? RuleStatus.Status.WARNING : RuleStatus.Status.OK,
                "New orders may risk up to " + Fmt.money(Math.max(0, left) / config.worstCaseFactor())
                        + " at their stop (headroom " + Fmt.money(head) + ", open risk " + Fmt.money(open) + ")."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) { out.add(level(l)); }

    /** The one status {@link #levels} adds. */
    public RuleStatus.Status level(Ledger l) { return level(l, l.openRisk()); }

    /** {@link #level} with the open risk given (as {@link Ledger#openRisk()} gives it). */
    public static RuleStatus.Status level(Ledger l, double openRisk) {
        return headroom(l) - openRisk <= 0 ? RuleStatus.Status.WARNING : RuleStatus.Status.OK;
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /** Checks only orders; its status reads the floating profit: the engine computes {@link #level} for each event. */
    @Override
    public void steady(Ledger l, Steady s) { }
}
