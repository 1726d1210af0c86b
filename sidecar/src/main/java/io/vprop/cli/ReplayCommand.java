package io.vprop.cli;

import io.vprop.kernel.SidecarKernel;
import java.util.concurrent.ExecutionException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Replays a tick or bar file through an in-process sidecar and a paper terminal over real ZeroMQ, then prints a
 * summary (and writes it as JSON with --out). At --speed max the terminal runs in lockstep with the sidecar, so a
 * replay is deterministic.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a tick/bar file (MT5 export or generic CSV, .gz ok) through the sidecar and a paper terminal.")
final class ReplayCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "tick or bar file; repeat to replay several symbols together (merged in time order)")
    List<Path> data;

    @Option(names = "--speed", paramLabel = "N|max", defaultValue = "max", description = "market time per wall time (default max)")
    String speed;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the summary as JSON")
    Path out;

    @Override
    public void run() {
        for (Path d : data) if (!Files.isRegularFile(d)) throw new IllegalArgumentException("--data " + d + ": no such file");
        Map<String, String> o = new LinkedHashMap<>();
        o.put("paper.speed", speed);
        o.putIfAbsent("http.port", "0");
        o.put("zmq.endpoint", "tcp://127.0.0.1:*");
        VpropConfig cfg = common.load(o);
        long total = 0;
        for (Path d : data) total += countRows(d);
        long t0 = System.nanoTime();
        PrintStream err = System.err;
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market market = PaperSetup.replay(cfg, data);
            for (String finding : market.findings()) err.println("warning: " + finding);
            err.printf("replaying %s (%,d rows) through %s%n", market.description(), total, sidecar.zmqEndpoint());
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(), market, 1);
            Thread t = new Thread(paper, "vprop-replay");
            t.start();
            Progress bar = new Progress(err, total, System.console() != null);
            while (t.isAlive()) {
                t.join(500);
                bar.show(paper.stats().ticks());
            }
            bar.done(paper.stats().ticks());
            PaperTerminal.Stats s = paper.stats();
            paper.close();
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("files", data.stream().map(Path::toString).toList());
            summary.put("market", market.description());
            summary.put("ticks", s.ticks());
            summary.put("bars_sent", s.bars());
            summary.put("signals", s.signals());
            summary.put("executed", s.executed());
            summary.put("rejected", s.rejected());
            summary.put("deals", s.deals());
            summary.put("fills_journaled", sidecar.kernel().status().fillsRecorded());
            summary.put("initial_balance", cfg.getDouble("paper.balance"));
            summary.put("final_balance", round2(s.balance()));
            summary.put("final_equity", round2(s.equity()));
            summary.put("net_pnl", round2(s.balance() - cfg.getDouble("paper.balance")));
            summary.put("max_drawdown", round2(s.maxDrawdown()));
            summary.put("elapsed_s", Math.round(secs * 100) / 100.0);
            summary.put("ticks_per_s", Math.round(s.ticks() / Math.max(secs, 1e-9)));
            summary.put("strategy", cfg.get("strategy"));
            summary.put("decisions", sidecar.journalReader().decisionCounts());
            java.util.Map<String, Object> engine = new LinkedHashMap<>();
            sidecar.kernel().call(SidecarKernel::strategyStates).get().values().forEach(st -> {
                engine.put("trades", st.get("trades"));
                engine.put("skips", st.get("skips"));
                engine.put("skip_rate", st.get("skip_rate"));
            });
            if (!engine.isEmpty()) summary.put("signal_engine", engine);
            System.out.println("replay summary");
            summary.forEach((k, v) -> System.out.printf("  %-16s %s%n", k, v));
            if (out != null) {
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(out.toFile(), summary);
                System.out.println("written to " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the kernel did not report its strategy state: " + e.getCause(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }

    /** Data rows in the file (lines minus the header), for the progress bar. */
    static long countRows(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] buf = new byte[1 << 16];
                long lines = 0;
                int n;
                while ((n = in.read(buf)) > 0) for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                return Math.max(0, lines - 1);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A progress bar on a terminal; plain lines every 10 % otherwise (CI logs). */
    static final class Progress {
        private final PrintStream out;
        private final long total;
        private final boolean tty;
        private final String unit;
        private final long start = System.nanoTime();
        private int lastDecile = -1;

        Progress(PrintStream out, long total, boolean tty) {
            this(out, total, tty, "ticks");
        }

        /** @param unit what is counted, plural ("ticks", "bars") */
        Progress(PrintStream out, long total, boolean tty, String unit) {
            this.out = out;
            this.total = Math.max(total, 1);
            this.tty = tty;
            this.unit = unit;
        }

        void show(long done) {
            double f = Math.min(1.0, done / (double) total);
            double secs = (System.nanoTime() - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
            if (tty) {
                int w = 30, fill = (int) (f * w);
                out.printf("\r[%s%s] %3.0f%% %,d/%,d %s  %,.0f %s/s  ETA %ds ", "#".repeat(fill), ".".repeat(w - fill),
                        f * 100, done, total, unit, rate, unit, eta);
            } else if ((int) (f * 10) > lastDecile) {
                lastDecile = (int) (f * 10);
                out.printf("%3.0f%% %,d/%,d %s, %,.0f %s/s, ETA %ds%n", f * 100, done, total, unit, rate, unit, eta);
            }
        }

        void done(long done) {
            show(done);
            if (tty) out.println();
        }
    }
}
