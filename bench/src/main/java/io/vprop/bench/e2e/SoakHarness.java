package io.vprop.bench.e2e;

import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.bench.Results;
import io.vprop.config.VpropConfig;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.paper.PaperTerminal;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Soak (issue 18 item 10): the full path — synthetic market → paper terminal → ZeroMQ → sidecar (journal, demo
 * strategy, governors, risk) → signals → fills — in exact lockstep at maximum speed over a long stretch of market
 * time, sampled every {@code sampleDays} market days: resident memory, heap after a GC, the journals' size on disk,
 * throughput, and the wall time per tick (each tick waits for the sidecar's ack in exact lockstep, so this is the
 * round trip plus the terminal's own work) as p50/p99/p99.9/max over the sample. Writes bench/results/soak.json.
 *
 * <p>Usage: SoakHarness [marketDays=365] [ticksPerSecondPerSymbol=0.02] [sampleDays=30]. The default rate (one tick
 * per symbol every 50 s of market time, 6 symbols) keeps a year at about 3.8 M ticks: the length of the run, not the
 * density of the ticks, is what a soak tests (leaks, journal growth, slow paths that grow with history).
 */
public final class SoakHarness {

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 365;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
        int sampleDays = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (days < 1 || !(rate > 0) || sampleDays < 1) throw new IllegalArgumentException("usage: soak [marketDays>=1] [ticksPerSecondPerSymbol>0] [sampleDays>=1]");
        Path dir = Files.createTempDirectory("vprop-soak");
        // A firm whose limits pause for the day rather than end the account, so signals and fills flow all year (with
        // FTMO's rules the demo strategy is halted in its first weeks and the rest of the soak carries ticks alone).
        Path profile = dir.resolve("soak-profile.json");
        Files.writeString(profile, """
                {"id": "soak", "name": "Soak: daily pause, a wide maximum loss",
                 "dayReset": {"zone": "Europe/Prague", "time": "00:00", "source": "vprop soak harness"},
                 "dailyLoss": {"limitPct": 5, "base": "INITIAL", "anchor": "BALANCE", "outcome": "PAUSE_UNTIL_RESET",
                               "source": "vprop soak harness"},
                 "maxLoss": {"limitPct": 99, "mode": "STATIC", "outcome": "BREACH", "source": "vprop soak harness"},
                 "preTrade": {"slippagePctOfRisk": 10, "gapPctOfRisk": 10, "source": "vprop soak harness"}}
                """);
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "http.port", "0", "strategy", "demo", "paper.speed", "max", "paper.replay.window", "1",
                "paper.ticks.per.second", Double.toString(rate), "feed.max.ahead.ms", "0", "firm.profile", profile.toString(),
                // the demo strategy loses (costs and a crossover on a driftless market): at its default 0.25 % a trade
                // it lost 99 % of the account in two months and the rest of the year carried ticks alone. At 0.02 %
                // it trades the whole year, which is what a soak must exercise.
                "risk.per.trade.pct", "0.02"));
        Map<String, Object> machine = Results.machine();
        List<Map<String, Object>> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market synthetic = PaperSetup.market(cfg);
            Timed timed = new Timed(synthetic.source());
            long end = PaperSetup.SYNTHETIC_START + days * 86_400_000L;
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(),
                    new PaperSetup.Market(TickSources.until(timed, end), synthetic.specs(), synthetic.description()), 1);
            Thread runner = new Thread(paper, "soak-paper");
            runner.start();
            long nextSample = PaperSetup.SYNTHETIC_START + sampleDays * 86_400_000L;
            long lastTicks = 0, lastWall = System.nanoTime();
            while (runner.isAlive()) {
                runner.join(500);
                long market = timed.lastMarketMs;
                if (market < nextSample && runner.isAlive()) continue;
                if (!runner.isAlive() && timed.ticks == lastTicks) break;   // the last period was sampled already
                long now = System.nanoTime();
                samples.add(sample(timed, market, dir, (timed.ticks - lastTicks) / ((now - lastWall) / 1e9)));
                // trading must go on all year: signals and fills so far, and whether the account was halted
                var st = sidecar.kernel().status();
                samples.get(samples.size() - 1).put("signals_sent", st.signalsSent());
                samples.get(samples.size() - 1).put("fills_recorded", st.fillsRecorded());
                Map<String, Object> s = samples.get(samples.size() - 1);
                System.out.printf(Locale.ROOT, "day %4d: %,d ticks, %,d ticks/s, tick p50 %s µs p99 %s µs, RSS %s MB, journals %s MB, %,d signals, %,d fills%n",
                        s.get("market_day"), s.get("ticks"), s.get("ticks_per_s"), s.get("tick_us_p50"), s.get("tick_us_p99"),
                        s.get("rss_mb"), s.get("journals_mb"), s.get("signals_sent"), s.get("fills_recorded"));
                lastTicks = timed.ticks;
                lastWall = now;
                nextSample += sampleDays * 86_400_000L;
            }
            paper.close();
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("benchmark", "soak: synthetic market through the paper terminal and the sidecar in exact lockstep at max speed (issue 18)");
            res.put("command", "bench/run.sh soak " + days + " " + rate + " " + sampleDays);
            res.put("market_days", days);
            res.put("ticks_per_second_per_symbol", rate);
            res.put("strategy", "demo");
            res.put("profile", "soak: daily loss 5 % pauses until the reset, maximum loss 99 % (written by the harness)");
            res.put("risk_per_trade_pct", 0.02);
            res.put("ticks", timed.ticks);
            res.put("signals_sent", sidecar.kernel().status().signalsSent());
            res.put("fills_recorded", sidecar.kernel().status().fillsRecorded());
            res.put("wall_s", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            res.put("machine", machine);
            res.put("samples", samples);
            res.put("summary", summary(samples, days));
            Results.write("soak", res);
            System.out.println(res.get("summary"));
        }
    }

    private static Map<String, Object> sample(Timed timed, long marketMs, Path dir, double ticksPerS) throws IOException {
        Histogram h;
        synchronized (timed) {
            h = timed.window.copy();
            timed.window.reset();
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("market_time", Instant.ofEpochMilli(marketMs).toString());
        s.put("market_day", (marketMs - PaperSetup.SYNTHETIC_START) / 86_400_000L);
        s.put("ticks", timed.ticks);
        s.put("ticks_per_s", Math.round(ticksPerS));
        s.put("tick_us_p50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000);
        s.put("tick_us_p99", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000);
        s.put("tick_us_p999", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99.9) / 1000);
        s.put("tick_us_max", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000);
        s.put("rss_mb", Math.round(rssBytes() / 1e5) / 10.0);
        s.put("heap_after_gc_mb", Math.round((rt.totalMemory() - rt.freeMemory()) / 1e5) / 10.0);
        s.put("journals_mb", Math.round(dirBytes(dir) / 1e5) / 10.0);
        return s;
    }

    /** First and last sample, and the journals' growth per market day between them. */
    private static Map<String, Object> summary(List<Map<String, Object>> samples, int days) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (samples.isEmpty()) return m;
        Map<String, Object> first = samples.get(0), last = samples.get(samples.size() - 1);
        double dDays = ((Number) last.get("market_day")).doubleValue() - ((Number) first.get("market_day")).doubleValue();
        double dMb = ((Number) last.get("journals_mb")).doubleValue() - ((Number) first.get("journals_mb")).doubleValue();
        m.put("rss_mb_first_last", List.of(first.get("rss_mb"), last.get("rss_mb")));
        m.put("heap_after_gc_mb_first_last", List.of(first.get("heap_after_gc_mb"), last.get("heap_after_gc_mb")));
        m.put("rss_mb_max", samples.stream().mapToDouble(s -> ((Number) s.get("rss_mb")).doubleValue()).max().orElse(0));
        // bounded or not: the least-squares slope of the live heap over the year, per market day and per 1,000 fills
        // (what a leak held per trade shows as; the first soak's ~180 B a fill was 180 kB per 1,000)
        m.put("heap_after_gc_slope_kb_per_market_day", round1(slope(samples, "market_day", "heap_after_gc_mb") * 1000));
        m.put("heap_after_gc_slope_kb_per_1000_fills", round1(slope(samples, "fills_recorded", "heap_after_gc_mb") * 1e6));
        m.put("journal_growth_mb_per_market_day", dDays > 0 ? Math.round(dMb / dDays * 1000) / 1000.0 : null);
        m.put("tick_us_p99_first_last", List.of(String.valueOf(first.get("tick_us_p99")), String.valueOf(last.get("tick_us_p99"))));
        m.put("market_days_run", last.get("market_day"));
        return m;
    }

    /** Least-squares slope of {@code y} over {@code x} across the samples (0 with fewer than two). */
    static double slope(List<Map<String, Object>> samples, String x, String y) {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Map<String, Object> s : samples) {
            if (!(s.get(x) instanceof Number a) || !(s.get(y) instanceof Number b)) continue;
            double xv = a.doubleValue(), yv = b.doubleValue();
            n++;
            sx += xv;
            sy += yv;
            sxx += xv * xv;
            sxy += xv * yv;
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        return -1;
    }

    private static long dirBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The market, timing the wall time between the paper terminal's pulls: one tick's lockstep round trip each. */
    private static final class Timed implements TickSource {
        private final TickSource source;
        final Histogram window = new Histogram(3_600_000_000_000L, 3);
        volatile long ticks;
        volatile long lastMarketMs;
        private long lastPull;

        Timed(TickSource source) {
            this.source = source;
        }

        @Override
        public Tick next() {
            long now = System.nanoTime();
            if (lastPull != 0) synchronized (this) {
                window.recordValue(Math.min(now - lastPull, window.getHighestTrackableValue()));
            }
            lastPull = now;
            Tick t = source.next();
            if (t != null) {
                ticks++;
                lastMarketMs = t.timeMs();
            }
            return t;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
