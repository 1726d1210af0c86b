package io.vprop.governors.event;

import java.util.Locale;

/**
 * Money put into or taken out of the account by the broker or the firm, not by a trade (an MT5 deal whose type is not
 * BUY or SELL), learnt at {@code timeMs}. It comes before the first {@link AccountSnapshot} that shows it (the EA and
 * the paper terminal send it first); the engine moves its own balance and equity by it until that snapshot replaces
 * them, and moves the baselines so that it is never read as trading profit or loss, except for the costs
 * ({@link Kind#cost()}). Applied once per {@code deal}: a repeat is ignored. Semantics per kind: docs/governors.md.
 *
 * @param amountCents signed, in cents of the account currency (a withdrawal is negative)
 * @param deal        the broker's deal ticket, greater than 0: the key that makes a repeat harmless
 */
public record BalanceOperation(long timeMs, Kind kind, long amountCents, long deal, String comment) implements GovernorEvent {

    /** What the operation is; the wire names are the lower-case names. */
    public enum Kind {
        /** The trader's money in (DEAL_TYPE_BALANCE, positive). */
        DEPOSIT,
        /** The trader's money out (DEAL_TYPE_BALANCE, negative). */
        WITHDRAWAL,
        /** A funded account's profit paid out (DEAL_TYPE_BALANCE, negative, comment names a payout). */
        PAYOUT,
        /** Broker credit: in equity, not in balance, not withdrawable (DEAL_TYPE_CREDIT). */
        CREDIT,
        /** A bonus: in balance, not withdrawable (DEAL_TYPE_BONUS). */
        BONUS,
        /** The broker correcting the balance (DEAL_TYPE_CORRECTION). */
        CORRECTION,
        /** A fee charged to the account (DEAL_TYPE_CHARGE): a trading cost. */
        CHARGE,
        /** Commission charged apart from the deals (DEAL_TYPE_COMMISSION*, DEAL_TYPE_INTEREST): a trading cost. */
        COMMISSION;

        /** A cost of trading: counts as profit or loss like a deal's commission (firms count fees in equity). */
        public boolean cost() { return this == CHARGE || this == COMMISSION; }

        /** The trader's own money in or out: whether it moves the maximum-loss floor is the firm's (balanceOps). */
        public boolean ownMoney() { return this == DEPOSIT || this == WITHDRAWAL || this == PAYOUT; }

        /** MT5 books credit beside the balance (ACCOUNT_CREDIT); every other kind changes ACCOUNT_BALANCE. */
        public boolean inBalance() { return this != CREDIT; }

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        /** The kind of a wire name ("payout"), or null when unknown. */
        public static Kind ofWire(String s) {
            if (s == null) return null;
            for (Kind k : values()) if (k.wire().equals(s)) return k;
            return null;
        }
    }

    public BalanceOperation {
        Checks.required("balance.kind", kind);
        if (deal <= 0) throw new IllegalArgumentException("balance.deal: must be greater than 0, got " + deal);
        if (amountCents == 0) throw new IllegalArgumentException("balance.amount: must not be 0");
        if (kind == Kind.DEPOSIT && amountCents < 0)
            throw new IllegalArgumentException("balance.amount: a deposit must be positive, got " + amountCents + " cents");
        if ((kind == Kind.WITHDRAWAL || kind == Kind.PAYOUT) && amountCents > 0)
            throw new IllegalArgumentException("balance.amount: a " + kind.wire() + " must be negative, got " + amountCents + " cents");
        comment = comment == null ? "" : comment;
    }

    /** The amount in account currency, for display. */
    public double amount() { return amountCents / 100.0; }
}
