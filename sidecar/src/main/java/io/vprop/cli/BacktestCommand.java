package io.vprop.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.ops.log.LogSetup;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestListener;
import io.vprop.research.backtest.Backtester;
import io.vprop.market.io.FileReadCounts;
import io.vprop.market.io.MarketDataException;
import io.vprop.research.backtest.MarketFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vprop backtest}: a strategy over tick or bar files, in-process on the live path's code (research's
 * {@link Backtester}), with a progress bar on stderr, a short summary on stdout and the whole result as JSON
 * (docs/backtesting.md). Bad input ends with exit code 1 and a message naming the option and the value.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a strategy over tick or bar files in-process, with the paper broker's fills and the firm's governors.",
                "MT5 exports are in their broker's server time: say which with --server-tz (the shared files: UTC)."})
final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--strategy", defaultValue = "demo", paramLabel = "demo|sma|engine|CLASS",
            description = "demo (EMA crossover), sma (SmaCrossStrategy with its defaults), engine (the signal engine) or the fully qualified name of a class implementing "
                    + "io.vprop.strategy.Strategy with a public no-argument constructor (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--class-path", paramLabel = "DIR|JAR", split = ",",
            description = "where to find a --strategy CLASS (repeatable, or comma separated)")
    List<Path> classPath = new ArrayList<>();

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
            description = "tick files, or bar files (MT5 export or CSV, .gz ok), one symbol each; several are played together in time order")
    List<Path> data;

    @Option(names = "--profile", defaultValue = "ftmo-2step", paramLabel = "FIRM|FILE.json|none",
            description = "firm profile the governors enforce, or none (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--balance", defaultValue = "100000", paramLabel = "USD", description = "initial balance, USD (default: ${DEFAULT-VALUE})")
    double balance;

    @Option(names = "--from", paramLabel = "DATE|TIME", description = "first instant played, UTC: 2014-05-06 or 2014-05-06T07:00")
    String from;

    @Option(names = "--to", paramLabel = "DATE|TIME", description = "end of the period (exclusive), UTC")
    String to;

    @Option(names = "--latency", defaultValue = "0", paramLabel = "MS", description = "order latency, ms of market time (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--margin-mode", defaultValue = "hedging", paramLabel = "hedging|netting", description = "(default: ${DEFAULT-VALUE})")
    String marginMode;

    @Option(names = "--calendar", paramLabel = "FILE", description = "economic calendar CSV (as calendar.file: DateTime,Currency,"
            + "Impact,Event,...): its high-impact releases of the data's currencies reach the governors 24 h ahead, as the "
            + "sidecar pushes them live, so the profile's news rule blocks entries and cancels resting orders (default: none, "
            + "as calendar.file's default)")
    Path calendar;

    @Option(names = "--continue-after-halt", description = "play to the end after the governors halt the account (default: stop there)")
    boolean continueAfterHalt;

    @Option(names = "--out", paramLabel = "FILE", description = "write the result (trades, equity, breaches, counters) as JSON")
    Path out;

    @Option(names = "--json", description = "print the result as JSON (as --out writes it) instead of the summary table")
    boolean json;

    @Mixin
    CostOptions costs = new CostOptions();

    @Mixin
    BadRowsOption badRows = new BadRowsOption();

    @Override
    public Integer call() throws IOException {
        try {
            return backtest();
        } catch (MarketDataException e) {
            System.err.println(BadRowsOption.errorLine(e));
            return 1;
        }
    }

    private int backtest() throws IOException {
        LogSetup.warningsOnly("io.vprop.risk");              // "governors for backtest/1: …" would interleave the summary
        badRows.mode();                                      // a bad value is refused before anything is read
        if (json) LogSetup.warningsOnly("io.vprop");          // stdout carries the JSON alone
        BacktestSetup setup = BacktestSetup.of(this);
        PrintStream err = System.err;
        long rows = setup.rowsToRead();
        err.printf("backtest: %s on %s, server time %s%n", setup.strategyName(), setup.describeData(), setup.clock().describe());
        for (String finding : setup.findings()) err.println("warning: " + finding);
        ReplayCommand.Progress bar = new ReplayCommand.Progress(err, rows, System.console() != null, "rows");
        long t0 = System.nanoTime();
        List<FileReadCounts> reads = new ArrayList<>();
        MarketFeed feed = setup.feed(reads);
        BacktestResult result = new Backtester(setup.config(), new BacktestListener() {
            @Override
            public void progress(long events, long marketTimeMs) { bar.show(BadRowsOption.linesRead(reads)); }
        }).run(setup.strategy(), feed);
        bar.done(BadRowsOption.linesRead(reads));
        double seconds = (System.nanoTime() - t0) / 1e9;
        BacktestSummary summary = new BacktestSummary(result, seconds, setup, reads);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", summary.run());
        document.putAll(JSON.convertValue(result, Map.class));
        if (json) System.out.println(JSON.writeValueAsString(document));
        else summary.print(System.out);
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            JSON.writeValue(out.toFile(), document);
            (json ? System.err : System.out).println("  written to        " + out);
        }
        return 0;
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
}
