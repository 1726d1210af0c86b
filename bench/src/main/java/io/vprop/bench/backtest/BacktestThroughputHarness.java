package io.vprop.bench.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.bench.Results;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

/**
 * Throughput of the in-process backtester on one core (issue 14), every case measured in the same run. As JMH does,
 * each case runs in a JVM of its own (a fork: its JIT profile is that of one backtest, as a {@code vprop backtest} has
 * it), forks alternate case by case, round after round, so the machine's drift hits all cases alike; a fork warms up,
 * then measures several runs over data preloaded in memory (decoding excluded). The cases ({@link BacktestCases}):
 * the signal engine alone over the shared EURUSD + NZDUSD ticks (the baseline), the same ticks through the Backtester
 * with the engine as strategy, the paper broker and ftmo-2step, the demo strategy, the 12 pairs' H4 + D1 bars with a
 * breakout strategy — with and without the governors.
 *
 * <p>Per run: events per second of wall time, and per second of the run's own CPU time (its thread plus garbage
 * collection: what busy neighbours on the 2 shared cores cannot add); per 4,096 events: ns per event (percentiles).
 * Ratios: of the cases' medians, and the median over rounds of each round's ratio. Targets are judged on wall time.
 * Writes bench/results/backtest-throughput.json.
 *
 * <p>Usage: BacktestThroughputHarness [rounds=3] [sharedDataDir=../shared/data] [cases=all|comma list] [runs=5]
 * [warmups=5]; -Dvprop.bench.before.cp=CLASSPATH also forks every case on that classpath (the code before a change) as
 * "case@before", round by round beside it, with the ratio case / case@before; -Dvprop.bench.before.jvm="OPTIONS" gives
 * the before forks these JVM options too, a collector among them replacing this JVM's (e.g. the same classpath on G1
 * against ParallelGC)
 */
public final class BacktestThroughputHarness {
    private static final JsonMapper JSON = new JsonMapper();
    static final String BEFORE = "@before";

    /** One measured run, as a fork reports it. */
    record Run(long events, long nanos, long cpuNanos, long gcNanos, Histogram chunks, Map<String, Long> counters, int trades) {
        double perSecond() { return events / (nanos / 1e9); }

