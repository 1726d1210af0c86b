package io.vprop.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes benchmark results as JSON under bench/results/ (or $VPROP_BENCH_OUT), with the machine they ran on. */
public final class Results {
    private Results() { }

    public static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50_us", h.getValueAtPercentile(50) / 1000.0);
        m.put("p90_us", h.getValueAtPercentile(90) / 1000.0);
        m.put("p99_us", h.getValueAtPercentile(99) / 1000.0);
        m.put("p99_9_us", h.getValueAtPercentile(99.9) / 1000.0);
        m.put("max_us", h.getMaxValue() / 1000.0);
        m.put("mean_us", Math.round(h.getMean()) / 1000.0);
        return m;
    }

    public static Map<String, Object> machine() {
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

    public static Path write(String name, Map<String, Object> result) {
        Path dir = Path.of(System.getenv().getOrDefault("VPROP_BENCH_OUT", "bench/results"));
        Path f = dir.resolve(name + ".json");
        try {
            Files.createDirectories(dir);
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(f.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
        System.out.println("results written to " + f);
        return f;
    }
}
