package io.vprop.cli;

import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.io.MarketFiles;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.edges.CandidateRecording;
import io.vprop.research.edges.EdgeArtefact;
import io.vprop.research.edges.EdgeFit;
import io.vprop.research.edges.FoldEdgesRunner;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.research.report.ReportWriter;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.stats.Stats;
import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepExecutors;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.RunnerRecipe;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;
import io.vprop.signal.SignalEngine;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code vprop walkforward}: folds, a parameter grid chosen on each training window, results on the test windows
 * only, after costs, as result.json and report.html. Every unit is a run of the live-code backtester
 * ({@link BacktestUnitRunner}) with a fresh strategy: the SMA crossover, the signal engine, or a user's class.
 */
@Command(name = "walkforward", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk-forward over bar files on the backtester: parameters chosen on each fold's training window, "
                + "results on the test windows only, after costs (commission, spread, swaps from the instrument table; "
                + "P&L converted to USD at the data's quotes); writes result.json and report.html (opens offline)."})
final class WalkforwardCommand implements Runnable {
    static final String SMA_GRID = "fast=5..50:5,slow=60..150:10";

    @Spec
    CommandSpec commandSpec;

    private Class<?> strategyClass;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR|FILE",
            description = "folders of bar files named SYMBOL_…_TF_….bars.csv.gz (e.g. shared/data/bars/h4_d1), or bar files")
    List<Path> data;

    @Option(names = "--timeframe", defaultValue = "H4",
            description = "the bars played and traded (default ${DEFAULT-VALUE}); with --strategy engine a list such as H4,D1: "
                    + "the finest plays the quotes, the coarser are delivered as bars and the engine trades on all")
    String timeframe;

    @Option(names = "--edges", defaultValue = "handset", paramLabel = "handset|bundled|fold|FILE",
            description = "the engine's edges: handset (the alphas' priors, Beta(2,3)), bundled (the artefact shipped "
                    + "with the engine), fold (fitted per fold on its training window, needs --candidates), or an "
                    + "artefact written by vprop edges fit (default ${DEFAULT-VALUE})")
    String edges;

    @Option(names = "--candidates", paramLabel = "FILE", description = "candidates recorded by vprop edges record (for --edges fold)")
    Path candidates;

    @Option(names = "--edges-gate", defaultValue = "none", paramLabel = "none|lower95",
            description = "with --edges fold: lower95 keeps a cell's edge only when its one-sided 95 % t lower bound after costs is positive (default ${DEFAULT-VALUE})")
    String edgesGate;

    @Option(names = "--models", defaultValue = "none", paramLabel = "none|tpsl|meta|meta-seq",
            description = "with --strategy engine: served models trained per fold on its training window (bars closed before "
                    + "its test start minus the embargo) wrapping the engine's win-probability port as in the sidecar: "
                    + "tpsl (the TP/SL classifier, one symbol), meta (meta-learner on its stage-1 classifier), meta-seq "
                    + "(with the GRU's heads among its inputs); docs/research/models-oos (default ${DEFAULT-VALUE})")
    String models;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "where the per-fold models are written (default: OUT/models)")
    Path modelsDir;

    @Option(names = "--strategy", defaultValue = "sma", paramLabel = "sma|engine|CLASS",
            description = "sma (io.vprop.research.strategies.SmaCrossStrategy: fast, slow, stop_atr, atr, risk_pct, tp_r), "
                    + "engine (the signal engine on --timeframe; grid names are SignalConfig fields such as slSigma, "
                    + "tp1Multiple, minGrade), or a class implementing io.vprop.strategy.Strategy with a public "
                    + "(java.util.Map<String, Double>) constructor (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--class-path", paramLabel = "DIR|JAR", split = ",", description = "where to find a --strategy CLASS")
    List<Path> classPath = new ArrayList<>();

    @Option(names = "--symbols", paramLabel = "LIST", description = "comma-separated symbols (default: every symbol in --data)")
    String symbols;

    @Option(names = "--from", paramLabel = "DATE", description = "history start, UTC (default: the first day every symbol has bars)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "history end, UTC (default: the last day every symbol has bars)")
    LocalDate to;

    @Option(names = "--mode", defaultValue = "rolling", description = "rolling or anchored training windows (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--train", defaultValue = "4y", description = "training window: 4y, 18m, 26w, 90d (default ${DEFAULT-VALUE})")
    String train;

    @Option(names = "--test", defaultValue = "1y", description = "test window (default ${DEFAULT-VALUE})")
    String test;

    @Option(names = "--embargo-days", defaultValue = "5", description = "training trades still open within this many days before a test window are dropped (default ${DEFAULT-VALUE})")
    int embargoDays;

    @Option(names = "--warmup", defaultValue = "90d", description = "data played before each window for indicators, nothing traded (default ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--grid", paramLabel = "SPEC|none",
            description = "parameter grid, or none for the strategy's defaults only (default: " + SMA_GRID + " for sma, none otherwise)")
    String grid;

    @Option(names = "--objective", defaultValue = "sharpe", description = "chosen on training: sharpe, sortino, pnl, expectancy_r (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--balance", defaultValue = "100000", description = "initial balance per symbol, USD (default ${DEFAULT-VALUE})")
    double balance;

    @Option(names = "--earlier-trials", defaultValue = "0", description = "configurations tried before this run, counted in the deflated Sharpe ratio (default ${DEFAULT-VALUE})")
    long earlierTrials;

    @Option(names = "--profile", defaultValue = "none", paramLabel = "FIRM|FILE.json|none",
            description = "firm rules the governors enforce in every unit (a halt ends the unit), or none (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--fx-rates", paramLabel = "PAIR=PRICE,…",
            description = "fixed conversion rates for currencies the data do not quote (e.g. USDCAD=1.35); only when given")
    String fxRates;

    @Option(names = "--calendar", paramLabel = "FILE", description = "economic calendar CSV (as calendar.file): each unit's "
            + "governors learn the high-impact releases of its symbol's currencies 24 h ahead, as the sidecar pushes them "
            + "live, so a profile's news rule applies (default: none)")
    Path calendar;

    @Option(names = "--intrabar-entries",
            description = "let the strategy open at any quote of the bar path (its extremes, in an assumed order); by "
                    + "default entries are taken at a bar's open or close quote only, docs/walkforward.md")
    boolean intrabarEntries;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "finished units, to resume after an interrupt (default: OUT/checkpoint.jsonl)")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where result.json and report.html go")
    Path out;

    @Mixin
    CostOptions costs = new CostOptions();

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "run the units on Apache Spark: local[N], spark://HOST:PORT, yarn, k8s://… (needs the research-spark "
                    + "module, which install/vprop adds; --data must be the same path on every executor; docs/research.md)")
    String sparkMaster;

    /** The runner and what it was prepared for: the same on the driver and, from {@link Recipe}, on a Spark executor. */
    record Built(BacktestUnitRunner runner, List<String> symbols, ParamGrid grid, BarLibrary library, List<Timeframe> tfs,
                 BacktestUnitRunner.Options options) {
    }

    Built build() {
        costs.check();
        List<Timeframe> tfs = parseTimeframes(timeframe);
        Timeframe tf = tfs.get(0);
        if (tfs.size() > 1 && !strategy.equals("engine"))
            throw new IllegalArgumentException("--timeframe " + timeframe + ": several timeframes need --strategy engine");
        if (!edges.equals("handset") && !strategy.equals("engine"))
            throw new IllegalArgumentException("--edges " + edges + " is for --strategy engine");
        BarLibrary library = new BarLibrary(data, BacktestSetup.clock(costs.serverTz, barFiles(tf)));
        ParamGrid parsedGrid = ParamGrid.parse(grid != null ? grid : strategy.equals("sma") ? SMA_GRID : "none");
        StrategyFactory factory = strategies(tfs);
        BacktestUnitRunner.Options options = options(tf).withCoarser(tfs.subList(1, tfs.size()))
                .withCodeVersion(CodeVersion.of(Backtester.class, PaperBroker.class,
                SignalEngine.class, FirmProfile.class, Bar.class, strategyClass, EdgeFit.class));
        BacktestUnitRunner runner = new BacktestUnitRunner(library, factory, options);
        List<String> list = symbols == null ? runner.symbols()
                : Arrays.stream(symbols.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        runner.prepare(list, parsedGrid);
        return new Built(runner, list, parsedGrid, library, tfs, options);
    }

    /**
     * How a Spark executor builds the same runner: this command's options as words (paths made absolute, so they name
     * the same files from the executor's working folder), parsed again there. The executor checks the runner's
     * fingerprint (bar files byte for byte, code, costs) against the driver's.
     */
    record Recipe(List<String> args) implements RunnerRecipe {
        @Override
        public UnitRunner create() {
            WalkforwardCommand c = new WalkforwardCommand();
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
            return c.build().runner();
        }
    }

    private Recipe recipe() {
        return new Recipe(SparkArgs.of(commandSpec.commandLine().getParseResult()));
    }

    @Override
    public void run() {
        Built built = build();
        BacktestUnitRunner runner = built.runner();
        List<String> list = built.symbols();
        ParamGrid parsedGrid = built.grid();
        LocalDate start = from, end = to;
        for (String s : list) {
            long[] span = runner.span(s);
            LocalDate first = day(span[0]).plusDays(1), last = day(span[1]);
            if (from == null && (start == null || first.isAfter(start))) start = first;
            if (to == null && (end == null || last.isBefore(end))) end = last;
        }
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.parse(mode), start, end, FoldPlan.parsePeriod(train),
                FoldPlan.parsePeriod(test), Duration.ofDays(embargoDays));
        WalkForwardSpec spec = new WalkForwardSpec(list, plan, parsedGrid, Objective.parse(objective),
                FoldPlan.parsePeriod(warmup), balance, earlierTrials, commandLine());
        UnitRunner units = runner;
        if (!edges.equals("handset") && !edges.equals("fold")) {
            long fitEnd = edges.equals("bundled") ? EdgeArtefact.bundledFitEndMs(built.tfs()) : EdgeArtefact.fitEndMs(Path.of(edges), built.tfs());
            long firstTest = plan.folds().get(0).testFromMs();
            if (firstTest < fitEnd)
                throw new IllegalArgumentException("--edges " + edges + " was fitted on data up to " + day(fitEnd)
                        + ": a test window from " + day(firstTest) + " would be in-sample; test after it, or use --edges fold");
        }
        if (edges.equals("fold")) {
            if (candidates == null) throw new IllegalArgumentException("--edges fold needs --candidates FILE (vprop edges record)");
            FoldEdgesRunner f = new FoldEdgesRunner(built.library(), built.tfs(), costs.seed, built.options(), plan.folds(),
                    CandidateRecording.read(candidates), EdgeArtefact.sha256(readAll(candidates)),
                    new EdgeFit.Params(EdgeFit.Params.defaults().priorCap(), gate()));
            f.prepare(list, parsedGrid);
            units = f;
        }
        PrintStream err = System.err;
        FoldModels.Arm arm = FoldModels.Arm.parse(models);
        if (arm != FoldModels.Arm.NONE) {
            if (!strategy.equals("engine")) throw new IllegalArgumentException("--models " + models + " is for --strategy engine");
            if (edges.equals("fold")) throw new IllegalArgumentException("--models with --edges fold is not supported");
            if (sparkMaster != null) throw new IllegalArgumentException("--models trains per fold on the driver: not with --spark-master");
            List<List<Bar>> series = new ArrayList<>();
            for (Path f : barFiles(built.tfs().get(0))) {
                List<Bar> b = io.vprop.models.data.BarFiles.readAll(f);
                if (!b.isEmpty() && list.contains(b.get(0).symbol())) series.add(b);
            }
            FoldModelsRunner m = new FoldModelsRunner(built.library(), built.tfs(), costs.seed, fixedEdges(), built.options(),
                    plan.folds(), arm, series, modelsDir != null ? modelsDir : out.resolve("models"), err);
            m.prepare(list, parsedGrid);
            units = m;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path cp = checkpoint != null ? checkpoint : out.resolve("checkpoint.jsonl");
        if (units != runner && sparkMaster != null)
            throw new IllegalArgumentException("--edges fold refits the edges per fold on the driver and runs on local threads; "
                    + "it cannot run with --spark-master (use --edges bundled or FILE there)");
        WalkForwardResult result;
        try (SweepExecutor executor = sparkMaster == null ? SweepExecutor.localThreads(n)
                : SweepExecutors.spark(sparkMaster, "vprop walkforward")) {
            err.printf(Locale.ROOT, "walkforward: %s%n  conversion: %s%n  %d symbols, %d folds (%s to %s), %d grid points: %,d training units on %s; checkpoint %s%n",
                    units.description(), String.join("; ", runner.conversions()), list.size(), plan.folds().size(), plan.from(),
                    plan.testedTo(), spec.grid().size(), (long) list.size() * plan.folds().size() * spec.grid().size(),
                    executor.description(), cp);
            result = WalkForward.run(spec, units, sparkMaster == null ? null : recipe(),
                    new SweepOptions(n, cp, err, System.console() != null, executor));
        } finally {
            if (units instanceof FoldModelsRunner m) m.close(); // the per-fold models' ONNX Runtime sessions
        }
        ReportWriter.Written w = ReportWriter.write(result, out);
        Stats o = result.overall();
        PrintStream stdout = System.out;
        stdout.printf(Locale.ROOT, "out of sample, after costs: %d trades, win rate %.1f %%, expectancy %.3f R (%.2f USD), net %.2f USD%n",
                o.trade().trades(), o.trade().winRatePct(), o.trade().expectancyR(), o.trade().expectancyUsd(), o.trade().pnlUsd());
        stdout.printf(Locale.ROOT, "Sharpe %.2f (annualised), max drawdown %.2f %%, PSR %.1f %%, DSR %.1f %% over %,d trials%n",
                o.sharpeAnnual(), o.maxDdPct(), o.psr() * 100, o.dsr() * 100, o.trials());
        stdout.printf(Locale.ROOT, "units: %d computed, %d from the checkpoint, %.1f s%n", result.run().computed(),
                result.run().reused(), result.run().seconds());
        stdout.println("report: " + w.html().toAbsolutePath());
        stdout.println("json:   " + w.json().toAbsolutePath());
    }

    /** The bar files of {@code tf} the --data paths name (folders listed), to decide whether they need --server-tz. */
    private List<Path> barFiles(Timeframe tf) {
        List<Path> files = new ArrayList<>();
        for (Path p : data) {
            if (!Files.isDirectory(p)) {
                if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--data " + p + ": no such file or folder");
                files.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> Files.isRegularFile(f) && MarketFiles.timeframeFromFileName(f) == tf).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("--data " + p + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) throw new IllegalArgumentException("--data " + data + ": no " + tf + " bar files (--timeframe " + tf + ")");
        return files;
    }

    private boolean gate() {
        return switch (edgesGate) {
            case "none" -> false;
            case "lower95" -> true;
            default -> throw new IllegalArgumentException("--edges-gate " + edgesGate + ": none or lower95");
        };
    }

    static List<Timeframe> parseTimeframes(String text) {
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : text.split(",")) if (!t.isBlank()) tfs.add(Timeframe.parse(t.trim()));
        if (tfs.isEmpty() || tfs.stream().distinct().count() != tfs.size())
            throw new IllegalArgumentException("--timeframe " + text + ": one or more distinct timeframes, e.g. H4 or H4,D1");
        tfs.sort(java.util.Comparator.comparingLong(Timeframe::millis));
        return tfs;
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private EdgeTable fixedEdges() {
        return switch (edges) {
            case "handset", "fold" -> null;
            case "bundled" -> EdgeArtefact.bundled();
            default -> EdgeArtefact.read(Path.of(edges));
        };
    }

    /** The strategies' factory; remembers the strategy's class for the code version. */
    private StrategyFactory strategies(List<Timeframe> tfs) {
        Timeframe tf = tfs.get(0);
        switch (strategy) {
            case "sma" -> {
                strategyClass = SmaCrossStrategy.class;
                return StrategyFactory.ofClass(SmaCrossStrategy.class);
            }
            case "engine" -> {
                strategyClass = SignalEngineStrategy.class;
                return StrategyFactory.engine(tfs, costs.seed, fixedEdges());
            }
            default -> {
                Class<? extends Strategy> c = StrategyClasses.load(strategy, classPath, "sma, engine");
                strategyClass = c;
                return StrategyFactory.ofClass(c);
            }
        }
    }

    private BacktestUnitRunner.Options options(Timeframe tf) {
        FirmProfile firm = BacktestSetup.profile(profile);
        Map<String, Double> rates;
        try {
            rates = CurrencyConverter.parseFixedRates(fxRates);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fx-rates: " + e.getMessage(), e);
        }
        try {
            BacktestUnitRunner.Options o = new BacktestUnitRunner.Options(tf, costs.instrumentTable(), costs.barPath(),
                    costs.spreadPoints, costs.commission, costs.slippage, costs.seed, costs.leverage, firm,
                    firm == null ? "" : profile, rates, intrabarEntries, "");
            return calendar == null ? o : o.withNews(BacktestSetup.news(calendar, null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("walkforward options: " + e.getMessage(), e);
        }
    }

    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("vprop")); // the original arguments start at the subcommand
        for (String a : commandSpec.commandLine().getParseResult().originalArgs()) words.add(quote(a));
        return words.stream().collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,@%+-]+")) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
