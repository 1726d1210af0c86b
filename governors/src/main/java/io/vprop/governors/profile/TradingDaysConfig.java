package io.vprop.governors.profile;

/**
 * Minimum trading days (a day counts when a position was opened) and profitable days
 * (closed profit of at least {@code profitableDayPct}% of initial), by the firm's day boundary.
 */
public record TradingDaysConfig(int minTradingDays, int minProfitableDays, double profitableDayPct) {
    public TradingDaysConfig {
        Require.nonNegative("tradingDays.minTradingDays", minTradingDays);
        Require.nonNegative("tradingDays.minProfitableDays", minProfitableDays);
        Require.pct("tradingDays.profitableDayPct", profitableDayPct);
        Require.exactPct("tradingDays.profitableDayPct", profitableDayPct);
        if (minProfitableDays > 0 && profitableDayPct == 0) {
            throw new ProfileException("tradingDays.profitableDayPct", "missing value (minProfitableDays is " + minProfitableDays + ")");
        }
    }
}
