package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.ProfitTargetConfig;

import java.util.List;

/** Once the counted closed profit reaches the target the account is locked: no new risk, ever. */
public final class ProfitTargetRule implements GovernorRule {
    static final String ID = "profit-target";
    private final ProfitTargetConfig config;

    public ProfitTargetRule(ProfitTargetConfig config) {
        this.config = config;
    }

    /** The target in money: the percentage of the initial balance rounded up to the cent. */
    public double target(Ledger l) {
        return Cents.toDouble(config.targetCents(l.initialCents));
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (l.targetLocked || l.halted) return;
        // exact cents: the whole percentage, to the cent, must be banked
        if (l.countedProfitCents() >= config.targetCents(l.initialCents)) {
            double profit = l.countedProfit();
            double target = target(l);
            l.targetLocked = true;
            l.lockHit = new RuleHit(Action.BLOCK_NEW_ENTRIES, ID, profit, target, 0, "Profit target "
                    + Fmt.money(target) + " reached (closed profit " + Fmt.money(profit) + "): locked, no new risk.");
        }
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        double target = target(l);
        double profit = l.countedProfit();
        out.add(new RuleStatus(ID, profit, target, target - profit, (target - profit) / target * 100,
                RuleStatus.Status.OK, l.targetLocked ? "Target reached: locked." : Fmt.money(target - profit) + " to the target."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) { out.add(RuleStatus.Status.OK); }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /** Its check and status read the closed profit: the same balance, the same answer. */
    @Override
    public void steady(Ledger l, Steady s) { }
}
