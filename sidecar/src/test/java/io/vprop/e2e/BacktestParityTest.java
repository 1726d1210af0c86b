package io.vprop.e2e;

import io.vprop.e2e.Lockstep.Answer;
import io.vprop.e2e.Lockstep.Decision;
import io.vprop.e2e.Lockstep.Recording;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.Deal;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BacktestListener;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.strategy.DemoStrategy;
import io.vprop.testing.RepoPaths;
import io.vprop.trade.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtester against the live path on one shared tick day (EURUSD, Tuesday 2014-05-06, 44,864 ticks): the demo
 * strategy with the same broker (commission 3.5 per lot per side, 1:100 hedging) and the same firm profile, once
 * through a real sidecar kernel and the paper terminal over ZeroMQ in exact lockstep (window 1), once in-process
 * through the backtester. Both must take the same decisions (each order with its lots and stops, or the rule that
 * refused it, and each answer) and make the same deals, fill prices within one tick. (Today they are equal to the
 * millisecond and the price; one tick is the contract, as the two paths time an order by different clocks.) The
 * paper terminal runs without its own governors: the backtester models the sidecar's (the EA's are the same rules).
 * The live path and the comparison are the shared {@link Lockstep} fixture.
 */
class BacktestParityTest {
    private static final Path FILE = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
    private static final long FROM = Instant.parse("2014-05-06T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2014-05-07T00:00:00Z").toEpochMilli();
    private static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    private static final String PROFILE = "ftmo-2step";

    @TempDir
    Path dir;

    @Test
    void theBacktestTakesTheLivePathsDecisionsAndTrades() throws Exception {
        BrokerConfig broker = BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(EURUSD)).withCommission(3.5);
        FirmProfile profile = ProfileLoader.bundled(PROFILE);

        List<Decision> liveDecisions = Collections.synchronizedList(new ArrayList<>());
        List<Tick> quotes = new ArrayList<>();
        List<Deal> liveDeals = Lockstep.live(dir, Lockstep.recorded(MarketEvents.ticks(between(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO)),
                        quotes), List.of(EURUSD), broker, profile, PROFILE,
                () -> new Recording(new DemoStrategy(30_000, 0.0025), liveDecisions),
                new Timeframe[]{Timeframe.M1, Timeframe.M5, Timeframe.H1}, false);

        List<Decision> btDecisions = new ArrayList<>();
        List<Fill> btFills = new ArrayList<>();
        BacktestConfig config = BacktestConfig.defaults(List.of(EURUSD), 100_000).withBroker(broker)
                .withProfile(profile, PROFILE).withEnd(true, false);
        BacktestResult result = new Backtester(config, new BacktestListener() {
            @Override
            public void filled(Fill f) { btFills.add(f); }
        }).run(new Recording(new DemoStrategy(30_000, 0.0025), btDecisions),
                MarketFeed.ticks(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO));

        assertThat(liveDeals).as("the demo strategy traded that day").hasSizeGreaterThan(10);
        assertThat(result.events()).as("both saw the whole day").isEqualTo(ticksOfTheDay()).isEqualTo(quotes.size());

        // the same decisions: each order at the same instant with the same prices, lots and stops, or the same refusal,
        // and the same answers (an order that expires or is off price live must not fill in the backtest)
        assertThat(btDecisions.stream().filter(d -> d instanceof Answer a && a.status().equals("EXECUTED")).count())
                .as("orders executed").isGreaterThan(5);
        Lockstep.assertSameDecisions(btDecisions, liveDecisions);
        // the same trades: deal by deal, the same position, side, volume and reason; prices and times within one tick
        Lockstep.assertSameDeals(btFills, liveDeals, quotes);
    }

    /** The ticks of the day, read on their own. */
    private static long ticksOfTheDay() {
        long n = 0;
        try (TickSource s = between(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO)) {
            while (s.next() != null) n++;
        }
        return n;
    }

    private static TickSource between(TickSource source, long from, long to) {
        TickSource until = TickSources.until(source, to);
        return new TickSource() {
            @Override
            public Tick next() {
                Tick t;
                while ((t = until.next()) != null && t.timeMs() < from) { /* before the day */ }
                return t;
            }

            @Override
            public void close() { until.close(); }
        };
    }
}
