package io.vprop.bench.memory;

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
 * Store write rates are measured by {@link StoreBench}. Results: bench/results/memory.json.
 *
 * <p>Run: see docs/memory.md. Args: --sizes 10000,100000 --queries 1000 --efs 16,32,64,128,256 --repeats 3
 */
public final class MemoryBench {

    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int[] sizes = Args.ints(a.getOrDefault("sizes", "10000,100000"));
        int nq = Integer.parseInt(a.getOrDefault("queries", "1000"));
        int[] efs = Args.ints(a.getOrDefault("efs", "16,32,64,128,256"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "3"));
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
        root.put("hnsw_m", hnswM);
        root.put("hnsw_ef_construction", efConstruction);
        root.put("faiss_search_threads", 1);
        root.put("latency_note", "one query per call, microseconds; p50/p99 over queries x repeats after a warm-up pass");
        root.put("recall_note", "recall@10 vs exact search; a returned id counts if its distance <= the exact 10th distance "
                + "(+1e-5 relative), so ties between equal vectors do not count as misses");
        ArrayNode runs = root.putArray("runs");

        int maxSize = Arrays.stream(sizes).max().orElseThrow();
        for (String dataset : List.of("random", "real")) {
            float[] all;
            if (dataset.equals("random")) {
                all = FeatureVectors.random(7, maxSize + nq);
            } else {
                all = FeatureVectors.real(shared, maxSize + nq);
            }
            int available = all.length / FeatureVectors.DIM - nq;
            // Queries are held out: the last nq vectors (for real data: the most recent market states).
            float[] queries = Arrays.copyOfRange(all, available * FeatureVectors.DIM, (available + nq) * FeatureVectors.DIM);
            for (int size : sizes) {
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
                benchOne(run, base, ids, queries, nq, efs, repeats, hnswM, efConstruction, nativeFaiss, work,
                        javaAtMax || n < 1_000_000);
                Files.createDirectories(out.getParent());
                json.writeValue(out.toFile(), root); // after each run: partial results survive an interrupted run
            }
        }
        root.put("finished", Instant.now().toString());
        json.writeValue(out.toFile(), root);
        System.out.println("wrote " + out);
    }

    private static void benchOne(ObjectNode run, float[] base, long[] ids, float[] queries, int nq, int[] efs, int repeats,
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
            latency(r, flat, queries, nq, repeats);
            r.put("recall_at_10", 1.0);
            Path file = work.resolve("flat.index");
            flat.writeTo(file);
            r.put("index_bytes", Files.size(file));
            NativeBaseline.Result nat = nativeFaiss.run(file, queries, nq, d, K, new int[] {0}, repeats, work).get(0);
            r.put("native_p50_us", nat.p50us());
            r.put("native_p99_us", nat.p99us());
            r.put("javacpp_overhead_p50_pct", 100 * (r.get("p50_us").asDouble() / nat.p50us() - 1));
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
                latency(r, java, queries, nq, repeats);
                r.put("recall_at_10", recall(java, truth, queries, nq));
                r.put("heap_bytes", java.memoryBytes());
                r.put("vs_faiss_flat_p50", r.get("p50_us").asDouble() / run.get("faiss_flat").get("p50_us").asDouble());
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
            Map<Integer, NativeBaseline.Result> nat = nativeFaiss.run(file, queries, nq, d, K, efs, repeats, work);
            Files.delete(file);
            ArrayNode byEf = h.putArray("by_ef_search");
            for (int ef : efs) {
                hnsw.setEfSearch(ef);
                ObjectNode r = byEf.addObject();
                r.put("ef_search", ef);
                latency(r, hnsw, queries, nq, repeats);
                r.put("recall_at_10", recall(hnsw, truth, queries, nq));
                NativeBaseline.Result nr = nat.get(ef);
                r.put("native_p50_us", nr.p50us());
                r.put("native_p99_us", nr.p99us());
                r.put("javacpp_overhead_p50_pct", 100 * (r.get("p50_us").asDouble() / nr.p50us() - 1));
                r.put("javacpp_overhead_p99_pct", 100 * (r.get("p99_us").asDouble() / nr.p99us() - 1));
                System.out.printf("   hnsw ef=%d p50=%.1fus p99=%.1fus recall=%.4f native p50=%.1fus%n", ef,
                        r.get("p50_us").asDouble(), r.get("p99_us").asDouble(), r.get("recall_at_10").asDouble(), nr.p50us());
            }
        }
        System.out.println("   " + run);
    }

    private static List<List<Neighbor>> searchAll(VectorIndex index, float[] queries, int nq) {
        int d = index.dimension();
        List<List<Neighbor>> out = new java.util.ArrayList<>(nq);
        for (int q = 0; q < nq; q++) {
            out.add(index.search(Arrays.copyOfRange(queries, q * d, (q + 1) * d), K));
        }
        return out;
    }

    private static void latency(ObjectNode r, VectorIndex index, float[] queries, int nq, int repeats) {
        int d = index.dimension();
        float[][] qs = new float[nq][];
        for (int q = 0; q < nq; q++) {
            qs[q] = Arrays.copyOfRange(queries, q * d, (q + 1) * d);
        }
        for (int q = 0; q < Math.min(nq, 200); q++) {
            index.search(qs[q], K); // warm-up (JIT, caches)
        }
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int rep = 0; rep < repeats; rep++) {
            for (float[] q : qs) {
                long t0 = System.nanoTime();
                List<Neighbor> res = index.search(q, K);
                long dt = System.nanoTime() - t0;
                if (res.isEmpty()) {
                    throw new IllegalStateException("empty result from " + index.kind());
                }
                h.recordValue(Math.max(1, dt));
            }
        }
        r.put("p50_us", h.getValueAtPercentile(50) / 1000.0);
        r.put("p99_us", h.getValueAtPercentile(99) / 1000.0);
        r.put("mean_us", h.getMean() / 1000.0);
    }

    private static double recall(VectorIndex index, List<List<Neighbor>> truth, float[] queries, int nq) {
        int d = index.dimension();
        long hits = 0;
        for (int q = 0; q < nq; q++) {
            List<Neighbor> exact = truth.get(q);
            float kth = exact.get(exact.size() - 1).distance();
            float limit = kth + Math.max(1e-5f * kth, 1e-7f);
            java.util.Set<Long> exactIds = new java.util.HashSet<>();
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
