/** Statistics of backtests: weekday day-end series, Sharpe and Sortino, drawdown, exposure, turnover, PSR and DSR. */
package io.vprop.research.stats;
