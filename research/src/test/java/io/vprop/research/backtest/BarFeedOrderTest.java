package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar feed's queue plays every lane's events in the documented order — time, then quotes before bars at an
 * instant, then lane order (finest lanes first, by symbol, then timeframe) — whether it keeps its lanes sorted (up to
 * {@link BarFeed#SORTED_UP_TO}) or in a heap (more), with lanes that start late, have gaps and end early; and a
 * numbering sink gets each symbol's quotes under one number, the same events as a plain sink. A backtest run keeps
 * its symbols apart by those numbers.
 */
class BarFeedOrderTest {
    private static final long H1 = 3_600_000L, H4 = 4 * H1, T0 = 1_700_000_000_000L / H4 * H4;

    /** One expected event: at {@code timeMs}, a quote (kind 0) or a bar (1), of the lane ranked {@code rank}. */
    private record Event(long timeMs, int kind, int rank, String what) {
    }

    @Test
    void fewLanesKeptSortedPlayInTimeThenQuotesBeforeBarsThenLaneOrder() {
        check(5);                                               // 10 lanes
        check(BarFeed.SORTED_UP_TO / 2);                        // exactly the most kept sorted
    }

    @Test
    void manyLanesInAHeapPlayInTheSameOrder() {
        check(BarFeed.SORTED_UP_TO / 2 + 1);                    // 2 lanes more than SORTED_UP_TO
        check(50);
    }

    /**
     * A run of 20 symbols (the run's arrays by symbol number start at 16): every quote is its symbol's last tick, and a
     * stop of symbol number 17 crossed by a leg fills at the stop, as the path's levels say.
     */
    @Test
    void aRunOfMoreSymbolsThanItsFirstArraysKeepsEachSymbolApart() {
        List<SymbolSpec> specs = new ArrayList<>();
        List<BarSource> sources = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            String symbol = String.format("S%02dUSD", s);
            specs.add(SymbolSpec.fxMajor(symbol));
            Bar first = new Bar(symbol, Timeframe.H1, T0, 1.10000, 1.10050, 1.09950, 1.10000, 0, 0);
            Bar second = s == 17 ? new Bar(symbol, Timeframe.H1, T0 + H1, 1.10000, 1.10020, 1.09700, 1.09950, 0, 0)
                    : new Bar(symbol, Timeframe.H1, T0 + H1, 1.10000 + s * 1e-5, 1.10100, 1.09900, 1.10000, 0, 0);
            Iterator<Bar> it = List.of(first, second).iterator();
            sources.add(() -> it.hasNext() ? it.next() : null);
        }
        BacktestConfig c = BacktestConfig.defaults(specs, 100_000)
                .withBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, specs))
                .withBars(BarPath.OHLC, SpreadModel.fixed(10));
        List<String> mismatches = new ArrayList<>();
        Script.Player player = new Script.Player((t, p) -> {
            if (p.ctx.lastTick(t.symbol()) != t) mismatches.add(t.toString());
        }, (b, p) -> {
            if (b.symbol().equals("S17USD") && b.openTimeMs() == T0) {
                Tick q = p.ctx.lastTick("S17USD");
                p.submit(OrderIntent.open("S17USD", Side.BUY, 1.0, q.ask(), 0, 1.09800, 0, 1.20000, p.ctx.nowMs() + 30_000,
                        "script", "", 0.5, "a test's order"));
            }
        });
        BacktestResult r = new Backtester(c).run(player, MarketFeed.bars(sources, specs, BarPath.OHLC, SpreadModel.fixed(10),
                Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(mismatches).isEmpty();
        assertThat(r.counters()).containsEntry("quotes", 20L * 2 * 4 + 1).containsEntry("bars_in", 40L);   // + the stop
        BacktestTrade t = r.trades().get(0);
        assertThat(t.symbol()).isEqualTo("S17USD");
        assertThat(t.exitReason()).isEqualTo("sl");
        assertThat(t.exitPrice()).isEqualTo(1.09800);
        assertThat(t.closeMs()).as("on the second leg: the high, nearer, comes first").isEqualTo(T0 + H1 + 2 * H1 / 3);
    }

    private static void check(int symbols) {
        Random rnd = new Random(symbols);
        List<List<Bar>> files = new ArrayList<>();
        List<SymbolSpec> specs = new ArrayList<>();
        List<Event> expected = new ArrayList<>();
        for (int s = 0; s < symbols; s++) {
            String symbol = String.format("S%02dUSD", s);
            specs.add(SymbolSpec.fxMajor(symbol));
            for (Timeframe tf : new Timeframe[]{Timeframe.H4, Timeframe.H1}) {     // (given coarse first: the feed sorts)
                List<Bar> bars = new ArrayList<>();
                long t = T0 + rnd.nextInt(8) * tf.millis();
                int n = 3 + rnd.nextInt(20);
                for (int i = 0; i < n; i++, t += (1 + (rnd.nextInt(5) == 0 ? rnd.nextInt(4) : 0)) * tf.millis()) {
                    double o = 1.1 + rnd.nextInt(100) * 1e-5;
                    bars.add(new Bar(symbol, tf, t, o, o + 0.001, o - 0.001, o + 0.0002, 0, 5));
                }
                files.add(bars);
                boolean finest = tf == Timeframe.H1;
                int rank = finest ? s : symbols + s;            // finest lanes first, each group by symbol
                for (Bar b : bars) {
                    long end = b.openTimeMs() + tf.millis() - 1;
                    if (finest) {
                        for (long at : new long[]{b.openTimeMs(), b.openTimeMs() + tf.millis() / 3,
                                b.openTimeMs() + 2 * tf.millis() / 3, end})
                            expected.add(new Event(at, 0, rank, "quote " + symbol + " " + at));
                    }
                    expected.add(new Event(end, 1, rank, "bar " + symbol + " " + tf + " " + b.openTimeMs()));
                }
            }
        }
        expected.sort(Comparator.comparingLong(Event::timeMs).thenComparingInt(Event::kind).thenComparingInt(Event::rank));
        List<String> want = expected.stream().map(Event::what).toList();

        List<String> plain = new ArrayList<>();
        try (MarketFeed f = feed(files, specs)) {
            Recorder r = new Recorder(plain, null);
            while (f.next(r)) { /* plays */ }
        }
        assertThat(plain).containsExactlyElementsOf(want);

        List<String> numbered = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        try (MarketFeed f = feed(files, specs)) {
            Numbered r = new Numbered(numbered, numbers);
            while (f.next(r)) { /* plays */ }
        }
        assertThat(numbered).containsExactlyElementsOf(want);
        for (int s = 0; s < symbols; s++) {                     // the finest lanes come first: symbol s is number s
            String symbol = String.format("S%02dUSD", s);
            int no = s;
            assertThat(numbers).filteredOn(n -> n.startsWith(symbol)).isNotEmpty().allMatch(n -> n.equals(symbol + " " + no));
        }
    }

    private static MarketFeed feed(List<List<Bar>> files, List<SymbolSpec> specs) {
        List<BarSource> sources = new ArrayList<>();
        for (List<Bar> bars : files) {
            Iterator<Bar> it = bars.iterator();
            sources.add(() -> it.hasNext() ? it.next() : null);
        }
        return MarketFeed.bars(sources, specs, BarPath.OHLC, SpreadModel.fixed(5), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Writes down each event; no position, so no leg stops on the way. */
    private static class Recorder implements MarketEvents.Sink {
        final List<String> events, numbers;

        Recorder(List<String> events, List<String> numbers) {
            this.events = events;
            this.numbers = numbers;
        }

        @Override public void quote(Tick t) { events.add("quote " + t.symbol() + " " + t.timeMs()); }

        @Override public void barClosed(Bar b) { events.add("bar " + b.symbol() + " " + b.timeframe() + " " + b.openTimeMs()); }

        @Override public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) { return 0; }

        @Override public double nextLevel(String symbol, double fromBid, double toBid, double spread) { return Double.NaN; }
    }

    /** The same through the numbered calls, noting each symbol's number. */
    private static final class Numbered extends Recorder implements MarketFeed.Sink {
        Numbered(List<String> events, List<String> numbers) { super(events, numbers); }

        @Override public void quote(Tick t) { throw new AssertionError("a numbering feed's sink gets numbered quotes"); }

        @Override
        public void quote(int symbolNo, Tick t) {
            numbers.add(t.symbol() + " " + symbolNo);
            events.add("quote " + t.symbol() + " " + t.timeMs());
        }

        @Override
        public double nextLevel(int symbolNo, String symbol, double fromBid, double toBid, double spread) {
            numbers.add(symbol + " " + symbolNo);
            return Double.NaN;
        }
    }
}
