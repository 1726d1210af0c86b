package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ServerClock;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.Breach;
import io.vprop.research.EquityPoint;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.strategy.DemoStrategy;
import io.vprop.testing.RepoPaths;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The backtests whose every trade, breach and equity point must not change when the backtester is made faster
 * ({@link SpeedUpsChangeNoResultTest}): a year of real H4 + D1 bars of four pairs (JPY converted at USDJPY's quotes) with
 * the demo strategy (TP1 partials, break-even), and walk-forward units on the real runner for a direct pair, a cross
 * converted through one other pair and one converted through two — all under a forced-tight firm profile (0.5 %
 * daily loss pausing the day, 6 % overall) so the governors breach, pause and flatten. The expected lines
 * (src/test/resources/parity/backtests.txt) were written by {@link #main} on the backtester as it was before the
 * speed-ups (main at b7258d4); rewrite them only for a change meant to change results.
 */
final class ParityScenarios {
    static final Path EXPECTED = RepoPaths.root().resolve("research/src/test/resources/parity/backtests.txt");

    private ParityScenarios() {
    }

    /**
     * ftmo-2step with a 0.5 % daily loss that pauses the day (instead of 5 % that ends the challenge), 6 % overall, and
     * no safety buffer before the limits nor pre-trade risk check (so the limits themselves are breached, not only
     * warned of or kept from).
     */
    static FirmProfile tight() {
        String json;
        try (var in = ProfileLoader.class.getResourceAsStream("/io/vprop/governors/profiles/ftmo-2step.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String tight = json.replace("\"limitPct\": 5, \"base\": \"INITIAL\", \"anchor\": \"BALANCE\", \"outcome\": \"BREACH\"",
                        "\"limitPct\": 0.5, \"base\": \"INITIAL\", \"anchor\": \"BALANCE\", \"outcome\": \"PAUSE_UNTIL_RESET\"")
                .replace("\"maxLoss\": { \"limitPct\": 10,", "\"maxLoss\": { \"limitPct\": 6,")
                .replace("\"blockEntriesAtPct\": 80, \"flattenAtPct\": 95", "\"blockEntriesAtPct\": 99, \"flattenAtPct\": 100")
                .replaceAll("\"preTrade\": \\{[^}]*},", "");
        if (tight.equals(json) || !tight.contains("PAUSE_UNTIL_RESET") || !tight.contains("\"limitPct\": 6") || !tight.contains("\"flattenAtPct\": 100") || tight.contains("preTrade"))
            throw new IllegalStateException("ftmo-2step.json changed: the tight profile needs new replacements");
        return ProfileLoader.json(tight, "parity (ftmo-2step, tight)");
    }

    static Path bars(String symbol, Timeframe tf) {
        return RepoPaths.sharedFile("bars/h4_d1/" + symbol + "_snowguru_" + tf + "_2007-2023.bars.csv.gz");
    }

    /** Every scenario's lines: its trades, breaches, and the equity curve's size, last point and digest. */
    static List<String> lines() {
        List<String> out = new ArrayList<>();
        long from = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli(), to = Instant.parse("2016-01-01T00:00:00Z").toEpochMilli();
        List<String> symbols = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD");
        List<SymbolSpec> specs = new ArrayList<>();
        for (String s : symbols) specs.add(FxUniverse.spec(s));
        BacktestConfig c = BacktestConfig.defaults(specs, 100_000).withProfile(tight(), "tight").withEnd(false, true);
        List<BarSource> sources = new ArrayList<>();
        for (String s : symbols)
            for (Timeframe tf : List.of(Timeframe.H4, Timeframe.D1))
                sources.add(MarketFiles.openBars(bars(s, tf), s, tf));
        BacktestResult demo = new Backtester(c).run(new DemoStrategy(30_000, 0.003, Timeframe.H4),
                MarketFeed.bars(sources, specs, BarPath.OHLC, SpreadModel.typical(), from, to));
        describe("demo H4+D1 EURUSD USDJPY EURJPY GBPUSD 2015", demo, out);

        BacktestUnitRunner runner = new BacktestUnitRunner(new BarLibrary(List.of(bars("EURUSD", Timeframe.H4).getParent()),
                ServerClock.UTC), StrategyFactory.ofClass(SmaCrossStrategy.class),
                BacktestUnitRunner.Options.defaults(Timeframe.H4).withProfile(tight(), "tight"));
        long warm = Instant.parse("2014-10-01T00:00:00Z").toEpochMilli(), end = Instant.parse("2016-03-01T00:00:00Z").toEpochMilli();
        for (ParamSet p : ParamGrid.parse("fast=5,20,slow=60,risk_pct=0.7").points())
            for (String s : List.of("EURUSD", "EURAUD", "GBPAUD", "EURJPY")) {
                WorkUnit u = new WorkUnit(WorkUnit.Phase.TRAIN, s, 0, p, warm, from, to, end, 100_000);
                describe("unit " + u.id(), runner.run(u), out);
            }
        return out;
    }

    static void describe(String name, BacktestResult r, List<String> out) {
        out.add("# " + name + ": " + r.trades().size() + " trades, " + r.breaches().size() + " breaches, " + r.events() + " events, counters " + new java.util.TreeMap<>(r.counters()));
        for (BacktestTrade t : r.trades()) out.add(t.toString());
        for (Breach b : r.breaches()) out.add(b.toString());
        List<EquityPoint> e = r.equity();
        StringBuilder all = new StringBuilder();
        for (EquityPoint p : e) all.append(p).append('\n');
        out.add("equity: " + e.size() + " points, last " + e.get(e.size() - 1) + ", sha256 " + sha256(all.toString()));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the expected lines (see the class comment: only on the backtester the lines are to be kept from). */
    public static void main(String[] args) throws Exception {
        Files.write(args.length > 0 ? Path.of(args[0]) : EXPECTED, lines(), StandardCharsets.UTF_8);
    }
}
