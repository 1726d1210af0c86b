package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.TradingDaysConfig;

import java.util.List;

/** Minimum trading and profitable days, counted by the firm's day boundary. Progress only, never a block. */
public final class TradingDaysRule implements GovernorRule {
    static final String ID = "trading-days";
    private final TradingDaysConfig config;

    public TradingDaysRule(TradingDaysConfig config) {
        this.config = config;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        // progress only
    }

    /** Days counted so far, today included when a position was opened today. */
    public static int tradingDays(Ledger l) {
        return l.tradingDays + (l.tradedToday ? 1 : 0);
    }

    public int profitableDays(Ledger l) {
        boolean today = l.profitableDay();
        return l.profitableDays + (today ? 1 : 0);
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        int days = tradingDays(l);
        out.add(new RuleStatus(ID, days, config.minTradingDays(), Math.max(0, config.minTradingDays() - days), 0,
                days >= config.minTradingDays() ? RuleStatus.Status.OK : RuleStatus.Status.WARNING,
                days + " of " + config.minTradingDays() + " trading days (distance = days still needed)."));
        if (config.minProfitableDays() > 0) {
            int p = profitableDays(l);
            out.add(new RuleStatus(ID + ":profitable", p, config.minProfitableDays(),
                    Math.max(0, config.minProfitableDays() - p), 0,
                    p >= config.minProfitableDays() ? RuleStatus.Status.OK : RuleStatus.Status.WARNING,
                    p + " of " + config.minProfitableDays() + " profitable days (at least "
                            + Fmt.num(config.profitableDayPct()) + "% of initial)."));
        }
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        out.add(tradingDays(l) >= config.minTradingDays() ? RuleStatus.Status.OK : RuleStatus.Status.WARNING);
        if (config.minProfitableDays() > 0)
            out.add(profitableDays(l) >= config.minProfitableDays() ? RuleStatus.Status.OK : RuleStatus.Status.WARNING);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /** Never a hit; its statuses count days (the day changes only at the reset, which the engine watches). */
    @Override
    public void steady(Ledger l, Steady s) { }
}
