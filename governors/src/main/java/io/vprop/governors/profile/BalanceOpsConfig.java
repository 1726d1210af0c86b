package io.vprop.governors.profile;

/**
 * What the firm does to the maximum-loss floor when the trader's own money goes in or out (deposit, withdrawal,
 * payout). Every other effect of a balance operation is the same at every firm (docs/governors.md, balance
 * operations): it is never profit or loss (except charges and commissions), the day's anchor and floor move with it,
 * and credits, bonuses and corrections move the floors by their amount (the room to the floor does not change).
 *
 * @param payoutFloor the firm's rule, from its text (the profile's {@code balanceOps.note} quotes it)
 */
public record BalanceOpsConfig(PayoutFloor payoutFloor) {
    public enum PayoutFloor {
        /** The floor stays where the firm's formula put it: a payout takes its amount off the room to the floor. */
        KEEP,
        /** The floor moves with the money: the room to it is what it was before the payout. */
        MOVE,
        /**
         * A payout sets the floor at the starting balance for good (Topstep's Express Funded Account: after the first
         * payout the maximum loss limit is set to the starting balance); deposits and withdrawals keep it.
         */
        LOCK_AT_INITIAL
    }

    /** A profile without the block: the floor stays (the stricter reading: never more room than the formula gives). */
    public static final BalanceOpsConfig DEFAULT = new BalanceOpsConfig(PayoutFloor.KEEP);

    public BalanceOpsConfig {
        Require.present("balanceOps.payoutFloor", payoutFloor);
    }
}
