package io.vprop.paper.broker;

import io.vprop.market.instrument.Instrument;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

/** The broker's mutable state of one open position; {@link #view} freezes it into a {@link Position}. */
final class OpenPosition {
    final long ticket;
    final String symbol;
    final Instrument instrument;
    Side side;
    double volume;
    double priceOpen;
    double sl, tp;
    double swap;        // accumulated at rollovers, paid into the balance when (part of) the position closes
    double commission;  // entry commission of the remaining volume (already charged to the balance)
    long timeMs;
    String comment;

    OpenPosition(long ticket, String symbol, Instrument instrument, Side side, double volume, double priceOpen,
                 double sl, double tp, double commission, long timeMs, String comment) {
        this.ticket = ticket;
        this.symbol = symbol;
        this.instrument = instrument;
        this.side = side;
        this.volume = volume;
        this.priceOpen = priceOpen;
        this.sl = sl;
        this.tp = tp;
        this.commission = commission;
        this.timeMs = timeMs;
        this.comment = comment;
    }

    /** The price this position would close at: BUY closes at the bid, SELL at the ask. */
    double closePrice(double bid, double ask) { return side == Side.BUY ? bid : ask; }

    /**
     * Profit in account currency of closing {@code lots} at {@code price}, rounded to cents: price move × contract
     * size × lots in the profit currency, × {@code profitToAccount}.
     */
    double profitAt(double price, double lots, double profitToAccount) {
        return Money.cents(side.sign() * instrument.profitCurrencyMoney(price - priceOpen, lots) * profitToAccount);
    }

    /** The position as the terminal reports it; the EA keeps the signal id in the comment. */
    Position view(double bid, double ask, double profitToAccount) {
        return new Position(ticket, symbol, side, volume, priceOpen, sl, tp,
                profitAt(closePrice(bid, ask), volume, profitToAccount), swap, commission, timeMs, comment);
    }
}
