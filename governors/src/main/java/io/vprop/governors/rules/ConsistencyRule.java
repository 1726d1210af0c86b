package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.ConsistencyConfig;

import java.util.List;

/**
 * Best day at most X % of total profit. Not a breach: it tells how much more total profit is needed for the
 * current best day (today included) to be within the rule.
 */
public final class ConsistencyRule implements GovernorRule {
    static final String ID = "consistency";
    private final ConsistencyConfig config;

    public ConsistencyRule(ConsistencyConfig config) {
        this.config = config;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        // a moving target, reported by status() only
    }

    public static double bestDay(Ledger l) {
        return Math.max(l.bestDayProfit, l.dayProfit);
    }

    /** Total profit still needed so that the best day is within the limit; 0 when satisfied. */
    public double profitStillNeeded(Ledger l) {
        double best = bestDay(l);
        if (best <= 0) return 0;
        return Math.max(0, best / (config.bestDayMaxPct() / 100.0) - l.countedProfit());
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double needed = profitStillNeeded(l);
        double best = bestDay(l);
        double total = l.countedProfit();
        out.add(new RuleStatus(ID, best, total * config.bestDayMaxPct() / 100.0, -needed, 0,
                needed > 0 ? RuleStatus.Status.WARNING : RuleStatus.Status.OK,
                needed > 0 ? "Best day " + Fmt.money(best) + " is above " + Fmt.num(config.bestDayMaxPct())
                        + "% of total profit " + Fmt.money(total) + ": " + Fmt.money(needed) + " more profit needed."
                        : "Best day is within " + Fmt.num(config.bestDayMaxPct()) + "% of total profit."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        out.add(profitStillNeeded(l) > 0 ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /** Never a hit; its status reads the closed profit (the same balance) and the days. */
    @Override
    public void steady(Ledger l, Steady s) { }
}
