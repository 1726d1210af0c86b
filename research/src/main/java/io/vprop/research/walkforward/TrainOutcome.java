package io.vprop.research.walkforward;

/**
 * A parameter set on one training window, after purging: what the selection compares and the deflated Sharpe ratio
 * counts. Kept in the checkpoint (small on purpose: a sweep has tens of thousands of these).
 *
 * @param objective   the objective's value, NaN when not defined
 * @param sharpeDaily daily Sharpe ratio of the purged training window (a trial's Sharpe for the DSR), NaN if none
 * @param trades      training trades kept
 * @param purged      training trades dropped because they were still open when the test window began
 * @param embargoed   training trades dropped because they were open in the embargo before the test window
 * @param pnlUsd      net P&L of the kept trades
 * @param days        weekdays the training statistics cover (the window is cut at the first dropped trade's entry)
 */
public record TrainOutcome(double objective, double sharpeDaily, int trades, int purged, int embargoed, double pnlUsd,
                           int days) {
}
