package io.vprop.cli;

import io.vprop.app.PaperSetup;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.kernel.NewsFeed;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.io.FileReadCounts;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.market.io.MarketFormat;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.protocol.Payload;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.research.backtest.NewsRelease;
import io.vprop.research.backtest.SpreadModel;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.alpha.EventSource;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code vprop backtest}'s options mean, checked before anything runs: the files and their kind, the clock of
 * their times, the period, the symbols' specs, the broker and firm profile, the strategy. Every refusal names the
 * option and the value (IllegalArgumentException: exit code 1).
 */
record BacktestSetup(BacktestCommand options, List<Path> files, boolean bars, ServerClock clock, long fromMs, long toMs,
                     List<SymbolSpec> specs, List<String> findings, Map<Path, Timeframe> timeframes, BacktestConfig config) {

    static BacktestSetup of(BacktestCommand o) {
        o.costs.check();                                     // a bad value is refused before any file is read
        List<Path> files = List.copyOf(o.data);
        Map<Path, MarketFormat> formats = new LinkedHashMap<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("--data " + f + ": no such file");
            formats.put(f, MarketFiles.detect(f));
        }
        boolean bars = !formats.get(files.get(0)).isTicks();
        for (Path f : files)
            if (formats.get(f).isTicks() == bars)
                throw new IllegalArgumentException("--data mixes tick and bar files (" + files.get(0).getFileName() + " and "
                        + f.getFileName() + "): a backtest plays one kind");
        ServerClock clock = clock(o.costs.serverTz, files);
        long from = o.from == null ? Long.MIN_VALUE : instant("--from", o.from);
        long to = o.to == null ? Long.MAX_VALUE : instant("--to", o.to);
        if (from >= to) throw new IllegalArgumentException("--from " + o.from + " is not before --to " + o.to);
        InstrumentTable table = o.costs.instrumentTable();
        PaperSetup.FileInstruments traded = PaperSetup.instrumentsOf(files, table, Map.of(), o.badRows.mode());
        Map<String, SymbolSpec> specs = new LinkedHashMap<>();
        for (SymbolSpec s : traded.specs()) specs.put(s.symbol(), s);
        Map<Path, Timeframe> timeframes = new LinkedHashMap<>();
        for (Path f : files) {
            if (!bars) continue;
            Timeframe tf = MarketFiles.timeframeFromFileName(f);
            if (tf == null) throw new IllegalArgumentException("--data " + f.getFileName() + ": cannot tell the bar timeframe "
                    + "from the name; put M1, M5, M15, M30, H1, H4 or D1 in it (EURUSD_H4.csv)");
            timeframes.put(f, tf);
        }
        if (!bars && specs.size() < files.size())
            throw new IllegalArgumentException("--data has two tick files of one symbol: pass one per symbol");
        List<SymbolSpec> list = List.copyOf(specs.values());
        if (!(o.balance > 0)) throw new IllegalArgumentException("--balance must be a positive amount of USD, got " + o.balance);
        AccountMode mode = switch (o.marginMode.toLowerCase(Locale.ROOT)) {
            case "hedging" -> AccountMode.HEDGING;
            case "netting" -> AccountMode.NETTING;
            default -> throw new IllegalArgumentException("--margin-mode must be hedging or netting, got " + o.marginMode);
        };
        BarPath path = o.costs.barPath();
        BrokerConfig broker;
        try {
            broker = BrokerConfig.of(o.balance, "USD", o.costs.leverage, mode, traded.instruments(), Map.of())
                    .withSlippage(o.costs.slippage, o.costs.seed).withLatency(o.latencyMs);
            if (o.costs.commission != null) broker = broker.withCommission(o.costs.commission);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker options: " + e.getMessage(), e);
        }
        BacktestConfig config = BacktestConfig.defaults(list, o.balance).withBroker(broker)
                .withBars(path, o.costs.spreadPoints == null ? SpreadModel.bySession(table) : SpreadModel.fixed(o.costs.spreadPoints))
                .withEnd(!o.continueAfterHalt, true);
        FirmProfile firm = profile(o.profile);
        if (firm != null) config = config.withProfile(firm, o.profile);
        if (o.calendar != null) config = config.withNews(news(o.calendar, list));
        return new BacktestSetup(o, files, bars, clock, from, to, list, traded.findings(), timeframes, config);
    }

    /**
     * {@code --calendar}'s high-impact releases of the currencies the symbols move with (every currency when
     * {@code specs} is null: the walk-forward's units keep their own), read by the sidecar's own calendar loader
     * ({@link NewsFeed}: the same rows, the same errors, the same currencies as the kernel pushes).
     */
    static List<NewsRelease> news(Path calendar, List<SymbolSpec> specs) {
        NewsFeed feed;
        try {
            feed = NewsFeed.load(calendar.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^calendar\\.file:", "--calendar:"), e);
        }
        List<NewsRelease> out = new ArrayList<>();
        for (Payload.News n : specs == null ? feed.releases() : feed.releasesFor(NewsFeed.currenciesOf(specs)))
            out.add(new NewsRelease(n.releaseMs(), n.currency(), NewsEvent.Impact.HIGH));
        return out;
    }

    /** The files' clock: required unless every file's times carry their zone — no silent UTC assumption. */
    static ServerClock clock(String serverTz, List<Path> files) {
        return MarketFiles.clockOf(files, serverTz, "--data", "--server-tz");
    }

    static long instant(String option, String text) {
        try {
            if (text.length() == 10) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) return Instant.parse(text).toEpochMilli();
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " " + text + ": not a date (2014-05-06) or UTC date-time (2014-05-06T07:00)");
        }
    }

    static FirmProfile profile(String id) {
        if (id.equalsIgnoreCase("none")) return null;
        try {
            return id.endsWith(".json") ? ProfileLoader.file(Path.of(id)) : ProfileLoader.bundled(id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--profile " + id + ": " + e.getMessage() + " (bundled: "
                    + String.join(", ", ProfileLoader.BUNDLED) + "; or a .json file, or none)", e);
        }
    }

    /** The market the files make, cut to the period; each file's reader is added to {@code reads} (progress, skips). */
    MarketFeed feed(List<FileReadCounts> reads) {
        ParseMode mode = options.badRows.mode();
        if (!bars) {
            List<TickSource> sources = new ArrayList<>();
            for (Path f : files) {
                Mt5TickReader r = MarketFiles.openTicks(f, null, clock, mode);
                reads.add(r);
                sources.add(r);
            }
            return MarketFeed.ticks(sources.size() == 1 ? sources.get(0) : TickSources.merge(sources), fromMs, toMs);
        }
        List<BarSource> sources = new ArrayList<>();
        for (Path f : files) {
            BarSource r = MarketFiles.openBars(f, null, timeframes.get(f), clock, mode);
            reads.add((FileReadCounts) r);
            sources.add(r);
        }
        return MarketFeed.bars(sources, specs, config.barPath(), config.spread(), fromMs, toMs);
    }

    /** The files' data lines (a fast byte count): the progress bar counts the lines the readers consume toward it. */
    long rowsToRead() {
        long rows = 0;
        for (Path f : files) rows += ReplayCommand.countRows(f);
        return rows;
    }

    /** The finest timeframe of the bar files (the demo crosses its EMAs there), or M1 for ticks. */
    Timeframe finest() {
        return timeframes.values().stream().min(Comparator.comparingLong(Timeframe::millis)).orElse(Timeframe.M1);
    }

    Strategy strategy() {
        String s = options.strategy;
        if (s.equals("demo")) return new DemoStrategy(30_000, 0.0025, finest());
        if (s.equals("engine")) return new SignalEngineStrategy(engineConfig(), EventSource.NONE);
        if (s.equals("sma")) return new SmaCrossStrategy();
        return userStrategy(s);
    }

    /**
     * The signal engine's defaults on ticks (M5, M15, H1; regime on M15); on bars, the files' timeframes (the regime
     * read on the finest). Both with the bundled fitted edges, which hold H4/D1 cells (docs/research/edges-h4d1) and
     * intraday ones (docs/research/edges-intraday), each chosen on its walk-forward's selection period; where the
     * artefact has no cells for a timeframe and symbol class (M1 bars, a cross on M5) the engine keeps its hand-set
     * priors, as the sidecar does (engine.edges = auto).
     */
    private SignalConfig engineConfig() {
        SignalConfig.Builder b = SignalConfig.builder().seed(options.costs.seed);
        if (bars) {
            List<Timeframe> tfs = timeframes.values().stream().distinct().sorted(Comparator.comparingLong(Timeframe::millis)).toList();
            b.timeframes(tfs.toArray(new Timeframe[0])).regimeTimeframe(tfs.get(0));
        }
        b.edges(io.vprop.research.edges.EdgeArtefact.bundled());
        return b.build();
    }

    private Strategy userStrategy(String name) {
        Class<? extends Strategy> c = StrategyClasses.load(name, options.classPath, "demo, sma, engine");
        try {
            return c.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("--strategy " + name + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--strategy " + name + " could not be created: " + e, e);
        }
    }

    String strategyName() {
        return switch (options.strategy) {
            case "demo" -> "demo (EMA(8)/EMA(21) crossover on " + finest() + ")";
            case "engine" -> {
                SignalConfig c = engineConfig();
                yield "engine (the signal engine on " + c.timeframes + ", " + (c.edges == null ? "hand-set edges"
                        : "fitted edges " + c.edges.version()) + ", seed " + options.costs.seed + ")";
            }
            case "sma" -> "sma (SMA(20)/SMA(100) crossover, stop 2 ATR(14), 0.5 % risk)";
            default -> options.strategy;
        };
    }

    String unit() { return bars ? "bars" : "ticks"; }

    /**
     * What is played: the files by name, or past {@link #NAMED_FILES} of them (a folder's worth) their count, symbols and
     * timeframes — each file's name is on its own "rows read" line of the summary.
     */
    String describeData() {
        if (files.size() <= NAMED_FILES) {
            List<String> names = new ArrayList<>();
            for (Path f : files) names.add(f.getFileName().toString());
            return unit() + " of " + String.join(" + ", names);
        }
        List<String> symbols = specs.stream().map(SymbolSpec::symbol).sorted().toList();
        String at = timeframes.isEmpty() ? "" : " at " + timeframes.values().stream().distinct()
                .sorted(Comparator.comparingLong(Timeframe::millis)).map(Timeframe::name).collect(Collectors.joining(" + "));
        return unit() + " of " + files.size() + " files: " + symbols.size() + (symbols.size() == 1 ? " symbol (" : " symbols (")
                + String.join(", ", symbols) + ")" + at;
    }

    /** Up to this many files the data line names them all. */
    static final int NAMED_FILES = 4;
}
