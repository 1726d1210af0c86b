package io.vprop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.app.ApiToken;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import io.vprop.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 3 against a real sidecar on loopback and a paper terminal over ZeroMQ (no strategy: only requests
 * trade): POST /api/controls refused cross-site and without a reason; a pause holds manual orders in the sidecar
 * (control.paused) and the terminal, shows in the banner's modes and survives a restart of the sidecar; resume lifts
 * it; close_position and flatten_all close what they name, each answered by the terminal's control_ack; GET
 * /api/controls lists them with their answers.
 */
class ControlsTest {
    private final JsonMapper json = JsonMapper.builder().build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void controlsReachTheTerminalAndTheAuditTrail(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("sidecar");
        String zmq = "tcp://127.0.0.1:" + freePort();
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", data.toString());
        o.put("zmq.endpoint", zmq);
        o.put("http.host", "127.0.0.1");
        o.put("http.port", "0");
        o.put("strategy", "none");
        Map<String, String> p = new HashMap<>();
        p.put("data.dir", dir.resolve("paper").toString());
        p.put("paper.speed", "1");
        VpropConfig paperCfg = VpropConfig.load(null, Map.of(), p);
        PaperTerminal paper = PaperSetup.terminal(paperCfg, zmq, PaperSetup.market(paperCfg), 1);
        Thread pt = new Thread(paper, "paper");
        try {
            try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
                pt.start();
                String base = "http://127.0.0.1:" + sidecar.httpPort();
                String token = Files.readString(data.resolve(ApiToken.FILE)).trim();
                Map<String, String> panel = Map.of("Origin", base, "Sec-Fetch-Site", "same-origin", "X-VProp-Token", token,
                        "Content-Type", "application/json");

                // refused before anything is journaled: cross-site, no token, no reason, a bad action, no ticket
                String pause = "{\"action\":\"pause_entries\",\"reason\":\"news at 14:30\",\"by\":\"panel\"}";
                assertThat(post(base, Map.of("Origin", "http://evil.example", "Content-Type", "text/plain"), pause).statusCode()).isEqualTo(403);
                assertThat(post(base, Map.of("Content-Type", "application/json"), pause).statusCode()).isEqualTo(401);
                bad(post(base, panel, "{\"action\":\"pause_entries\",\"reason\":\"  \"}"), "reason is required");
                bad(post(base, panel, "{\"action\":\"pause_entries\"}"), "reason is required");
                bad(post(base, panel, "{\"action\":\"liquidate\",\"reason\":\"x\"}"), "action must be one of");
                bad(post(base, panel, "{\"action\":\"close_position\",\"reason\":\"x\"}"), "position (the ticket to close) is required");
                bad(post(base, panel, "{\"action\":\"resume\",\"reason\":\"x\",\"account\":\"nobody\"}"), "account: no connected terminal");
                assertThat(get(base, "/api/controls", token).path("controls")).isEmpty();

                String signal = signalBody(base);
                JsonNode paused = ok(post(base, panel, pause));
                assertThat(paused.path("status").asText()).as(paused.toString()).isEqualTo("applied");
                assertThat(paper.entriesPaused()).isTrue();
                HttpResponse<String> held = post(base, "/api/signals", panel, signal);
                assertThat(held.statusCode()).as(held.body()).isEqualTo(409);
                assertThat(held.body()).contains("\"rule\":\"control.paused\"").contains("news at 14:30");
                JsonNode mode = get(base, "/api/governors", token).path("modes").elements().next();
                assertThat(mode.path("mode").asText()).isEqualTo("PAUSED");
                assertThat(mode.path("ruleId").asText()).isEqualTo("control.paused");
                assertThat(mode.path("reason").asText()).contains("news at 14:30");
            }
            // a restart of the sidecar keeps the pause (its journal), and the terminal kept its own
            try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
                String base = "http://127.0.0.1:" + sidecar.httpPort();
                String token = Files.readString(data.resolve(ApiToken.FILE)).trim();
                Map<String, String> panel = Map.of("Origin", base, "Sec-Fetch-Site", "same-origin", "X-VProp-Token", token,
                        "Content-Type", "application/json");
                assertThat(get(base, "/api/controls", token).path("paused").size()).isEqualTo(1);
                String signal = signalBody(base);
                HttpResponse<String> held = post(base, "/api/signals", panel, signal);
                assertThat(held.statusCode()).as(held.body()).isEqualTo(409);
                assertThat(held.body()).contains("control.paused");

                JsonNode resumed = ok(post(base, panel, "{\"action\":\"resume\",\"reason\":\"news is out\"}"));
                assertThat(resumed.path("status").asText()).isEqualTo("applied");
                assertThat(paper.entriesPaused()).isFalse();
                long first = open(base, panel, token, signal);
                // the sidecar knows a position from the terminal's account snapshot, which may come just after the fill
                String close = "{\"action\":\"close_position\",\"position\":" + first + ",\"reason\":\"take profit\"}";
                HttpResponse<String> closing = post(base, panel, close);
                for (long end = System.currentTimeMillis() + 10_000; closing.statusCode() == 409
                        && closing.body().contains("control.unknown_position") && System.currentTimeMillis() < end; closing = post(base, panel, close))
                    Thread.sleep(100);
                JsonNode closed = ok(closing);
                assertThat(closed.path("ack").path("closed").asInt()).as(closed.toString()).isEqualTo(1);
                awaitFill(base, token, f -> f.path("position").asLong() == first && f.path("entry").asText().equals("out"));

                long second = open(base, panel, token, signalBody(base));
                JsonNode flat = ok(post(base, panel, "{\"action\":\"flatten_all\",\"reason\":\"end of day\"}"));
                assertThat(flat.path("ack").path("closed").asInt()).as(flat.toString()).isEqualTo(1);
                awaitFill(base, token, f -> f.path("position").asLong() == second && f.path("entry").asText().equals("out"));
                JsonNode cancel = ok(post(base, panel, "{\"action\":\"cancel_pending\",\"symbol\":\"EURUSD\",\"reason\":\"tidy up\"}"));
                assertThat(cancel.path("status").asText()).isEqualTo("applied");

                JsonNode audit = get(base, "/api/controls", token);
                assertThat(audit.path("paused")).isEmpty();
                assertThat(audit.path("controls").size()).isEqualTo(5);
                JsonNode newest = audit.path("controls").get(0);
                assertThat(newest.path("action").asText()).isEqualTo("cancel_pending");
                assertThat(newest.path("reason").asText()).isEqualTo("tidy up");
                assertThat(newest.path("by").asText()).isEqualTo("api");
                assertThat(newest.path("status").asText()).isEqualTo("applied");
                assertThat(audit.path("controls").get(4).path("by").asText()).isEqualTo("panel");
            }
        } finally {
            paper.close();
            pt.join(10_000);
        }
    }

    /** Opens a 0.01 lot buy through POST /api/signals and returns its position ticket (from the entry fill). */
    private long open(String base, Map<String, String> panel, String token, String signal) throws Exception {
        HttpResponse<String> sent = post(base, "/api/signals", panel, signal);
        // the sidecar learns that a closed position is gone from the terminal's next account snapshot
        for (long end = System.currentTimeMillis() + 10_000; sent.statusCode() == 409 && sent.body().contains("positions.per_symbol")
                && System.currentTimeMillis() < end; sent = post(base, "/api/signals", panel, signal)) Thread.sleep(100);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String id = json.readTree(sent.body()).path("id").asText();
        return awaitFill(base, token, f -> f.path("signal_id").asText().equals(id) && f.path("entry").asText().equals("in"))
                .path("position").asLong();
    }

    private JsonNode awaitFill(String base, String token, Predicate<JsonNode> which) throws Exception {
        for (long end = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < end; Thread.sleep(100))
            for (JsonNode f : get(base, "/api/fills?limit=1000", token)) if (which.test(f)) return f;
        throw new AssertionError("no such fill within 20 s: " + get(base, "/api/fills?limit=1000", token));
    }

    /** A buy that the risk engine lets through: 0.01 lot, stop 50 pips under the terminal's current bid. */
    private String signalBody(String base) throws Exception {
        for (long end = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            for (JsonNode q : json.readTree(Http.call("GET", base + "/api/status").body()).path("symbols")) {
                if (q.path("symbol").asText().equals("EURUSD") && q.path("bid").asDouble() > 0)
                    return String.format(Locale.ROOT, "{\"symbol\":\"EURUSD\",\"side\":\"buy\",\"lots\":0.01,\"sl\":%.5f,"
                            + "\"reason\":\"controls test\"}", q.path("bid").asDouble() - 0.0050);
            }
        }
        throw new AssertionError("the paper terminal sent no EURUSD quote within 30 s");
    }

    private static HttpResponse<String> post(String base, Map<String, String> headers, String body) throws Exception {
        return post(base, "/api/controls", headers, body);
    }

    private static HttpResponse<String> post(String base, String path, Map<String, String> headers, String body) throws Exception {
        return Http.call("POST", base + path, headers, body);
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static void bad(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains(why);
    }

    private JsonNode get(String base, String path, String token) throws Exception {
        HttpResponse<String> r = Http.call("GET", base + path, Map.of("X-VProp-Token", token), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
