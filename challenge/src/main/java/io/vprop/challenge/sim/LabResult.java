package io.vprop.challenge.sim;

import java.util.List;
import java.util.Map;

/**
 * Everything the lab found, per firm and method. Probabilities are fractions in [0, 1]; money in {@code currency};
 * days are calendar days on the firm's day clock.
 */
public record LabResult(String source, String currency, double initialBalance, double riskPctPerTrade, long seed,
                        int threads, Trades trades, List<FirmResult> firms, long elapsedMs) {

    /**
     * What the scaling did to the history.
     *
     * @param proxyRiskMoney the R used for trades without riskMoney (median loss of the losing trades); NaN if none
     */
    public record Trades(int total, int kept, int skippedZeroLots, int withProxyRisk, double proxyRiskMoney,
                         int withAssumedWorst) {}

    /** A proportion with its 95 % Wilson interval; p is NaN when there were no trials. */
    public record Rate(int successes, int trials, double p, double lo, double hi) {}

    /**
     * @param historyDays       firm days from the first to the last trade
     * @param meanBlockDays     the bootstrap's mean block length (days)
     * @param blockRule         how it was chosen
     * @param riskCurve         null when the spec has no risk grid
     */
    public record FirmResult(String firm, String name, List<PhaseInfo> phases, int historyDays, double meanBlockDays,
                             String blockRule, List<MethodResult> methods, RiskCurve riskCurve) {}

    /** A phase as simulated: its profile id, target and where its values came from. */
    public record PhaseInfo(String name, String profileId, boolean funded, double targetPct, int minTradingDays,
                            String source, String note) {}

    /**
     * One method's summary.
     *
     * @param paths         paths run (historical: start dates)
     * @param unfinished    paths whose history ended before the challenge was decided (historical only; left out of
     *                      every probability)
     * @param passAll       passed every challenge phase
     * @param breach        failed a challenge phase by a rule (daily or max loss, news, time limit, …)
     * @param expectedFees  challenge fees paid per funded account = 1 / P(pass all), independent attempts assumed
     * @param funded        P(funded account survives) after 1, 3 and 6 months, among the paths that passed
     */
    public record MethodResult(String method, int paths, int unfinished, List<PhaseResult> phases, Rate passAll,
                               Rate breach, Map<String, Rate> failByRule, double expectedFees, List<Survival> funded,
                               Days daysToPassAll) {}

    /**
     * @param reached    paths that started this phase (and were decided)
     * @param horizon    abandoned at the lab's horizon without a pass or a breach
     * @param daysToPass calendar days from the phase's first day to the pass, among the passes
     */
    public record PhaseResult(String phase, int reached, Rate pass, Map<String, Rate> failByRule, Rate horizon,
                              Days daysToPass) {}

    /** A distribution of whole days; {@code histogram[d]} = how many took d days (index 0 unused). */
    public record Days(int count, double mean, int p10, int p25, int p50, int p75, int p90, int max, int[] histogram) {}

    /** @param censored paths whose history ended before the month was over (historical) */
    public record Survival(int months, int days, Rate survives, int censored) {}

    /**
     * P(pass all phases) and P(breach) against risk per trade, bootstrap with the same seed for every point (common
     * random numbers, so the curve is smooth).
     *
     * @param bestRiskPct the grid value with the highest P(pass all) among those with P(breach) at most the bound; NaN
     *                    when none qualifies
     */
    public record RiskCurve(double breachBound, List<RiskPoint> points, double bestRiskPct, String rule) {}

    public record RiskPoint(double riskPct, Rate passAll, Rate breach, int tradesSkippedZeroLots) {}
}
