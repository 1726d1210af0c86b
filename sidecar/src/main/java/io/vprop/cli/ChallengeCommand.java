package io.vprop.cli;

import io.vprop.analytics.JournalHistory;
import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.risk.RiskDefaults;
import io.vprop.challenge.history.HistoryFormat;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.history.HistoryImportException;
import io.vprop.challenge.history.ImportOptions;
import io.vprop.challenge.sim.ChallengeLab;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabHtml;
import io.vprop.challenge.sim.LabInput;
import io.vprop.challenge.sim.LabRecipe;
import io.vprop.challenge.sim.PathExecutor;
import io.vprop.challenge.sim.LabJson;
import io.vprop.challenge.sim.LabResult;
import io.vprop.challenge.sim.LabSpec;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.journal.JournalReader;
import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepExecutors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code vprop challenge}: the challenge lab on a trade history (an MT5 report, a CSV, a VProp research result, or
 * the live journal's closed trades): P(pass) per firm with its interval, failure reasons, days to pass, the funded
 * account's survival and the risk curve (docs/challenge-lab.md, "vprop challenge"). A progress bar on stderr, a
 * summary on stdout, result.json and report.html with {@code --out}. Bad input ends with exit code 1 and a message.
 */
@Command(name = "challenge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a trade history through prop firms' exact rules: how likely it passes each challenge and keeps "
                + "the funded account, at a risk per trade, and how that changes with the risk.",
                "The history: an MT5 account or Strategy Tester report (HTML, Excel), a CSV of deals or positions, "
                        + "vprop walkforward's result.json (out-of-sample trades) or vprop backtest's JSON; or --journal."})
final class ChallengeCommand implements Callable<Integer> {
    private static final Pattern CURVE = Pattern.compile("\\s*([0-9.]+)\\s*\\.\\.\\s*([0-9.]+)\\s*:\\s*([0-9.]+)\\s*");

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the trade history (its format is read from its content)")
    Path file;

    @Option(names = "--journal", paramLabel = "FILE", description = "the closed trades of a sidecar journal (data.dir/sidecar.db) instead of FILE")
    Path journal;

    @Option(names = "--peer", paramLabel = "TERMINAL", description = "with --journal: the terminal whose trades to take (needed when the journal has several)")
    String peer;

    @Option(names = "--server-tz", paramLabel = "ZONE", description = "the broker server's clock of MT5 reports and CSVs: "
            + "Broker/US-DST ('New York close': GMT+2, GMT+3 while New York is on summer time; most FX brokers), "
            + "Broker/EU-DST, an IANA zone (Europe/Athens) or an offset (UTC+02:00); required for those formats")
    String serverTz;

    @Option(names = "--currency", paramLabel = "CCY", description = "the account currency when the source does not state it (CSV, --journal)")
    String currency;

    @Option(names = "--firm", split = ",", paramLabel = "ID", description = "bundled firm id(s), repeatable or comma "
            + "separated (default: all: ftmo-2step, ftmo-1step, fundednext-stellar-2step, the5ers-high-stakes, e8-one, "
            + "fundingpips-2step, topstep-50k)")
    List<String> firms = new ArrayList<>();

    @Option(names = "--balance", defaultValue = "100000", paramLabel = "MONEY", description = "account size of every phase, in the history's currency (default: ${DEFAULT-VALUE})")
    double balance;

    @Option(names = "--risk", defaultValue = "1", paramLabel = "PCT|recorded", description = "risk per trade, %% of the balance, "
            + "for the main results; 'recorded' replays the trades at their own size (default: ${DEFAULT-VALUE})")
    String risk;

    @Option(names = "--risk-curve", defaultValue = "0.25..3:0.25", paramLabel = "FROM..TO:STEP|none", description = "risk "
            + "per trade grid of the risk curve, %% (default: ${DEFAULT-VALUE}); none = no curve")
    String riskCurve;

    @Option(names = "--curve-paths", defaultValue = "2000", paramLabel = "N", description = "bootstrap paths per risk-curve point (default: ${DEFAULT-VALUE})")
    int curvePaths;

    @Option(names = "--method", defaultValue = "both", paramLabel = "historical|bootstrap|both", description = "historical "
            + "start dates, the stationary block bootstrap, or both (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--paths", defaultValue = "10000", paramLabel = "N", description = "bootstrap paths per firm (default: ${DEFAULT-VALUE})")
    int paths;

