package io.vprop.bench.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.memory.faiss.FaissIndex;
import io.vprop.memory.faiss.FaissIndexes;
import io.vprop.memory.index.JavaFlatIndex;
import io.vprop.memory.index.Neighbor;
import io.vprop.memory.index.VectorIndex;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Similarity-index benchmark: insert rate, k=10 search latency p50/p99 (HdrHistogram, one query at a
 * time, one FAISS thread) and recall@10 against exact search, for FAISS HNSW over several efSearch
 * values, FAISS exact and the Java exact index, on random and real 32-d feature vectors; plus native
 * FAISS (C++) on the very same index file and queries, to measure the JavaCPP overhead side by side.
 * Store write rates ({@link StoreBench}) go in the same file. Results: bench/results/memory.json.
 *
 * <p>Run: see docs/memory.md. Args: --sizes 10000,100000 --queries 1000 --flat-queries 200 --efs 16,32,64,128,256
 * --repeats 5 --m 32 --ef-construction 40 --datasets real,random [--skip-stores] [--skip-java-large] [--out file]
 */
public final class MemoryBench {

    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int[] sizes = Args.ints(a.getOrDefault("sizes", "10000,100000"));
        int nq = Integer.parseInt(a.getOrDefault("queries", "1000"));
        int[] efs = Args.ints(a.getOrDefault("efs", "16,32,64,128,256"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "5"));
        int flatQueries = Integer.parseInt(a.getOrDefault("flat-queries", "200"));
        int hnswM = Integer.parseInt(a.getOrDefault("m", "32"));
        int efConstruction = Integer.parseInt(a.getOrDefault("ef-construction", "40"));
        boolean javaAtMax = !a.containsKey("skip-java-large");
        Path repo = Path.of(System.getProperty("vprop.repo.root", "."));
        Path shared = Path.of(System.getProperty("vprop.shared.data", repo.resolve("../shared/data").toString()));
        Path out = Path.of(a.getOrDefault("out", repo.resolve("bench/results/memory.json").toString()));
        Path work = Files.createTempDirectory("vprop-memory-bench");

