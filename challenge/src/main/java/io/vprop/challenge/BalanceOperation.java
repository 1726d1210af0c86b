package io.vprop.challenge;

/**
 * A change of the account that is not a trade: a deposit, a withdrawal, a credit, a bonus, a correction, a charge,
 * a commission or interest booked on its own. The challenge lab never counts these as P&amp;L: a firm's profit target
 * and drawdown limits are about trading, and a deposit is not a winning trade.
 *
 * @param timeMs  when it was booked, UTC epoch ms
 * @param kind    what it is
 * @param amount  signed, account currency: a withdrawal is negative
 * @param comment the source's comment, "" when none
 * @param source  where it came from, for messages: "report.html line 57"
 */
public record BalanceOperation(long timeMs, Kind kind, double amount, String comment, String source) {
    public BalanceOperation {
        if (!Double.isFinite(amount)) throw new IllegalArgumentException(source + ": balance operation amount is not finite");
        comment = comment == null ? "" : comment;
    }

    /** The kinds of non-trade operation MT5 books (its deal types other than buy and sell). */
    public enum Kind {
        DEPOSIT, WITHDRAWAL, CREDIT, BONUS, CORRECTION, CHARGE, COMMISSION, INTEREST, DIVIDEND, TAX, OTHER
    }
}
