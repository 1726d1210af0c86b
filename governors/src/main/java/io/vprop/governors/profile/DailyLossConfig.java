package io.vprop.governors.profile;

/**
 * Daily loss limit. The floor is fixed at day start: {@code anchor - limit}, checked against equity
 * (floating P&amp;L, commissions and swaps included).
 *
 * @param limitPct    limit as % of {@link Base} (NaN when {@code limitAmount} is used)
 * @param limitAmount limit in account currency (NaN when {@code limitPct} is used)
 */
public record DailyLossConfig(double limitPct, double limitAmount, Base base, Anchor anchor, Outcome outcome) {
    /** What the percentage is taken of. */
    public enum Base { INITIAL, ANCHOR }

    /** Day-start value the floor hangs from. */
    public enum Anchor { BALANCE, EQUITY, HIGHER_OF_BALANCE_AND_EQUITY }

    /** What touching the floor means. */
    public enum Outcome { BREACH, PAUSE_UNTIL_RESET }

    public DailyLossConfig {
        LimitSpec.check("dailyLoss", limitPct, limitAmount);
        Require.present("dailyLoss.base", base);
        Require.present("dailyLoss.anchor", anchor);
        Require.present("dailyLoss.outcome", outcome);
    }

    /** Limit in money for a given initial balance and day anchor. */
    public double limit(double initialBalance, double anchorValue) {
        if (!Double.isNaN(limitAmount)) return limitAmount;
        return limitPct / 100.0 * (base == Base.INITIAL ? initialBalance : anchorValue);
    }
}
