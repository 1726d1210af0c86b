package io.vprop.cli;

import io.vprop.kernel.SidecarKernel;
import java.util.concurrent.ExecutionException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.market.MarketEvents;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.io.MarketDataException;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.ops.log.LogSetup;
import io.vprop.paper.PaperTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

/**
 * Replays a tick or bar file through an in-process sidecar and a paper terminal over real ZeroMQ, then prints a
 * summary (and writes it as JSON with --out). At --speed max the terminal runs in lockstep with the sidecar, so a
 * replay is deterministic.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a tick/bar file (MT5 export or generic CSV, .gz ok) through the sidecar and a paper terminal.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BadRowsOption badRows;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "tick or bar file; repeat to replay several symbols together (merged in time order)")
    List<Path> data;

    @Option(names = "--server-tz", paramLabel = "ZONE",
            description = "the clock of the files' times, as backtest's --server-tz: UTC, an offset (+02:00, UTC+3), an IANA zone, "
                    + "or NY+7 for 'New York close' servers (GMT+2 winter, GMT+3 summer); required for MT5 exports")
    String serverTz;

    @Option(names = "--speed", paramLabel = "N|max", defaultValue = "max", description = "market time per wall time (default max)")
    String speed;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the summary as JSON")
    Path out;

    @Option(names = "--json", description = "print the summary as JSON instead of a table")
    boolean json;

    @Option(names = "--from", paramLabel = "DATE|TIME", description = "first instant played, UTC: 2014-05-06 or 2014-05-06T07:00 (bars: by open time)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|TIME", description = "end of the period (exclusive), UTC")
    String to;

    @Option(names = "--bars-mode", paramLabel = "ohlc|conservative",
            description = "bar files' path, as backtest's --bars-mode: the nearer extreme first, or the stop first when a bar "
                    + "holds both stop and target (paper.bars.mode, default ohlc)")
    String barsMode;

    @Override
    public Integer call() {
        try {
            return replay();
        } catch (MarketDataException e) {
            System.err.println(BadRowsOption.errorLine(e));
            return 1;
        }
    }

    private int replay() {
        for (Path d : data) if (!Files.isRegularFile(d)) throw new IllegalArgumentException("--data " + d + ": no such file");
        ParseMode mode = badRows.mode();
        ServerClock clock = BacktestSetup.clock(serverTz, data);   // before anything starts: no silent UTC assumption
        if (json) {                                          // stdout carries the JSON alone: the log's console goes to
            LogSetup.warningsOnly("io.vprop");               // stderr, warnings only (a weekend's flatten by the governors)
            LogSetup.consoleToStderr();
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("paper.speed", speed);
        o.put("paper.bars.mode", barsMode);
        long fromMs = from == null ? Long.MIN_VALUE : BacktestSetup.instant("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : BacktestSetup.instant("--to", to);
        if (fromMs >= toMs) throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        // The sidecar and its paper terminal are both in this process: unless told otherwise (--zmq tcp://…), they are
        // linked in process — the same frames through the same codec, journal, kernel and terminal, no sockets — the
        // fastest exact lockstep there is (loopback ZeroMQ adds an I/O thread's hand-offs per tick, and JeroMQ, the
        // default, its signalling loop: docs/benchmarks.md "Exact lockstep"). Never a collision with a running sidecar.
        // The web panel only when asked for with --http (a replay at full speed is over before a browser opens).
        boolean withHttp = common.http != null;
        if (common.zmq == null && !common.set.containsKey("zmq.endpoint"))
            o.put("zmq.endpoint", "inproc://vprop-replay-" + java.util.UUID.randomUUID());
        VpropConfig cfg = common.load(o);
        Map<String, String> forFiles = PaperSetup.replayOverrides(cfg, data);  // the demo on the bar files' timeframe
        if (!forFiles.isEmpty()) {
            o.putAll(forFiles);
            cfg = common.load(o);
        }
        long total = 0;
        for (Path d : data) total += countRows(d);
        long t0 = System.nanoTime();
        PrintStream err = System.err;
        try (Sidecar sidecar = Sidecar.start(cfg, withHttp)) {
            PaperSetup.Market files = PaperSetup.replay(cfg, data, clock, mode, fromMs, toMs);
            StopOnBadData source = new StopOnBadData();
            PaperSetup.Market market = source.guard(files);
            for (String finding : market.findings()) err.println("warning: " + finding);
            err.printf("replaying %s (%,d rows, server time %s) through %s%s%n", market.description(), total, clock.describe(),
                    sidecar.zmqEndpoint(),
                    withHttp ? ", web panel on http://" + cfg.get("http.host") + ":" + sidecar.httpPort() : "");
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(), market, 1);
            Thread t = new Thread(paper, "vprop-replay");
            t.start();
            Progress bar = new Progress(err, total, System.console() != null, "rows");
            while (t.isAlive()) {
                t.join(500);
                bar.show(BadRowsOption.linesRead(market.reads()));
            }
            bar.done(BadRowsOption.linesRead(market.reads()));
            PaperTerminal.Stats s = paper.stats();
            paper.close();
            if (source.error != null) throw source.error;
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("files", data.stream().map(Path::toString).toList());
            summary.put("market", market.description());
            summary.put("server_tz", clock.describe());
            summary.put("zmq_endpoint", sidecar.zmqEndpoint());
            summary.put("bad_rows", badRows.value);
            summary.put("rows", BadRowsOption.json(market.reads()));
            summary.put("ticks", s.ticks());
            summary.put("bars_sent", s.bars());
            summary.put("signals", s.signals());
            summary.put("executed", s.executed());
            summary.put("rejected", s.rejected());
            summary.put("deals", s.deals());
            summary.put("fills_journaled", sidecar.kernel().status().fillsRecorded());
            summary.put("initial_balance_usd", cfg.getDouble("paper.balance"));
            summary.put("final_balance_usd", round2(s.balance()));
            summary.put("final_equity_usd", round2(s.equity()));
            summary.put("net_pnl_usd", round2(s.balance() - cfg.getDouble("paper.balance")));
            summary.put("max_drawdown_usd", round2(s.maxDrawdown()));
            summary.put("elapsed_s", Math.round(secs * 100) / 100.0);
            summary.put("ticks_per_s", Math.round(s.ticks() / Math.max(secs, 1e-9)));
            summary.put("strategy", cfg.get("strategy"));
            Map<String, Map<String, Long>> decisions = new TreeMap<>(sidecar.journalReader().decisionCounts());
            summary.put("decisions", decisions);
            Map<String, Object> engine = new LinkedHashMap<>();
            sidecar.kernel().call(SidecarKernel::strategyStates).get().values().forEach(st -> {
                engine.put("trades", st.get("trades"));
                engine.put("skips", st.get("skips"));
                engine.put("skip_rate", st.get("skip_rate"));
            });
            if (!engine.isEmpty()) summary.put("signal_engine", engine);
            if (json) System.out.println(JSON.writeValueAsString(summary));
            else printTable(summary, market, decisions, engine, cfg);
            if (out != null) {
                if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
                JSON.writeValue(out.toFile(), summary);
                (json ? System.err : System.out).println("written to " + out);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the kernel did not report its strategy state: " + e.getCause(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String ROW = "  %-20s %s%n";

    private void printTable(Map<String, Object> s, PaperSetup.Market market, Map<String, Map<String, Long>> decisions,
                            Map<String, Object> engine, VpropConfig cfg) {
        PrintStream o = System.out;
        o.println("replay summary");
        o.printf(ROW, "market", s.get("market"));
        o.printf(ROW, "server time", s.get("server_tz"));
        BadRowsOption.print(o, market.reads(), ROW);
        o.printf(ROW, "ticks", String.format(Locale.ROOT, "%,d ticks (%,d bars sent)", s.get("ticks"), s.get("bars_sent")));
        o.printf(ROW, "signals", String.format(Locale.ROOT, "%,d signals: %,d executed, %,d rejected", s.get("signals"),
                s.get("executed"), s.get("rejected")));
        o.printf(ROW, "deals", String.format(Locale.ROOT, "%,d deals, %,d fills journaled", s.get("deals"), s.get("fills_journaled")));
        o.printf(ROW, "balance", String.format(Locale.ROOT, "%,.2f USD → %,.2f USD (equity %,.2f USD)",
                s.get("initial_balance_usd"), s.get("final_balance_usd"), s.get("final_equity_usd")));
        o.printf(ROW, "net P&L", String.format(Locale.ROOT, "%+,.2f USD", s.get("net_pnl_usd")));
        o.printf(ROW, "max drawdown", String.format(Locale.ROOT, "%,.2f USD", s.get("max_drawdown_usd")));
        o.printf(ROW, "strategy", s.get("strategy"));
        decisions.forEach((kind, byReason) -> o.printf(ROW, "  " + kind.replace('_', ' '),
                byReason.isEmpty() ? "none" : BacktestSummary.counts(new TreeMap<>(byReason))));
        engine.forEach((k, v) -> { if (v != null) o.printf(ROW, "  engine " + k.replace('_', ' '), v); });
        o.printf(ROW, "elapsed", String.format(Locale.ROOT, "%.2f s (%,d ticks/s)", s.get("elapsed_s"), s.get("ticks_per_s")));
    }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }

    /**
     * The files' market for the terminal's thread: a file error there ends the market (the terminal shuts down as at
     * the end of a file) and is kept, so the command reports it in one line and exits non-zero — not a stack trace
     * from a dying thread followed by a normal-looking summary.
     */
    static final class StopOnBadData {
        volatile MarketDataException error;

        /** {@code files} with every read guarded: ticks as ticks, bar files as bar files. */
        PaperSetup.Market guard(PaperSetup.Market files) {
            return files.barFiles()
                    ? new PaperSetup.Market(null, events(files.bars()), files.specs(), files.description(), files.findings(), files.reads())
                    : new PaperSetup.Market(ticks(files.source()), files.specs(), files.description(), files.findings(), files.reads());
        }

        private TickSource ticks(TickSource in) {
            return new TickSource() {
                @Override
                public Tick next() { return read(in::next, null); }

                @Override
                public void close() { in.close(); }
            };
        }

        private MarketEvents events(MarketEvents in) {
            return new MarketEvents() {
                @Override
                public boolean next(Sink sink) { return read(() -> in.next(sink), false); }

                @Override
                public void close() { in.close(); }
            };
        }

        private <T> T read(java.util.function.Supplier<T> next, T end) {
            if (error != null) return end;
            try {
                return next.get();
            } catch (MarketDataException e) {
                error = e;
                return end;
            }
        }
    }

    /**
     * Data lines in the file (lines minus the header; a last line without a line break counts), for the progress bar:
     * the readers' lines read count to the same total. A cut-off .gz counts what it holds (the reader then names it).
     */
    static long countRows(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            long lines = 0;
            int last = '\n';
            try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                    last = buf[n - 1];
                }
            } catch (EOFException cutOff) {
                last = '\n';
            }
            if (last != '\n') lines++;
            return Math.max(0, lines - 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * A progress bar on a terminal; plain lines every 10 % otherwise (CI logs). It counts what is really read (file
     * rows), never shows 100 % before the end (a total counted ahead is an estimate) nor a negative ETA.
     */
    static final class Progress {
        private final PrintStream out;
        private final long total;
        private final boolean tty;
        private final String unit;
        private final long start = System.nanoTime();
        private int lastDecile = -1;

        /** @param unit what is counted, plural ("rows", "ticks", "bars") */
        Progress(PrintStream out, long total, boolean tty, String unit) {
            this.out = out;
            this.total = Math.max(total, 1);
            this.tty = tty;
            this.unit = unit;
        }

        /** Mid-run: at most 99 %, ETA from the rate so far, never below 0 s. */
        void show(long done) {
            show(done, Math.min(99, (int) (100 * (double) done / total)), false);
        }

        /** The end: the share really read (below 100 % when a period or a halt ended the run early). */
        void done(long done) {
            show(done, (int) Math.min(100, 100 * (double) done / total), true);
            if (tty) out.println();
        }

        private void show(long done, int percent, boolean end) {
            double secs = (System.nanoTime() - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long eta = rate > 0 ? Math.max(0, (long) ((total - done) / rate)) : 0;
            String tail = end ? String.format(Locale.ROOT, "done in %.1f s", secs) : "ETA " + eta + " s";
            if (tty) {
                int w = 30, fill = percent * w / 100;
                out.printf(Locale.ROOT, "\r[%s%s] %3d %% %,d/%,d %s  %,.0f %s/s  %s ", "#".repeat(fill), ".".repeat(w - fill),
                        percent, done, total, unit, rate, unit, tail);
            } else if (end || percent / 10 > lastDecile) {
                lastDecile = percent / 10;
                out.printf(Locale.ROOT, "%3d %% %,d/%,d %s, %,.0f %s/s, %s%n", percent, done, total, unit, rate, unit, tail);
            }
        }
    }
}
