package io.vprop.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one target for N inputs: the seeds as they are first, then mutations of the corpus. Any exception or error
 * escaping the target is a finding, grouped by its class and the first VProp frame it came from, and shrunk
 * (greedy chunk removal) to a small input that still gives the same finding. An input that keeps its thread busy for
 * more than a second of CPU time is a hang. Inputs whose outcome has a shape not seen before (a new error code and
 * field, a new parsed kind) join the corpus: no coverage instrumentation, the outcome is the feedback.
 */
final class Fuzzer {
    static final long HANG_NS = 1_000_000_000L;
    static final long STUCK_NS = 30_000_000_000L;
    private static final int CORPUS_CAP = 5_000;
    private static final int GROWN_MAX_LEN = 16 * 1024;
    private static final int MINIMISE_BUDGET = 4_000;

    private final FuzzTarget target;
    private final long seed;
    private final List<byte[]> seeds;
    private final Path findingsDir;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private long maxNanos = Long.MAX_VALUE;
    private volatile long startedAt;
    private volatile byte[] current;

    /** One distinct finding. */
    static final class Finding {
        final String signature;
        final String exception;
        final String message;
        final List<String> stack;
        final long firstAt;
        long count;
        byte[] input;
        byte[] minimised;
        Path reproducer;

        Finding(String signature, Throwable t, long firstAt, byte[] input) {
            this.signature = signature;
            this.exception = t.getClass().getName();
            String m = String.valueOf(t.getMessage());
            this.message = m.length() > 400 ? m.substring(0, 400) + "..." : m;
            Throwable where = t instanceof FuzzTarget.ContractBreak && t.getCause() != null ? t.getCause() : t;
            this.stack = Arrays.stream(where.getStackTrace()).limit(12).map(String::valueOf).toList();
            this.firstAt = firstAt;
            this.input = input;
        }
    }

    /** What a run found. */
    static final class Report {
        String target;
        long seed;
        long inputs;
        long accepted;
        long rejected;
        double seconds;
        int seedFiles;
        int corpusFinal;
        int dictionary;
        int distinctOutcomes;
        boolean stuck;
        final Map<String, Finding> findings = new LinkedHashMap<>();
        final List<Map<String, Object>> hangs = new ArrayList<>();

        double execsPerSecond() { return seconds > 0 ? inputs / seconds : 0; }
    }

