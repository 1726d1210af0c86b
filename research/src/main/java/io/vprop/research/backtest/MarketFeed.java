package io.vprop.research.backtest;

import io.vprop.market.BarSource;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;

import java.util.Collection;
import java.util.List;

/**
 * What a backtest plays, one event at a time in time order: quotes, and — when the data are bars — each bar as it
 * closes. Tick data give quotes only (the backtester builds bars from them as the paper terminal does); bar data
 * give four quotes per bar along a {@link BarPath} and then the bar itself. Closing the feed closes its sources.
 */
public abstract class MarketFeed implements MarketEvents {

    /**
     * Receives the events: {@link MarketEvents.Sink} (the backtest run, or the paper terminal replaying bars). A bar
     * feed numbers its symbols (0, 1, 2…, the same number for every event of a symbol) and calls the numbered methods
     * when its sink is one of these: the run keeps each symbol's state in an array instead of finding the name at
     * every quote and leg. They mean exactly what the unnumbered ones do.
     */
    interface Sink extends MarketEvents.Sink {
        /** {@link #quote(Tick)} of the symbol numbered {@code symbolNo}. */
        void quote(int symbolNo, Tick t);

        /** {@link #nextLevel(String, double, double, double)} of {@code symbol}, numbered {@code symbolNo}. */
        double nextLevel(int symbolNo, String symbol, double fromBid, double toBid, double spread);
    }

    MarketFeed() {
    }

    /** Plays the next event into {@code sink}; false at the end of the data. */
    abstract boolean advance(MarketEvents.Sink sink);

    /**
     * The same events for another player: the paper terminal replays bar files on the backtester's path, its legs
     * stopping at the terminal's own positions' levels (e2e EngineParityTest).
     */
    @Override
    public final boolean next(MarketEvents.Sink sink) { return advance(sink); }

    /** True when the data are bars (the strategy gets them as they are), false for ticks. */
    abstract boolean fromBars();

    /** In words, for summaries: "ticks" or the bar lanes. */
    public abstract String describe();

    @Override
    public abstract void close();

    /**
     * Ticks (one source, or several merged with {@code TickSources.merge}) between {@code fromMs} (inclusive) and
     * {@code toMs} (exclusive), UTC epoch ms; {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} for no bound.
     */
    public static MarketFeed ticks(TickSource ticks, long fromMs, long toMs) {
        if (ticks == null) throw new IllegalArgumentException("ticks are required");
        checkRange(fromMs, toMs);
        return new MarketFeed() {
            private boolean done;

            @Override
            boolean advance(MarketEvents.Sink sink) {
                while (!done) {
                    Tick t = ticks.next();
                    if (t == null || t.timeMs() >= toMs) {
                        done = true;
                        return false;
                    }
                    if (t.timeMs() < fromMs) continue;
                    sink.quote(t);
                    return true;
                }
                return false;
            }

            @Override
            boolean fromBars() { return false; }

            @Override
            public String describe() { return "ticks"; }

            @Override
            public void close() { ticks.close(); }
        };
    }

    /**
     * Bar files (any symbols and timeframes) between {@code fromMs} and {@code toMs} (by bar open time). Per symbol
     * the finest timeframe makes the quotes along {@code path}; coarser ones of the same symbol are handed to the
     * strategy as they close. Quotes take each bar's spread, or {@code spread} when the bar has none.
     */
    public static MarketFeed bars(List<? extends BarSource> sources, Collection<SymbolSpec> specs, BarPath path,
                                  SpreadModel spread, long fromMs, long toMs) {
        checkRange(fromMs, toMs);
        return new BarFeed(sources, specs, path, spread, fromMs, toMs);
    }

    private static void checkRange(long fromMs, long toMs) {
        if (fromMs >= toMs) throw new IllegalArgumentException("the period is empty: from " + fromMs + " is not before to " + toMs);
    }
}
