package io.vprop.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.strategy.Strategy;
import io.vprop.risk.RiskEngine;
import io.vprop.testing.Http;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access rules of docs/api.md over real HTTP, on a sidecar kernel with no terminal: what the guard refuses never
 * reaches a handler, what it lets through does (a manual signal then fails for want of a terminal, 400 naming it).
 * Whether a refused request changed anything is checked against a trading terminal in the sidecar module
 * ({@code io.vprop.e2e.CrossSiteTest}) and in a real browser (dashboard-web/e2e/crosssite.mjs).
 */
class ApiAccessTest {
    static final String TOKEN = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String SIGNAL = "{\"symbol\":\"EURUSD\",\"side\":\"buy\",\"lots\":0.1,\"sl\":1.05}";
    /** What the kernel answers a signal that passed the guard: there is no terminal to send it to. */
    private static final String REACHED_THE_KERNEL = "no live terminal trades EURUSD";

    @TempDir
    Path dir;

    private Journal journal;
    private EventBus events;
    private JournalReader reader;
    private SidecarKernel kernel;
    private Thread kernelThread;
    private ApiServer api;
    private PrometheusMeterRegistry metrics;

    private int start(HttpAccess access) throws Exception {
        journal = new Journal(dir.resolve("sidecar.db"), false);
        events = new EventBus();
        reader = JournalReader.open(journal.file());
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(new InProcessTransport("api-access-test"), journal, System::currentTimeMillis),
                peer -> Strategy.NONE, new RiskEngine(1), events, metrics);
        kernelThread = new Thread(kernel, "kernel");
        kernelThread.start();
        api = new ApiServer(kernel, reader, events, metrics, ProfileLoader.bundled("ftmo-2step").dayClock(), access)
                .start("127.0.0.1", 0);
        return api.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) api.close();
        if (kernel != null) kernel.close();
        if (kernelThread != null) kernelThread.join(5_000);
        if (reader != null) reader.close();
        if (events != null) events.close();
        if (journal != null) journal.close();
    }

    private static HttpResponse<String> post(int port, String path, Map<String, String> headers, String body) throws Exception {
        return Http.call("POST", "http://127.0.0.1:" + port + path, headers, body);
    }

    @Test
    void aForeignOriginIsRefusedWithOrWithoutTheTokenAndNamed() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        // what a page on evil.example can send without a preflight: text/plain, its own Origin, no token
        HttpResponse<String> r = post(port, "/api/signals", Map.of("Origin", "http://evil.example", "Content-Type", "text/plain"), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("cross-origin request refused").contains("Origin http://evil.example")
                .contains("\"rule\":\"origin\"");
        // even a page that somehow had the token is not this sidecar's page
        r = post(port, "/api/signals", Map.of("Origin", "http://evil.example", "Content-Type", "application/json",
                RequestGuard.TOKEN_HEADER, TOKEN), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(403);
        // another port of this machine is another origin; the browser calls it same-site, which is not enough
        r = post(port, "/api/models/retrain", Map.of("Origin", "http://127.0.0.1:" + (port + 1), RequestGuard.TOKEN_HEADER, TOKEN), null);
        assertThat(r.statusCode()).isEqualTo(403);
        r = post(port, "/api/signals", Map.of("Sec-Fetch-Site", "same-site", "Content-Type", "application/json",
                RequestGuard.TOKEN_HEADER, TOKEN), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Sec-Fetch-Site: same-site");
        r = post(port, "/api/signals", Map.of("Origin", "null", RequestGuard.TOKEN_HEADER, TOKEN, "Content-Type", "application/json"), SIGNAL);
        assertThat(r.statusCode()).as("a sandboxed page's Origin").isEqualTo(403);
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            r = Http.call(method, "http://127.0.0.1:" + port + "/api/signals", Map.of("Origin", "http://evil.example"), null);
            assertThat(r.statusCode()).as(method).isEqualTo(403);
        }
        assertThat(metrics.scrape()).contains("vprop_http_refused_total{rule=\"origin\"} 7.0")
                .contains("vprop_http_refused_total{rule=\"cross-site\"} 1.0");
    }

    @Test
    void aStateChangeWithoutTheTokenOrWithAnotherIsRefused() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        HttpResponse<String> r = post(port, "/api/signals", Map.of("Content-Type", "application/json"), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("needs the token").contains("X-VProp-Token").contains("vprop token");
        r = post(port, "/api/models/rollback", Map.of(RequestGuard.TOKEN_HEADER, TOKEN.replace('0', '1')), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("does not match");
        // ?token= is for the WebSocket (and reads beyond loopback), never for a state change
        r = post(port, "/api/signals?token=" + TOKEN, Map.of("Content-Type", "application/json"), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void textAndFormBodiesAreRefusedEvenWithTheToken() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = post(port, "/api/signals", Map.of("Content-Type", type, RequestGuard.TOKEN_HEADER, TOKEN), SIGNAL);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(r.body()).as(type).contains("Content-Type " + type.replace("\"", "\\\"") + " is refused");
        }
        HttpResponse<String> r = post(port, "/api/signals", Map.of(RequestGuard.TOKEN_HEADER, TOKEN), SIGNAL);
        assertThat(r.statusCode()).as("a signal without a content type").isEqualTo(415);
        assertThat(r.body()).contains("application/json");
    }

    @Test
    void thePanelsOwnRequestsPassTheGuard() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        // what the panel's fetch sends: its own Origin, same-origin, the token header, JSON
        HttpResponse<String> r = post(port, "/api/signals", Map.of("Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin",
                RequestGuard.TOKEN_HEADER, TOKEN, "Content-Type", "application/json; charset=utf-8"), SIGNAL);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(REACHED_THE_KERNEL);
        // a script or the CLI: no Origin, Bearer
        r = post(port, "/api/signals", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), SIGNAL);
        assertThat(r.body()).contains(REACHED_THE_KERNEL);
        // the panel opened as localhost: its Origin matches its Host
        Http.Raw raw = Http.raw(port, SIGNAL, "POST /api/signals HTTP/1.1", "Host: localhost:" + port,
                "Origin: http://localhost:" + port, "Sec-Fetch-Site: same-origin", "Content-Type: application/json",
                "X-VProp-Token: " + TOKEN);
        assertThat(raw.text()).contains(REACHED_THE_KERNEL);
        // reads on loopback need no token
        java.net.http.HttpResponse<String> status = Http.call("GET", "http://127.0.0.1:" + port + "/api/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.body()).at("/journal/file").asText())
                .as("the journal's path, not a Java object's name").isEqualTo(journal.file().toAbsolutePath().toString());
        assertThat(metrics.scrape()).doesNotContain("vprop_http_refused_total{");
    }

    @Test
    void aForgedHostIsRefusedForReadsWritesAndThePanelPage() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        // a DNS-rebinding page: same origin as far as its browser knows, but it carries its own name
        for (String path : List.of("/api/status", "/", "/index.html", "/api/signals", "/metrics")) {
            Http.Raw r = Http.raw(port, null, "GET " + path + " HTTP/1.1", "Host: evil.example:" + port);
            assertThat(r.status()).as(path).isEqualTo(421);
            assertThat(r.text()).as(path).contains("Host evil.example:" + port + " is not served here")
                    .contains("http.allowed.hosts").doesNotContain(TOKEN);
        }
        Http.Raw r = Http.raw(port, SIGNAL, "POST /api/signals HTTP/1.1", "Host: evil.example:" + port,
                "Content-Type: application/json", "X-VProp-Token: " + TOKEN);
        assertThat(r.status()).isEqualTo(421);
        assertThat(Http.raw(port, null, "GET /api/status HTTP/1.1", "Host: 127.0.0.1:" + (port + 1)).status())
                .as("a loopback name at another port").isEqualTo(421);
        assertThat(Http.raw(port, null, "GET /api/status HTTP/1.1", "Host: 127.0.0.1").status()).as("no port: 80").isEqualTo(421);
        assertThat(Http.raw(port, null, "GET /api/status HTTP/1.1", "Host: localhost.:" + port).status()).isEqualTo(421);
        for (String host : List.of("127.0.0.1", "localhost", "LocalHost", "[::1]"))
            assertThat(Http.raw(port, null, "GET /api/status HTTP/1.1", "Host: " + host + ":" + port).status()).as(host).isEqualTo(200);
    }

    @Test
    void noCorsPreflightsAreRefusedAndNoOriginIsAllowed() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        HttpResponse<String> r = Http.call("OPTIONS", "http://127.0.0.1:" + port + "/api/signals", Map.of("Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-vprop-token,content-type"), null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("no CORS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
        // a read with a foreign Origin is answered (a script or a curl may send one) but grants that origin nothing
        r = Http.call("GET", "http://127.0.0.1:" + port + "/api/status", Map.of("Origin", "http://evil.example"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void thePanelPageCarriesTheTokenIsNeverCachedAndCannotBeFramed() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        for (String path : List.of("/", "/index.html")) {
            HttpResponse<String> r = Http.call("GET", "http://127.0.0.1:" + port + path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("<meta name=\"vprop-token\" content=\"" + TOKEN + "\">")
                    .doesNotContain(PanelPage.TOKEN_PLACEHOLDER);
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue("frame-ancestors 'none'");
        }
        HttpResponse<String> js = Http.call("GET", "http://127.0.0.1:" + port + "/assets/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("stand-in");
        assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.panelUrl("127.0.0.1")).isEqualTo("http://127.0.0.1:" + port + "/");
    }

    @Test
    void theWebSocketNeedsTheTokenAndThisOrigin() throws Exception {
        int port = start(HttpAccess.loopback(TOKEN));
        String ws = "ws://127.0.0.1:" + port + "/ws";
        assertThat(Http.webSocket(ws, Map.of())).as("no token").isEqualTo("HTTP 401");
        assertThat(Http.webSocket(ws + "?token=nope" + TOKEN, Map.of())).as("wrong token").isEqualTo("HTTP 401");
        assertThat(Http.webSocket(ws + "?token=" + TOKEN, Map.of("Origin", "http://evil.example"))).as("foreign origin").isEqualTo("HTTP 403");
        assertThat(Http.webSocket(ws + "?token=" + TOKEN, Map.of("Origin", "http://localhost:" + port))).as("another origin").isEqualTo("HTTP 403");
        assertThat(Http.webSocket(ws + "?token=" + TOKEN, Map.of("Origin", "http://127.0.0.1:" + port))).contains("\"type\":\"status\"");
        assertThat(Http.webSocket(ws, Map.of(RequestGuard.TOKEN_HEADER, TOKEN))).contains("\"type\":\"status\"");
    }

    @Test
    void boundBeyondLoopbackReadsNeedTheTokenTooExceptThePanelsAssets() throws Exception {
        int port = start(new HttpAccess(TOKEN, true, List.of("VProp.LAN")));
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> r = Http.call("GET", base + "/api/status");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("bound beyond loopback");
        assertThat(Http.call("GET", base + "/").statusCode()).as("the panel page: it carries the token").isEqualTo(401);
        assertThat(Http.call("GET", base + "/?token=" + TOKEN).body()).contains(TOKEN);
        assertThat(Http.call("GET", base + "/api/status", Map.of(RequestGuard.TOKEN_HEADER, TOKEN), null).statusCode()).isEqualTo(200);
        assertThat(Http.call("GET", base + "/assets/app.js").statusCode()).isEqualTo(200);
        // the configured name at any port (a reverse proxy's), the bind's own loopback names at theirs
        assertThat(Http.raw(port, null, "GET /api/status?token=" + TOKEN + " HTTP/1.1", "Host: vprop.lan").status()).isEqualTo(200);
        assertThat(Http.raw(port, null, "GET /api/status?token=" + TOKEN + " HTTP/1.1", "Host: vprop.lan:443").status()).isEqualTo(200);
        assertThat(Http.raw(port, null, "GET /api/status?token=" + TOKEN + " HTTP/1.1", "Host: evil.example").status()).isEqualTo(421);
        assertThat(api.panelUrl("0.0.0.0")).isEqualTo("http://vprop.lan:" + port + "/?token=" + TOKEN);
    }
}
