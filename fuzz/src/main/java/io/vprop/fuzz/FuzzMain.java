package io.vprop.fuzz;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run.sh fuzz [target|all] [inputs] [--seed N] [--max-seconds S] [--corpus DIR] [--out DIR]}: fuzzes
 * each target for N inputs (default 10,000,000; at most S seconds of wall time each when given) from its corpus {@code fuzz/corpus/<target>/} and writes
 * {@code bench/results/fuzz-<target>.json}; reproducers go to {@code bench/results/fuzz-findings/<target>/}. Exit 1 when
 * anything was found. {@code fuzz TARGET --replay FILE...} runs files through one target and prints each outcome.
 * See docs/fuzzing.md.
 */
public final class FuzzMain {
    static final long DEFAULT_INPUTS = 10_000_000L;
    static final long DEFAULT_SEED = 18L;

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> pos = new ArrayList<>();
        long seed = DEFAULT_SEED;
        long maxSeconds = 0;
        Path corpus = Path.of("fuzz/corpus");
        Path out = Path.of(System.getenv().getOrDefault("VPROP_BENCH_OUT", "bench/results"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> pos.add(args[i]);
            }
        }
        String which = pos.isEmpty() ? "all" : pos.get(0);
        if (pos.size() > 2 && pos.get(1).equals("--replay")) {
            System.exit(replay(which, pos.subList(2, pos.size())));
        }
        long inputs = pos.size() > 1 ? Long.parseLong(pos.get(1).replace("_", "")) : DEFAULT_INPUTS;
        List<String> names = which.equals("all") ? Targets.NAMES : List.of(which);
        for (String n : names) Targets.create(n); // unknown names fail before anything runs
        int found = 0;
        for (String name : names) {
            Fuzzer.Report r = fuzz(name, inputs, seed, maxSeconds, corpus, out);
            found += r.findings.size() + r.hangs.size();
        }
        System.exit(found == 0 ? 0 : 1);
    }

    static Fuzzer.Report fuzz(String name, long inputs, long seed, long maxSeconds, Path corpusRoot, Path out) throws Exception {
        Path dir = corpusRoot.resolve(name);
        List<byte[]> seeds = corpus(dir);
        String command = "bench/run.sh fuzz " + name + " " + inputs + " --seed " + seed
                + (maxSeconds > 0 ? " --max-seconds " + maxSeconds : "");
        Map<String, Object> machine = machine();
        Path json = out.resolve("fuzz-" + name + ".json");
        try (FuzzTarget target = Targets.create(name)) {
            System.err.printf("[%s] %d seed files from %s, %,d inputs, seed %d%n", name, seeds.size(), dir, inputs, seed);
            Fuzzer f = new Fuzzer(target, seed, seeds, out.resolve("fuzz-findings")).timeBudget(maxSeconds);
            Fuzzer.Report r = f.run(inputs, System.err::println, stuck -> {
                write(json, report(target, stuck, command, dir, inputs, machine));
                System.err.println("[" + name + "] an input has run for 30 s: stopped, see " + json);
                Runtime.getRuntime().halt(3);
            });
            write(json, report(target, r, command, dir, inputs, machine));
            System.err.printf("[%s] %,d inputs in %.0f s (%,.0f/s): %d finding(s), %d hang(s) -> %s%n", name, r.inputs,
                    r.seconds, r.execsPerSecond(), r.findings.size(), r.hangs.size(), json);
            for (Fuzzer.Finding x : r.findings.values())
                System.err.println("  " + x.signature + " x" + x.count + " -> " + x.reproducer + " (" + x.minimised.length + " bytes)");
            return r;
        }
    }

    /** {@code fuzz TARGET --replay FILE...}: one line per file, its outcome or the finding it gives. */
    static int replay(String name, List<String> files) throws Exception {
        int bad = 0;
        Path scratch = Files.createTempDirectory("vprop-fuzz-replay-");
        try (FuzzTarget target = Targets.create(name)) {
            target.open(scratch);
            for (String f : files) {
                try {
                    System.out.println(f + ": " + target.run(Files.readAllBytes(Path.of(f))));
                } catch (Throwable x) {
                    bad++;
                    System.out.println(f + ": FINDING " + Fuzzer.signature(x) + ": " + x);
                    x.printStackTrace(System.out);
                }
            }
        } finally {
            try (Stream<Path> s = Files.list(scratch)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratch);
        }
        return bad == 0 ? 0 : 1;
    }

    static List<byte[]> corpus(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no corpus folder " + dir);
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) seeds.add(Files.readAllBytes(p));
        }
        return seeds;
    }

    static Map<String, Object> report(FuzzTarget t, Fuzzer.Report r, String command, Path corpus, long requested,
                                      Map<String, Object> machine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", r.target);
        m.put("contract", t.contract());
        m.put("command", command);
        m.put("seed", r.seed);
        m.put("inputs_requested", requested);
        m.put("inputs", r.inputs);
        m.put("complete", r.inputs == requested && !r.stuck);
        m.put("stopped_by_time_budget", r.inputs < requested && !r.stuck);
        m.put("duration_s", Math.round(r.seconds * 10) / 10.0);
        m.put("execs_per_s", Math.round(r.execsPerSecond()));
        m.put("accepted", r.accepted);
        m.put("rejected_with_documented_error", r.rejected);
        m.put("distinct_outcomes", r.distinctOutcomes);
        m.put("corpus_dir", corpus.toString());
        m.put("corpus_seed_files", r.seedFiles);
        m.put("corpus_final_size", r.corpusFinal);
        m.put("dictionary_tokens", r.dictionary);
        m.put("hang_threshold_ms", Fuzzer.HANG_NS / 1_000_000);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Fuzzer.Finding f : r.findings.values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("signature", f.signature);
            x.put("exception", f.exception);
            x.put("message", f.message);
            x.put("count", f.count);
            x.put("first_at_input", f.firstAt);
            x.put("reproducer", f.reproducer == null ? null : f.reproducer.toString());
            x.put("reproducer_bytes", f.minimised == null ? null : f.minimised.length);
            x.put("smallest_original_bytes", f.input.length);
            x.put("stack", f.stack);
            fs.add(x);
        }
        m.put("findings", fs);
        m.put("hangs", r.hangs);
        m.put("machine", machine);
        return m;
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            m.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException ignored) {
            // not Linux
        }
        m.put("when", Instant.now().toString());
        return m;
    }

    static void write(Path f, Map<String, Object> result) {
        try {
            Files.createDirectories(f.getParent());
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(f.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