    Fuzzer(FuzzTarget target, long seed, List<byte[]> seeds, Path findingsDir) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("the corpus of " + target.name() + " is empty");
        this.target = target;
        this.seed = seed;
        this.seeds = seeds;
        this.findingsDir = findingsDir;
    }

    /** Stops the run after this much wall time even if fewer inputs ran (the report says how many did). */
    Fuzzer timeBudget(long seconds) {
        maxNanos = seconds > 0 ? seconds * 1_000_000_000L : Long.MAX_VALUE;
        return this;
    }

    /** Fuzzes {@code inputs} inputs; {@code onStuck} runs when one input has not returned after 30 s (the report so far). */
    Report run(long inputs, Consumer<String> progress, Consumer<Report> onStuck) throws Exception {
        Report r = new Report();
        r.target = target.name();
        r.seed = seed;
        r.seedFiles = seeds.size();
        List<byte[]> corpus = new ArrayList<>(seeds);
        Mutator mutator = new Mutator(seed, target.dictionary(), seeds, target.fileEncodings());
        r.dictionary = mutator.dictionarySize();
        Set<String> shapes = new HashSet<>();
        Path scratch = Files.createTempDirectory(Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir")), "vprop-fuzz-" + target.name() + "-");
        target.open(scratch);
        Thread worker = Thread.currentThread();
        Thread watchdog = new Thread(() -> watch(r, onStuck), "fuzz-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long t0 = System.nanoTime(), lastProgress = t0;
        try {
            for (long i = 0; i < inputs; i++) {
                if ((i & 255) == 0 && System.nanoTime() - t0 > maxNanos) break;
                byte[] in = i < seeds.size() ? seeds.get((int) i) : mutator.mutate(corpus.get(mutator.nextInt(corpus.size())), corpus);
                current = in;
                long s = System.nanoTime();
                startedAt = s;
                String shape = null;
                Throwable failure = null;
                try {
                    shape = target.run(in);
                } catch (Throwable x) {
                    failure = x;
                }
                startedAt = 0;
                long took = System.nanoTime() - s;
                if (took > HANG_NS) hangCheck(r, in, i);
                if (failure != null) {
                    record(r, failure, in, i);
                } else {
                    if (shape.startsWith("ok")) r.accepted++; else r.rejected++;
                    if (shapes.add(shape) && corpus.size() < CORPUS_CAP && in.length <= GROWN_MAX_LEN) corpus.add(in);
                }
                r.inputs = i + 1;
                long now = System.nanoTime();
                if (progress != null && now - lastProgress > 5_000_000_000L) {
                    lastProgress = now;
                    double secs = (now - t0) / 1e9;
                    progress.accept(String.format("[%s] %,d / %,d inputs  %,.0f/s  corpus %d  outcomes %d  findings %d  hangs %d  eta %.0fs",
                            target.name(), i + 1, inputs, (i + 1) / secs, corpus.size(), shapes.size(), r.findings.size(),
                            r.hangs.size(), (inputs - i - 1) / ((i + 1) / secs)));
                }
            }
        } finally {
            r.seconds = (System.nanoTime() - t0) / 1e9;
            r.corpusFinal = corpus.size();
            r.distinctOutcomes = shapes.size();
            watchdog.interrupt();
            target.close();
            deleteTree(scratch);
        }
        for (Finding f : r.findings.values()) {
            f.minimised = minimise(f.input, f.signature);
            f.reproducer = save(f.minimised, "crash-" + hash(f.signature));
        }
        return r;
    }

    private void record(Report r, Throwable x, byte[] in, long i) {
        String sig = signature(x);
        Finding f = r.findings.get(sig);
        if (f == null) {
            if (r.findings.size() >= 100) return;
            f = new Finding(sig, x, i, in);
            r.findings.put(sig, f);
        }
        f.count++;
        if (in.length < f.input.length) f.input = in;
    }

    /** A slow input is run again alone and timed on the thread's CPU clock: a loaded machine is not a hang. */
    private void hangCheck(Report r, byte[] in, long i) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long s = System.nanoTime();
        try {
            target.run(in);
        } catch (Throwable ignored) {
            // the first run already recorded it
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        if (cpu > HANG_NS && r.hangs.size() < 20) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("input_index", i);
            h.put("cpu_ms", cpu / 1_000_000);
            h.put("wall_ms", (System.nanoTime() - s) / 1_000_000);
            h.put("bytes", in.length);
            h.put("reproducer", String.valueOf(save(in, "hang-" + hash(Arrays.toString(in)))));
            r.hangs.add(h);
        }
    }

    private void watch(Report r, Consumer<Report> onStuck) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(500);
                long s = startedAt;
                if (s != 0 && System.nanoTime() - s > STUCK_NS) {
                    byte[] in = current;
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("input_index", r.inputs);
                    h.put("wall_ms", (System.nanoTime() - s) / 1_000_000);
                    h.put("bytes", in.length);
                    h.put("stuck", true);
                    h.put("reproducer", String.valueOf(save(in, "stuck-" + hash(Arrays.toString(in)))));
                    r.hangs.add(h);
                    r.stuck = true;
                    if (onStuck != null) onStuck.accept(r);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Greedy chunk removal while the same finding reproduces (bounded; a slow candidate stops it). */
    byte[] minimise(byte[] in, String sig) {
        byte[] cur = in;
        int budget = MINIMISE_BUDGET;
        int chunk = Math.max(1, cur.length / 2);
        while (budget > 0) {
            boolean shrunk = false;
            for (int at = 0; at < cur.length && budget > 0; ) {
                int to = Math.min(cur.length, at + chunk);
                byte[] cand = new byte[cur.length - (to - at)];
                System.arraycopy(cur, 0, cand, 0, at);
                System.arraycopy(cur, to, cand, at, cur.length - to);
                budget--;
                long cpu0 = threads.getCurrentThreadCpuTime();
                String got = signatureOf(cand);
                if (threads.getCurrentThreadCpuTime() - cpu0 > HANG_NS) return cur;
                if (sig.equals(got)) {
                    cur = cand;
                    shrunk = true;
                } else {
                    at += chunk;
                }
            }
            if (!shrunk) {
                if (chunk == 1) break;
                chunk = Math.max(1, chunk / 2);
            }
        }
        return cur;
    }

    private String signatureOf(byte[] in) {
        try {
            target.run(in);
            return null;
        } catch (Throwable x) {
            return signature(x);
        }
    }

    /** Class and first VProp frame (outside the fuzzer), or the contract broken and where the documented error came from. */
    static String signature(Throwable x) {
        if (x instanceof FuzzTarget.ContractBreak cb) {
            return "ContractBreak: " + cb.kind + (cb.getCause() != null ? " @ " + frame(cb.getCause()) : "");
        }
        return x.getClass().getName() + " @ " + frame(x);
    }

    private static String frame(Throwable x) {
        StackTraceElement[] st = x.getStackTrace();
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("io.vprop.") && !e.getClassName().startsWith("io.vprop.fuzz."))
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
        }
        return st.length > 0 ? st[0].getClassName() + "." + st[0].getMethodName() : "?";
    }

    /** A message as a shape: quoted parts and numbers blanked, so that one kind of error is one outcome. */
    static String shape(String m) {
        if (m == null) return "null";
        String s = m.replaceAll("'[^']*'", "''").replaceAll("\"[^\"]*\"", "\"\"").replaceAll("[0-9]+", "#");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    static String hash(String s) {
        return String.format("%08x", s.hashCode());
    }

    private Path save(byte[] in, String name) {
        if (findingsDir == null) return null;
        try {
            Path dir = findingsDir.resolve(target.name());
            Files.createDirectories(dir);
            Path f = dir.resolve(name + target.extension());
            Files.write(f, in);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}
