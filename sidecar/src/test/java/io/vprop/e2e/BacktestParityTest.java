package io.vprop.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.paper.PaperTerminal;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BacktestListener;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.testing.RepoPaths;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Side;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtester against the live path on one shared tick day (EURUSD, Tuesday 2014-05-06, 44,864 ticks): the demo
 * strategy with the same broker (commission 3.5 per lot per side, 1:100 hedging) and the same firm profile, once
 * through a real sidecar kernel and the paper terminal over ZeroMQ in exact lockstep (window 1), once in-process
 * through the backtester. Both must take the same decisions (each order with its lots and stops, or the rule that
 * refused it, and each answer) and make the same deals, fill prices within one tick. (Today they are equal to the
 * millisecond and the price; one tick is the contract, as the two paths time an order by different clocks.) The
 * paper terminal runs without its own governors: the backtester models the sidecar's (the EA's are the same rules).
 */
class BacktestParityTest {
    private static final Path FILE = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
    private static final long FROM = Instant.parse("2014-05-06T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2014-05-07T00:00:00Z").toEpochMilli();
    private static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    private static final String PROFILE = "ftmo-2step";

    @TempDir
    Path dir;

    /** What the strategy did or heard: an order it submitted (with the risk engine's refusal, if any), or an answer. */
    sealed interface Decision permits Order, Answer, Verdict {
    }

    /** An order the strategy submitted, at the strategy's clock, and the rule that refused it ("" when sent). */
    record Order(long timeMs, String symbol, Side side, double lots, double price, double sl, double tp1, double tp2,
                 String refusedBy) implements Decision {
    }

    /**
     * What the strategy decided and published ({@code ctx.decision}: the signal engine's trades, refusals and skips
     * with their reasons), at the strategy's clock; without the signal id, which each path numbers its own way.
     */
    record Verdict(long timeMs, String kind, String what) implements Decision {
    }

    /** The terminal's answer to a sent order, as the strategy heard it (its fill price is checked with the deals). */
    record Answer(String status, String rule, long ticket) implements Decision {
    }

    @Test
    void theBacktestTakesTheLivePathsDecisionsAndTrades() throws Exception {
        BrokerConfig broker = BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(EURUSD)).withCommission(3.5);
        FirmProfile profile = ProfileLoader.bundled(PROFILE);

        List<Decision> liveDecisions = Collections.synchronizedList(new ArrayList<>());
        List<Deal> liveDeals = live(broker, profile, liveDecisions);

        List<Decision> btDecisions = new ArrayList<>();
        List<Fill> btFills = new ArrayList<>();
        BacktestConfig config = BacktestConfig.defaults(List.of(EURUSD), 100_000).withBroker(broker)
                .withProfile(profile, PROFILE).withEnd(true, false);
        BacktestResult result = new Backtester(config, new BacktestListener() {
            @Override
            public void filled(Fill f) { btFills.add(f); }
        }).run(new Recording(new DemoStrategy(30_000, 0.0025), btDecisions),
                MarketFeed.ticks(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO));

        List<Tick> day = ticksOfTheDay();
        assertThat(liveDeals).as("the demo strategy traded that day").hasSizeGreaterThan(10);
        assertThat(result.events()).as("both saw the whole day").isEqualTo(day.size());

        // the same decisions: each order at the same instant with the same prices, lots and stops, or the same refusal,
        // and the same answers (an order that expires or is off price live must not fill in the backtest)
        assertThat(btDecisions.stream().filter(d -> d instanceof Answer a && a.status().equals("EXECUTED")).count())
                .as("orders executed").isGreaterThan(5);
        assertThat(btDecisions).hasSameSizeAs(liveDecisions);
        for (int i = 0; i < liveDecisions.size(); i++)
            assertThat(btDecisions.get(i)).as("decision %d", i).isEqualTo(liveDecisions.get(i));

