package io.vprop.governors.profile;

/**
 * Overall (max) loss floor. {@code floor = highWaterMark - limit}, the floor never goes down; with
 * {@code lockAtInitial} it stops rising at {@code initial + lockOffsetPct% of initial}. Money in exact cents
 * ({@link Cents}): a percentage limit is rounded down to the cent (the floor up), the lock offset up.
 *
 * @param outcome what touching the floor means, from the firm's text; every firm surveyed ends the account
 *                ({@link LimitOutcome#BREACH}), which is the documented default when a custom profile leaves it out
 */
public record MaxLossConfig(double limitPct, double limitAmount, Mode mode, boolean lockAtInitial, double lockOffsetPct,
                            LimitOutcome outcome) {
    public enum Mode {
        /** floor = initial - limit, forever. */
        STATIC,
        /** high-water mark = highest balance at a day reset (end of day). */
        TRAILING_EOD_BALANCE,
        /** high-water mark = highest closed balance, updated immediately. */
        TRAILING_CLOSED_BALANCE,
        /** high-water mark = highest equity seen, intraday. */
        TRAILING_INTRADAY_EQUITY
    }

    public MaxLossConfig {
        LimitSpec.check("maxLoss", limitPct, limitAmount);
        Require.present("maxLoss.mode", mode);
        Require.pct("maxLoss.lockOffsetPct", lockOffsetPct);
        Require.exactPct("maxLoss.lockOffsetPct", lockOffsetPct);
        Require.present("maxLoss.outcome", outcome);
        if (!lockAtInitial && lockOffsetPct != 0) {
            throw new ProfileException("maxLoss.lockOffsetPct", "is set but maxLoss.lockAtInitial is false");
        }
        if (mode == Mode.STATIC && lockAtInitial) {
            throw new ProfileException("maxLoss.lockAtInitial", "contradicts maxLoss.mode STATIC (a static floor never moves)");
        }
    }

    /** The limit in cents; a percentage of the initial balance is rounded down. */
    public long limitCents(long initialCents) {
        return Double.isNaN(limitAmount) ? Cents.pctOf(initialCents, limitPct, false) : Cents.of(limitAmount);
    }

    /** The level a locking floor stops at: initial plus the offset, rounded up (the stricter cent). */
    public long lockCents(long initialCents) {
        return initialCents + Cents.pctOf(initialCents, lockOffsetPct, true);
    }

    public double limit(double initialBalance) {
        return Cents.toDouble(limitCents(Cents.of(initialBalance)));
    }
}
