package io.vprop.trade;

/**
 * An open position as the terminal reports it. Money (profit, swap, commission) in the account currency;
 * {@code profit} is the floating P&amp;L without swap and commission, as MT5's POSITION_PROFIT. {@code sl}/{@code tp}
 * are 0 when not set. {@code openTimeMs} UTC epoch ms. {@code signalId} is empty for positions VProp did not open.
 * Volume and open price are positive, stops not negative, money finite: what the protocol accepts from a terminal.
 */
public record Position(long ticket, String symbol, Side side, double volume, double openPrice, double sl, double tp,
                       double profit, double swap, double commission, long openTimeMs, String signalId) {
    public Position {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("position " + ticket + ": symbol is missing");
        if (side == null) throw new IllegalArgumentException("position " + ticket + " " + symbol + ": side is missing");
        // the messages are built only on failure: a backtest makes a Position per open position per quote
        if (!(volume > 0) || !Double.isFinite(volume)) throw invalid(ticket, symbol, "volume must be > 0, was " + volume);
        if (!(openPrice > 0) || !Double.isFinite(openPrice))
            throw invalid(ticket, symbol, "open price must be > 0, was " + openPrice);
        if (!(sl >= 0) || !Double.isFinite(sl)) throw invalid(ticket, symbol, "sl must be a price or 0, was " + sl);
        if (!(tp >= 0) || !Double.isFinite(tp)) throw invalid(ticket, symbol, "tp must be a price or 0, was " + tp);
        if (!Double.isFinite(profit)) throw invalid(ticket, symbol, "profit must be finite, was " + profit);
        if (!Double.isFinite(swap)) throw invalid(ticket, symbol, "swap must be finite, was " + swap);
        if (!Double.isFinite(commission)) throw invalid(ticket, symbol, "commission must be finite, was " + commission);
        signalId = signalId == null ? "" : signalId;
    }

    private static IllegalArgumentException invalid(long ticket, String symbol, String what) {
        return new IllegalArgumentException("position " + ticket + " " + symbol + ": " + what);
    }

    public boolean hasStopLoss() {
        return sl > 0;
    }

    /** Floating P&amp;L including swap and commission: what closing now would add to the balance. */
    public double netProfit() {
        return profit + swap + commission;
    }
}
