package io.vprop.governors.profile;

/**
 * Daily loss limit. The floor is fixed at day start: {@code anchor - limit}, checked against equity
 * (floating P&amp;L, commissions and swaps included). Money in exact cents ({@link Cents}): a percentage limit is
 * rounded down to the cent, so the floor is rounded up.
 *
 * @param limitPct    limit as % of {@link Base} (NaN when {@code limitAmount} is used)
 * @param limitAmount limit in account currency (NaN when {@code limitPct} is used)
 * @param outcome     what touching the floor means, from the firm's text (required: never defaulted)
 */
public record DailyLossConfig(double limitPct, double limitAmount, Base base, Anchor anchor, LimitOutcome outcome) {
    /** What the percentage is taken of. */
    public enum Base { INITIAL, ANCHOR }

    /** Day-start value the floor hangs from. */
    public enum Anchor { BALANCE, EQUITY, HIGHER_OF_BALANCE_AND_EQUITY }

    public DailyLossConfig {
        LimitSpec.check("dailyLoss", limitPct, limitAmount);
        Require.present("dailyLoss.base", base);
        Require.present("dailyLoss.anchor", anchor);
        Require.present("dailyLoss.outcome", outcome);
    }

    /** Limit in cents for a given initial balance and day anchor (cents); a percentage is rounded down. */
    public long limitCents(long initialCents, long anchorCents) {
        if (!Double.isNaN(limitAmount)) return Cents.of(limitAmount);
        return Cents.pctOf(base == Base.INITIAL ? initialCents : anchorCents, limitPct, false);
    }

    /** Limit in money (exact cents as a double) for a given initial balance and day anchor. */
    public double limit(double initialBalance, double anchorValue) {
        return Cents.toDouble(limitCents(Cents.of(initialBalance), Cents.of(anchorValue)));
    }
}