        if (!FaissIndexes.available()) {
            throw new IllegalStateException("the memory benchmark compares FAISS and Java: FAISS binding not built here",
                    FaissIndexes.loadFailure());
        }
        NativeBaseline nativeFaiss = NativeBaseline.build(repo, work);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "vprop memory similarity index");
        root.put("started", Instant.now().toString());
        root.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JVM " + System.getProperty("java.vm.version"));
        root.put("dimension", FeatureVectors.DIM);
        root.put("k", K);
        root.put("queries", nq);
        root.put("repeats", repeats);
        root.put("exact_latency_queries", flatQueries);
        root.put("hnsw_m", hnswM);
        root.put("hnsw_ef_construction", efConstruction);
        root.put("faiss_search_threads", 1);
        root.put("latency_note", "one query per call, microseconds, after a warm-up pass. The machine is a noisy shared "
                + "2-core box: each repeat measures all queries once (JavaCPP block, then the native C++ block on the same index "
                + "file and queries), p50/p99 are computed per repeat and the MEDIAN over repeats is reported; p99_pooled_us pools "
                + "all repeats. Exact indexes are timed on the first exact_latency_queries queries.");
        root.put("recall_note", "recall@10 vs exact search; a returned id counts if its distance <= the exact 10th distance "
                + "(+1e-5 relative), so ties between equal vectors do not count as misses");
        if (!a.containsKey("skip-stores")) {
            root.set("stores", StoreBench.run(json, Integer.parseInt(a.getOrDefault("store-records", "5000"))));
        }
        ArrayNode runs = root.putArray("runs");

        int maxSize = Arrays.stream(sizes).max().orElseThrow();
        List<String> datasets = List.of(a.getOrDefault("datasets", "real,random").split(","));
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (String dataset : datasets) {
            vectors.put(dataset, switch (dataset) {
                case "random" -> FeatureVectors.random(7, maxSize + nq);
                case "real" -> FeatureVectors.real(shared, maxSize + nq);
                default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "' (random, real)");
            });
        }
        // Size-major order: every dataset at 10k and 100k is done before the long 1M runs start.
        for (int size : sizes) {
            for (String dataset : datasets) {
                float[] all = vectors.get(dataset);
                int available = all.length / FeatureVectors.DIM - nq;
                // Queries are held out: the nq vectors after the largest base set in the stream.
                float[] queries = Arrays.copyOfRange(all, available * FeatureVectors.DIM, (available + nq) * FeatureVectors.DIM);
                int n = Math.min(size, available);
                System.out.printf("== %s n=%d (requested %d)%n", dataset, n, size);
                float[] base = Arrays.copyOf(all, n * FeatureVectors.DIM);
                long[] ids = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = i + 1;
                }
                ObjectNode run = runs.addObject();
                run.put("dataset", dataset);
                run.put("requested_size", size);
                run.put("size", n);
                if (n < size) {
                    run.put("note", "only " + n + " real vectors available from shared data");
                }
                benchOne(run, base, ids, queries, nq, flatQueries, efs, repeats, hnswM, efConstruction, nativeFaiss, work,
                        javaAtMax || n < 1_000_000);
                Files.createDirectories(out.getParent());
                json.writeValue(out.toFile(), root); // after each run: partial results survive an interrupted run
            }
        }
        root.put("finished", Instant.now().toString());
        json.writeValue(out.toFile(), root);
        System.out.println("wrote " + out);
    }

    private static void benchOne(ObjectNode run, float[] base, long[] ids, float[] queries, int nq, int flatQueries, int[] efs, int repeats,
                                 int m, int efC, NativeBaseline nativeFaiss, Path work, boolean withJava) throws Exception {
        int d = FeatureVectors.DIM;
        int n = ids.length;
        FaissIndexes.setThreads(1);

        // Exact ground truth and FAISS exact latency.
        List<List<Neighbor>> truth;
        try (FaissIndex flat = FaissIndex.flat(d)) {
            long t0 = System.nanoTime();
            flat.addAll(ids, base);
            double addSec = (System.nanoTime() - t0) / 1e9;
            truth = searchAll(flat, queries, nq);
            ObjectNode r = run.putObject("faiss_flat");
            r.put("insert_per_sec", n / addSec);
            r.put("recall_at_10", 1.0);
            Path file = work.resolve("flat.index");
            flat.writeTo(file);
            r.put("index_bytes", Files.size(file));
            sideBySide(r, flat, file, 0, queries, Math.min(nq, flatQueries), repeats, nativeFaiss, work);
            Files.delete(file);
        }

        if (withJava) {
            try (JavaFlatIndex java = new JavaFlatIndex(d)) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    java.add(ids[i], Arrays.copyOfRange(base, i * d, (i + 1) * d));
                }
                double addSec = (System.nanoTime() - t0) / 1e9;
                ObjectNode r = run.putObject("java_flat");
                r.put("insert_per_sec", n / addSec);
                latency(r, java, queries, Math.min(nq, flatQueries), repeats);
                r.put("recall_at_10", recall(java, truth, queries, Math.min(nq, flatQueries)));
                r.put("heap_bytes", java.memoryBytes());
                r.put("vs_faiss_flat_p50", r.get("p50_us").asDouble() / run.get("faiss_flat").get("p50_us").asDouble());
                r.put("vs_faiss_flat_p99", r.get("p99_us").asDouble() / run.get("faiss_flat").get("p99_us").asDouble());
            }
        }

        // HNSW: built with 2 OpenMP threads (both cores), searched with 1.
        FaissIndexes.setThreads(2);
        try (FaissIndex hnsw = FaissIndex.hnsw(d, m, efC, efs[0])) {
            long t0 = System.nanoTime();
            hnsw.addAll(ids, base);
            double addSec = (System.nanoTime() - t0) / 1e9;
            FaissIndexes.setThreads(1);
            ObjectNode h = run.putObject("faiss_hnsw");
            h.put("insert_per_sec", n / addSec);
            h.put("build_threads", 2);
            Path file = work.resolve("hnsw.index");
            hnsw.writeTo(file);
            h.put("index_bytes", Files.size(file));
            ArrayNode byEf = h.putArray("by_ef_search");
            for (int ef : efs) {
                hnsw.setEfSearch(ef);
                ObjectNode r = byEf.addObject();
                r.put("ef_search", ef);
                r.put("recall_at_10", recall(hnsw, truth, queries, nq));
                sideBySide(r, hnsw, file, ef, queries, nq, repeats, nativeFaiss, work);
                System.out.printf("   hnsw ef=%d p50=%.1fus p99=%.1fus recall=%.4f native p50=%.1fus p99=%.1fus%n", ef,
                        r.get("p50_us").asDouble(), r.get("p99_us").asDouble(), r.get("recall_at_10").asDouble(),
                        r.get("native_p50_us").asDouble(), r.get("native_p99_us").asDouble());
            }
            Files.delete(file);
        }
        System.out.println("   " + run);
    }

    private static List<List<Neighbor>> searchAll(VectorIndex index, float[] queries, int nq) {
        int d = index.dimension();
        List<List<Neighbor>> out = new ArrayList<>(nq);
        for (int q = 0; q < nq; q++) {
            out.add(index.search(Arrays.copyOfRange(queries, q * d, (q + 1) * d), K));
        }
        return out;
    }

    /**
     * JavaCPP and native C++ on the same index and queries, interleaved per repeat so both see the same
     * background load; medians over repeats of the per-repeat p50/p99.
     */
    private static void sideBySide(ObjectNode r, VectorIndex index, Path file, int ef, float[] queries, int nq, int repeats,
                                   NativeBaseline nativeFaiss, Path work) throws Exception {
        float[][] qs = split(queries, nq, index.dimension());
        warmUp(index, qs);
        double[] jp50 = new double[repeats], jp99 = new double[repeats], np50 = new double[repeats], np99 = new double[repeats];
        Histogram pooled = new Histogram(3_600_000_000L, 3);
        for (int rep = 0; rep < repeats; rep++) {
            Histogram h = timeOnce(index, qs);
            pooled.add(h);
            jp50[rep] = h.getValueAtPercentile(50) / 1000.0;
            jp99[rep] = h.getValueAtPercentile(99) / 1000.0;
            NativeBaseline.Result nr = nativeFaiss.run(file, queries, nq, index.dimension(), K, new int[] {ef}, 1, work).get(ef);
            np50[rep] = nr.p50us();
            np99[rep] = nr.p99us();
        }
        r.put("p50_us", median(jp50));
        r.put("p99_us", median(jp99));
        r.put("p99_pooled_us", pooled.getValueAtPercentile(99) / 1000.0);
        r.put("native_p50_us", median(np50));
        r.put("native_p99_us", median(np99));
        r.put("javacpp_overhead_p50_pct", 100 * (median(jp50) / median(np50) - 1));
        r.put("javacpp_overhead_p99_pct", 100 * (median(jp99) / median(np99) - 1));
    }

    private static void latency(ObjectNode r, VectorIndex index, float[] queries, int nq, int repeats) {
        float[][] qs = split(queries, nq, index.dimension());
        warmUp(index, qs);
        double[] p50 = new double[repeats], p99 = new double[repeats];
        Histogram pooled = new Histogram(3_600_000_000L, 3);
        for (int rep = 0; rep < repeats; rep++) {
            Histogram h = timeOnce(index, qs);
            pooled.add(h);
            p50[rep] = h.getValueAtPercentile(50) / 1000.0;
            p99[rep] = h.getValueAtPercentile(99) / 1000.0;
        }
        r.put("p50_us", median(p50));
        r.put("p99_us", median(p99));
        r.put("p99_pooled_us", pooled.getValueAtPercentile(99) / 1000.0);
    }

    private static float[][] split(float[] queries, int nq, int d) {
        float[][] qs = new float[nq][];
        for (int q = 0; q < nq; q++) {
            qs[q] = Arrays.copyOfRange(queries, q * d, (q + 1) * d);
        }
        return qs;
    }

    private static void warmUp(VectorIndex index, float[][] qs) {
        for (int q = 0; q < Math.min(qs.length, 200); q++) {
            index.search(qs[q], K); // JIT, caches
        }
    }

    private static Histogram timeOnce(VectorIndex index, float[][] qs) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (float[] q : qs) {
            long t0 = System.nanoTime();
            List<Neighbor> res = index.search(q, K);
            long dt = System.nanoTime() - t0;
            if (res.isEmpty()) {
                throw new IllegalStateException("empty result from " + index.kind());
            }
            h.recordValue(Math.max(1, dt));
        }
        return h;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double recall(VectorIndex index, List<List<Neighbor>> truth, float[] queries, int nq) {
        int d = index.dimension();
        long hits = 0;
        for (int q = 0; q < nq; q++) {
            List<Neighbor> exact = truth.get(q);
            float kth = exact.get(exact.size() - 1).distance();
            float limit = kth + Math.max(1e-5f * kth, 1e-7f);
            java.util.Set<Long> exactIds = new HashSet<>();
            exact.forEach(nb -> exactIds.add(nb.id()));
            for (Neighbor nb : index.search(Arrays.copyOfRange(queries, q * d, (q + 1) * d), K)) {
                if (exactIds.contains(nb.id()) || nb.distance() <= limit) {
                    hits++;
                }
            }
        }
        return hits / (double) (K * nq);
    }
}
