package io.vprop.bench.backtest;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BacktestListener;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.signal.Decision;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.Skip;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The backtester benchmark's cases, and what one fork does with one of them: load its data, warm up, measure, and
 * print each measured run as a line of JSON (prefix {@link #RUN}) for {@link BacktestThroughputHarness}.
 */
final class BacktestCases {
    static final String RUN = "RUN ";
    static final int CHUNK = 4096;
    static final long WARM_UP_NS = 10_000_000_000L;
    static final List<String> NAMES = List.of("engine", "engine_backtest", "engine_backtest_no_governors", "demo_backtest",
            "demo_backtest_no_governors", "bars", "bars_no_governors", "bars_eurusd", "bars_flat", "bars_strategy_alone");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BacktestCases() { }

    static String describe(String name) {
        return switch (name) {
            case "engine" -> "the signal engine alone: SignalEngine.onTick over the EURUSD + NZDUSD ticks (defaults: M5/M15/H1)";
            case "engine_backtest" -> "Backtester + SignalEngineStrategy (defaults) + paper broker + ftmo-2step governors, the same ticks";
            case "engine_backtest_no_governors" -> "the same without a firm profile";
            case "demo_backtest" -> "Backtester + DemoStrategy (EMA 8/21 on M1) + paper broker + ftmo-2step governors, the same ticks";
            case "demo_backtest_no_governors" -> "the same without a firm profile";
            case "bars" -> "Backtester over the H4 + D1 bars of the 12 shared pairs, 2007-2023 (OHLC path), Donchian breakout "
                    + "(BreakoutStrategy, 0.1 % risk), ftmo-2step governors";
            case "bars_no_governors" -> "the same without a firm profile";
            case "bars_eurusd" -> "the same strategy and governors on one pair, EURUSD H4 + D1 2007-2023 (a walk-forward unit's shape)";
            case "bars_flat" -> "the bars case with the strategy sizing at 0 % risk, so it never orders: the floor of the feed, the "
                    + "quotes, the broker, the governors on a flat account (a snapshot a second) and the strategy";
            case "bars_strategy_alone" -> "the baseline of the bar cases: BreakoutStrategy.onBar alone over the same bars in the "
                    + "same order (no quotes, broker, governors; a context without an account, so it never orders)";
            default -> throw new IllegalArgumentException("no such case: " + name);
        };
    }

    /**
     * A fork: unmeasured runs of the case — at least {@code warmups} and at least {@link #WARM_UP_NS} of them, so a short
     * case is as warm as a long one (the JIT recompiles for a few seconds) — then {@code runs} measured ones, each
     * printed as JSON.
     */
    static void fork(String name, Path data, int runs, int warmups) throws Exception {
        Supplier<Measured> one = prepare(name, data);
        JsonMapper json = new JsonMapper();
        long warmUntil = System.nanoTime() + WARM_UP_NS;
        for (int i = 0; i < warmups || System.nanoTime() < warmUntil; i++) one.get();
        for (int i = 0; i < runs; i++) {
            Measured m = one.get();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("events", m.events);
            line.put("wall_ns", m.wall);
            line.put("cpu_ns", m.cpu);
            line.put("gc_ns", m.gc);
            line.put("trades", m.trades);
            line.put("chunks", BacktestThroughputHarness.encode(m.chunks));
            line.put("counters", m.counters);
            System.out.println(RUN + json.writeValueAsString(line));
        }
    }

    private static Supplier<Measured> prepare(String name, Path data) throws Exception {
        if (name.startsWith("bars")) {
            List<Path> files = BacktestInputs.barFiles(data);
            if (name.equals("bars_strategy_alone")) {
                List<Bar[]> bars = BacktestInputs.bars(files);
                Bar[] inOrder = inCloseOrder(bars);
                Timeframe finest = BacktestInputs.finest(bars);
                return () -> strategyAlone(inOrder, new BreakoutStrategy(finest, Timeframe.D1, 0.001));
            }
            if (name.equals("bars_eurusd")) files = files.stream().filter(f -> f.getFileName().toString().startsWith("EURUSD")).toList();
            List<Bar[]> bars = BacktestInputs.bars(files);
            BacktestConfig config = BacktestInputs.config(files, name.endsWith("no_governors") ? null : BacktestInputs.PROFILE);
            Timeframe finest = BacktestInputs.finest(bars);
            List<BarSeries> series = BacktestInputs.series(bars);
            double risk = name.equals("bars_flat") ? 0 : 0.001;            // 0: every size floors to no volume
            return () -> backtest(config, new BreakoutStrategy(finest, Timeframe.D1, risk), () -> BacktestInputs.barFeed(series, config));
        }
        List<Path> files = BacktestInputs.tickFiles(data);
        Tick[] ticks = BacktestInputs.ticks(files, Long.MIN_VALUE, Long.MAX_VALUE);
        BacktestConfig config = BacktestInputs.config(files, name.endsWith("no_governors") ? null : BacktestInputs.PROFILE);
        return switch (name) {
            case "engine" -> () -> engineAlone(ticks, config.specs());
            case "engine_backtest", "engine_backtest_no_governors" -> () -> backtest(config,
                    new SignalEngineStrategy(SignalConfig.defaults(), EventSource.NONE), () -> BacktestInputs.tickFeed(ticks));
            case "demo_backtest", "demo_backtest_no_governors" -> () -> backtest(config, new DemoStrategy(30_000, 0.0025),
                    () -> BacktestInputs.tickFeed(ticks));
            default -> throw new IllegalArgumentException("no such case: " + name);
        };
    }

    /** One run's clocks and what it did. */
    private record Measured(long events, long wall, long cpu, long gc, Histogram chunks, Map<String, Long> counters, int trades) {
    }

    /** Wall, thread-CPU and GC clocks at one instant. */
    private record Clocks(long wall, long cpu, long gc) {
        static Clocks now() {
            long gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime());
            return new Clocks(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), gc * 1_000_000);
        }
    }

    /** The signal engine alone, with the baseline ports the strategy gives it (a fixed typical prop-firm budget). */
    static Measured engineAlone(Tick[] ticks, List<SymbolSpec> specs) {
        List<SymbolSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(SymbolSpec::symbol));
        long[] now = {0};
        SignalEngine engine = new SignalEngine(SignalConfig.defaults(), sorted, new SignalPorts(PropFirmRiskBudget.typical(BacktestInputs.BALANCE),
                new RecentOutcomeMemory(50), new DriftWinProbability(), EventSource.NONE, () -> now[0]), BacktestInputs.BALANCE);
        Histogram chunks = new Histogram(3);
        long trades = 0, skips = 0;
        Clocks c0 = Clocks.now();
        long last = c0.wall();
        for (int i = 0; i < ticks.length; i++) {
            Tick t = ticks[i];
            now[0] = t.timeMs();
            Decision d = engine.onTick(t);
            if (d instanceof TradeCandidate) trades++;
            else if (d instanceof Skip) skips++;
            if ((i + 1) % CHUNK == 0) {
                long n = System.nanoTime();
                chunks.recordValue(Math.max(1, (n - last) / CHUNK));
                last = n;
            }
        }
        Clocks c1 = Clocks.now();
        Map<String, Long> counters = new TreeMap<>(Map.of("trade_candidates", trades, "skips", skips));
        return new Measured(ticks.length, c1.wall() - c0.wall(), c1.cpu() - c0.cpu(), c1.gc() - c0.gc(), chunks, counters, 0);
    }

    /** Every file's bars in the order the backtester hands them to a strategy: by close time, then file order. */
    static Bar[] inCloseOrder(List<Bar[]> files) {
        List<Bar> all = new ArrayList<>();
        List<Integer> lane = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) for (Bar b : files.get(f)) { all.add(b); lane.add(f); }
        Integer[] idx = new Integer[all.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, Comparator.comparingLong((Integer i) -> all.get(i).openTimeMs() + all.get(i).timeframe().millis())
                .thenComparingInt(lane::get));
        Bar[] out = new Bar[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = all.get(idx[i]);
        return out;
    }

    /** The strategy's own work per bar: onBar over the bars with a context that has no account (so it never orders). */
    static Measured strategyAlone(Bar[] bars, Strategy strategy) {
        long[] now = {0};
        StrategyContext ctx = new StrategyContext() {
            @Override public long nowMs() { return now[0]; }
            @Override public String peer() { return "bench"; }
            @Override public SymbolSpec spec(String symbol) { return null; }
            @Override public java.util.Collection<SymbolSpec> specs() { return List.of(); }
            @Override public void decision(String kind, Object decision) { }
            @Override public io.vprop.trade.AccountState account() { return null; }
            @Override public Tick lastTick(String symbol) { return null; }
            @Override public boolean pending(String symbol) { return false; }
            @Override public io.vprop.strategy.Submission submit(io.vprop.trade.OrderIntent order) {
                throw new IllegalStateException("the strategy alone does not order");
            }
        };
        Histogram chunks = new Histogram(3);
        Clocks c0 = Clocks.now();
        long last = c0.wall();
        for (int i = 0; i < bars.length; i++) {
            Bar b = bars[i];
            now[0] = b.openTimeMs() + b.timeframe().millis();
            strategy.onBar(b, ctx);
            if ((i + 1) % CHUNK == 0) {
                long n = System.nanoTime();
                chunks.recordValue(Math.max(1, (n - last) / CHUNK));
                last = n;
            }
        }
        Clocks c1 = Clocks.now();
        return new Measured(bars.length, c1.wall() - c0.wall(), c1.cpu() - c0.cpu(), c1.gc() - c0.gc(), chunks,
                new TreeMap<>(Map.of("bars_to_strategy", (long) bars.length)), 0);
    }

    /** One backtest; the listener's progress calls (every 4,096 events) time the chunks. */
    static Measured backtest(BacktestConfig config, Strategy strategy, Supplier<MarketFeed> feed) {
        Histogram chunks = new Histogram(3);
        long[] last = {0, 0};
        BacktestListener timing = new BacktestListener() {
            @Override
            public void progress(long events, long marketTimeMs) {
                long n = System.nanoTime();
                if (events > last[1] && last[0] != 0) chunks.recordValue(Math.max(1, (n - last[0]) / (events - last[1])));
                last[0] = n;
                last[1] = events;
            }
        };
        MarketFeed f = feed.get();
        Clocks c0 = Clocks.now();
        last[0] = c0.wall();
        BacktestResult r = new Backtester(config, timing).run(strategy, f);
        Clocks c1 = Clocks.now();
        return new Measured(r.events(), c1.wall() - c0.wall(), c1.cpu() - c0.cpu(), c1.gc() - c0.gc(), chunks,
                new TreeMap<>(r.counters()), r.trades().size());
    }
}
