package io.vprop.signal.risk;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.rules.DailyLossRule;
import io.vprop.governors.rules.MaxLossRule;
import io.vprop.signal.port.Clock;
import io.vprop.signal.port.RiskBudget;
import io.vprop.trade.OrderIntent;

/**
 * {@link RiskBudget} backed by the real governors engine (module {@code governors}). The owner keeps feeding that
 * engine its account and fill events; this adapter only reads it:
 * <ul>
 *   <li>headroom = the governors' {@code sizingHeadroom} (room to the nearer floor minus open risk) divided by the
 *       profile's pre-trade worst-case factor (slippage and gap allowances), so an order sized inside it passes the
 *       pre-trade rule;</li>
 *   <li>{@link #canOpenPosition()} is false while the account is halted, paused, target-locked, or a loss rule has
 *       reached its entry-blocking buffer;</li>
 *   <li>{@link #allows} evaluates the order on a throw-away copy of the engine (export/restore), so asking does not
 *       count as sending: the kernel still evaluates the real order on the real engine before it goes out.</li>
 * </ul>
 * Allocates (snapshots, copies): it is called on the candidate path only, never per tick.
 */
public final class GovernorRiskBudget implements RiskBudget {
    private final GovernorEngine engine;
    private final Clock clock;
    private final double worstCaseFactor;

    public GovernorRiskBudget(GovernorEngine engine, Clock clock) {
        if (engine == null) throw new IllegalArgumentException("governor engine is missing");
        if (clock == null) throw new IllegalArgumentException("clock is missing");
        this.engine = engine;
        this.clock = clock;
        this.worstCaseFactor = engine.profile().preTrade() == null ? 1.0 : engine.profile().preTrade().worstCaseFactor();
    }

    // StateSnapshot costs ~0.6 ms (it formats every rule's note). The signal engine asks canOpenPosition() first in
    // each decision, which refreshes it; the headroom queries of the same decision (same clock ms) reuse it.
    private StateSnapshot cached;
    private long cachedAtMs = Long.MIN_VALUE;

    private StateSnapshot refresh() {
        cached = engine.snapshot();
        cachedAtMs = clock.nowMs();
        return cached;
    }

    private StateSnapshot current() {
        return cached != null && cachedAtMs == clock.nowMs() ? cached : refresh();
    }

    private double headroom() {
        StateSnapshot s = current();
        double h = s.sizingHeadroom() / worstCaseFactor;
        return h > 0 && Double.isFinite(h) ? h : 0.0;
    }

    @Override public double dailyHeadroom() { return headroom(); }

    @Override public double overallHeadroom() { return headroom(); }

    @Override
    public boolean canOpenPosition() {
        StateSnapshot s = refresh();
        if (s.halted() || s.paused() || s.targetLocked()) return false;
        for (RuleStatus r : s.rules()) {
            boolean lossRule = r.ruleId().equals(DailyLossRule.ID) || r.ruleId().equals(MaxLossRule.ID);
            if (lossRule && r.status() != RuleStatus.Status.OK) return false;
        }
        return true;
    }

    @Override
    public boolean allows(PreTradeOrder o) {
        GovernorEngine probe = GovernorEngine.restore(engine.profile(), engine.exportState());
        long t = Math.max(clock.nowMs(), current().timeMs());
        return probe.evaluate(toOrderCheck(o, t)).allowed();
    }

    /** The governors' form of an order (what the kernel evaluates on the real engine before sending). */
    public static OrderCheck toOrderCheck(PreTradeOrder o, long timeMs) {
        // riskAtStop is given (spread and commission included), so moneyPerPriceUnit is not used: 0
        return new OrderCheck(timeMs, OrderIntent.open(o.symbol(), o.side(), o.lots(), o.entryPrice(), 0, o.stopLoss(), 0, 0, 0,
                "", "", 0, ""), o.lossAtStop(), 0);
    }
}
