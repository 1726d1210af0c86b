package io.vprop.http;

import java.net.UnknownHostException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.journal.JournalReader;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.strategy.Submission;
import io.vprop.trade.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sidecar's HTTP face (docs/api.md): health, status, signals and fills, Prometheus metrics, the event
 * WebSocket and the web panel's static files. Handlers never touch kernel state directly: they read its published
 * snapshot, the journal through a read-only connection, or ask the kernel thread with {@code kernel.call}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SidecarKernel kernel;
    private final JournalReader journal;
    private final FirmDayClock firmDay;
    private final String token;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<WsContext, Boolean> sockets = new ConcurrentHashMap<>();
    private final Runnable unsubscribe;
    private final long startedMs = System.currentTimeMillis();

    /**
     * @param journal read-only queries on the kernel's journal (fills, signals, governor events)
     * @param firmDay the firm-day clock of the configured profile, the one the kernel's governors reset on
     * @param token   required on every request and WebSocket when not null (binding beyond loopback)
     */
    public ApiServer(SidecarKernel kernel, JournalReader journal, EventBus events, PrometheusMeterRegistry metrics,
                     FirmDayClock firmDay, String token) {
        this.kernel = kernel;
        this.journal = journal;
        this.firmDay = Objects.requireNonNull(firmDay, "firmDay");
        this.token = token;
        boolean panel = ApiServer.class.getResource("/web/index.html") != null;
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            if (panel) cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
        });
        if (token != null) app.before(this::authorize);
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok", "session", kernel.session(),
                "uptime_s", (System.currentTimeMillis() - startedMs) / 1000)));
        app.get("/api/status", ctx -> ctx.json(statusJson()));
        app.get("/api/fills", ctx -> ctx.json(journal.fills(limit(ctx))));
        app.get("/api/signals", ctx -> ctx.json(journal.signals(limit(ctx))));
        app.post("/api/signals", this::postSignal);
        app.get("/api/governors", ctx -> ctx.json(Map.of("profile", kernel.governorProfile(), "firmDay", firmDayJson(kernel.nowMs()),
                "accounts", kernel.governorSnapshots())));
        app.get("/api/strategy", ctx -> ctx.json(kernel.call(SidecarKernel::strategyStates).get(5, TimeUnit.SECONDS)));
        app.get("/api/governors/events", ctx -> ctx.json(journal.events("governor", limit(ctx))));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        if (!panel) app.get("/", ctx -> ctx.html("<!doctype html><title>VProp</title><body style='background:#111;color:#ddd;"
                + "font-family:sans-serif'><h1>VProp sidecar</h1><p>The web panel is not part of this build "
                + "(build dashboard-web). The API is live: <a href='/api/status' style='color:#8cf'>/api/status</a>.</p>"));
        app.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                if (token != null && !token.equals(ctx.queryParam("token"))) {
                    ctx.closeSession(4401, "unauthorized: add ?token=<token>");
                    return;
                }
                sockets.put(ctx, Boolean.TRUE);
                ctx.send(json.writeValueAsString(Map.of("type", "status", "ts_ms", System.currentTimeMillis(), "data", statusJson())));
            });
            ws.onClose(ctx -> sockets.remove(ctx));
            ws.onError(ctx -> sockets.remove(ctx));
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
        unsubscribe = events.subscribe(text -> {
            for (WsContext ws : sockets.keySet()) {
                try {
                    ws.send(text);
                } catch (RuntimeException e) {
                    sockets.remove(ws);
                }
            }
        });
    }

    public ApiServer start(String host, int port) {
        app.start(host, port);
        log.info("HTTP API on http://{}:{}/", host, app.port());
        return this;
    }

    public int port() { return app.port(); }

    /** For route modules (analytics, governors, models) that register their own endpoints before start. */
    public Javalin app() { return app; }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("http.host '" + host + "' does not resolve");
        }
    }

    private void authorize(Context ctx) {
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : ctx.queryParam("token");
        if (!token.equals(given) && !ctx.path().equals("/ws"))
            throw new io.javalin.http.UnauthorizedResponse("a token is required: Authorization: Bearer <token> or ?token=<token>");
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        if (l == null) return 100;
        try {
            int n = Integer.parseInt(l);
            if (n < 1 || n > 10_000) throw new IllegalArgumentException("limit must be 1..10000, got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + l + "'");
        }
    }

    private Map<String, Object> statusJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        var s = kernel.status();
        m.put("ts_ms", s.tsMs());
        m.put("session", s.session());
        m.put("zmq_endpoint", s.zmqEndpoint());
        m.put("terminals", s.peers());
        m.put("symbols", s.symbols());
        m.put("message_rates", s.messageRates());
        m.put("message_counts", s.messageCounts());
        m.put("protocol_errors", s.protocolErrors());
        m.put("signals_sent", s.signalsSent());
        m.put("fills_recorded", s.fillsRecorded());
        m.put("journal", Map.of("bytes", s.journalBytes(), "file", journal.toString()));
        return m;
    }

    /**
     * The firm-day clock at the sidecar's {@code now}: what the panel's header and reset countdown show. The accounts'
     * snapshots carry the same clock at their terminal's time (market time in a replay or paper demo).
     */
    Map<String, Object> firmDayJson(long now) {
        long next = firmDay.nextReset(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", firmDay.zone());
        m.put("resetTime", firmDay.resetTime().toString());
        m.put("nowMs", now);
        m.put("day", firmDay.dayOf(now).toString());
        m.put("dayStartMs", firmDay.dayStart(now));
        m.put("nextResetMs", next);
        m.put("nextResetLocal", firmDay.wallTime(next).format(WALL));
        ZoneOffset offset = firmDay.offset(next);
        m.put("nextResetOffset", offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
        return m;
    }

    private void postSignal(Context ctx) throws Exception {
        JsonNode b;
        try {
            b = json.readTree(ctx.body());
        } catch (Exception e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
        if (b == null || !b.isObject()) throw new IllegalArgumentException("body must be a JSON object");
        String symbol = text(b, "symbol", null);
        Side side = Side.parse(text(b, "side", null));
        double lots = num(b, "lots", Double.NaN);
        double sl = num(b, "sl", Double.NaN);
        if (!(lots > 0)) throw new IllegalArgumentException("lots must be a positive number");
        if (!(sl > 0)) throw new IllegalArgumentException("sl (stop loss price) is required");
        String peer = text(b, "peer", "");
        double price = num(b, "price", 0), tp1 = num(b, "tp1", 0), tp2 = num(b, "tp2", 0), dev = num(b, "max_deviation", 0);
        long expiry = (long) num(b, "expiry_s", 30);
        String reason = text(b, "reason", "manual signal via REST");
        try {
            Submission sub = kernel.call(k -> k.submitManual(peer, symbol, side, lots, price, sl, tp1, tp2, dev,
                    expiry, reason)).get(5, TimeUnit.SECONDS);
            if (sub.sent()) ctx.json(Map.of("id", sub.id(), "peer", sub.peer()));
            else ctx.status(HttpStatus.CONFLICT).json(Map.of("error", sub.reason(), "rule", sub.rule(), "peer", sub.peer()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw e;
        } catch (TimeoutException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "kernel did not answer within 5 s"));
        }
    }

    private static String text(JsonNode b, String f, String dflt) {
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) {
            if (dflt == null) throw new IllegalArgumentException(f + " is required");
            return dflt;
        }
        if (!n.isTextual()) throw new IllegalArgumentException(f + " must be a string");
        return n.textValue();
    }

    private static double num(JsonNode b, String f, double dflt) {
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) throw new IllegalArgumentException(f + " must be a finite number");
        return n.doubleValue();
    }

    @Override
    public void close() {
        unsubscribe.run();
        app.stop();
    }
}
