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
 * Every request and WebSocket upgrade, on every path (those route modules add too), passes {@link RequestGuard}
 * first: nothing that changes state is reachable cross-site, loopback included (docs/api.md, Access).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SidecarKernel kernel;
    private final JournalReader journal;
    private final FirmDayClock firmDay;
    private final HttpAccess access;
    private final RequestGuard guard;
    private final PrometheusMeterRegistry metrics;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<WsContext, Boolean> sockets = new ConcurrentHashMap<>();
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();
    // set once at start by the sidecar; null until then (a bare ApiServer in a test has neither)
    private volatile Map<String, Object> riskPerTrade;
    private volatile Map<String, Object> strategy;
    private final Runnable unsubscribe;
    private final long startedMs = System.currentTimeMillis();

    /**
     * @param journal read-only queries on the kernel's journal (fills, signals, governor events)
     * @param firmDay the firm-day clock of the configured profile, the one the kernel's governors reset on
     * @param access  the token and the host names the sidecar answers to ({@link RequestGuard} applies them to every
     *                request and to the WebSocket upgrade)
     */
    public ApiServer(SidecarKernel kernel, JournalReader journal, EventBus events, PrometheusMeterRegistry metrics,
                     FirmDayClock firmDay, HttpAccess access) {
        this.kernel = kernel;
        this.journal = journal;
        this.firmDay = Objects.requireNonNull(firmDay, "firmDay");
        this.access = Objects.requireNonNull(access, "access");
        this.guard = new RequestGuard(access);
        this.metrics = metrics;
        String index = PanelPage.load(access.token());
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            if (index != null) cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
                // the page itself is served below, with the token in it
                sf.skipFileFunction = req -> req.getRequestURI().equals("/") || req.getRequestURI().equals("/index.html");
            });
        });
        app.before(ctx -> guard(ctx, false));
        app.wsBeforeUpgrade(ctx -> guard(ctx, true)); // every WebSocket path, present and future
        app.exception(Refused.class, (e, ctx) -> ctx.status(e.refusal.status())
                .json(Map.of("error", e.refusal.message(), "rule", e.refusal.rule())));
        if (index != null) {
            app.get("/", ctx -> PanelPage.serve(ctx, index));
            app.get("/index.html", ctx -> PanelPage.serve(ctx, index));
        }
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok", "session", kernel.session(),
                "uptime_s", (System.currentTimeMillis() - startedMs) / 1000)));
        app.get("/api/status", ctx -> ctx.json(statusJson()));
        app.get("/api/fills", ctx -> ctx.json(journal.fills(JsonBody.limit(ctx, 100, 10_000))));
        app.get("/api/signals", ctx -> ctx.json(journal.signals(JsonBody.limit(ctx, 100, 10_000))));
        app.post("/api/signals", this::postSignal);
        new ControlsApi(kernel, journal, json).register(app);
        app.get("/api/governors", ctx -> ctx.json(governorsJson()));
        app.get("/api/strategy", ctx -> ctx.json(kernel.call(SidecarKernel::strategyStates).get(5, TimeUnit.SECONDS)));
        app.get("/api/governors/events", ctx -> ctx.json(journal.events("governor", JsonBody.limit(ctx, 100, 10_000))));
        // balance operations (deposits, payouts, credits...): journaled as events, never fills, so never trades
        app.get("/api/governors/balance", ctx -> ctx.json(journal.events("balance", JsonBody.limit(ctx, 100, 10_000))));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        if (index == null) app.get("/", ctx -> ctx.html("<!doctype html><title>VProp</title><body style='background:#111;color:#ddd;"
                + "font-family:sans-serif'><h1>VProp sidecar</h1><p>The web panel is not part of this build "
                + "(build dashboard-web). The API is live: <a href='/api/status' style='color:#8cf'>/api/status</a>.</p>"));
        app.ws("/ws", ws -> {
            ws.onConnect(ctx -> { // the upgrade passed the guard: same origin (or no browser) and the token
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
        if (access.tokenForReads())
            log.info("web panel and API on http://{}:{}/ (bound beyond loopback: every request needs the token); "
                    + "open {}", host, app.port(), panelUrl(host));
        else log.info("web panel and API on {} (state-changing requests and the WebSocket need the token: `vprop token` "
                + "prints it; the panel page carries it)", panelUrl(host));
        return this;
    }

    /** Where to open the panel of this server, bound to {@code bindHost}: see {@link #panelUrl(String, int, HttpAccess)}. */
    public String panelUrl(String bindHost) {
        return panelUrl(bindHost, app.port(), access);
    }

    /**
     * The address to open the panel at: on loopback the page carries the token itself; beyond loopback the first
     * name the sidecar answers to (else 127.0.0.1 for a wildcard bind) with {@code ?token=}, since reads need it there.
     */
    public static String panelUrl(String bindHost, int port, HttpAccess access) {
        String host = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        if (!access.tokenForReads()) return "http://" + host + ":" + port + "/";
        if (!access.hostNames().isEmpty()) host = access.hostNames().get(0);
        else if (isWildcard(bindHost)) host = "127.0.0.1";
        return "http://" + host + ":" + port + "/?token=" + access.token();
    }

    /** 0.0.0.0 or :: (every interface): no name of its own to answer to. */
    public static boolean isWildcard(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("http.host '" + host + "' does not resolve");
        }
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

    /** A request the guard refused; answered as JSON {"error", "rule"} with the refusal's status. */
    private static final class Refused extends RuntimeException {
        final RequestGuard.Refusal refusal;

        Refused(RequestGuard.Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }
    }

    private void guard(Context ctx, boolean webSocket) {
        // on every answer, refusals included: no framing (clickjacking the panel's buttons), no sniffing, no referrer
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        RequestGuard.Refusal r = guard.check(new RequestGuard.Request(ctx.method().name(), ctx.path(), webSocket,
                ctx.header("Host"), ctx.req().getLocalPort(), ctx.header("Origin"), ctx.header("Sec-Fetch-Site"),
                ctx.header("Content-Type"), ctx.header("Authorization"), ctx.header(RequestGuard.TOKEN_HEADER),
                ctx.queryParam("token")));
        if (r == null) return;
        metrics.counter("vprop_http_refused", "rule", r.rule()).increment();
        // a hostile page can send refusals in a loop: one warning per rule and minute, the counter has them all
        long now = System.currentTimeMillis();
        if (lastWarned.compute(r.rule(), (rule, t) -> t == null || now - t >= 60_000 ? now : t) == now)
            log.warn("refused {} {} (Host {}, Origin {}, rule {}; later refusals of this rule within a minute are only "
                    + "counted in vprop_http_refused_total)", ctx.method(), ctx.path(), ctx.header("Host"), ctx.header("Origin"), r.rule());
        throw new Refused(r);
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
        m.put("journal", Map.of("bytes", s.journalBytes(), "file", journal.file().toAbsolutePath().toString()));
        return m;
    }

    /**
     * GET /api/governors: the profile, its firm-day clock now, each account's snapshot and each account's mode (paused,
     * halted ... with the reason and, for a pause, until when on the firm's clock) for the panel's banner.
     */
    /** The risk per trade in use and where it came from, for {@code risk_per_trade} of GET /api/governors. */
    public ApiServer riskPerTrade(io.vprop.challenge.risk.RiskPerTrade r) {
        riskPerTrade = RiskPerTradeJson.of(r);
        return this;
    }

    /**
     * The strategy running and, for the demo's stand-in, why it is not the signal engine ("" otherwise), for
     * {@code strategy} of GET /api/governors: the panel's banner shows the reason.
     */
    public ApiServer strategy(String running, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", running);
        m.put("reason", reason);
        strategy = m;
        return this;
    }

    private Map<String, Object> governorsJson() {
        var snapshots = kernel.governorSnapshots();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", kernel.governorProfile());
        m.put("firmDay", firmDayJson(kernel.nowMs()));
        m.put("accounts", snapshots);
        var attach = kernel.governorAttach();
        m.put("attach", attach);
        m.put("modes", AccountModes.withTraderPauses(AccountModes.of(snapshots, attach, firmDay,
                () -> journal.events("governor", Long.MIN_VALUE, Long.MAX_VALUE, AccountModes.NOTICES_SCANNED)),
                kernel.controlPauses()));
        m.put("risk_per_trade", riskPerTrade);
        m.put("strategy", strategy);
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
        m.put("nextResetOffset", AccountModes.offset(offset));
        return m;
    }

    private void postSignal(Context ctx) throws Exception {
        JsonNode b = JsonBody.object(ctx, json, "POST /api/signals");
        if (b == null) return;
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
