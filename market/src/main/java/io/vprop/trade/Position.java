package io.vprop.trade;

/**
 * An open position as the terminal reports it. Money (profit, swap, commission) in the account currency;
 * {@code profit} is the floating P&amp;L without swap and commission, as MT5's POSITION_PROFIT. {@code sl}/{@code tp}
 * are 0 when not set. {@code openTimeMs} UTC epoch ms. {@code signalId} is empty for positions VProp did not open.
 */
public record Position(long ticket, String symbol, Side side, double volume, double openPrice, double sl, double tp,
                       double profit, double swap, double commission, long openTimeMs, String signalId) {
    public Position {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("position " + ticket + ": symbol is missing");
        if (side == null) throw new IllegalArgumentException("position " + ticket + " " + symbol + ": side is missing");
        signalId = signalId == null ? "" : signalId;
    }

    /** Floating P&amp;L including swap and commission: what closing now would add to the balance. */
    public double netProfit() {
        return profit + swap + commission;
    }
}
