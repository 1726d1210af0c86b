package io.vprop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.app.ApiToken;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.TrainedFixture;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.paper.PaperTerminal;
import io.vprop.testing.Http;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 6 against a real sidecar on loopback with a paper terminal trading over ZeroMQ (no strategy, so only
 * a request can send a signal) and a model registry serving v2 of two: every cross-site, tokenless or misnamed way
 * to send a signal, retrain or roll back is refused with its rule named, and afterwards the journal holds no signal,
 * the terminal was sent none, v2 still serves and no retraining ran. Then the same requests as the panel makes them
 * (its origin, the token) do each thing: the refusals were the guard's, not a request that could not have worked.
 */
class CrossSiteTest {
    private final JsonMapper json = JsonMapper.builder().build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void nothingThatChangesStateIsReachableCrossSiteOnLoopback(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("sidecar");
        servingV2OfTwo(data.resolve("models"));
        String zmq = "tcp://127.0.0.1:" + freePort();
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", data.toString());
        o.put("zmq.endpoint", zmq);
        o.put("http.host", "127.0.0.1");
        o.put("http.port", "0");
        o.put("strategy", "none");
        o.put("models.retrain.bars", SharedData.file(SharedData.EURUSD_M1).toString()); // a retraining would run
        Map<String, String> p = new HashMap<>();
        p.put("data.dir", dir.resolve("paper").toString());
        p.put("paper.speed", "1");
        VpropConfig paperCfg = VpropConfig.load(null, Map.of(), p);
        try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
            int port = sidecar.httpPort();
            String base = "http://127.0.0.1:" + port;
            PaperTerminal paper = PaperSetup.terminal(paperCfg, zmq, PaperSetup.market(paperCfg), 1);
            Thread pt = new Thread(paper, "paper");
            pt.start();
            try {
                String token = Files.readString(data.resolve(ApiToken.FILE)).trim();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(ApiToken.FILE)))).isEqualTo("rw-------");
                String signal = signalBody(base);

                // --- the attacks: each refused, the rule named
                refused(post(base, "/api/signals", Map.of("Origin", "http://evil.example", "Content-Type", "text/plain"), signal),
                        403, "Origin http://evil.example is not this sidecar");
                refused(post(base, "/api/signals", Map.of("Origin", "http://127.0.0.1:" + (port + 1), "Sec-Fetch-Site", "same-site",
                        "Content-Type", "application/x-www-form-urlencoded"), signal), 403, "Sec-Fetch-Site: same-site");
                refused(post(base, "/api/signals", Map.of("Origin", "http://evil.example", "Content-Type", "application/json",
                        "X-VProp-Token", token), signal), 403, "cross-origin request refused");
                refused(post(base, "/api/signals", Map.of("Content-Type", "application/json"), signal), 401, "needs the token");
                refused(post(base, "/api/signals", Map.of("Content-Type", "application/json", "X-VProp-Token", (token.charAt(0) == '0' ? "1" : "0") + token.substring(1)),
                        signal), 401, "does not match");
                refused(post(base, "/api/signals", Map.of("Content-Type", "text/plain", "X-VProp-Token", token), signal), 415, "text/plain");
                Http.Raw rebound = Http.raw(port, signal, "POST /api/signals HTTP/1.1", "Host: rebind.example:" + port,
                        "Content-Type: application/json", "X-VProp-Token: " + token);
                assertThat(rebound.status()).as(rebound.text()).isEqualTo(421);
                for (String action : new String[]{"/api/models/retrain", "/api/models/rollback", "/api/models/tpsl/rollback",
                        "/api/models/tpsl/activate/1", "/api/models/activate/1"}) {
                    refused(post(base, action, Map.of("Origin", "http://localhost:" + (port + 1)), null), 403, "cross-origin");
                    refused(post(base, action, Map.of(), null), 401, "needs the token");
                    refused(post(base, action, Map.of("Content-Type", "application/x-www-form-urlencoded", "X-VProp-Token", token), "a=b"),
                            415, "form");
                    assertThat(Http.raw(port, null, "POST " + action + " HTTP/1.1", "Host: rebind.example:" + port,
                            "X-VProp-Token: " + token).status()).as(action).isEqualTo(421);
                }
                String ws = "ws://127.0.0.1:" + port + "/ws";
                assertThat(Http.webSocket(ws, Map.of())).isEqualTo("HTTP 401");
                assertThat(Http.webSocket(ws + "?token=" + token, Map.of("Origin", "http://evil.example"))).isEqualTo("HTTP 403");
                // a page that rebinds its own name to 127.0.0.1 cannot read the panel page, which carries the token
                Http.Raw page = Http.raw(port, null, "GET / HTTP/1.1", "Host: rebind.example:" + port);
                assertThat(page.status()).isEqualTo(421);
                assertThat(page.text()).doesNotContain(token);

                // --- nothing reached the kernel or the models (a retraining would show within a second)
                Thread.sleep(1000);
                assertThat(getJson(base, "/api/signals?limit=10000", token)).as("journaled signals").isEmpty();
                assertThat(getJson(base, "/api/status", token).path("signals_sent").asLong()).isZero();
                JsonNode models = getJson(base, "/api/models", token);
                assertThat(models.path("served").asInt()).isEqualTo(2);
                assertThat(models.path("service").path("retraining").path("running").asBoolean()).isFalse();
                assertThat(models.path("service").path("retraining").path("last").isNull()).isTrue();

                // --- the panel's own requests do each thing
                String index = Http.call("GET", base + "/").body();
                assertThat(index).as("the built panel page carries the token").contains("<meta name=\"vprop-token\" content=\"" + token + "\">");
                Map<String, String> panel = Map.of("Origin", base, "Sec-Fetch-Site", "same-origin", "X-VProp-Token", token);
                Map<String, String> panelJson = new HashMap<>(panel);
                panelJson.put("Content-Type", "application/json");
                HttpResponse<String> sent = post(base, "/api/signals", panelJson, signal);
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
                assertThat(getJson(base, "/api/signals?limit=10000", token)).hasSize(1);
                HttpResponse<String> back = post(base, "/api/models/rollback", panel, null);
                assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
                assertThat(getJson(base, "/api/models", token).path("served").asInt()).isEqualTo(1);
                HttpResponse<String> retrain = post(base, "/api/models/retrain", panel, null);
                assertThat(retrain.statusCode()).as(retrain.body()).isEqualTo(202);
                // open and streaming (a live event may come before the status snapshot)
                assertThat(Http.webSocket(ws + "?token=" + token, Map.of("Origin", base))).contains("\"type\":\"");
                // the refusals above were counted by rule
                String metrics = Http.call("GET", base + "/metrics").body();
                assertThat(metrics).contains("vprop_http_refused_total{rule=\"host\"}").contains("vprop_http_refused_total{rule=\"origin\"}")
                        .contains("vprop_http_refused_total{rule=\"token\"}").contains("vprop_http_refused_total{rule=\"content-type\"}");
                // let the retraining finish before the sidecar closes under it
                for (long end = System.currentTimeMillis() + 120_000; System.currentTimeMillis() < end; Thread.sleep(250))
                    if (getJson(base, "/api/models", token).path("service").path("retraining").path("last").isObject()) break;
            } finally {
                paper.close();
                pt.join(10_000);
            }
        }
    }

    /** A buy that the risk engine lets through: 0.01 lot, stop 50 pips under the terminal's current bid. */
    private String signalBody(String base) throws Exception {
        for (long end = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            for (JsonNode q : json.readTree(Http.call("GET", base + "/api/status").body()).path("symbols")) {
                if (q.path("symbol").asText().equals("EURUSD") && q.path("bid").asDouble() > 0)
                    return String.format(Locale.ROOT, "{\"symbol\":\"EURUSD\",\"side\":\"buy\",\"lots\":0.01,\"sl\":%.5f,\"tp1\":%.5f,"
                            + "\"reason\":\"cross-site test\"}", q.path("bid").asDouble() - 0.0050, q.path("ask").asDouble() + 0.0030);
            }
        }
        throw new AssertionError("the paper terminal sent no EURUSD quote within 30 s");
    }

    private static HttpResponse<String> post(String base, String path, Map<String, String> headers, String body) throws Exception {
        return Http.call("POST", base + path, headers, body);
    }

    private static void refused(HttpResponse<String> r, int status, String why) {
        assertThat(r.statusCode()).as(r.request().uri() + " " + r.request().headers().map() + ": " + r.body()).isEqualTo(status);
        assertThat(r.body()).contains(why).contains("\"error\"");
    }

    private JsonNode getJson(String base, String path, String token) throws Exception {
        HttpResponse<String> r = Http.call("GET", base + path, Map.of("X-VProp-Token", token), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The tpsl registry with two verified versions, v2 served: a rollback would serve v1. */
    private static void servingV2OfTwo(Path models) throws Exception {
        TreeEnsemble m = TrainedFixture.result().model();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(models, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES)) {
            reg.activate(reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), TrainedFixture.result().metadata()));
            TreeEnsemble m2 = m.scaled(0.5, 0.3);
            ModelMetadata meta = TrainedFixture.result().metadata();
            float[] py = new float[meta.parityInputs().length];
            for (int i = 0; i < py.length; i++) py[i] = (float) m2.probability(meta.parityInputs()[i]);
            ModelMetadata meta2 = new ModelMetadata(meta.name(), 0, meta.kind(), meta.features(), meta.horizonBars(), meta.tpSigma(),
                    meta.slSigma(), meta.trainFromMs(), meta.trainToMs(), meta.createdAtMs(), null, meta.holdout(), meta.walkForward(),
                    meta.parityInputs(), py);
            reg.activate(reg.publish(OnnxTreeExport.export(m2, "tpsl", Map.of()), meta2));
            assertThat(reg.current().version()).isEqualTo(2);
        }
    }
}
