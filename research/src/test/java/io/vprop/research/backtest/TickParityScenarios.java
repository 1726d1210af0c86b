package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.Breach;
import io.vprop.research.EquityPoint;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.alpha.EventSource;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.Submission;
import io.vprop.testing.RepoPaths;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The tick backtests whose every trade, breach, equity point, counter and listener call must not change when the
 * tick path is made faster ({@link TickSpeedUpsChangeNoResultTest}): the shared EURUSD + NZDUSD ticks of 2014-05-01..15
 * merged, with the demo strategy (EMA cross on M1: entries, TP1 partials, break-even, SL/TP) under the forced-tight
 * profile of {@link ParityScenarios#tight()} (breaches, pauses, the governors' flattening) and without governors, on
 * a netting account with latency and slippage under ftmo-2step, and the signal engine (which only skips on these
 * ticks: its decisions and the snapshots it is given). The expected lines (src/test/resources/parity/ticks.txt) were
 * written by {@link #main} on the backtester before the tick-path speed-ups (main at cd4ed0d); rewrite them only for a
 * change meant to change results.
 */
final class TickParityScenarios {
    static final Path EXPECTED = RepoPaths.root().resolve("research/src/test/resources/parity/ticks.txt");
    private static final long FROM = Instant.parse("2014-05-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2014-05-16T00:00:00Z").toEpochMilli();

    private TickParityScenarios() {
    }

    static Path ticks(String symbol) {
        return RepoPaths.sharedFile("ticks/" + symbol + "_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
    }

    /** Every scenario's lines: its trades, breaches, counters, the equity curve's size, last point and digest, and the listener's calls' digest. */
    static List<String> lines() {
        Tick[] all = load();
        List<SymbolSpec> specs = List.of(FxUniverse.spec("EURUSD"), FxUniverse.spec("NZDUSD"));
        List<String> out = new ArrayList<>();
        BacktestConfig base = BacktestConfig.defaults(specs, 100_000);

        run("demo M1, tight profile, on after a halt", base.withProfile(ParityScenarios.tight(), "tight").withEnd(false, true),
                new DemoStrategy(30_000, 0.0025), all, FROM, TO, out);
        run("demo M1, no governors, open positions left at the end", base.withEnd(false, false),
                new DemoStrategy(30_000, 0.0025), all, FROM, TO, out);
        BrokerConfig netting = BrokerConfig.usd(100_000, 100, AccountMode.NETTING, specs).withCommission(3.5)
                .withLatency(40).withSlippage(3, 7);
        run("demo M1, ftmo-2step, netting, 40 ms latency, slippage 3 seed 7", base.withBroker(netting)
                        .withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step").withSnapshotMs(250),
                new DemoStrategy(20_000, 0.004), all, FROM, Instant.parse("2014-05-09T00:00:00Z").toEpochMilli(), out);
        run("signal engine (defaults, seed 11), ftmo-2step", base.withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step"),
                new SignalEngineStrategy(SignalConfig.builder().seed(11).build(), EventSource.NONE), all, FROM, TO, out);
        run("signal engine M15/H1/H4 (seed 3), tight profile", base.withProfile(ParityScenarios.tight(), "tight")
                        .withBarTimeframes(List.of(Timeframe.M1, Timeframe.M15, Timeframe.H1, Timeframe.H4)),
                new SignalEngineStrategy(SignalConfig.builder().seed(3).timeframes(Timeframe.M15, Timeframe.H1, Timeframe.H4)
                        .build(), EventSource.NONE), all, FROM, TO, out);
        return out;
    }

    private static Tick[] load() {
        List<Tick> out = new ArrayList<>(1 << 20);
        try (TickSource s = TickSources.merge(List.of(MarketFiles.openTicks(ticks("EURUSD"), "EURUSD"),
                MarketFiles.openTicks(ticks("NZDUSD"), "NZDUSD")))) {
            for (Tick t = s.next(); t != null; t = s.next()) out.add(t);
        }
        return out.toArray(new Tick[0]);
    }

    private static void run(String name, BacktestConfig c, Strategy strategy, Tick[] all, long from, long to, List<String> out) {
        Recording rec = new Recording();
        BacktestResult r = new Backtester(c, rec).run(strategy, MarketFeed.ticks(new TickSource() {
            int i;

            @Override
            public Tick next() { return i < all.length ? all[i++] : null; }

            @Override
            public void close() { }
        }, from, to));
        out.add("# " + name + ": " + r.trades().size() + " trades, " + r.breaches().size() + " breaches, " + r.events()
                + " events, counters " + new TreeMap<>(r.counters()));
        for (BacktestTrade t : r.trades()) out.add(t.toString());
        for (Breach b : r.breaches()) out.add(b.toString());
        List<EquityPoint> e = r.equity();
        StringBuilder points = new StringBuilder();
        for (EquityPoint p : e) points.append(p).append('\n');
        out.add("equity: " + e.size() + " points, last " + e.get(e.size() - 1) + ", sha256 " + ParityScenarios.sha256(points.toString()));
        out.add("listener: " + rec.calls + " calls, sha256 " + ParityScenarios.sha256(rec.text.toString()));
    }

    /** Every listener call but progress (whose cadence is the harness's), in words. */
    private static final class Recording implements BacktestListener {
        final StringBuilder text = new StringBuilder();
        long calls;

        private void add(String s) {
            calls++;
            text.append(s).append('\n');
        }

        @Override
        public void submitted(long timeMs, OrderIntent order, Submission submission) { add("submitted " + timeMs + " " + order + " " + submission); }

        @Override
        public void answered(long timeMs, OrderUpdate update) { add("answered " + timeMs + " " + update); }

        @Override
        public void filled(Fill fill) { add("filled " + fill); }

        @Override
        public void decided(long timeMs, String kind, Object decision) { add("decided " + timeMs + " " + kind + " " + decision); }
    }

    /** Writes the expected lines (see the class comment: only on the backtester the lines are to be kept from). */
    public static void main(String[] args) throws Exception {
        Files.write(args.length > 0 ? Path.of(args[0]) : EXPECTED, lines(), StandardCharsets.UTF_8);
    }
}
