package io.vprop.research.runner;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.NewsEvent;
import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.research.backtest.NewsRelease;
import io.vprop.research.backtest.SpreadModel;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.testing.SharedData;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The walk-forward's runner on the shared H4 bars against the backtester run directly from the files. */
class BacktestUnitRunnerTest {
    static final Path H4 = SharedData.dir().resolve("bars/h4_d1");
    static final ParamSet PARAMS = ParamGrid.parse("fast=10,slow=40").points().get(0);

    static long ms(String iso) { return Instant.parse(iso + "T00:00:00Z").toEpochMilli(); }

    static BacktestUnitRunner runner(BacktestUnitRunner.Options options) {
        return new BacktestUnitRunner(new BarLibrary(List.of(H4), ServerClock.UTC), StrategyFactory.ofClass(SmaCrossStrategy.class), options);
    }

    /** Trains on the first half of 2016, trades run on to September: warm-up from October 2015. */
    static WorkUnit unit(String symbol) {
        return new WorkUnit(WorkUnit.Phase.TRAIN, symbol, 0, PARAMS, ms("2015-10-01"), ms("2016-01-01"), ms("2016-07-01"),
                ms("2016-09-01"), 100_000);
    }

    @Test
    void aUnitTradesAsTheBacktesterRunDirectlyOnTheFilesWithTheConversionPair() {
        WorkUnit u = unit("EURJPY");
        BacktestResult viaRunner = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4)).run(u);

        // directly: EURJPY with USDJPY (JPY → USD) from the files, the instrument table's costs, entries in the window only
        InstrumentTable table = InstrumentTable.builtIn();
        List<Instrument> instruments = List.of(table.get("EURJPY"), table.get("USDJPY"));
        List<SymbolSpec> specs = List.of(table.get("EURJPY").toSymbolSpec(100 / 120.0), table.get("USDJPY").toSymbolSpec(100 / 120.0));
        BacktestConfig config = BacktestConfig.defaults(specs, 100_000)
                .withBroker(BrokerConfig.of(100_000, "USD", 100, AccountMode.HEDGING, instruments, Map.of()).withSlippage(0, 1))
                .withBars(BarPath.OHLC, SpreadModel.bySession(table));
        List<BarSource> files = List.of(
                MarketFiles.openBars(H4.resolve("EURJPY_snowguru_H4_2007-2023.bars.csv.gz"), "EURJPY", Timeframe.H4, ServerClock.UTC, ParseMode.STRICT),
                MarketFiles.openBars(H4.resolve("USDJPY_snowguru_H4_2007-2023.bars.csv.gz"), "USDJPY", Timeframe.H4, ServerClock.UTC, ParseMode.STRICT));
        BacktestResult direct = new Backtester(config).run(inWindow(new SmaCrossStrategy(PARAMS.values()), u),
                MarketFeed.bars(files, specs, BarPath.OHLC, SpreadModel.bySession(table), u.warmupFromMs(), u.endMs()));

        assertThat(direct.trades()).hasSizeGreaterThan(5);
        assertThat(viaRunner.trades()).hasSameSizeAs(direct.trades());
        for (int i = 0; i < direct.trades().size(); i++) {
            BacktestTrade d = direct.trades().get(i), r = viaRunner.trades().get(i);
            assertThat(r).usingRecursiveComparison().ignoringFields("exitReason").isEqualTo(d);
            assertThat(r.exitReason()).isEqualTo(d.exitReason().replace("end_of_data", "end_of_window"));
        }
        assertThat(viaRunner.trades()).allSatisfy(t -> {
            assertThat(t.openMs()).isBetween(u.fromMs(), u.toMs() - 1);
            assertThat(t.closeMs()).isLessThanOrEqualTo(u.endMs());
            assertThat(t.commission()).as("the table's 3.50 USD per lot per side").isNegative();
        });
        assertThat(viaRunner.trades()).anySatisfy(t -> assertThat(t.swap()).isNotZero());
        assertThat(viaRunner.counters()).containsKey("gate.refused_in_warmup");
        assertThat(viaRunner.counters().get("window.decisions.trade")).isEqualTo(viaRunner.trades().size());
    }

    /** The strategy on the unit's symbol, with entries refused outside [from, to): the runner's rule, written again. */
    static Strategy inWindow(Strategy inner, WorkUnit u) {
        return new Strategy() {
            StrategyContext view;

            @Override
            public void start(StrategyContext ctx) {
                view = (StrategyContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{StrategyContext.class},
                        (proxy, m, args) -> switch (m.getName()) {
                            case "submit" -> {
                                OrderIntent o = (OrderIntent) args[0];
                                yield o.opens() && (ctx.nowMs() < u.fromMs() || ctx.nowMs() >= u.toMs())
                                        ? Submission.refused(ctx.peer(), "test.window", "outside") : ctx.submit(o);
                            }
                            case "specs" -> List.of(ctx.spec(u.symbol()));
                            default -> m.invoke(ctx, args);
                        });
                inner.start(view);
            }

            @Override
            public void onTick(Tick t, StrategyContext ctx) { if (t.symbol().equals(u.symbol())) inner.onTick(t, view); }

            @Override
            public void onBar(Bar b, StrategyContext ctx) { if (b.symbol().equals(u.symbol())) inner.onBar(b, view); }

            @Override public void onAccount(AccountState a, StrategyContext ctx) { inner.onAccount(a, view); }

            @Override public void onFill(Fill f, StrategyContext ctx) { inner.onFill(f, view); }

            @Override public void onOrderUpdate(OrderUpdate o, StrategyContext ctx) { inner.onOrderUpdate(o, view); }
        };
    }

    @Test
    void unitsShareNothingButTheBars() {
        WorkUnit a = unit("EURAUD");
        BacktestResult alone = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4)).run(a);
        BacktestUnitRunner busy = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4));
        busy.run(unit("EURUSD"));
        busy.run(new WorkUnit(WorkUnit.Phase.TEST, "EURAUD", 1, ParamGrid.parse("fast=5,slow=20").points().get(0),
                ms("2016-02-01"), ms("2016-05-01"), ms("2016-08-01"), ms("2016-08-01"), 50_000));
        BacktestResult afterOthers = busy.run(a);
        assertThat(afterOthers).isEqualTo(alone);
        assertThat(alone.trades()).isNotEmpty().allSatisfy(t -> assertThat(t.symbol()).isEqualTo("EURAUD"));
        assertThat(busy.conversions()).contains("EURAUD: AUD→USD: 1 / EURAUD mid × EURUSD mid", "EURUSD: USD→USD: 1");
    }

    @Test
    void aTrainingUnitStopsOnceNothingCanHappenAndLabelsItsLastExitEndOfWindow() {
        WorkUnit train = unit("EURUSD");
        BacktestResult r = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4)).run(train);
        assertThat(r.toMs()).as("flat after the window: the two months after it are not played").isLessThan(train.endMs() - 30 * 86_400_000L);
        WorkUnit test = new WorkUnit(WorkUnit.Phase.TEST, "EURUSD", 0, PARAMS, train.warmupFromMs(), train.fromMs(),
                train.toMs(), train.toMs(), 100_000);
        BacktestResult t = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4)).run(test);
        assertThat(t.trades()).last().satisfies(last -> {
            assertThat(last.exitReason()).endsWith("end_of_window");
            assertThat(last.closeMs()).isEqualTo(test.toMs() - 1);
        });
    }

    @Test
    void aCurrencyTheDataCannotConvertIsAnErrorUnlessFixedRatesAreGivenExplicitly(@TempDir Path dir) throws Exception {
        Files.copy(H4.resolve("EURCAD_snowguru_H4_2007-2023.bars.csv.gz"), dir.resolve("EURCAD_snowguru_H4_2007-2023.bars.csv.gz"));
        BacktestUnitRunner alone = new BacktestUnitRunner(new BarLibrary(List.of(dir), ServerClock.UTC),
                StrategyFactory.ofClass(SmaCrossStrategy.class), BacktestUnitRunner.Options.defaults(Timeframe.H4));
        assertThatThrownBy(() -> alone.prepare(List.of("EURCAD"), ParamGrid.parse("fast=10,slow=40")))
                .isInstanceOf(NoConversionRouteException.class)
                .hasMessageContaining("EURCAD profits are in CAD").hasMessageContaining("USDCAD");
        BacktestUnitRunner fixed = new BacktestUnitRunner(new BarLibrary(List.of(dir), ServerClock.UTC),
                StrategyFactory.ofClass(SmaCrossStrategy.class),
                BacktestUnitRunner.Options.defaults(Timeframe.H4).withFixedRates(CurrencyConverter.parseFixedRates("USDCAD=1.30")));
        fixed.prepare(List.of("EURCAD"), ParamGrid.parse("fast=10,slow=40"));
        assertThat(fixed.conversions()).containsExactly("EURCAD: CAD→USD: fixed " + 1 / 1.30);
        assertThat(fixed.description()).contains("fixed rates {USDCAD=1.3}");
        assertThat(fixed.run(unit("EURCAD")).trades()).isNotEmpty();
    }

    @Test
    void theFingerprintFollowsTheCostsAndTheDataButNotTheInstance() {
        BacktestUnitRunner a = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4));
        BacktestUnitRunner b = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4));
        a.prepare(List.of("EURJPY"), ParamGrid.parse("fast=10,slow=40"));
        b.prepare(List.of("EURJPY"), ParamGrid.parse("fast=10,slow=40"));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint())
                .contains("EURJPY_H4=" + BarLibrary.sha256(H4.resolve("EURJPY_snowguru_H4_2007-2023.bars.csv.gz")))
                .contains("USDJPY_H4=").contains("SmaCrossStrategy");
        BacktestUnitRunner dearer = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4).withCosts(20, null, 0, 1));
        dearer.prepare(List.of("EURJPY"), ParamGrid.parse("fast=10,slow=40"));
        assertThat(dearer.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void theCalendarReachesAUnitsGovernorsForItsSymbolsCurrenciesOnlyAndIsPartOfTheFingerprint() {
        long release = Instant.parse("2021-02-03T13:15:00Z").toEpochMilli();
        List<NewsRelease> news = List.of(new NewsRelease(release, "USD", NewsEvent.Impact.HIGH),
                new NewsRelease(release + 3_600_000L, "JPY", NewsEvent.Impact.HIGH),
                new NewsRelease(release + 7_200_000L, "ALL", NewsEvent.Impact.HIGH));
        BacktestUnitRunner.Options ftmo = BacktestUnitRunner.Options.defaults(Timeframe.H4)
                .withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step");
        BacktestUnitRunner told = runner(ftmo.withNews(news));
        assertThat(told.run(unit2021("EURUSD")).counters()).as("USD and ALL, not JPY").containsEntry("news_learnt", 2L);
        assertThat(told.run(unit2021("USDJPY")).counters()).containsEntry("news_learnt", 3L);
        BacktestUnitRunner blind = runner(ftmo);
        assertThat(blind.run(unit2021("EURUSD")).counters()).doesNotContainKey("news_learnt");

        told.prepare(List.of("EURUSD"), ParamGrid.parse("fast=10,slow=40"));
        blind.prepare(List.of("EURUSD"), ParamGrid.parse("fast=10,slow=40"));
        BacktestUnitRunner other = runner(ftmo.withNews(news.subList(0, 2)));
        other.prepare(List.of("EURUSD"), ParamGrid.parse("fast=10,slow=40"));
        assertThat(told.fingerprint()).contains("news=3:").isNotEqualTo(blind.fingerprint()).isNotEqualTo(other.fingerprint());
    }

    private static WorkUnit unit2021(String symbol) {
        return new WorkUnit(WorkUnit.Phase.TRAIN, symbol, 0, PARAMS, ms("2020-10-01"), ms("2021-01-01"), ms("2021-04-01"),
                ms("2021-05-01"), 100_000);
    }

    @Test
    void aBadGridPointFailsBeforeTheSweepNamingIt() {
        BacktestUnitRunner r = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4));
        assertThatThrownBy(() -> r.prepare(List.of("EURUSD"), ParamGrid.parse("fast=10,slow=40,stop=2")))
                .hasMessageContaining("grid point fast=10,slow=40,stop=2").hasMessageContaining("no parameter 'stop'")
                .hasMessageContaining("stop_atr");
        assertThatThrownBy(() -> r.prepare(List.of("AUDNZD"), ParamGrid.parse("fast=10,slow=40")))
                .hasMessageContaining("no H4 bar file for AUDNZD");
    }

    @Test
    void onBarDataEntriesAreTakenAtABarsOpenOrCloseQuoteUnlessIntrabarEntriesAreAllowed() {
        WorkUnit u = new WorkUnit(WorkUnit.Phase.TEST, "EURUSD", 0, ParamGrid.parse("none").points().get(0), ms("2016-01-01"),
                ms("2016-02-01"), ms("2016-04-01"), ms("2016-04-01"), 100_000);
        BarLibrary lib = new BarLibrary(List.of(H4), ServerClock.UTC);
        long h4 = Timeframe.H4.millis();
        BacktestResult gated = new BacktestUnitRunner(lib, StrategyFactory.ofClass(EveryQuote.class),
                BacktestUnitRunner.Options.defaults(Timeframe.H4)).run(u);
        assertThat(gated.trades()).hasSizeGreaterThan(20).allSatisfy(t ->
                assertThat(Math.floorMod(t.openMs(), h4)).as("at a bar's open or its close quote").isIn(0L, h4 - 1));
        assertThat(gated.counters().get("gate.refused_intrabar")).isPositive();
        BacktestResult free = new BacktestUnitRunner(lib, StrategyFactory.ofClass(EveryQuote.class),
                BacktestUnitRunner.Options.defaults(Timeframe.H4).withIntrabarEntries(true)).run(u);
        assertThat(free.trades()).anySatisfy(t -> assertThat(Math.floorMod(t.openMs(), h4)).isIn(h4 / 3, 2 * h4 / 3));
        assertThat(free.counters()).doesNotContainKey("gate.refused_intrabar");
    }

    /** Buys at every quote when flat: 20 points to the take profit, 20 to the stop. */
    public static final class EveryQuote implements Strategy {
        @Override
        public void onTick(Tick t, StrategyContext ctx) {
            AccountState a = ctx.account();
            if (a == null || !a.positions().isEmpty() || ctx.pending(t.symbol())) return;
            ctx.submit(OrderIntent.open(t.symbol(), io.vprop.trade.Side.BUY, 0.1, t.ask(), 0.0001,
                    Math.round((t.bid() - 0.0020) * 1e5) / 1e5, 0, Math.round((t.ask() + 0.0020) * 1e5) / 1e5,
                    t.timeMs() + 60_000, "every_quote", "", 0.5, "test"));
        }
    }

    static Collection<String> names(List<BacktestTrade> trades) {
        List<String> out = new ArrayList<>();
        for (BacktestTrade t : trades) out.add(t.symbol());
        return out;
    }
}
