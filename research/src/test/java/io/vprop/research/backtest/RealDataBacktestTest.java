package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.strategy.DemoStrategy;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo strategy on real EURUSD ticks: a deterministic run for a seed, with trades the broker's rules explain. */
class RealDataBacktestTest {
    static final Path TICKS = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
    static final long FROM = Instant.parse("2014-05-05T00:00:00Z").toEpochMilli();
    static final long TO = Instant.parse("2014-05-07T00:00:00Z").toEpochMilli();

    static BacktestConfig config(long seed) {
        BacktestConfig c = BacktestConfig.defaults(List.of(SymbolSpec.fxMajor("EURUSD")), 100_000)
                .withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step");
        return c.withBroker(c.broker().withSlippage(3, seed));
    }

    static BacktestResult run(long seed) {
        return new Backtester(config(seed)).run(new DemoStrategy(30_000, 0.0025),
                MarketFeed.ticks(MarketFiles.openTicks(TICKS, "EURUSD"), FROM, TO));
    }

    @Test
    void twoRunsWithTheSameSeedGiveTheSameResultAndAnotherSeedOtherFills() {
        BacktestResult a = run(7), b = run(7), c = run(8);
        assertThat(a.trades()).as("the demo strategy trades on two London days").hasSizeGreaterThan(10);
        assertThat(b).isEqualTo(a);
        assertThat(c.trades().stream().map(BacktestTrade::entryPrice).toList())
                .as("slippage is drawn from the seed").isNotEqualTo(a.trades().stream().map(BacktestTrade::entryPrice).toList());
        assertThat(a.events()).isEqualTo(a.counters().get("quotes"));
        assertThat(a.fromMs()).isGreaterThanOrEqualTo(FROM);
        assertThat(a.toMs()).isLessThan(TO);
    }
}
