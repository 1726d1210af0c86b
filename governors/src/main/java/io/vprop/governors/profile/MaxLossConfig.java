package io.vprop.governors.profile;

/**
 * Overall (max) loss floor. {@code floor = highWaterMark - limit}, the floor never goes down; with
 * {@code lockAtInitial} it stops rising at {@code initial + lockOffsetPct% of initial}.
 */
public record MaxLossConfig(double limitPct, double limitAmount, Mode mode, boolean lockAtInitial, double lockOffsetPct) {
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
        if (!lockAtInitial && lockOffsetPct != 0) {
            throw new ProfileException("maxLoss.lockOffsetPct", "is set but maxLoss.lockAtInitial is false");
        }
        if (mode == Mode.STATIC && lockAtInitial) {
            throw new ProfileException("maxLoss.lockAtInitial", "contradicts maxLoss.mode STATIC (a static floor never moves)");
        }
    }

    public double limit(double initialBalance) {
        return Double.isNaN(limitAmount) ? limitPct / 100.0 * initialBalance : limitAmount;
    }
}
