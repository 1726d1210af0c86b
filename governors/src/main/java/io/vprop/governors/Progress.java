package io.vprop.governors;

/**
 * How far an account is towards its firm's objectives, without the panel's sentences: what a simulation asks after
 * each closed trade ({@link GovernorEngine#progress()} allocates only this record). {@link StateSnapshot} takes its
 * objective fields from here, so the scenario files check these numbers too.
 *
 * @param profitTarget      money the counted profit must reach; 0 when the profile has no target
 * @param profitStillNeeded consistency rule: extra total profit needed so the best day is within the limit (0 if ok
 *                          or when the profile has no such rule)
 */
public record Progress(double countedProfit, double profitTarget, int tradingDays, int minTradingDays,
                       int profitableDays, int minProfitableDays, double bestDayProfit, double profitStillNeeded,
                       boolean halted, boolean targetLocked) {

    /** A target exists and the counted closed profit reaches it. */
    public boolean targetReached() {
        return profitTarget > 0 && countedProfit >= profitTarget;
    }

    /**
     * Every objective of the phase is met: target reached, minimum trading and profitable days counted, best day
     * within the consistency limit, and not halted. A firm also wants the positions closed; that is the caller's.
     */
    public boolean objectivesMet() {
        return !halted && targetReached() && tradingDays >= minTradingDays && profitableDays >= minProfitableDays
                && profitStillNeeded <= 0;
    }

    /** Everything but the minimum number of trading days is met: a trader only has to open positions on more days. */
    public boolean onlyTradingDaysMissing() {
        return !halted && targetReached() && tradingDays < minTradingDays && profitableDays >= minProfitableDays
                && profitStillNeeded <= 0;
    }
}