    @Option(names = "--seed", defaultValue = "1", description = "the one seed: the same seed gives the same result on any thread count (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--breach-bound", defaultValue = "20", paramLabel = "PCT", description = "the best risk on the curve "
            + "has P(breach) at most this, %% (default: ${DEFAULT-VALUE})")
    double breachBoundPct;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "run the paths on Apache Spark: local[N], spark://HOST:PORT, yarn, k8s://… (needs the research-spark "
                    + "module, which install/vprop adds; FILE must be the same path on every executor; docs/research.md)")
    String sparkMaster;

    @Spec
    CommandSpec commandSpec;

    /** How a Spark executor builds the same history and spec: this command's arguments, parsed again there. */
    record Recipe(List<String> args) implements LabRecipe {
        @Override
        public LabInput create() {
            ChallengeCommand c = new ChallengeCommand();
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
            TradeHistory h = c.history();
            return new LabInput(h, c.spec(h));
        }
    }

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores; the result does not depend on it)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "write result.json and report.html (charts: risk curve, days to pass, failure reasons)")
    Path out;

    @Option(names = "--json", description = "print the result JSON on stdout (the summary goes to stderr)")
    boolean json;

    @Option(names = "--write-risk-default", paramLabel = "FILE", description = "write each firm's risk per trade chosen "
            + "from its risk curve (highest P(pass) with P(breach) <= --breach-bound; none: the lowest risk and the lab's "
            + "verdict) as a vprop-risk-default-v1 file, the sidecar's risk.lab.file (docs/challenge-lab.md)")
    Path riskDefault;

    @Override
    public Integer call() throws IOException {
        TradeHistory history = history();
        LabSpec spec = spec(history);
        PrintStream err = System.err;
        err.printf(Locale.ROOT, "challenge: %s%n  %,d trades, %d firms, %s; risk %s, balance %,.0f %s%n", history.source(),
                history.trades().size(), spec.firms().size(), methods(spec), riskText(spec.riskPctPerTrade()), spec.initialBalance(),
                spec.currency());
        LabResult result;
        try (ChallengeProgressBar bar = new ChallengeProgressBar(err, System.console() != null)) {
            if (sparkMaster == null) {
                result = ChallengeLab.run(history, spec, bar);
            } else {
                try (SweepExecutor executor = SweepExecutors.spark(sparkMaster, "vprop challenge")) {
                    if (!(executor instanceof PathExecutor paths)) {
                        throw new IllegalStateException("--spark-master: " + executor.description() + " cannot run the lab's paths");
                    }
                    err.println("  paths on " + executor.description());
                    result = ChallengeLab.run(history, spec, bar, paths,
                            new Recipe(SparkArgs.of(commandSpec.commandLine().getParseResult())));
                }
            }
        }
        PrintStream summary = json ? err : System.out;
        ChallengeSummary.print(result, summary);
        String text = LabJson.write(result);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("result.json"), text + "\n", StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report.html"), LabHtml.render(result), StandardCharsets.UTF_8);
            summary.println("report: " + out.resolve("report.html").toAbsolutePath());
            summary.println("json:   " + out.resolve("result.json").toAbsolutePath());
        }
        if (riskDefault != null) {
            String cl = "vprop " + commandSpec.commandLine().getParseResult().originalArgs().stream()
                    .map(WalkforwardCommand::quote).collect(Collectors.joining(" "));
            byte[] bytes = RiskDefaults.write(result, cl, file == null ? journal.getFileName().toString() : file.toString(),
                    file == null ? "" : RiskDefaults.sha256(Files.readAllBytes(file)), spec.gridPaths());
            if (riskDefault.toAbsolutePath().getParent() != null) Files.createDirectories(riskDefault.toAbsolutePath().getParent());
            Files.write(riskDefault, bytes);
            summary.println("risk default: " + riskDefault.toAbsolutePath());
        }
        if (json) System.out.println(text);
        return 0;
    }

    private TradeHistory history() {
        if ((file == null) == (journal == null))
            throw new IllegalArgumentException(file == null ? "give a trade history FILE or --journal FILE"
                    : "give either FILE or --journal, not both");
        if (journal != null) {
            if (!Files.isRegularFile(journal)) throw new IllegalArgumentException("--journal " + journal + ": no such file");
            if (currency == null || currency.isBlank())
                throw new IllegalArgumentException("--currency: required with --journal (the journal does not hold the account currency)");
            try (JournalReader r = JournalReader.open(journal)) {
                return JournalHistory.read(r, peer, currency, journal.getFileName() + " (live journal)");
            }
        }
        if (peer != null) throw new IllegalArgumentException("--peer goes with --journal");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        try {
            HistoryFormat format = HistoryImport.detect(file);
            if (format.needsServerZone() && serverTz == null)
                throw new IllegalArgumentException("--server-tz: required for " + file.getFileName() + " (" + format.title()
                        + "): MT5 writes every time in the broker's server time; most FX brokers run Broker/US-DST "
                        + "(GMT+2, GMT+3 while New York is on summer time)");
            if (serverTz == null) return HistoryImport.read(file);
            ImportOptions options;
            try {
                options = new ImportOptions(serverTz).withCurrency(currency);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--server-tz " + serverTz + ": " + e.getMessage(), e);
            }
            TradeHistory h = HistoryImport.read(file, options);
            if (h.currency().isEmpty())
                throw new IllegalArgumentException("--currency: required for " + file.getFileName() + " (" + format.title()
                        + " does not state the account currency)");
            return h;
        } catch (HistoryImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private LabSpec spec(TradeHistory h) {
        List<FirmPlan> plans = new ArrayList<>();
        List<String> ids = firms.isEmpty() || firms.equals(List.of("all")) ? ProfileLoader.BUNDLED : firms;
        for (String id : ids) {
            if (!ProfileLoader.BUNDLED.contains(id.strip()))
                throw new IllegalArgumentException("--firm " + id + ": not a bundled firm (" + String.join(", ", ProfileLoader.BUNDLED) + ")");
            plans.add(FirmPlan.bundled(id.strip()));
        }
        if (!(balance > 0)) throw new IllegalArgumentException("--balance: must be > 0, got " + balance);
        double riskPct;
        if (risk.equals("recorded")) riskPct = Double.NaN;
        else {
            try {
                riskPct = Double.parseDouble(risk);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--risk " + risk + ": a percentage (1 = 1 % of the balance) or 'recorded'");
            }
            if (!(riskPct > 0 && riskPct <= 100)) throw new IllegalArgumentException("--risk " + risk + ": must be in (0, 100] %");
        }
        List<Double> grid = riskCurve.equals("none") ? List.of() : curve(riskCurve);
        if (riskDefault != null && riskCurve.equals("none"))
            throw new IllegalArgumentException("--write-risk-default needs a risk curve (--risk-curve is none)");
        if (curvePaths < 1) throw new IllegalArgumentException("--curve-paths: must be at least 1, got " + curvePaths);
        if (paths < 0) throw new IllegalArgumentException("--paths: must not be negative, got " + paths);
        if (!(breachBoundPct >= 0 && breachBoundPct <= 100))
            throw new IllegalArgumentException("--breach-bound " + breachBoundPct + ": must be in [0, 100] %");
        boolean hist = method.equals("historical") || method.equals("both");
        boolean boot = method.equals("bootstrap") || method.equals("both");
        if (!hist && !boot) throw new IllegalArgumentException("--method " + method + ": historical, bootstrap or both");
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw new IllegalArgumentException("--threads: must be at least 1, got " + n);
        return LabSpec.of(plans).withBalance(balance, h.currency()).withRisk(riskPct, Map.of(), 0.01).withPaths(paths, seed, n)
                .withRiskCurve(grid, curvePaths, breachBoundPct / 100).withMethods(hist, boot);
    }

    /** "0.25..3:0.25" → 0.25, 0.5, …, 3. */
    static List<Double> curve(String spec) {
        Matcher m = CURVE.matcher(spec);
        if (!m.matches())
            throw new IllegalArgumentException("--risk-curve " + spec + ": expected FROM..TO:STEP in %, e.g. 0.25..3:0.25, or none");
        try {
            return LabSpec.grid(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--risk-curve " + spec + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--risk-curve " + spec + ": " + e.getMessage(), e);
        }
    }

    private static String methods(LabSpec s) {
        String m = s.historical() && s.bootstrap() ? "historical starts and " + s.paths() + " bootstrap paths"
                : s.historical() ? "historical starts" : s.paths() + " bootstrap paths";
        return m + (s.riskGrid().isEmpty() ? "" : ", a " + s.riskGrid().size() + "-point risk curve of " + s.gridPaths() + " paths a point");
    }

    static String riskText(double pct) {
        return Double.isNaN(pct) ? "as recorded" : String.format(Locale.ROOT, "%.2f %% per trade", pct);
    }
}
