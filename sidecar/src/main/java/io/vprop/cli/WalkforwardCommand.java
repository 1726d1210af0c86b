package io.vprop.cli;

import io.vprop.market.Timeframe;
import io.vprop.research.report.ReportWriter;
import io.vprop.research.stats.Stats;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.testrunner.SmaCrossTestRunner;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
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
import java.util.stream.Collectors;

/**
 * {@code vprop walkforward}: folds, a parameter grid chosen on each training window, results on the test windows
 * only, as result.json and report.html. Until the live-code backtester plugs in, the units run on the research
 * module's TEST RUNNER (an SMA crossover evaluated directly on bar files).
 */
@Command(name = "walkforward", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk-forward over bar files: parameters chosen on each fold's training window, results on the "
                + "test windows only, after costs; writes result.json and report.html (opens offline).",
                "NOTE: units run on the TEST RUNNER (an SMA crossover on the bar files with a fixed spread and "
                        + "commission), not the live-code backtester, which is not plugged in yet."})
final class WalkforwardCommand implements Runnable {
    @Spec
    CommandSpec commandSpec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "folder of bar files named SYMBOL_…_TF_….bars.csv.gz (e.g. shared/data/bars/h4_d1)")
    Path data;

    @Option(names = "--timeframe", defaultValue = "H4", description = "bar timeframe (default ${DEFAULT-VALUE})")
    String timeframe;

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

    @Option(names = "--embargo-days", defaultValue = "5", description = "training trades open within this many days before a test window are dropped (default ${DEFAULT-VALUE})")
    int embargoDays;

    @Option(names = "--warmup", defaultValue = "90d", description = "data read before each window for indicators (default ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--grid", defaultValue = "fast=5..50:5,slow=60..150:10", description = "parameter grid (default ${DEFAULT-VALUE}, 100 points); the test runner reads fast, slow and optionally stop_atr")
    String grid;

    @Option(names = "--objective", defaultValue = "sharpe", description = "chosen on training: sharpe, sortino, pnl, expectancy_r (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--balance", defaultValue = "100000", description = "initial balance per symbol, USD (default ${DEFAULT-VALUE})")
    double balance;

    @Option(names = "--earlier-trials", defaultValue = "0", description = "configurations tried before this run, counted in the deflated Sharpe ratio (default ${DEFAULT-VALUE})")
    long earlierTrials;

    @Option(names = "--spread-points", defaultValue = "15", description = "test runner: spread in points (default ${DEFAULT-VALUE})")
    double spreadPoints;

    @Option(names = "--commission-usd", defaultValue = "3.5", description = "test runner: commission per lot per side, USD (default ${DEFAULT-VALUE})")
    double commission;

    @Option(names = "--risk-pct", defaultValue = "0.5", description = "test runner: risk per trade, %% of balance (default ${DEFAULT-VALUE})")
    double riskPct;

    @Option(names = "--stop-atr", defaultValue = "2.0", description = "test runner: stop distance in ATR(14) unless the grid has stop_atr (default ${DEFAULT-VALUE})")
    double stopAtr;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "finished units, to resume after an interrupt (default: OUT/checkpoint.jsonl)")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where result.json and report.html go")
    Path out;

    @Override
    public void run() {
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": no such folder");
        Timeframe tf = Timeframe.parse(timeframe);
        SmaCrossTestRunner runner = new SmaCrossTestRunner(data, tf,
                new SmaCrossTestRunner.Config(spreadPoints, commission, riskPct, stopAtr, 14));
        List<String> list = symbols == null ? runner.symbols()
                : Arrays.stream(symbols.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        runner.prepare(list);
        LocalDate start = from, end = to;
        for (String s : list) {
            long[] span = runner.span(s);
            LocalDate first = day(span[0]).plusDays(1), last = day(span[1]);
            if (from == null && (start == null || first.isAfter(start))) start = first;
            if (to == null && (end == null || last.isBefore(end))) end = last;
        }
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.parse(mode), start, end, FoldPlan.parsePeriod(train),
                FoldPlan.parsePeriod(test), Duration.ofDays(embargoDays));
        WalkForwardSpec spec = new WalkForwardSpec(list, plan, ParamGrid.parse(grid), Objective.parse(objective),
                FoldPlan.parsePeriod(warmup), balance, earlierTrials, commandLine());
        PrintStream err = System.err;
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path cp = checkpoint != null ? checkpoint : out.resolve("checkpoint.jsonl");
        err.printf(Locale.ROOT, "walkforward: %s%n  %d symbols, %d folds (%s to %s), %d grid points: %,d training units on %d threads; checkpoint %s%n",
                runner.description(), list.size(), plan.folds().size(), plan.from(), plan.testedTo(), spec.grid().size(),
                (long) list.size() * plan.folds().size() * spec.grid().size(), n, cp);
        WalkForwardResult result = WalkForward.run(spec, runner, new SweepOptions(n, cp, err, System.console() != null));
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
