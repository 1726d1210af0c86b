package io.vprop.bench.e2e;

import io.vprop.bench.Results;
import io.vprop.journal.Journal;
import io.vprop.market.Bar;
import io.vprop.market.BarAggregator;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replay throughput of a shared tick file through decode (gunzip + MT5 CSV parse) + bar aggregation (M1, M5, H1)
 * + journal (closed bars written to the SQLite journal in batches). Baseline in the same run: decode alone.
 * Several repetitions; median, min and max reported.
 *
 * <p>Usage: ReplayThroughputHarness [tickFile] [repetitions=5]
 */
public final class ReplayThroughputHarness {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("tick file not found: " + file.toAbsolutePath());
        Map<String, Object> machine = Results.machine();
        double[] full = new double[reps], decode = new double[reps];
        long ticks = 0, bars = 0;
        for (int r = -1; r < reps; r++) {             // r = -1 warms the JIT up
            long[] d = decodeOnly(file);
            long[] f = fullPipeline(file);
            if (r < 0) continue;
            decode[r] = d[0] / (d[1] / 1e9);
            full[r] = f[0] / (f[1] / 1e9);
            ticks = f[0];
            bars = f[2];
            System.out.printf("rep %d: decode %,.0f ticks/s, decode+bars+journal %,.0f ticks/s%n", r + 1, decode[r], full[r]);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "replay throughput: decode + bar aggregation (M1,M5,H1) + journal (bars to SQLite)");
        res.put("file", file.getFileName().toString());
        res.put("ticks", ticks);
        res.put("bars_journaled", bars);
        res.put("repetitions", reps);
        res.put("machine", machine);
        res.put("full_pipeline_ticks_per_s", stats(full));
        res.put("decode_only_ticks_per_s", stats(decode));
        res.put("ratio_full_vs_decode_median", Math.round(median(full) / median(decode) * 100) / 100.0);
        res.put("target", ">= 500000 ticks/s");
        res.put("target_met", median(full) >= 500_000);
        Results.write("replay-throughput", res);
        System.out.println(res);
    }

    static long[] decodeOnly(Path file) {
        long t0 = System.nanoTime(), n = 0;
        double sink = 0;
        try (Mt5TickReader in = MarketFiles.openTicks(file, null)) {
            Tick t;
            while ((t = in.next()) != null) {
                n++;
                sink += t.bid();
            }
        }
        if (sink == 42) System.out.print("");
        return new long[]{n, System.nanoTime() - t0};
    }

    static long[] fullPipeline(Path file) throws Exception {
        Path dir = Files.createTempDirectory("vprop-replay");
        long n = 0, t0;
        List<Bar> batch = new ArrayList<>(4096);
        long[] barCount = {0};
        try (Journal journal = new Journal(dir.resolve("journal.db"), false);
             Mt5TickReader in = MarketFiles.openTicks(file, null)) {
            BarAggregator agg = new BarAggregator(new Timeframe[]{Timeframe.M1, Timeframe.M5, Timeframe.H1}, s -> 0.00001, b -> {
                batch.add(b);
                barCount[0]++;
                if (batch.size() == 4096) {
                    journal.appendBars(batch);
                    batch.clear();
                }
            });
            t0 = System.nanoTime();
            Tick t;
            while ((t = in.next()) != null) {
                agg.onTick(t);
                n++;
            }
            agg.flush();
            journal.appendBars(batch);
            batch.clear();
        }
        long elapsed = System.nanoTime() - t0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(dir);
        return new long[]{n, elapsed, barCount[0]};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static Map<String, Object> stats(double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", Math.round(median(v)));
        m.put("min", Math.round(Arrays.stream(v).min().orElse(0)));
        m.put("max", Math.round(Arrays.stream(v).max().orElse(0)));
        return m;
    }
}
