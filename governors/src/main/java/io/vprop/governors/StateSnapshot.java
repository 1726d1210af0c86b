package io.vprop.governors;

import io.vprop.governors.outcome.RuleStatus;

import java.util.List;

/**
 * What the web panel and the signal engine need: every rule's distance to its limit and the money headroom.
 *
 * @param dailyHeadroom    equity minus today's loss floor (money that may still be lost today)
 * @param overallHeadroom  equity minus the overall floor
 * @param openRisk         what the open positions can still lose down to their stops (infinite if one has none)
 * @param sizingHeadroom   room to the nearer floor minus openRisk: the most a new order's worst case may use (with a
 *                         floor trailing the closed balance, the overall floor is taken as if open winners were banked)
 * @param countedProfit    closed profit that counts for the target (balance gain minus news haircuts)
 * @param profitStillNeeded consistency rule: extra total profit needed so the best day is within the limit (0 if ok)
 * @param pausedUntilMs    0 when not paused
 */
public record StateSnapshot(long timeMs, double balance, double equity, long dayStartMs, long nextResetMs,
                            double dayAnchor, double dailyFloor, double dailyHeadroom,
                            double highWaterMark, double overallFloor, double overallHeadroom,
                            double openRisk, double sizingHeadroom,
                            double countedProfit, double profitTarget, double targetProgressPct,
                            int tradingDays, int minTradingDays, int profitableDays, int minProfitableDays,
                            double bestDayProfit, double profitStillNeeded, double heldSharePct, int newsViolations,
                            boolean halted, long pausedUntilMs, boolean targetLocked, List<RuleStatus> rules) {

    public boolean paused() {
        return pausedUntilMs != 0 && timeMs < pausedUntilMs;
    }
}
