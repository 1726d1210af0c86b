package io.vprop.cli;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.edges.Candidate;
import io.vprop.research.edges.CandidateRecording;
import io.vprop.research.edges.EdgeArtefact;
import io.vprop.research.edges.EdgeFit;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.edge.EdgeTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code vprop edges}: the signal engine's edges measured on the backtester. {@code record} writes every candidate the
 * alphas emit with its outcome after costs; {@code fit} estimates each cell's edge on a training window (shrunk toward
 * zero by evidence) and writes the versioned artefact the engine reads (docs/signal-engine.md, Fitted edges).
 */
@Command(name = "edges", mixinStandardHelpOptions = true,
        description = "The signal engine's edges: record the alphas' candidates with their outcomes after costs, fit "
                + "each cell's edge on a training window, write the versioned artefact (docs/signal-engine.md).",
        subcommands = {EdgesCommand.Record.class, EdgesCommand.Fit.class, EdgesCommand.Merge.class, EdgesCommand.Report.class})
final class EdgesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    /** What both subcommands read. */
    static class DataOptions {
        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR|FILE",
                description = "folders of bar files (e.g. shared/data/bars/h4_d1), or bar files; an MT5 tick file (*.ticks.*) is read as M1 bars of its bids")
        List<Path> data;

        @Option(names = "--timeframe", defaultValue = "H4,D1",
                description = "the engine's timeframes (default ${DEFAULT-VALUE}); intraday = M5,M15,H1")
        String timeframe;

        @Option(names = "--quotes", paramLabel = "TF",
                description = "the data's bar timeframe that plays the quotes (default: the finest --timeframe); M1 for M1 bars "
                        + "and tick files, the engine then builds its coarser timeframes from those quotes")
        String quotes;

        @Option(names = "--regime-timeframe", paramLabel = "TF",
                description = "the timeframe the engine reads its regime on (default: M15 with --timeframe intraday, as the live "
                        + "intraday engine; else the finest --timeframe)")
        String regimeTimeframe;

        @Option(names = "--symbols", paramLabel = "LIST", description = "comma-separated symbols (default: every symbol in --data)")
        String symbols;

        @Option(names = "--warmup", defaultValue = "90d", description = "data played before recording starts (default ${DEFAULT-VALUE})")
        String warmup;

        @Option(names = "--threads", defaultValue = "1", description = "symbols recorded at once (default ${DEFAULT-VALUE})")
        int threads;

        @Mixin
        CostOptions costs = new CostOptions();

        List<Timeframe> tfs() {
            return timeframe.equalsIgnoreCase("intraday") ? io.vprop.signal.SignalConfig.INTRADAY
                    : WalkforwardCommand.parseTimeframes(timeframe);
        }

        Timeframe quoteTf() { return quotes == null ? tfs().get(0) : Timeframe.valueOf(quotes.trim().toUpperCase(Locale.ROOT)); }

        Timeframe regimeTf() {
            if (regimeTimeframe != null) return Timeframe.valueOf(regimeTimeframe.trim().toUpperCase(Locale.ROOT));
            return timeframe.equalsIgnoreCase("intraday") ? Timeframe.M15 : tfs().get(0);
        }

        BarLibrary library() {
            return new BarLibrary(data, BacktestSetup.clock(costs.serverTz, files(quoteTf())));
        }

        private List<Path> files(Timeframe tf) {
            List<Path> out = new ArrayList<>();
            for (Path p : data) {
                if (!Files.isDirectory(p)) { out.add(p); continue; }
                try (var s = Files.list(p)) {
                    s.filter(f -> io.vprop.market.io.MarketFiles.timeframeFromFileName(f) == tf).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }

        List<String> symbols(BarLibrary library) {
            if (symbols == null) return new ArrayList<>(library.symbols(quoteTf()));
            return Arrays.stream(symbols.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        }

        BacktestUnitRunner.Options options() {
            costs.check();
            return new BacktestUnitRunner.Options(quoteTf(), costs.instrumentTable(), costs.barPath(), costs.spreadPoints,
                    costs.commission, costs.slippage, costs.seed, costs.leverage, null, "", Map.of(), false, "");
        }

        long warmupMs() {
            LocalDate d = LocalDate.of(2000, 1, 1);
            return d.plus(FoldPlan.parsePeriod(warmup)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    - d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }

        List<Candidate> record(BarLibrary library, List<String> list, long fromMs, long toMs) {
            long t0 = System.nanoTime();
            System.err.printf(Locale.ROOT, "edges: recording %d symbols on %s (quotes %s, regime %s) …%n", list.size(), tfs(),
                    quoteTf(), regimeTf());
            List<Candidate> c = CandidateRecording.record(library, list, tfs(), regimeTf(), options(), warmupMs(), fromMs, toMs, threads);
            System.err.printf(Locale.ROOT, "edges: %,d candidates in %.1f s%n", c.size(), (System.nanoTime() - t0) / 1e9);
            return c;
        }
    }

    static long ms(LocalDate d, long otherwise) {
        return d == null ? otherwise : d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Every candidate the engine's alphas emit at a bar's open or close quote, with its outcome per lot "
                    + "at the engine's stop geometry after the instruments' costs, as CSV (gzip).")
    static final class Record implements Runnable {
        @Mixin
        DataOptions in = new DataOptions();

        @Option(names = "--from", paramLabel = "DATE", description = "first entry day, UTC (default: after the warm-up)")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "entries before this day, UTC (default: all)")
        LocalDate to;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv.gz")
        Path out;

        @Override
        public void run() {
            BarLibrary library = in.library();
            List<Candidate> c = in.record(library, in.symbols(library), ms(from, Long.MIN_VALUE / 4), ms(to, Long.MAX_VALUE));
            CandidateRecording.write(c, out);
            System.out.println("candidates: " + c.size() + " -> " + out.toAbsolutePath());
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fits each cell's edge (alpha × timeframe × symbol class × regime × session) on the candidates "
                    + "that entered in [--from, --to) and were flat before --to minus the embargo, shrunk toward zero by "
                    + "evidence; writes the versioned artefact (command, data SHA-256s, parameters, code version).")
    static final class Fit implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions in = new DataOptions();

        @Option(names = "--candidates", paramLabel = "FILE.csv.gz",
                description = "recorded candidates to fit on (vprop edges record over the same --data); recorded now when absent, and written there when named")
        Path candidates;

        @Option(names = "--from", paramLabel = "DATE", description = "first entry day of the training window, UTC (default: the data's)")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE",
                description = "end of the training window, UTC: nothing at or after it (nor in the embargo before it) is fitted on; keep the final test period after it")
        LocalDate to;

        @Option(names = "--embargo-days", defaultValue = "5", description = "candidates still open within this many days before --to are dropped (default ${DEFAULT-VALUE})")
        int embargoDays;

        @Option(names = "--prior-cap", defaultValue = "30", description = "largest evidence, in pseudo-trades, of a fitted bandit prior (default ${DEFAULT-VALUE})")
        double priorCap;

        @Option(names = "--variance", defaultValue = "cell", paramLabel = "cell|pooled-floor",
                description = "a cell's variance: its own (cell), or at least the pooled variance of all candidates "
                        + "(pooled-floor: for short data, where one trade seen on many overlapping quotes has a variance near 0; "
                        + "default ${DEFAULT-VALUE})")
        String variance;

        @Option(names = "--out", required = true, paramLabel = "FILE.json")
        Path out;

        @Override
        public void run() {
            if (!variance.equals("cell") && !variance.equals("pooled-floor"))
                throw new IllegalArgumentException("--variance " + variance + ": cell or pooled-floor");
            BarLibrary library = in.library();
            List<String> list = in.symbols(library);
            List<Candidate> all;
            if (candidates != null && Files.exists(candidates)) {
                all = CandidateRecording.read(candidates);
            } else {
                all = in.record(library, list, Long.MIN_VALUE / 4, Long.MAX_VALUE);
                if (candidates != null) CandidateRecording.write(all, candidates);
            }
            Map<String, String> hashes = new TreeMap<>();
            java.util.Set<Timeframe> read = new java.util.TreeSet<>(in.tfs());
            read.add(in.quoteTf());
            for (String s : list)
                for (Timeframe tf : read)
                    if (library.has(s, tf)) hashes.put(library.file(s, tf).getFileName().toString(), library.sha256(s, tf));
            long toMs = ms(to, 0), cutoff = toMs - embargoDays * 86_400_000L;
            List<Candidate> used = EdgeFit.window(all.stream().filter(c -> list.contains(c.symbol())).toList(),
                    ms(from, Long.MIN_VALUE / 4), cutoff);
            EdgeFit.Result fit = EdgeFit.fit(used, new EdgeFit.Params(priorCap, false, variance.equals("pooled-floor")));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("symbols", list);
            params.put("timeframes", in.tfs().stream().map(Enum::name).toList());
            if (in.quotes != null) params.put("quotes", in.quoteTf().name());
            if (in.regimeTimeframe != null || in.regimeTf() != in.tfs().get(0)) params.put("regime_timeframe", in.regimeTf().name());
            params.put("fit_from_utc", from == null ? null : from.toString());
            params.put("fit_to_utc", to.toString());
            params.put("embargo_days", embargoDays);
            params.put("warmup", in.warmup);
            params.put("seed", in.costs.seed);
            params.put("prior_cap", priorCap);
            params.put("max_bars", CandidateRecording.MAX_BARS);
            params.put("costs", in.options().spreadPoints() == null ? "instrument table: spread by session, commission, swaps" : "spread " + in.costs.spreadPoints);
            params.put("bars_mode", in.costs.barsMode);
            if (!variance.equals("cell")) params.put("variance", variance);
            String cl = "vprop " + spec.commandLine().getParseResult().originalArgs().stream().map(WalkforwardCommand::quote)
                    .collect(Collectors.joining(" "));
            String code = CodeVersion.of(Backtester.class, PaperBroker.class, SignalEngine.class, Bar.class, EdgeFit.class);
            byte[] bytes = EdgeArtefact.write(fit, new EdgeArtefact.Provenance(cl, code, hashes, params));
            try {
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                Files.write(out, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            long positive = fit.cells().stream().filter(c -> c.shrunkNetR() > 0).count();
            System.out.printf(Locale.ROOT, "fitted %,d candidates (of %,d) into %d cells, tau^2 %.6f; %d cells with a positive net edge%n",
                    used.size(), all.size(), fit.cells().size(), fit.tau2(), positive);
            System.out.println("edges: " + out.toAbsolutePath());
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merges artefacts fitted on different data sets (H4/D1, EURUSD H1, M1, ticks) into one versioned "
                    + "artefact: every part's provenance verbatim, and per (timeframe, symbol class) the cells of the first "
                    + "part, in the order given, that has any; per regime timeframe the bandit priors of the first part "
                    + "read on it. Byte-identical for the same parts; an edited part is refused.")
    static final class Merge implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--part", required = true, paramLabel = "NAME=FILE.json",
                description = "a part: a name and an artefact written by vprop edges fit (repeatable; earlier parts take precedence)")
        List<String> parts;

        @Option(names = "--out", required = true, paramLabel = "FILE.json")
        Path out;

        @Override
        public void run() {
            List<EdgeArtefact.Part> list = new ArrayList<>();
            for (String p : parts) {
                int eq = p.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("--part " + p + ": NAME=FILE.json");
                try {
                    list.add(new EdgeArtefact.Part(p.substring(0, eq), Files.readAllBytes(Path.of(p.substring(eq + 1)))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + p.substring(eq + 1) + ": " + e.getMessage(), e);
                }
            }
            String cl = "vprop " + spec.commandLine().getParseResult().originalArgs().stream().map(WalkforwardCommand::quote)
                    .collect(Collectors.joining(" "));
            byte[] bytes = EdgeArtefact.merge(list, cl);
            try {
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                Files.write(out, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            EdgeTable t = EdgeArtefact.read(out);
            System.out.printf(Locale.ROOT, "merged %d parts into %d cells: %s%n", list.size(), t.size(), t.version());
            System.out.println("edges: " + out.toAbsolutePath());
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "The edges report's numbers as Markdown from walk-forward results, the trial ledger and the artefact.")
    static final class Report implements Runnable {
        @Option(names = "--run", required = true, paramLabel = "NAME=WHAT=DIR", description = "a walk-forward output folder (repeatable)")
        List<String> runs;

        @Option(names = "--ledger", paramLabel = "FILE") Path ledger;

        @Option(names = "--artefact", paramLabel = "FILE") Path artefact;

        @Option(names = "--out", required = true, paramLabel = "FILE.md") Path out;

        @Override
        public void run() {
            List<io.vprop.research.edges.EdgesReport.Run> list = new ArrayList<>();
            for (String r : runs) {
                String[] f = r.split("=", 3);
                if (f.length != 3) throw new IllegalArgumentException("--run " + r + ": NAME=WHAT=DIR");
                list.add(new io.vprop.research.edges.EdgesReport.Run(f[0], f[1], Path.of(f[2])));
            }
            try {
                Files.writeString(out, io.vprop.research.edges.EdgesReport.markdown(list, ledger, artefact));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            System.out.println("report: " + out.toAbsolutePath());
        }
    }
}
