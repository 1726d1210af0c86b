package io.vprop.research.stats;

/**
 * The statistics of one window (a fold, a symbol, the whole out-of-sample run), after costs. Per-day numbers come
 * from {@link DailySeries} (weekday UTC day ends); see docs/walkforward.md for every formula.
 *
 * @param trade                     trade counts, win rate, expectancy in R and money
 * @param days                      weekdays in the window (the T of the Sharpe statistics)
 * @param startEquityUsd            equity before the first day
 * @param endEquityUsd              equity at the last day end
 * @param returnPct                 end / start − 1, percent
 * @param sharpeDaily               mean / sd of daily returns (not annualised)
 * @param sharpeAnnual              sharpeDaily · √260
 * @param sortinoAnnual             mean / downside deviation of daily returns · √260
 * @param skewness                  of daily returns
 * @param kurtosis                  of daily returns, 3 for a normal distribution
 * @param maxDdUsd                  largest fall of day-end equity from its running peak
 * @param maxDdPct                  largest such fall in percent of the peak
 * @param longestUnderwaterDays     longest drawdown spell, calendar days
 * @param totalUnderwaterDays       all drawdown spells together, calendar days
 * @param exposurePct               time with at least one position open, percent of the window
 * @param avgOpenPositions          position-time over the window's time (2 = two positions all the time)
 * @param turnoverLotsPerDay        lots traded (entry and exit each count) per weekday
 * @param turnoverNotionalUsdPerDay notional traded per weekday, USD; NaN when not derivable for every trade
 * @param psr                       probabilistic Sharpe ratio against 0
 * @param trials                    trials counted for the deflated Sharpe ratio
 * @param expectedMaxSharpeDaily    SR₀, the best daily Sharpe ratio luck alone gives over the trials
 * @param dsr                       deflated Sharpe ratio, PSR against SR₀
 */
public record Stats(TradeStats trade, int days, double startEquityUsd, double endEquityUsd, double returnPct,
                    double sharpeDaily, double sharpeAnnual, double sortinoAnnual, double skewness, double kurtosis,
                    double maxDdUsd, double maxDdPct, int longestUnderwaterDays, int totalUnderwaterDays,
                    double exposurePct, double avgOpenPositions, double turnoverLotsPerDay,
                    double turnoverNotionalUsdPerDay, double psr, long trials, double expectedMaxSharpeDaily,
                    double dsr) {
}