        // the same trades: deal by deal, the same position, side, volume and reason; prices and times within one tick
        assertThat(btFills).hasSameSizeAs(liveDeals);
        for (int i = 0; i < liveDeals.size(); i++) {
            Deal live = liveDeals.get(i);
            Fill bt = btFills.get(i);
            String what = "deal " + i + " (" + live + " vs " + bt + ")";
            assertThat(bt.position()).as(what).isEqualTo(live.position());
            assertThat(bt.side()).as(what).isEqualTo(live.side());
            assertThat(bt.entry()).as(what).isEqualTo(live.entry());
            assertThat(bt.volume()).as(what).isEqualTo(live.volume());
            assertThat(bt.reason()).as(what).isEqualTo(live.reason().wire());
            assertThat(withinOneTick(day, bt, live)).as(what + ": fill within one tick").isTrue();
        }
    }

    /** The day through a sidecar kernel and a paper terminal over ZeroMQ, lockstep: the terminal's deals. */
    private List<Deal> live(BrokerConfig broker, FirmProfile profile, List<Decision> decisions) throws Exception {
        RiskEngine risk = new RiskEngine(1);
        AccountGovernors governors = new AccountGovernors(profile, PROFILE, broker.initialBalance(), GovernorStateStore.inMemory());
        risk.add(governors);
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            SidecarKernel kernel = new SidecarKernel(new SidecarKernel.Config(1_000, 5_000, PROFILE, "test", 30_000),
                    new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), journal, System::currentTimeMillis),
                    peer -> new Recording(new DemoStrategy(30_000, 0.0025), decisions), risk, governors, new EventBus(),
                    new SimpleMeterRegistry());
            Thread k = new Thread(kernel, "parity-kernel");
            k.start();
            try {
                PaperTerminal.Config tc = new PaperTerminal.Config(kernel.endpoint(), new RoutingId("paper-1", "1001", "all-symbols"),
                        dir.resolve("terminal.db"), 0, 1_000, PROFILE, "hedging", true,
                        new Timeframe[]{Timeframe.M1, Timeframe.M5, Timeframe.H1}, 1);
                PaperTerminal terminal = new PaperTerminal(tc, between(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO),
                        List.of(EURUSD), new PaperBroker(broker));
                terminal.run();
                List<Deal> deals = terminal.deals();
                terminal.close();
                return deals;
            } finally {
                kernel.close();
            }
        }
    }

    /**
     * The same fill, or the live one at the tick just before or after the backtest's: at that tick's price on the
     * deal's side (a market order, a stop loss, a TP1 partial) or at the same price (a take profit fills at its level).
     */
    private static boolean withinOneTick(List<Tick> day, Fill bt, Deal live) {
        if (bt.price() == live.price() && bt.timeMs() == live.timeMs()) return true;
        int i = indexAt(day, bt.timeMs());
        for (int j = Math.max(0, i - 1); j <= Math.min(day.size() - 1, i + 1); j++) {
            Tick t = day.get(j);
            if (t.timeMs() != live.timeMs()) continue;
            double sidePrice = live.side() == Side.BUY ? t.ask() : t.bid();
            if (live.price() == sidePrice || live.price() == bt.price()) return true;
        }
        return false;
    }

    /** The last tick at or before {@code timeMs}. */
    private static int indexAt(List<Tick> day, long timeMs) {
        int lo = 0, hi = day.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (day.get(mid).timeMs() <= timeMs) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static List<Tick> ticksOfTheDay() {
        List<Tick> out = new ArrayList<>();
        try (TickSource s = between(MarketFiles.openTicks(FILE, "EURUSD"), FROM, TO)) {
            Tick t;
            while ((t = s.next()) != null) out.add(t);
        }
        return out;
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

    /** A strategy that writes down every order its inner strategy submits, and the risk engine's answer. */
    static final class Recording implements Strategy {
        private final Strategy inner;
        private final List<Decision> decisions;

        Recording(Strategy inner, List<Decision> decisions) {
            this.inner = inner;
            this.decisions = decisions;
        }

        @Override public void start(StrategyContext ctx) { inner.start(wrap(ctx)); }

        @Override public void onTick(Tick tick, StrategyContext ctx) { inner.onTick(tick, wrap(ctx)); }

        @Override public void onBar(Bar bar, StrategyContext ctx) { inner.onBar(bar, wrap(ctx)); }

        @Override public void onAccount(AccountState account, StrategyContext ctx) { inner.onAccount(account, wrap(ctx)); }

        @Override public void onFill(Fill fill, StrategyContext ctx) { inner.onFill(fill, wrap(ctx)); }

        @Override
        public void onOrderUpdate(OrderUpdate update, StrategyContext ctx) {
            decisions.add(new Answer(update.status().name(), update.rule(), update.ticket()));
            inner.onOrderUpdate(update, wrap(ctx));
        }

        private StrategyContext wrap(StrategyContext ctx) {
            return new StrategyContext() {
                @Override public long nowMs() { return ctx.nowMs(); }

                @Override public String peer() { return ctx.peer(); }

                @Override public SymbolSpec spec(String symbol) { return ctx.spec(symbol); }

                @Override public Collection<SymbolSpec> specs() { return ctx.specs(); }

                @Override
                public void decision(String kind, Object decision) {
                    Object what = decision;
                    if (decision instanceof Map<?, ?> m && m.containsKey("signal_id")) {
                        Map<Object, Object> copy = new java.util.LinkedHashMap<>(m);
                        copy.remove("signal_id");
                        what = copy;
                    }
                    decisions.add(new Verdict(ctx.nowMs(), kind, String.valueOf(what)));
                    ctx.decision(kind, decision);
                }

                @Override public double[] headroom() { return ctx.headroom(); }

                @Override public AccountState account() { return ctx.account(); }

                @Override public Tick lastTick(String symbol) { return ctx.lastTick(symbol); }

                @Override public boolean pending(String symbol) { return ctx.pending(symbol); }

                @Override
                public Submission submit(OrderIntent o) {
                    Submission s = ctx.submit(o);
                    decisions.add(new Order(ctx.nowMs(), o.symbol(), o.side(), o.lots(), o.price(), o.sl(), o.tp1(),
                            o.tp2(), s.sent() ? "" : s.rule()));
                    return s;
                }
            };
        }

        @Override public Map<String, Object> state() { return inner.state(); }
    }
}
