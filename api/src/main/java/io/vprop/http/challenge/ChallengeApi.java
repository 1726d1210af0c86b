package io.vprop.http.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.history.HistoryFormat;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.history.ImportOptions;
import io.vprop.challenge.sim.ChallengeLab;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabHtml;
import io.vprop.challenge.sim.LabJson;
import io.vprop.challenge.sim.LabResult;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The challenge lab over HTTP, for the panel's Challenge page (docs/api.md, "Challenge lab"). It computes and changes
 * no trading state; the runs are POSTs all the same, so they pass the API's token and same-origin checks.
 * <ul>
 *   <li>{@code GET /api/challenge}: the firms, defaults and limits, the newest research result in the research folder
 *   (or how to make one) and the journal's closed trades.</li>
 *   <li>{@code POST /api/challenge/runs}: a JSON body ({@link ChallengeRequest}; an upload travels base64 inside it,
 *   because state-changing requests carry JSON only). The history is imported at once (a bad file is a 400 naming
 *   the line and column); the lab then runs on one background thread, 202 with the run's id. One run at a time
 *   (409 while another runs), each bounded in time (stopped from the lab's progress callback).</li>
 *   <li>{@code GET /api/challenge/runs/{id}}: the run's progress (paths done of the total, time left), then the
 *   {@code LabResult} as {@link LabJson} writes it under {@code result}, or the error.
 *   {@code GET /api/challenge/runs/{id}/report.html}: the lab's self-contained HTML report of a finished run.
 *   {@code POST /api/challenge/runs/{id}/cancel} stops it.</li>
 * </ul>
 */
public final class ChallengeApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChallengeApi.class);
    static final String RESEARCH_HOW = "write one with vprop walkforward --data DIR --out <research dir>/NAME (or vprop "
            + "backtest --out <research dir>/NAME.json), then reload";
    private static final int KEPT_RUNS = 5;

    /**
     * @param researchDir    where walk-forward and backtest results are looked for (the newest is offered)
     * @param maxUploadBytes the largest history file accepted
     * @param maxPaths       the most bootstrap paths (and risk-curve paths per point) a request may ask for
     * @param maxRunSeconds  a run still going after this long is stopped
     * @param threads        the lab's worker threads (the sidecar's cores belong to trading first)
     */
    public record Settings(Path researchDir, long maxUploadBytes, int maxPaths, long maxRunSeconds, int threads) {
        public Settings {
            if (maxUploadBytes < 1 || maxPaths < 1 || maxRunSeconds < 1 || threads < 1)
                throw new IllegalArgumentException("challenge settings must be positive: " + maxUploadBytes + ", " + maxPaths
                        + ", " + maxRunSeconds + ", " + threads);
        }

        /** 20 MB files, 50,000 paths, 10 minutes, one thread. */
        public static Settings defaults(Path researchDir) {
            return new Settings(researchDir, 20_000_000, 50_000, 600, 1);
        }
    }

    private final Settings settings;
    private final JournalReader journal;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vprop-challenge-lab");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // the kernel's thread comes first
        return t;
    });
    private final LinkedHashMap<String, ChallengeRun> runs = new LinkedHashMap<>();

    private ChallengeApi(Settings settings, JournalReader journal) {
        this.settings = settings;
        this.journal = journal;
    }

    /** A refusal with its HTTP status; the body is {"error": message} like the API's other refusals. */
    static final class Refusal extends RuntimeException {
        final HttpStatus status;

        Refusal(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    private interface Handler {
        void handle(Context ctx) throws Exception;
    }

    /** Bad input is a 400 naming the field, a refusal its own status: {"error": …} either way. */
    private static io.javalin.http.Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (Refusal e) {
                ctx.status(e.status).json(Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException e) {
                ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
            }
        };
    }

    /**
     * Registers the /api/challenge routes on {@code app} (before it starts); the worker stops with the server.
     *
     * @param journal the live journal (source "journal"), or null when there is none
     */
    public static ChallengeApi register(Javalin app, JournalReader journal, Settings settings) {
        ChallengeApi c = new ChallengeApi(settings, journal);
        app.get("/api/challenge", guarded(ctx -> ctx.json(c.overview())));
        app.post("/api/challenge/runs", guarded(c::start));
        app.get("/api/challenge/runs/{id}", guarded(ctx -> c.send(ctx, c.run(ctx))));
        app.get("/api/challenge/runs/{id}/report.html", guarded(c::report));
        app.post("/api/challenge/runs/{id}/cancel", guarded(ctx -> {
            ChallengeRun r = c.run(ctx);
            r.cancel();
            ctx.json(r.status());
        }));
        app.events(e -> {
            e.serverStopped(c::close);
            e.serverStartFailed(c::close);
        });
        return c;
    }

    private Map<String, Object> overview() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, String>> firms = new ArrayList<>();
        for (String id : ProfileLoader.BUNDLED) firms.add(Map.of("id", id, "name", FirmPlan.bundled(id).name()));
        m.put("firms", firms);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("balance", ChallengeRequest.DEFAULT_BALANCE);
        d.put("risk_pct", ChallengeRequest.DEFAULT_RISK_PCT);
        d.put("risk_curve", Map.of("from", ChallengeRequest.DEFAULT_CURVE[0], "to", ChallengeRequest.DEFAULT_CURVE[1],
                "step", ChallengeRequest.DEFAULT_CURVE[2]));
        d.put("curve_paths", ChallengeRequest.DEFAULT_CURVE_PATHS);
        d.put("paths", ChallengeRequest.DEFAULT_PATHS);
        d.put("seed", 1);
        d.put("breach_bound_pct", ChallengeRequest.DEFAULT_BREACH_BOUND_PCT);
        d.put("method", "both");
        d.put("server_tz", ImportOptions.NEW_YORK_CLOSE);
        m.put("defaults", d);
        m.put("limits", Map.of("max_upload_bytes", settings.maxUploadBytes(), "max_paths", settings.maxPaths(),
                "max_run_seconds", settings.maxRunSeconds(), "threads", settings.threads()));
        m.put("formats", Stream.of(HistoryFormat.values()).map(f -> Map.of("id", f.name(), "description", f.description(),
                "needs_server_tz", f.needsServerZone())).toList());
        m.put("research", research());
        m.put("journal", journalSummary());
        ChallengeRun last = latest();
        m.put("last_run", last == null ? null : last.status());
        return m;
    }

    private Map<String, Object> research() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dir", settings.researchDir().toAbsolutePath().toString());
        Path newest = newestResearch();
        if (newest == null) {
            r.put("file", null);
            r.put("how", RESEARCH_HOW.replace("<research dir>", settings.researchDir().toAbsolutePath().toString()));
            return r;
        }
        r.put("file", newest.toAbsolutePath().toString());
        try {
            r.put("modified_ms", Files.getLastModifiedTime(newest).toMillis());
            r.put("format", HistoryImport.detect(newest).title());
            TradeHistory h = HistoryImport.read(newest);
            r.put("source", h.source());
            r.put("trades", h.trades().size());
        } catch (RuntimeException | IOException e) {
            r.put("error", e.getMessage());
        }
        return r;
    }

    /** The newest *.json under the research folder (three levels deep) that is a research result; null if none. */
    Path newestResearch() {
        Path dir = settings.researchDir();
        if (!Files.isDirectory(dir)) return null;
        List<Path> candidates;
        try (Stream<Path> s = Files.find(dir, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".json"))) {
            candidates = s.sorted(Comparator.comparingLong(ChallengeApi::modified).reversed()).limit(50).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the research folder " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : candidates) {
            try {
                if (!HistoryImport.detect(p).needsServerZone()) return p;
            } catch (RuntimeException notResearch) {
                // another JSON file (a checkpoint, a config): not offered
            }
        }
        return null;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private Map<String, Object> journalSummary() {
        Map<String, Object> j = new LinkedHashMap<>();
        if (journal == null) {
            j.put("closed_trades", 0);
            return j;
        }
        try {
            TradeHistory h = io.vprop.analytics.JournalHistory.read(journal, null, "USD", "live journal");
            j.put("closed_trades", h.trades().size());
        } catch (IllegalArgumentException e) { // none yet, or several terminals: the message says which
            j.put("closed_trades", 0);
            j.put("note", e.getMessage());
        }
        return j;
    }

    private void start(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        ChallengeRequest req = ChallengeRequest.read(body, settings, newestResearch(), journal);
        ChallengeRun run = new ChallengeRun(UUID.randomUUID().toString(), req.history.source(), req.history.trades().size(),
                settings.maxRunSeconds() * 1000);
        synchronized (runs) { // the check and the registration together: two requests at once cannot both start
            ChallengeRun busy = runs.values().stream().filter(r -> !r.finished()).findFirst().orElse(null);
            if (busy != null) {
                Map<String, Object> m = new LinkedHashMap<>(busy.status());
                m.put("error", "a challenge run is in progress (" + busy.progressText() + "); wait for it or cancel it");
                ctx.status(HttpStatus.CONFLICT).json(m);
                return;
            }
            runs.put(run.id, run);
            while (runs.size() > KEPT_RUNS) runs.remove(runs.keySet().iterator().next());
        }
        worker.submit(() -> {
            if (run.finished()) return; // cancelled while queued
            run.started();
            try {
                LabResult r = ChallengeLab.run(req.history, req.spec, run);
                run.finished(r, LabJson.write(r));
                log.info("challenge lab: {} trades of {}, {} firms, {} s", run.trades, run.source, r.firms().size(),
                        r.elapsedMs() / 1000.0);
            } catch (RuntimeException e) {
                run.failed(e);
                if (!(e instanceof ChallengeRun.Stopped)) log.warn("challenge lab run {} failed: {}", run.id, e.toString());
            }
        });
        ctx.status(HttpStatus.ACCEPTED).json(run.status());
    }

    /** The body with a size limit of its own: an upload travels base64 inside it (4/3 of the file, and the fields). */
    private JsonNode body(Context ctx) throws IOException {
        long limit = settings.maxUploadBytes() / 3 * 4 + 64_000;
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw tooLarge(declared, limit);
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (bytes.length > limit) throw tooLarge(bytes.length, limit);
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static Refusal tooLarge(long got, long limit) {
        return new Refusal(HttpStatus.CONTENT_TOO_LARGE, "the request has "
                + got + " bytes, more than the " + limit + " this endpoint takes (an upload of at most "
                + limit / 4 * 3 / 1_000_000 + " MB, base64)");
    }

    private ChallengeRun run(Context ctx) {
        String id = ctx.pathParam("id");
        synchronized (runs) {
            ChallengeRun r = runs.get(id);
            if (r == null) throw new Refusal(HttpStatus.NOT_FOUND, "no challenge run " + id + " (the last " + KEPT_RUNS
                    + " runs are kept)");
            return r;
        }
    }

    private void send(Context ctx, ChallengeRun r) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(r.status());
        m.put("result", r.resultJson() == null ? null : json.readTree(r.resultJson()));
        ctx.json(m);
    }

    private void report(Context ctx) {
        ChallengeRun r = run(ctx);
        if (r.result() == null)
            throw new Refusal(HttpStatus.CONFLICT, "run " + r.id + " has no result (" + r.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
        ctx.html(LabHtml.render(r.result()));
    }

    private ChallengeRun latest() {
        synchronized (runs) {
            ChallengeRun last = null;
            for (ChallengeRun r : runs.values()) last = r;
            return last;
        }
    }

    @Override
    public void close() {
        synchronized (runs) {
            runs.values().forEach(ChallengeRun::cancel);
        }
        worker.shutdownNow();
    }
}
