package io.vprop.bench.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.bench.Jit;
import io.vprop.bench.Results;
import io.vprop.cli.VpropCli;
import io.vprop.transport.Transports;

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
 * EURUSD and NZDUSD ticks, the demo strategy and ftmo-2step, once per {@code zmq.impl}, in this JVM, each run after
 * two warm-up replays (the slice's first day, then the whole slice). Ticks per second of wall time, with the load average and the JIT compiler
 * time inside the measured replay beside each. Writes bench/results/lockstep-replay.json.
 *
 * <p>Five days by default, not one: a one-day replay (94,662 ticks, about 5 s) is mostly JIT warm-up — each new
 * sidecar's first messages (hello, welcome, recovery) take branches the warm-up's compiled code had never seen, and C2
 * recompiled for about a second per second of the measured replay (docs/benchmarks.md, "Exact lockstep").
 *
 * <p>ZeroMQ over loopback TCP on each implementation, and {@code inproc}: the same replay with both ends linked in
 * process ({@code --zmq inproc://…}, no ZeroMQ), the terminal running the kernel's round on its own thread while it
 * waits for each ack (the replay's default); {@code inproc-threads}: the same link with the kernel on its own thread
 * ({@code -Dvprop.inproc.drive=false}), a hand-off between two threads per frame.
 *
 * <p>Usage: LockstepTransportHarness [fromDay=2014-05-05] [days=5] [impls=jeromq,libzmq,inproc-threads,inproc]
 * [sharedDataDir=../shared/data]
 */
public final class LockstepTransportHarness {
    private static final JsonMapper JSON = new JsonMapper();

    public static void main(String[] args) throws Exception {
        LocalDate from = LocalDate.parse(args.length > 0 ? args[0] : "2014-05-05");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> impls = List.of((args.length > 2 ? args[2] : "jeromq,libzmq,inproc-threads,inproc").split(","));
        Path data = Path.of(args.length > 3 ? args[3] : "../shared/data");
        Map<String, Object> machine = Results.machine();
        Path dir = Files.createTempDirectory("vprop-lockstep");
        List<Path> files = new ArrayList<>(), warmupFiles = new ArrayList<>();
        long rows = 0;
        for (String s : List.of("EURUSD", "NZDUSD")) {
            Path source = data.resolve("ticks/" + s + "_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
            Path f = dir.resolve(s + "_oanda_" + from + "_" + from.plusDays(days) + ".ticks.csv");
            rows += LockstepVsBacktestHarness.slice(source, f, from, days);
            files.add(f);
            Path w = dir.resolve("warmup").resolve(s + "_oanda_" + from + "_" + from.plusDays(1) + ".ticks.csv");
            Files.createDirectories(w.getParent());
            LockstepVsBacktestHarness.slice(source, w, from, 1);
            warmupFiles.add(w);
        }
        Map<String, Object> runs = new LinkedHashMap<>();
        int n = 0;
        for (String impl : impls) {
            String name = impl + (runs.containsKey(impl) ? "-" + ++n : ""); // every replay starts on fresh journals
            replay(dir, warmupFiles, impl, "warmup1-" + name);                 // JIT and page cache, not measured:
            replay(dir, files, impl, "warmup-" + name);                        // a day, then the whole slice once
            String load = (String) Results.machine().get("load_average_at_start");
            Jit jit = new Jit();
            jit.mark();
            JsonNode r = replay(dir, files, impl, name);
            long jitMs = jit.msSinceMark();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ticks", r.get("ticks").asLong());
            one.put("elapsed_s", r.get("elapsed_s").asDouble());
            one.put("ticks_per_s", r.get("ticks_per_s").asDouble());
            one.put("load_average_before", load);
            one.put("jit_compiler_ms_during_replay", jitMs);
            one.put("target_met", r.get("ticks_per_s").asDouble() >= 20_000);
            runs.put(name, one);
            System.out.printf("%s: %,.0f ticks/s (%,d ticks, load %s, JIT %,d ms during the replay)%n", name,
                    r.get("ticks_per_s").asDouble(), r.get("ticks").asLong(), load, jitMs);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "exact lockstep replay (paper.replay.window=1) through the paper terminal, per zmq.impl, and in process (inproc://)");
        res.put("command", "vprop replay --data EURUSD… --data NZDUSD… --server-tz UTC --strategy demo --set paper.replay.window=1 --set zmq.impl=IMPL --zmq tcp://127.0.0.1:* (inproc: --zmq inproc://NAME, the replay's default)");
        res.put("slice", Map.of("from_utc", from.toString(), "days", days, "ticks", rows));
        res.put("warm_up", "replays of the slice's first day, then of the whole slice, before each measured replay; same link, fresh journals");
        res.put("machine", machine);
        res.put("runs", runs);
        res.put("target", ">= 20,000 ticks/s");
        Results.write("lockstep-replay", res);
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static JsonNode replay(Path dir, List<Path> files, String impl, String name) throws Exception {
        Path out = dir.resolve(name + ".json");
        List<String> cmd = new ArrayList<>(List.of("replay", "--data-dir", dir.resolve("var-" + name).toString(),
                "--server-tz", "UTC", "--strategy", "demo", "--profile", BacktestInputs.PROFILE, "--out", out.toString(),
                "--set", "paper.replay.window=1", "--set", "zmq.impl=" + (impl.startsWith("inproc") ? "jeromq" : impl)));
        // inproc: the sidecar and the terminal in this process linked without ZeroMQ (Transports, inproc://), which is
        // vprop replay's default; the others name loopback TCP to put ZeroMQ in the loop
        cmd.addAll(List.of("--zmq", impl.startsWith("inproc") ? "inproc://lockstep-" + name : "tcp://127.0.0.1:*"));
        for (Path f : files) cmd.addAll(List.of("--data", f.toString()));
        // inproc-threads: the same link with the kernel on its own thread, each frame a hand-off between two threads
        if (impl.equals("inproc-threads")) System.setProperty(Transports.DRIVE_PROPERTY, "false");
        int rc;
        try {
            rc = VpropCli.execute(cmd.toArray(new String[0]));
        } finally {
            System.clearProperty(Transports.DRIVE_PROPERTY);
        }
        if (rc != 0) throw new IllegalStateException("vprop replay (" + impl + ") failed with exit code " + rc);
        return JSON.readTree(out.toFile());
    }
}
