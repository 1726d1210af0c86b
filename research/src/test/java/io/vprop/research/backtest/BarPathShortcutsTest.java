package io.vprop.research.backtest;

import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.research.BacktestResult;
import io.vprop.strategy.DemoStrategy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar path's shortcuts give what the long way gives: a spread model's table by UTC hour
 * ({@link SpreadModel#byUtcHour}, read per quote by the bar feed) holds the model's own numbers, and a backtest over
 * real bars under a profile tight enough to breach has the same trades, breaches, counters and equity curve with the
 * shortcuts as without them.
 */
class BarPathShortcutsTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aSpreadTableByHourHoldsTheModelsOwnNumbersAtEveryHourOfAnyDay() {
        SpreadModel bySession = SpreadModel.bySession(InstrumentTable.builtIn()), fixed = SpreadModel.fixed(7);
        long[] days = {0, Instant.parse("2015-03-04T00:00:00Z").toEpochMilli(), -86_400_000L * 400, Instant.parse("2031-07-06T00:00:00Z").toEpochMilli()};
        int instruments = 0;
        for (Instrument in : InstrumentTable.builtIn().all()) {
            SymbolSpec spec = in.toSymbolSpec(1.0);
            int[] table = bySession.byUtcHour(spec), fixedTable = fixed.byUtcHour(spec);
            assertThat(table).hasSize(24);
            for (long day : days)
                for (int h = 0; h < 24; h++)
                    for (long into : new long[]{0, 1, 59 * 60_000L, HOUR - 1}) {
                        long t = day + h * HOUR + into;
                        assertThat(SpreadModel.atHour(table, t)).as(in.symbol() + " at " + t).isEqualTo(bySession.points(spec, t));
                        assertThat(SpreadModel.atHour(fixedTable, t)).isEqualTo(7);
                    }
            instruments++;
        }
        assertThat(instruments).isGreaterThan(10);
    }

    @Test
    void realBarsUnderATightProfileGiveTheSameResultsWithAndWithoutTheShortcuts() {
        SpreadModel table = SpreadModel.typical();
        SpreadModel perQuote = table::points;                  // no table: the feed asks at every quote, as before
        List<String> fast = run(table, true), slow = run(perQuote, false);
        assertThat(fast.stream().filter(l -> l.startsWith("Breach[")).count()).as("the profile does breach").isGreaterThan(5);
        assertThat(fast.stream().filter(l -> l.startsWith("BacktestTrade[")).count()).isGreaterThan(50);
        assertThat(fast).containsExactlyElementsOf(slow);
    }

    /** A year of H4 + D1 bars of four pairs (JPY converted at USDJPY's quotes), the demo strategy, the tight profile. */
    private static List<String> run(SpreadModel spread, boolean shortcuts) {
        long from = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli(), to = Instant.parse("2016-01-01T00:00:00Z").toEpochMilli();
        List<String> symbols = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD");
        List<SymbolSpec> specs = new ArrayList<>();
        for (String s : symbols) specs.add(FxUniverse.spec(s));
        BacktestConfig c = BacktestConfig.defaults(specs, 100_000).withProfile(ParityScenarios.tight(), "tight").withEnd(false, true);
        List<BarSource> sources = new ArrayList<>();
        for (String s : symbols)
            for (Timeframe tf : List.of(Timeframe.H4, Timeframe.D1))
                sources.add(MarketFiles.openBars(ParityScenarios.bars(s, tf), s, tf));
        BacktestResult r = new Backtester(c).shortcuts(shortcuts).run(new DemoStrategy(30_000, 0.003, Timeframe.H4),
                MarketFeed.bars(sources, specs, BarPath.OHLC, spread, from, to));
        List<String> out = new ArrayList<>();
        ParityScenarios.describe("demo", r, out);
        return out;
    }
}