        double perCpuSecond() { return events / ((cpuNanos + gcNanos) / 1e9); }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            BacktestCases.fork(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data");
        List<String> cases = args.length > 2 && !args[2].equals("all") ? List.of(args[2].split(",")) : BacktestCases.NAMES;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        // the code before a change, in the same run: -Dvprop.bench.before.cp=CLASSPATH adds each case as "case@before",
        // forked on that classpath (e.g. the jars of main), round by round beside the case itself
        String beforeCp = System.getProperty("vprop.bench.before.cp");
        if (beforeCp != null) {
            List<String> both = new ArrayList<>();
            for (String c : cases) { both.add(c); both.add(c + BEFORE); }
            cases = both;
        }
        for (String c : cases) if (!BacktestCases.NAMES.contains(c.replace(BEFORE, ""))) throw new IllegalArgumentException("no such case: " + c
                + " (cases: " + String.join(", ", BacktestCases.NAMES) + ")");
        Map<String, Object> machine = Results.machine();

        Map<String, List<List<Run>>> byRound = new LinkedHashMap<>();
        for (String c : cases) byRound.put(c, new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < cases.size(); k++) {
                String c = cases.get((k + r) % cases.size());            // each round starts with another case
                boolean before = c.endsWith(BEFORE);
                List<Run> got = fork(c.replace(BEFORE, ""), before ? System.getProperty("vprop.bench.before.cp")
                        : System.getProperty("java.class.path"), before ? beforeJvm() : List.of(), data, runs, warmups);
                byRound.get(c).add(got);
                System.out.printf("round %d %-30s median %,12.0f events/s wall, %,12.0f per CPU-second%n", r + 1, c,
                        median(rates(got, false)), median(rates(got, true)));
            }
        }

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "backtester throughput, one thread, preloaded shared data, a JVM per case per round (issue 14)");
        res.put("rounds", rounds);
        res.put("runs_per_fork", runs);
        res.put("warm_up_runs_per_fork", warmups);
        res.put("machine", machine);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String c : cases) out.put(c, summary(BacktestCases.describe(c.replace(BEFORE, ""))
                + (c.endsWith(BEFORE) ? " — on the code before (vprop.bench.before.cp)" : ""), flat(byRound.get(c))));
        if (beforeCp != null) res.put("before_classpath", beforeCp);
        if (beforeCp != null && !beforeJvm().isEmpty()) res.put("before_jvm_options", beforeJvm());
        res.put("jvm_options", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        res.put("cases", out);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, byRound, "engine_backtest", "engine");
        ratio(ratios, byRound, "engine_backtest_no_governors", "engine");
        ratio(ratios, byRound, "engine_backtest", "engine_backtest_no_governors");
        ratio(ratios, byRound, "demo_backtest", "demo_backtest_no_governors");
        ratio(ratios, byRound, "bars", "bars_no_governors");
        ratio(ratios, byRound, "bars", "bars_strategy_alone");
        ratio(ratios, byRound, "bars_flat", "bars_strategy_alone");
        for (String c : List.copyOf(byRound.keySet())) if (!c.endsWith(BEFORE)) ratio(ratios, byRound, c, c + BEFORE);
        res.put("ratios", ratios);
        Map<String, Object> targets = new LinkedHashMap<>();
        if (byRound.containsKey("engine_backtest"))
            target(targets, "engine_backtest >= 1,000,000 ticks/s", flat(byRound.get("engine_backtest")), 1_000_000);
        if (ratios.get("engine_backtest/engine") instanceof Map<?, ?> m) {
            Map<String, Object> t = new LinkedHashMap<>();
            m.forEach((k, v) -> t.put((String) k, v));
            t.put("met", (double) m.get("of_medians") >= 0.8);
            targets.put("engine_backtest / engine >= 0.8", t);
        }
        if (byRound.containsKey("bars")) target(targets, "bars >= 5,000,000 bars/s", flat(byRound.get("bars")), 5_000_000);
        res.put("load_average_at_end", Results.machine().get("load_average_at_start"));
        res.put("targets", targets);
        Results.write("backtest-throughput", res);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(targets));
    }

    /** The before forks' own JVM options (vprop.bench.before.jvm, split at spaces), empty when none. */
    private static List<String> beforeJvm() {
        String o = System.getProperty("vprop.bench.before.jvm", "").trim();
        return o.isEmpty() ? List.of() : List.of(o.split("\\s+"));
    }

    /**
     * Runs one case in a JVM of its own (the heap and flags of this one, then {@code extra}: a collector there replaces
     * this JVM's, as two would not start) and reads its runs back.
     */
    private static List<Run> fork(String name, String classpath, List<String> extra, Path data, int runs, int warmups) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        boolean collector = extra.stream().anyMatch(BacktestThroughputHarness::selectsCollector);
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!(collector && selectsCollector(a))) cmd.add(a);
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", classpath, BacktestThroughputHarness.class.getName(), "--fork", name,
                data.toString(), Integer.toString(runs), Integer.toString(warmups)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Run> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(BacktestCases.RUN)) out.add(parse(line.substring(BacktestCases.RUN.length())));
            }
        }
        if (p.waitFor() != 0 || out.size() != runs)
            throw new IllegalStateException("the fork of " + name + " failed (exit " + p.exitValue() + ", " + out.size() + " of " + runs + " runs)");
        return out;
    }

    /** -XX:+UseG1GC, -XX:+UseParallelGC, -XX:+UseSerialGC, ...: an option that picks the garbage collector. */
    private static boolean selectsCollector(String jvmOption) {
        return jvmOption.matches("-XX:\\+Use\\w+GC");
    }

    private static Run parse(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        Map<String, Long> counters = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : n.get("counters").properties()) counters.put(e.getKey(), e.getValue().asLong());
        return new Run(n.get("events").asLong(), n.get("wall_ns").asLong(), n.get("cpu_ns").asLong(), n.get("gc_ns").asLong(),
                decode(n.get("chunks").asText()), counters, n.get("trades").asInt());
    }

    static String encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(b.array(), n));
    }

    private static Histogram decode(String s) throws DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(s)), 0);
    }

    private static List<Run> flat(List<List<Run>> rounds) { return rounds.stream().flatMap(List::stream).toList(); }

    private static Map<String, Object> summary(String description, List<Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", description);
        m.put("events", runs.get(0).events());
        m.put("events_per_s", distribution(rates(runs, false)));
        m.put("events_per_cpu_s", distribution(rates(runs, true)));
        Histogram all = new Histogram(3);
        for (Run r : runs) all.add(r.chunks());
        Map<String, Object> ns = new LinkedHashMap<>();
        ns.put("chunks", all.getTotalCount());
        ns.put("p50", all.getValueAtPercentile(50));
        ns.put("p90", all.getValueAtPercentile(90));
        ns.put("p99", all.getValueAtPercentile(99));
        ns.put("max", all.getMaxValue());
        m.put("ns_per_event_per_" + BacktestCases.CHUNK + "_events", ns);
        m.put("trades", runs.get(0).trades());
        m.put("counters", runs.get(0).counters());
        return m;
    }

    private static void target(Map<String, Object> out, String name, List<Run> runs, double atLeast) {
        double wall = median(rates(runs, false)), cpu = median(rates(runs, true));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("median_per_s", Math.round(wall));
        t.put("median_per_cpu_s", Math.round(cpu));
        t.put("met", wall >= atLeast);
        out.put(name, t);
    }

    /** Median, min, max and every run's figure. */
    private static Map<String, Object> distribution(double[] rates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", Math.round(median(rates)));
        m.put("min", Math.round(Arrays.stream(rates).min().orElse(0)));
        m.put("max", Math.round(Arrays.stream(rates).max().orElse(0)));
        m.put("all", Arrays.stream(rates).map(Math::round).toArray());
        return m;
    }

    /** a / b: of the medians over all runs, and per round (the rounds' medians), wall and CPU. */
    private static void ratio(Map<String, Object> out, Map<String, List<List<Run>>> byRound, String a, String b) {
        if (!byRound.containsKey(a) || !byRound.containsKey(b)) return;
        Map<String, Object> m = new LinkedHashMap<>();
        for (boolean cpu : new boolean[]{false, true}) {
            String unit = cpu ? "cpu_" : "";
            List<List<Run>> ra = byRound.get(a), rb = byRound.get(b);
            double[] perRound = new double[ra.size()];
            for (int i = 0; i < ra.size(); i++) perRound[i] = median(rates(ra.get(i), cpu)) / median(rates(rb.get(i), cpu));
            m.put(unit + "of_medians", round3(median(rates(flat(ra), cpu)) / median(rates(flat(rb), cpu))));
            m.put(unit + "per_round", Arrays.stream(perRound).map(BacktestThroughputHarness::round3).toArray());
            m.put(unit + "median_of_rounds", round3(median(perRound)));
        }
        out.put(a + "/" + b, m);
    }

    private static double[] rates(List<Run> runs, boolean cpu) {
        return runs.stream().mapToDouble(cpu ? Run::perCpuSecond : Run::perSecond).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
