package io.vprop.governors.attach;

import java.util.List;

/**
 * What the terminal knows when VProp is attached: the account now, the deal history it holds and what the trader
 * configured (the EA's inputs ChallengeStart and InitialBalance).
 *
 * @param nowMs            the attach time, UTC epoch ms
 * @param balance          the account's balance now
 * @param equity           its equity now (floating P&L included)
 * @param startMs          the configured challenge start; {@link #NO_START} = take it from the history's first deposit
 * @param initialBalance   the configured initial balance; NaN = take it from the deposit at the challenge start
 * @param deals            the history, any order (sorted by time by the replay)
 */
public record AttachInput(long nowMs, double balance, double equity, long startMs, double initialBalance, List<HistoryDeal> deals) {
    public static final long NO_START = Long.MIN_VALUE;

    public AttachInput {
        if (Double.isNaN(balance) || Double.isInfinite(balance) || balance < 0)
            throw new IllegalArgumentException("attach.balance: must be a finite number >= 0, got " + balance);
        if (Double.isNaN(equity) || Double.isInfinite(equity) || equity < 0)
            throw new IllegalArgumentException("attach.equity: must be a finite number >= 0, got " + equity);
        if (!Double.isNaN(initialBalance) && (Double.isInfinite(initialBalance) || initialBalance <= 0))
            throw new IllegalArgumentException("attach.initialBalance: must be greater than 0, got " + initialBalance);
        if (startMs != NO_START && startMs > nowMs)
            throw new IllegalArgumentException("attach.start: " + startMs + " is after the attach time " + nowMs);
        deals = deals == null ? List.of() : List.copyOf(deals);
    }
}
