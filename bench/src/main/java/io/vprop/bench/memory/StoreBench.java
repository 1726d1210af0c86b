package io.vprop.bench.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.memory.TradeRecord;
import io.vprop.memory.longterm.SqliteLongTermMemory;
import io.vprop.memory.shortterm.RingShortTermMemory;
import io.vprop.memory.shortterm.ShortTermMemory;
import io.vprop.trade.Side;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Write rates of the trade stores: SQLite (one acknowledged, fsynced insert per call, and batched),
 * the short-term ring in-process and on a real redis-server the harness starts (single and pipelined
 * batch writes). Embedded in bench/results/memory.json by {@link MemoryBench} (section "stores").
 */
public final class StoreBench {

    /** Standalone: --n 5000 --out file.json. {@link MemoryBench} embeds the same numbers under "stores". */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int n = Integer.parseInt(a.getOrDefault("n", "5000"));
        Path repo = Path.of(System.getProperty("vprop.repo.root", "."));
        Path out = Path.of(a.getOrDefault("out", repo.resolve("bench/results/memory-stores.json").toString()));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = run(json, n);
        Files.createDirectories(out.getParent());
        json.writeValue(out.toFile(), root);
        System.out.println(root.toPrettyString());
    }

    static ObjectNode run(ObjectMapper json, int n) throws Exception {
        Path work = Files.createTempDirectory("vprop-store-bench");
        List<TradeRecord> trades = trades(n);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "vprop memory stores: insert rates");
        root.put("started", Instant.now().toString());
        root.put("records", n);
        root.put("note", "single = one call per trade, acknowledged when it returns (SQLite: committed, WAL, synchronous=FULL); "
                + "batch = 100 trades per call (SQLite: one transaction; Redis: one pipeline)");

        try (SqliteLongTermMemory db = SqliteLongTermMemory.open(work.resolve("single.sqlite"))) {
            rate(root.putObject("sqlite_single"), () -> trades.forEach(db::insertTrade), n, null);
        }
        try (SqliteLongTermMemory db = SqliteLongTermMemory.open(work.resolve("batch.sqlite"))) {
            rate(root.putObject("sqlite_batch100"), () -> batches(trades).forEach(db::insertTrades), n, null);
        }
        try (ShortTermMemory m = RingShortTermMemory.inProcess(1000)) {
            measureRing(root, "ring_inprocess", m, trades);
        }
        Redis redis = startRedis(work);
        try (ShortTermMemory m = RingShortTermMemory.redis("127.0.0.1", redis.port(), 1000)) {
            measureRing(root, "ring_redis", m, trades);
        } finally {
            redis.process().destroyForcibly();
        }
        root.put("finished", Instant.now().toString());
        return root;
    }

    private static void measureRing(ObjectNode root, String name, ShortTermMemory m, List<TradeRecord> trades) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        rate(root.putObject(name + "_single"), () -> trades.forEach(t -> {
            long t0 = System.nanoTime();
            m.recordTrade(t);
            h.recordValue(Math.max(1, System.nanoTime() - t0));
        }), trades.size(), h);
        rate(root.putObject(name + "_batch100"), () -> batches(trades).forEach(m::recordTrades), trades.size(), null);
    }

    private static void rate(ObjectNode r, Runnable work, int n, Histogram h) {
        long t0 = System.nanoTime();
        work.run();
        double sec = (System.nanoTime() - t0) / 1e9;
        r.put("per_sec", n / sec);
        if (h != null) {
            r.put("p50_us", h.getValueAtPercentile(50) / 1000.0);
            r.put("p99_us", h.getValueAtPercentile(99) / 1000.0);
        }
        System.out.println(r);
    }

    private static List<List<TradeRecord>> batches(List<TradeRecord> trades) {
        List<List<TradeRecord>> out = new ArrayList<>();
        for (int i = 0; i < trades.size(); i += 100) {
            out.add(trades.subList(i, Math.min(trades.size(), i + 100)));
        }
        return out;
    }

    private static List<TradeRecord> trades(int n) {
        Random rnd = new Random(1);
        List<TradeRecord> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            float[] f = new float[FeatureVectors.DIM];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) rnd.nextGaussian();
            }
            double pnl = rnd.nextGaussian() * 40;
            long entry = 1_400_000_000_000L + i * 60_000L;
            out.add(new TradeRecord(i, "bench", i % 2 == 0 ? "EURUSD" : "NZDUSD", i % 3 == 0 ? Side.SELL : Side.BUY,
                    "alpha" + (i % 4), "regime" + (i % 3), "A", "M1", f, Map.of("quality", "1"), entry, entry + 90_000,
                    1.38, 1.381, 0.00001, 900, pnl, pnl / 50, Math.abs(pnl) + 1, Math.abs(pnl) + 2, pnl > 0 ? "TP" : "SL"));
        }
        return out;
    }

    private record Redis(Process process, int port) {}

    private static Redis startRedis(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int i = 0; i < 500; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new Redis(p, port);
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not start on port " + port);
    }
}
