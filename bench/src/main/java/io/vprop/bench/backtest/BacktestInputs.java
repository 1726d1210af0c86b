package io.vprop.bench.backtest;

import io.vprop.app.PaperSetup;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.research.backtest.SpreadModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared market data preloaded in memory (so the benchmarks measure the backtester, not gunzip and CSV parsing)
 * and a backtest configuration set up as {@code vprop backtest} sets it up: the instrument table's specs, commission
 * and spreads, a 100,000 USD hedging account at 1:100, the firm's profile.
 */
final class BacktestInputs {
    static final double BALANCE = 100_000;
    static final String PROFILE = "ftmo-2step";
    /**
     * Conversion rates for the profit currencies no shared bar file quotes (AUD and CAD of the crosses), as
     * {@code paper.fx.rates} would give them: fixed, roughly their 2007–2023 averages. They only scale money.
     */
    static final Map<String, Double> FIXED_RATES = Map.of("AUDUSD", 0.80, "USDCAD", 1.20);

    private BacktestInputs() { }

    /** The shared OANDA tick files of EURUSD and NZDUSD, 2014-05-01..15. */
    static List<Path> tickFiles(Path data) {
        return List.of(data.resolve("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz"),
                data.resolve("ticks/NZDUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz"));
    }

    /** Every H4 and D1 file of the shared bars (12 pairs, 2007–2023). */
    static List<Path> barFiles(Path data) throws Exception {
        Path dir = data.resolve("bars/h4_d1");
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("bar directory not found: " + dir.toAbsolutePath());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bars.csv.gz")).sorted().toList();
        }
    }

    /** The files' ticks merged in time order, as the backtester plays them. */
    static Tick[] ticks(List<Path> files, long fromMs, long toMs) {
        List<TickSource> sources = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("tick file not found: " + f.toAbsolutePath());
            sources.add(MarketFiles.openTicks(f, null, ServerClock.UTC, ParseMode.STRICT));
        }
        List<Tick> out = new ArrayList<>(1 << 20);
        try (TickSource s = TickSources.merge(sources)) {
            for (Tick t = s.next(); t != null; t = s.next()) if (t.timeMs() >= fromMs && t.timeMs() < toMs) out.add(t);
        }
        return out.toArray(new Tick[0]);
    }

    /** Each file's bars, one array per file. */
    static List<Bar[]> bars(List<Path> files) {
        List<Bar[]> out = new ArrayList<>();
        for (Path f : files) {
            List<Bar> bars = new ArrayList<>();
            try (BarSource s = MarketFiles.openBars(f, null, MarketFiles.timeframeFromFileName(f), ServerClock.UTC, ParseMode.STRICT)) {
                for (Bar b = s.next(); b != null; b = s.next()) bars.add(b);
            }
            out.add(bars.toArray(new Bar[0]));
        }
        return out;
    }

    /** As {@code vprop backtest --data FILES --profile PROFILE} (or without governors when {@code profile} is null). */
    static BacktestConfig config(List<Path> files, String profile) {
        InstrumentTable table = InstrumentTable.builtIn();
        PaperSetup.FileInstruments traded = PaperSetup.instrumentsOf(files, table, FIXED_RATES);
        List<SymbolSpec> specs = traded.specs();
        BrokerConfig broker = BrokerConfig.of(BALANCE, "USD", 100, AccountMode.HEDGING, traded.instruments(), FIXED_RATES);
        BacktestConfig c = BacktestConfig.defaults(specs, BALANCE).withBroker(broker)
                .withBars(BarPath.OHLC, SpreadModel.bySession(table)).withEnd(true, true);
        return profile == null ? c : c.withProfile(ProfileLoader.bundled(profile), profile);
    }

    static MarketFeed tickFeed(Tick[] ticks) {
        return MarketFeed.ticks(new TickSource() {
            int i;

            @Override
            public Tick next() { return i < ticks.length ? ticks[i++] : null; }

            @Override
            public void close() { }
        }, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Each file's bars as a {@link BarSeries}: the feed reads their arrays and makes a bar only to deliver it. */
    static List<BarSeries> series(List<Bar[]> files) {
        return files.stream().map(BarSeries::of).toList();
    }

    static MarketFeed barFeed(List<BarSeries> files, BacktestConfig config) {
        List<BarSource> sources = files.stream().<BarSource>map(BarSeries::cursor).toList();
        return MarketFeed.bars(sources, config.specs(), config.barPath(), config.spread(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Timeframe finest(List<Bar[]> files) {
        Timeframe best = null;
        for (Bar[] b : files) if (b.length > 0 && (best == null || b[0].timeframe().millis() < best.millis())) best = b[0].timeframe();
        return best;
    }
}
