package io.vprop.paper.broker;

import io.vprop.market.Tick;
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
    final PaperBroker.QuoteSlot quote;  // the symbol's last quote
    final PaperBroker.Rate rate;        // profit currency → account currency
    /** The last {@link #view} and the quote and rate it was taken at; dropped whenever a field above changes. */
    private Position view;
    private Tick viewQuote;
    private double viewRate;
    /**
     * The last {@link #profit} and the quote and rate it was taken at, apart from the view: stop-out, equity and the
     * equity curve need the number at every quote, a {@link Position} only a snapshot does (dropped with the view).
     */
    private double profit, profitRate;
    private Tick profitQuote;
    /** The last margin and the rate it was taken at; dropped with the view. */
    private double margin, marginRate;
    private boolean marginKnown;
    /**
     * The broker's sums read {@link #pl} (profit + swap) and {@link #mg} (margin) as {@link #money} last worked them
     * out; {@code moved} says they may be stale: set by {@link #changed} and by the broker at a quote of a slot this
     * position's money reads (its symbol's or a leg of its rate), the only things they are made of.
     */
    boolean moved = true;
    double pl, mg;
    /** Its place in the broker's open positions (laid out again whenever they change). */
    int index;
    /**
     * Its view may differ from the one the broker's last snapshot shows: set with {@link #moved} while the broker
     * keeps that snapshot's views in place (it then lists this position once, to look at it in the next snapshot).
     */
    boolean unshown;
    /** {@link SignalExecutor#tp1Of(OpenPosition)}'s last answer, the executor and its plans' count it holds for. */
    SignalExecutor tp1Of;
    long tp1At;
    double tp1;
    /**
     * {@link PathLevels#nextLevel}'s last key (shift, 10^digits, sl, tp, tp1) and the three levels as bids it found
     * (NaN: none); NaN keys at first, which equal nothing.
     */
    final double[] levelBids = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};

    OpenPosition(long ticket, String symbol, Instrument instrument, Side side, double volume, double priceOpen,
                 double sl, double tp, double commission, long timeMs, String comment, PaperBroker.QuoteSlot quote,
                 PaperBroker.Rate rate) {
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
        this.quote = quote;
        this.rate = rate;
    }

    /** Every change of the fields goes through here: the next view is taken anew. */
    void changed() {
        moved = true;
        view = null;
        profitQuote = null;
        marginKnown = false;
    }

    /** Works out {@link #pl} and {@link #mg} at the current quote and rate (as the sums added them before). */
    void money(double leverage, String accountCurrency) {
        double r = rate.value();
        pl = profit(quote.tick, r) + swap;
        mg = margin(r, leverage, accountCurrency);
        moved = false;
    }

    /** {@link Margin#of} this position at {@code rate}: the same number as last time while neither changed. */
    double margin(double rate, double leverage, String accountCurrency) {
        if (marginKnown && Double.compare(rate, marginRate) == 0) return margin;
        margin = Margin.of(instrument, volume, priceOpen, leverage, rate, accountCurrency);
        marginRate = rate;
        marginKnown = true;
        return margin;
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

    /**
     * The position as the terminal reports it at quote {@code q}; the EA keeps the signal id in the comment. The same
     * (immutable) view as last time while the position did not change and its profit is the same number (its quote and
     * rate standing still, or moving by less than a cent of profit): a snapshot of many positions mostly finds them
     * where the last one left them, and whoever keeps a view may compare it by identity.
     */
    Position view(Tick q, double profitToAccount) {
        if (view != null && q == viewQuote && Double.compare(profitToAccount, viewRate) == 0) return view;
        double profit = profit(q, profitToAccount);
        viewQuote = q;
        viewRate = profitToAccount;
        // a view outlives a quote that leaves its profit where it was (in cents): every other field is the position's,
        // and any change of those drops the view ({@link #changed})
        if (view != null && Double.compare(profit, view.profit()) == 0) return view;
        view = new Position(ticket, symbol, side, volume, priceOpen, sl, tp, profit, swap, commission, timeMs, comment);
        return view;
    }

    /**
     * {@code view(q, profitToAccount).profit()} without making the view: the floating profit of closing the whole
     * position at quote {@code q} (never null: a position opens at a quote). The same number as last time while
     * neither the position, its quote nor the rate changed.
     */
    double profit(Tick q, double profitToAccount) {
        if (q == profitQuote && Double.compare(profitToAccount, profitRate) == 0) return profit;
        profit = profitAt(closePrice(q.bid(), q.ask()), volume, profitToAccount);
        profitQuote = q;
        profitRate = profitToAccount;
        return profit;
    }
}
