package io.vprop.governors.attach;

/**
 * The firm state rebuilt from the deal history at attach time (protocol message {@code firm_state}), or why it could
 * not be: then trading stays blocked and {@link #reason()} says what to configure.
 *
 * @param status          OK: the state below is proven from the history; BLOCKED: it is not, nothing may be opened
 * @param rule            "" when OK and nothing is withheld; else the blocking rule id ({@link HistoryReplay#HISTORY},
 *                        {@link HistoryReplay#HIGH_WATER}, {@link HistoryReplay#DAY_START_EQUITY})
 * @param reason          the sentence for the panel and the EA's log: what is missing and what to configure
 * @param blockedUntilMs  0, or when an OK state's block lifts by itself (the next reset, for an unknown day-start equity)
 * @param highWater       the high-water mark the overall floor trails (the initial balance for a static floor)
 * @param tradingDays     completed firm days with an entry (today is {@link #tradedToday()})
 * @param profitableDays  completed firm days whose closed profit reached the profile's profitable-day threshold
 * @param dayProfit       today's closed net profit
 * @param bestDay         the best completed day's closed net profit (0 when none was positive)
 * @param dealsRead       deals of the challenge replayed (the initial deposit excluded)
 */
public record AttachState(Status status, String rule, String reason, long blockedUntilMs,
                          long challengeStartMs, double initialBalance, long nowMs, double balance, double equity,
                          long dayStartMs, long nextResetMs, double dayStartBalance, double dayStartEquity,
                          double highWater, int tradingDays, boolean tradedToday, int profitableDays,
                          double dayProfit, double bestDay, int dealsRead) {
    public enum Status { OK, BLOCKED }

    public boolean ok() { return status == Status.OK; }

    /** Blocked for good (until re-attached with what the reason asks): nothing of the state is known. */
    static AttachState blocked(String rule, String reason, AttachInput in, long startMs, double initial, int dealsRead) {
        return new AttachState(Status.BLOCKED, rule, reason, 0, startMs, Double.isNaN(initial) ? 0 : initial, in.nowMs(),
                in.balance(), in.equity(), 0, 0, 0, 0, 0, 0, false, 0, 0, 0, dealsRead);
    }
}
