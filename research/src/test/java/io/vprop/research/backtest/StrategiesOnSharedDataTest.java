package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.alpha.EventSource;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The built-in strategies on the shared data: ticks of two symbols merged, and the H4/D1 bars. */
class StrategiesOnSharedDataTest {
    private static final Path EURUSD_TICKS = RealDataBacktestTest.TICKS;
    private static final Path NZDUSD_TICKS = RepoPaths.sharedFile("ticks/NZDUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
    private static final long DAY = Instant.parse("2014-05-06T00:00:00Z").toEpochMilli();

    private static Path bars(String symbol, String tf) {
        return RepoPaths.sharedFile("bars/h4_d1/" + symbol + "_snowguru_" + tf + "_2007-2023.bars.csv.gz");
    }

    @Test
    void ticksOfTwoSymbolsAreMergedInTimeOrderAndBothAreTraded() {
        List<SymbolSpec> specs = List.of(FxUniverse.spec("EURUSD"), FxUniverse.spec("NZDUSD"));
        BacktestConfig c = BacktestConfig.defaults(specs, 100_000);
        long[] last = {Long.MIN_VALUE};
        boolean[] ordered = {true};
        DemoStrategy demo = new DemoStrategy(30_000, 0.0025);
        BacktestResult r = new Backtester(c).run(new Strategy() {
            @Override
            public void onTick(Tick t, StrategyContext ctx) {
                ordered[0] &= t.timeMs() >= last[0];
                last[0] = t.timeMs();
                demo.onTick(t, ctx);
            }

            @Override
            public void onBar(Bar b, StrategyContext ctx) { demo.onBar(b, ctx); }
        }, MarketFeed.ticks(TickSources.merge(List.of(MarketFiles.openTicks(EURUSD_TICKS, "EURUSD"),
                MarketFiles.openTicks(NZDUSD_TICKS, "NZDUSD"))), DAY, DAY + 86_400_000L));
        assertThat(ordered[0]).isTrue();
        assertThat(r.events()).as("44,864 EURUSD + NZDUSD ticks that day").isEqualTo(44_864 + count(NZDUSD_TICKS, "NZDUSD"));
        assertThat(r.trades()).extracting(BacktestTrade::symbol).contains("EURUSD", "NZDUSD");
        double pnl = r.trades().stream().mapToDouble(BacktestTrade::pnl).sum();
        assertThat(r.equity().get(r.equity().size() - 1).balance()).as("the balance is the trades' sum")
                .isCloseTo(100_000 + pnl, within(0.011));
    }

    @Test
    void theDemoStrategyTradesH4BarsAlongTheBarPath() {
        SymbolSpec gbpusd = FxUniverse.spec("GBPUSD");
        BacktestConfig c = BacktestConfig.defaults(List.of(gbpusd), 100_000);
        long from = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli(), to = Instant.parse("2017-01-01T00:00:00Z").toEpochMilli();
        BacktestResult r = new Backtester(c).run(new DemoStrategy(30_000, 0.0025, Timeframe.H4),
                MarketFeed.bars(List.of(MarketFiles.openBars(bars("GBPUSD", "H4"), "GBPUSD", Timeframe.H4)), c.specs(),
                        BarPath.OHLC, SpreadModel.typical(), from, to));
        assertThat(r.events()).as("two years of H4 bars").isBetween(3_000L, 3_300L);
        assertThat(r.counters().get("quotes")).as("four quotes a bar, plus the stops crossed on the way")
                .isGreaterThanOrEqualTo(4 * r.events());
        assertThat(r.trades()).hasSizeGreaterThan(20);
        Set<String> exits = Set.of("sl", "tp", "tp1", "tp1+sl", "tp1+tp", "end_of_data", "tp1+end_of_data");
        for (BacktestTrade t : r.trades()) {
            assertThat(exits).as("exit of %s", t).contains(t.exitReason());
            assertThat(t.closeMs()).isGreaterThanOrEqualTo(t.openMs());
            assertThat(t.openMs()).isBetween(from, to);
        }
        double pnl = r.trades().stream().mapToDouble(BacktestTrade::pnl).sum();
        assertThat(r.equity().get(r.equity().size() - 1).balance()).isCloseTo(100_000 + pnl, within(0.011));
    }

    @Test
    void theSignalEngineRunsOnTicksAndDecidesTheSameForTheSameSeed() {
        BacktestConfig c = BacktestConfig.defaults(List.of(SymbolSpec.fxMajor("EURUSD")), 100_000)
                .withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step");
        BacktestResult a = engineOnTicks(c), b = engineOnTicks(c);
        assertThat(a.counters().get("decisions.skip")).as("the engine publishes its skips with reasons").isPositive();
        assertThat(b).isEqualTo(a);
    }

    private static BacktestResult engineOnTicks(BacktestConfig c) {
        return new Backtester(c).run(new SignalEngineStrategy(SignalConfig.builder().seed(11).build(), EventSource.NONE),
                MarketFeed.ticks(MarketFiles.openTicks(EURUSD_TICKS, "EURUSD"), DAY, DAY + 86_400_000L));
    }

    @Test
    void theSignalEngineRunsOnH4AndD1Bars() {
        BacktestConfig c = BacktestConfig.defaults(List.of(FxUniverse.spec("EURUSD")), 100_000)
                .withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step").withEnd(false, true);
        long from = Instant.parse("2012-01-01T00:00:00Z").toEpochMilli(), to = Instant.parse("2014-01-01T00:00:00Z").toEpochMilli();
        List<BarSource> files = List.of(MarketFiles.openBars(bars("EURUSD", "H4"), "EURUSD", Timeframe.H4),
                MarketFiles.openBars(bars("EURUSD", "D1"), "EURUSD", Timeframe.D1));
        SignalConfig engine = SignalConfig.builder().timeframes(Timeframe.H4, Timeframe.D1).regimeTimeframe(Timeframe.H4).build();
        BacktestResult r = new Backtester(c).run(new SignalEngineStrategy(engine, EventSource.NONE),
                MarketFeed.bars(files, c.specs(), BarPath.CONSERVATIVE, SpreadModel.typical(), from, to));
        long bars = r.counters().get("bars_in");
        assertThat(r.counters().get("bars_to_strategy")).as("H4 and D1 bars reach the strategy").isEqualTo(bars);
        assertThat(bars).as("two years of H4 and D1 bars").isBetween(3_500L, 4_000L);
        assertThat(r.counters().keySet()).anyMatch(k -> k.startsWith("decisions."));
    }

    private static long count(Path file, String symbol) {
        long n = 0;
        try (var s = MarketFiles.openTicks(file, symbol)) {
            Tick t;
            while ((t = s.next()) != null) if (t.timeMs() >= DAY && t.timeMs() < DAY + 86_400_000L) n++;
        }
        return n;
    }
}
