package io.vprop.market;

/**
 * A market played one event at a time into a {@link Sink}: quotes, and — for bar data — each bar as it closes, on a
 * path that may stop at the levels the player's open positions close at. The backtester and the paper terminal both
 * play one, so a replay of bar files through the terminal sees the very quotes and bars a backtest of them sees
 * (docs/backtesting.md, parity). Closing it closes its sources.
 */
public interface MarketEvents extends AutoCloseable {

    /** Plays the next event into {@code sink}; false at the end of the data. */
    boolean next(Sink sink);

    @Override
    void close();

    /** Who plays the market: the backtester, or the paper terminal. */
    interface Sink {
        void quote(Tick t);

        void barClosed(Bar b);

        /**
         * For the conservative bar path, asked once per bar after its open quote: +1 when an open position of
         * {@code symbol} needs the high first to be stopped before it takes a target in this range, −1 when it needs
         * the low first, 0 when no position has both its stop and a target inside.
         */
        int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk);

        /**
         * The bid nearest to {@code fromBid}, strictly between it and {@code toBid}, at which an open position of
         * {@code symbol} would be closed (its stop, take profit or TP1; a short's are ask levels, {@code spread} below
         * in bid), or NaN when there is none: a leg of a bar's path stops there, so the stop fills at its level.
         */
        double nextLevel(String symbol, double fromBid, double toBid, double spread);
    }

    /** Ticks as they come: quotes only (whoever plays them builds bars from them). */
    static MarketEvents ticks(TickSource ticks) {
        if (ticks == null) throw new IllegalArgumentException("ticks are required");
        return new MarketEvents() {
            @Override
            public boolean next(Sink sink) {
                Tick t = ticks.next();
                if (t == null) return false;
                sink.quote(t);
                return true;
            }

            @Override
            public void close() { ticks.close(); }
        };
    }
}
