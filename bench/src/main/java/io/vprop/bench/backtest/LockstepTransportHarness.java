package io.vprop.bench.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.bench.Results;
import io.vprop.cli.VpropCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact lockstep through the paper terminal on each ZeroMQ transport (issue 19: >= 20,000 ticks/s): {@code vprop
 * replay} with {@code paper.replay.window=1} (every tick waits for the sidecar's ack) over a slice of the shared
 * EURUSD and NZDUSD ticks, the demo strategy and ftmo-2step, once per {@code zmq.impl}, in this JVM, each run after a
 * warm-up run on a small part of the slice. Ticks per second of wall time, with the load average beside each.
 * Writes bench/results/lockstep-replay.json.
 *
 * ZeroMQ over loopback TCP on each implementation, and {@code inproc}: the same replay with both ends linked in
 * process ({@code --zmq inproc://…}, no ZeroMQ).
 *
 * <p>Usage: LockstepTransportHarness [fromDay=2014-05-06] [days=1] [impls=jeromq,libzmq,inproc] [sharedDataDir=../shared/data]
 */
public final class LockstepTransportHarness {
    private static final JsonMapper JSON = new JsonMapper();

    public static void main(String[] args) throws Exception {
        LocalDate from = LocalDate.parse(args.length > 0 ? args[0] : "2014-05-06");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> impls = List.of((args.length > 2 ? args[2] : "jeromq,libzmq,inproc").split(","));
        Path data = Path.of(args.length > 3 ? args[3] : "../shared/data");
        Map<String, Object> machine = Results.machine();
        Path dir = Files.createTempDirectory("vprop-lockstep");
        List<Path> files = new ArrayList<>();
        long rows = 0;
        for (String s : List.of("EURUSD", "NZDUSD")) {
            Path f = dir.resolve(s + "_oanda_" + from + "_" + from.plusDays(days) + ".ticks.csv");
            rows += LockstepVsBacktestHarness.slice(data.resolve("ticks/" + s + "_oanda_2014-05-01_2014-05-15.ticks.csv.gz"), f, from, days);
            files.add(f);
        }
        Map<String, Object> runs = new LinkedHashMap<>();
        for (String impl : impls) {
            replay(dir, files, impl, "warmup-" + impl);                       // JIT and page cache, not measured
            String load = (String) Results.machine().get("load_average_at_start");
            JsonNode r = replay(dir, files, impl, impl);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ticks", r.get("ticks").asLong());
            one.put("elapsed_s", r.get("elapsed_s").asDouble());
            one.put("ticks_per_s", r.get("ticks_per_s").asDouble());
            one.put("load_average_before", load);
            one.put("target_met", r.get("ticks_per_s").asDouble() >= 20_000);
            runs.put(impl, one);
            System.out.printf("%s: %,.0f ticks/s (%,d ticks, load %s)%n", impl, r.get("ticks_per_s").asDouble(), r.get("ticks").asLong(), load);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "exact lockstep replay (paper.replay.window=1) through the paper terminal, per zmq.impl, and in process (inproc://)");
        res.put("command", "vprop replay --data EURUSD… --data NZDUSD… --strategy demo --set paper.replay.window=1 --set zmq.impl=IMPL (inproc: --zmq inproc://NAME)");
        res.put("slice", Map.of("from_utc", from.toString(), "days", days, "ticks", rows));
        res.put("machine", machine);
        res.put("runs", runs);
        res.put("target", ">= 20,000 ticks/s");
        Results.write("lockstep-replay", res);
    }

    private static JsonNode replay(Path dir, List<Path> files, String impl, String name) throws Exception {
        Path out = dir.resolve(name + ".json");
        List<String> cmd = new ArrayList<>(List.of("replay", "--data-dir", dir.resolve("var-" + name).toString(),
                "--strategy", "demo", "--profile", BacktestInputs.PROFILE, "--out", out.toString(),
                "--set", "paper.replay.window=1", "--set", "zmq.impl=" + (impl.equals("inproc") ? "jeromq" : impl)));
        // inproc: the sidecar and the terminal in this process linked without ZeroMQ (Transports, inproc://)
        if (impl.equals("inproc")) cmd.addAll(List.of("--zmq", "inproc://lockstep-" + name));
        for (Path f : files) cmd.addAll(List.of("--data", f.toString()));
        int rc = VpropCli.execute(cmd.toArray(new String[0]));
        if (rc != 0) throw new IllegalStateException("vprop replay (" + impl + ") failed with exit code " + rc);
        return JSON.readTree(out.toFile());
    }
}
