package io.vprop.trade;

/**
 * A deal the terminal executed (MT5 DEAL_ADD). Money in the account currency: {@code profit} is realised on OUT and
 * INOUT deals, {@code commission} and {@code swap} are negative when they are costs. {@code timeMs} UTC epoch ms.
 * {@code signalId} is empty for deals VProp did not ask for; {@code reason} the broker's (e.g. "sl", "tp", "client").
 * Price and volume are finite and not negative, money finite.
 */
public record Fill(long deal, long order, long position, String signalId, String symbol, Side side, FillEntry entry,
                   double price, double volume, double commission, double swap, double profit, long timeMs,
                   String reason) {
    public Fill {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("fill " + deal + ": symbol is missing");
        if (side == null) throw new IllegalArgumentException("fill " + deal + ": side is missing");
        if (entry == null) throw new IllegalArgumentException("fill " + deal + ": entry is missing");
        if (!Double.isFinite(price) || price < 0) throw new IllegalArgumentException("fill " + deal + ": price " + price);
        if (!Double.isFinite(volume) || volume < 0) throw new IllegalArgumentException("fill " + deal + ": volume " + volume);
        if (!Double.isFinite(commission) || !Double.isFinite(swap) || !Double.isFinite(profit))
            throw new IllegalArgumentException("fill " + deal + ": commission/swap/profit must be finite");
        signalId = signalId == null ? "" : signalId;
        reason = reason == null ? "" : reason;
    }

    /** What this deal added to the balance: profit plus commission plus swap (summed in that order, as MT5 users do). */
    public double netProfit() {
        return profit + commission + swap;
    }

    public boolean opens() {
        return entry == FillEntry.IN;
    }
}
