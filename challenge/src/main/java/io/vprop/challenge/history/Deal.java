package io.vprop.challenge.history;

import io.vprop.challenge.BalanceOperation;
import io.vprop.trade.Side;

import java.util.Locale;

/**
 * One row of a deals table: a trade deal (buy or sell, entering or leaving a position) or a balance operation.
 *
 * @param where      where the row is, for messages
 * @param timeMs     UTC epoch ms
 * @param ticket     the deal ticket, "" when the source has none
 * @param symbol     "" for balance operations
 * @param type       the deal's type
 * @param entry      in, out, in/out, out by; NONE for balance operations
 * @param volume     lots, 0 for balance operations
 * @param price      0 for balance operations
 * @param order      the order ticket that made the deal, "" when unknown. On MT5 an entry deal's order ticket is the
 *                   identifier of the position it opens
 * @param positionId the position the deal belongs to when the source says (a CSV column), else ""
 * @param commission account currency, a cost is negative
 * @param fee        account currency, a cost is negative
 * @param swap       account currency
 * @param profit     account currency; the amount of a balance operation
 * @param balance    the account balance after the deal when the source shows it, else NaN
 * @param comment    "" when none
 */
record Deal(String where, long timeMs, String ticket, String symbol, Type type, Entry entry, double volume,
            double price, String order, String positionId, double commission, double fee, double swap, double profit,
            double balance, String comment) {

    boolean isTrade() {
        return type == Type.BUY || type == Type.SELL;
    }

    Side side() {
        return type == Type.BUY ? Side.BUY : Side.SELL;
    }

    /** MT5's deal types, as the report writes them ("buy", "balance", "commission daily", ...). */
    enum Type {
        BUY, SELL, BALANCE, CREDIT, CHARGE, CORRECTION, BONUS, COMMISSION, INTEREST, DIVIDEND, TAX, OTHER_BALANCE;

        /** The type for a report's word, null when the word is not a deal type. */
        static Type parse(String word) {
            String w = word.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (w.startsWith("deal type ")) w = w.substring("deal type ".length());
            return switch (w) {
                case "buy" -> BUY;
                case "sell" -> SELL;
                case "balance", "deposit", "withdrawal" -> BALANCE;
                case "credit" -> CREDIT;
                case "charge" -> CHARGE;
                case "correction" -> CORRECTION;
                case "bonus" -> BONUS;
                case "commission", "commission daily", "commission monthly", "commission agent daily",
                     "commission agent monthly", "agent commission", "agent" -> COMMISSION;
                case "interest", "interest rate" -> INTEREST;
                case "dividend", "dividend franked" -> DIVIDEND;
                case "tax" -> TAX;
                case "so compensation", "so credit compensation", "stop out compensation" -> OTHER_BALANCE;
                default -> null;
            };
        }

        /** What kind of balance operation a deal of this type with this amount is. */
        BalanceOperation.Kind balanceKind(double amount) {
            return switch (this) {
                case BALANCE -> amount < 0 ? BalanceOperation.Kind.WITHDRAWAL : BalanceOperation.Kind.DEPOSIT;
                case CREDIT -> BalanceOperation.Kind.CREDIT;
                case CHARGE -> BalanceOperation.Kind.CHARGE;
                case CORRECTION -> BalanceOperation.Kind.CORRECTION;
                case BONUS -> BalanceOperation.Kind.BONUS;
                case COMMISSION -> BalanceOperation.Kind.COMMISSION;
                case INTEREST -> BalanceOperation.Kind.INTEREST;
                case DIVIDEND -> BalanceOperation.Kind.DIVIDEND;
                case TAX -> BalanceOperation.Kind.TAX;
                default -> BalanceOperation.Kind.OTHER;
            };
        }
    }

    /** Whether a deal opens, closes, reverses or closes-by a position. */
    enum Entry {
        IN, OUT, INOUT, OUT_BY, NONE;

        /** The entry for a report's word ("in", "out", "in/out", "out by"), null when it is not one. */
        static Entry parse(String word) {
            String w = word.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (w.startsWith("deal entry ")) w = w.substring("deal entry ".length());
            return switch (w) {
                case "in" -> IN;
                case "out" -> OUT;
                case "in/out", "inout", "in out" -> INOUT;
                case "out by", "outby", "out/by" -> OUT_BY;
                case "" -> NONE;
                default -> null;
            };
        }
    }
}
