package io.vprop.governors.attach;

/**
 * One deal of the account's history as the terminal reports it (MT5: HistoryDealGet*), reduced to what the attach
 * replay reads.
 *
 * @param timeMs     when it was executed, UTC epoch ms
 * @param kind       a balance operation, a position's entry or its exit
 * @param positionId the position it belongs to (0 for balance operations)
 * @param volume     lots entered or closed (0 for balance operations)
 * @param amount     its net money: profit + commission + swap (+ fee); a balance operation's amount (negative = out)
 */
public record HistoryDeal(long timeMs, Kind kind, long positionId, double volume, double amount) {
    /** MT5: DEAL_TYPE_BALANCE and the other non-trading types | DEAL_ENTRY_IN | DEAL_ENTRY_OUT, OUT_BY, INOUT. */
    public enum Kind { BALANCE, IN, OUT }

    public HistoryDeal {
        if (kind == null) throw new IllegalArgumentException("deal.kind: missing value");
        if (Double.isNaN(amount) || Double.isInfinite(amount)) throw new IllegalArgumentException("deal.amount: must be a finite number, got " + amount);
        if (Double.isNaN(volume) || Double.isInfinite(volume) || volume < 0)
            throw new IllegalArgumentException("deal.volume: must be a finite number >= 0, got " + volume);
    }
}
