package io.vprop.bench.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.bench.Results;
import io.vprop.cli.VpropCli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The backtester against the lockstep paper path on the same files (issue 14: at least 300 times faster). A slice of
 * the shared EURUSD and NZDUSD ticks (whole UTC days, the rows copied as they are) is written to two MT5 tick files;
 * then, with the signal engine as strategy and ftmo-2step on both sides:
 * <ul>
 *   <li>{@code vprop replay --data EURUSD… --data NZDUSD… --server-tz UTC --strategy engine}: a sidecar kernel and the paper terminal
 *       in exact lockstep (window 1), once per link after a warm-up replay of the slice: {@code inproc} (the replay's
 *       default, both ends in this process, the terminal running the kernel's round), {@code libzmq} and
 *       {@code jeromq} (loopback TCP, the link an EA uses);</li>
 *   <li>{@code vprop backtest --data EURUSD… NZDUSD… --server-tz UTC --strategy engine}: the in-process backtester,
 *       several times in one JVM (the first run cold).</li>
 * </ul>
 * Both read the files (decoding included) and count the same ticks. Ticks per second of each, and the ratio per link
 * (warm median, and the cold first run). Writes bench/results/backtest-vs-lockstep.json.
 *
 * <p>Usage: LockstepVsBacktestHarness [fromDay=2014-05-06] [days=2] [backtestRuns=7] [sharedDataDir=../shared/data]
 * [links=inproc,libzmq,jeromq]
 */
public final class LockstepVsBacktestHarness {
    private static final JsonMapper JSON = new JsonMapper();
    private static final List<String> SYMBOLS = List.of("EURUSD", "NZDUSD");

    public static void main(String[] args) throws Exception {
        LocalDate from = LocalDate.parse(args.length > 0 ? args[0] : "2014-05-06");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path data = Path.of(args.length > 3 ? args[3] : "../shared/data");
        List<String> links = List.of((args.length > 4 ? args[4] : "inproc,libzmq,jeromq").split(","));
        Map<String, Object> machine = Results.machine();
        Path dir = Files.createTempDirectory("vprop-lockstep-vs-backtest");
        List<Path> files = new ArrayList<>();
        long rows = 0;
        for (String s : SYMBOLS) {
            Path f = dir.resolve(s + "_oanda_" + from + "_" + from.plusDays(days) + ".ticks.csv");
            rows += slice(data.resolve("ticks/" + s + "_oanda_2014-05-01_2014-05-15.ticks.csv.gz"), f, from, days);
            files.add(f);
        }
        System.out.printf("slice: %,d ticks of %s from %s, %d day(s), in %s%n", rows, SYMBOLS, from, days, dir);

        // the backtester: vprop backtest on the same files, several runs in this JVM
        List<String> backtest = new ArrayList<>(List.of("backtest", "--data"));
        for (Path f : files) backtest.add(f.toString());
        backtest.addAll(List.of("--server-tz", "UTC", "--strategy", "engine", "--profile", BacktestInputs.PROFILE, "--out"));
        double[] perSecond = new double[runs];
        JsonNode last = null;
        for (int r = 0; r < runs; r++) {
            Path out = dir.resolve("backtest-" + r + ".json");
            List<String> cmd = new ArrayList<>(backtest);
            cmd.add(out.toString());
            int rc = VpropCli.execute(cmd.toArray(new String[0]));
            if (rc != 0) throw new IllegalStateException("vprop backtest failed with exit code " + rc);
            last = JSON.readTree(out.toFile());
            perSecond[r] = last.get("run").get("events_per_s").asDouble();   // (elapsed_s is rounded to 10 ms)
        }
        long backtestTicks = last.get("events").asLong();
        if (backtestTicks != rows)
            throw new IllegalStateException("the backtest played " + backtestTicks + " ticks of the slice's " + rows);
        double[] warm = Arrays.copyOfRange(perSecond, 1, runs);
        double warmMedian = BacktestThroughputHarness.median(warm);

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "vprop backtest vs the lockstep paper path (vprop replay, exact lockstep) on the same tick files, "
                + "per link, engine strategy, " + BacktestInputs.PROFILE + " (issue 14: >= 300x)");
        res.put("slice", Map.of("symbols", SYMBOLS, "from_utc", from.toString(), "days", days, "ticks", rows));
        res.put("machine", machine);
        Map<String, Object> bt = new LinkedHashMap<>();
        bt.put("command", "vprop " + String.join(" ", backtest).replace(dir.toString(), "<slice>") + " FILE");
        bt.put("runs", runs);
        bt.put("cold_first_run_ticks_per_s", Math.round(perSecond[0]));
        bt.put("warm_median_ticks_per_s", Math.round(warmMedian));
        bt.put("warm_min_ticks_per_s", Math.round(Arrays.stream(warm).min().orElse(0)));
        bt.put("warm_max_ticks_per_s", Math.round(Arrays.stream(warm).max().orElse(0)));
        bt.put("all_ticks_per_s", Arrays.stream(perSecond).map(Math::round).toArray());
        bt.put("counters", last.get("counters"));
        res.put("backtest", bt);
        System.out.printf("backtest %,.0f ticks/s warm (cold %,.0f)%n", warmMedian, perSecond[0]);

        Map<String, Object> lockstep = new LinkedHashMap<>();
        for (String link : links) {
            replay(dir, files, link, "warmup-" + link);                          // JIT, page cache: not measured
            String load = (String) Results.machine().get("load_average_at_start");
            Replay r = replay(dir, files, link, link);
            long ticks = r.json.get("ticks").asLong();
            if (ticks != rows)
                throw new IllegalStateException("the replay (" + link + ") played " + ticks + " ticks of the slice's " + rows);
            double lockstepPerSecond = r.json.get("ticks_per_s").asDouble();
            Map<String, Object> ls = new LinkedHashMap<>();
            ls.put("command", "vprop " + String.join(" ", r.command).replace(dir.toString(), "<slice>"));
            ls.put("load_average_before", load);
            ls.put("elapsed_s", r.json.get("elapsed_s").asDouble());
            ls.put("ticks_per_s", lockstepPerSecond);
            ls.put("signal_engine", r.json.get("signal_engine"));
            ls.put("decisions", r.json.get("decisions"));
            double ratio = warmMedian / lockstepPerSecond;
            ls.put("ratio_warm_median", Math.round(ratio));
            ls.put("ratio_cold_first_run", Math.round(perSecond[0] / lockstepPerSecond));
            ls.put("target_met", ratio >= 300);
            lockstep.put(link, ls);
            System.out.printf("lockstep %s %,.0f ticks/s: backtest %,.0fx warm, %,.0fx cold%n", link, lockstepPerSecond,
                    ratio, perSecond[0] / lockstepPerSecond);
        }
        res.put("lockstep", lockstep);
        res.put("target", ">= 300x");
        Results.write("backtest-vs-lockstep", res);
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private record Replay(List<String> command, JsonNode json) { }

    /** {@code vprop replay} of the files in exact lockstep on {@code link}, on fresh journals. */
    private static Replay replay(Path dir, List<Path> files, String link, String name) throws Exception {
        Path out = dir.resolve("replay-" + name + ".json");
        List<String> cmd = new ArrayList<>(List.of("replay", "--data-dir", dir.resolve("var-" + name).toString(),
                "--server-tz", "UTC", "--strategy", "engine", "--profile", BacktestInputs.PROFILE, "--out", out.toString(),
                "--set", "paper.replay.window=1"));
        if (!link.equals("inproc")) cmd.addAll(List.of("--set", "zmq.impl=" + link, "--zmq", "tcp://127.0.0.1:*"));
        for (Path f : files) cmd.addAll(List.of("--data", f.toString()));
        int rc = VpropCli.execute(cmd.toArray(new String[0]));
        if (rc != 0) throw new IllegalStateException("vprop replay (" + link + ") failed with exit code " + rc);
        return new Replay(cmd, JSON.readTree(out.toFile()));
    }

    /** Copies the header and every row of {@code days} UTC days from {@code from} (rows start "YYYY.MM.DD"). */
    static long slice(Path source, Path target, LocalDate from, int days) throws Exception {
        List<String> wanted = new ArrayList<>();
        for (int d = 0; d < days; d++) wanted.add(from.plusDays(d).toString().replace('-', '.'));
        long n = 0;
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(Files.newInputStream(source)),
                StandardCharsets.US_ASCII));
             BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.US_ASCII)) {
            out.write(in.readLine());
            out.write('\n');
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() < 10 || !wanted.contains(line.substring(0, 10))) continue;
                out.write(line);
                out.write('\n');
                n++;
            }
        }
        if (n == 0) throw new IllegalArgumentException("no ticks in " + source.getFileName() + " on " + wanted);
        return n;
    }
}
