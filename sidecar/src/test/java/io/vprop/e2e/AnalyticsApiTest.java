package io.vprop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytics REST API against a real sidecar (journal, kernel, HTTP) and a real paper terminal over ZeroMQ
 * trading the demo strategy: every trade's net equals the sum of its journaled deals, and the summary agrees.
 */
class AnalyticsApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(int port, String path) throws Exception {
        HttpResponse<String> r = get(port, path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void tradesAndSummaryAgreeWithTheJournalsDeals(@TempDir Path dir) throws Exception {
        String zmq = "tcp://127.0.0.1:" + freePort();
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", dir.resolve("sidecar").toString());
        o.put("zmq.endpoint", zmq);
        o.put("http.host", "127.0.0.1");
        o.put("http.port", "0");
        o.put("strategy", "demo");
        Map<String, String> p = new HashMap<>();
        p.put("data.dir", dir.resolve("paper").toString());
        p.put("paper.speed", "600");
        p.put("paper.ticks.per.second", "2");
        VpropConfig paperCfg = VpropConfig.load(null, Map.of(), p);
        try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
            int port = sidecar.httpPort();
            PaperTerminal paper = PaperSetup.terminal(paperCfg, zmq, PaperSetup.market(paperCfg), 1);
            Thread pt = new Thread(paper, "paper");
            pt.start();
            try {
                long deadline = System.currentTimeMillis() + 90_000;
                while (getJson(port, "/api/analytics/summary").path("closed_trades").asInt() < 3) {
                    assertThat(System.currentTimeMillis()).as("three closed trades within 90 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
            } finally {
                paper.close();
                pt.join(10_000);
            }
            // the terminal is gone: the journal no longer changes, so every answer describes the same deals
            JsonNode fills = getJson(port, "/api/fills?limit=10000");
            JsonNode trades = getJson(port, "/api/analytics/trades?limit=100000");
            JsonNode summary = getJson(port, "/api/analytics/summary");
            Map<Long, Double> netByPosition = new HashMap<>();
            Map<Long, Integer> dealsByPosition = new HashMap<>();
            double allNet = 0;
            for (JsonNode f : fills) {
                double net = f.path("profit").asDouble() + f.path("commission").asDouble() + f.path("swap").asDouble();
                netByPosition.merge(f.path("position").asLong(), net, Double::sum);
                dealsByPosition.merge(f.path("position").asLong(), 1, Integer::sum);
                allNet += net;
            }
            int closed = 0;
            double closedNet = 0;
            for (JsonNode t : trades) {
                long pos = t.path("position").asLong();
                assertThat(t.path("net").asDouble()).as("net of position " + pos).isCloseTo(netByPosition.get(pos), within(1e-6));
                assertThat(t.path("deals").asInt()).isEqualTo(dealsByPosition.get(pos));
                assertThat(t.path("alpha").asText()).isEqualTo("demo_ema_cross");
                if (t.path("closed").asBoolean()) {
                    closed++;
                    closedNet += t.path("net").asDouble();
                    assertThat(t.path("close_ms").asLong()).isGreaterThanOrEqualTo(t.path("open_ms").asLong());
                }
            }
            assertThat(trades.size()).isEqualTo(netByPosition.size());
            assertThat(summary.path("overall").path("trades").asInt()).isEqualTo(closed).isGreaterThanOrEqualTo(3);
            assertThat(summary.path("overall").path("net").asDouble()).isCloseTo(closedNet, within(1e-6));
            assertThat(summary.path("by_alpha").path("demo_ema_cross").path("trades").asInt()).isEqualTo(closed);
            int bySession = 0;
            for (JsonNode s : summary.path("by_session")) bySession += s.path("trades").asInt();
            assertThat(bySession).isEqualTo(closed);
            // the starting balance (last reported balance minus every deal) recovers the paper account's initial
            // 100 000 once the terminal's final account snapshot (sent after its last deal) has been processed
            double start = Double.NaN;
            for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
                start = getJson(port, "/api/analytics/summary").path("start_balance").asDouble();
                if (Math.abs(start - 100_000) < 1e-6) break;
            }
            assertThat(start).as("start balance (deals net %s)", allNet).isCloseTo(100_000, within(1e-6));

            JsonNode digest = getJson(port, "/api/analytics/digest");
            assertThat(digest.path("zone").asText()).isEqualTo("Europe/Prague");
            for (JsonNode t : digest.path("trades"))
                assertThat(t.path("close_ms").asLong()).isBetween(digest.path("start_ms").asLong(), digest.path("end_ms").asLong() - 1);
            assertThat(get(port, "/api/analytics/digest.csv").body()).startsWith("day,peer,position,symbol,side,alpha,regime,session,open_utc,close_utc,entry_price,"
                    + "exit_price,volume,profit,commission,swap,net,deals,signal_id,reason,exit_reason\r\n");

            HttpResponse<String> bad = get(port, "/api/analytics/trades?limit=lots");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("limit").contains("lots");
            HttpResponse<String> badDay = get(port, "/api/analytics/sessions?day=2026-13-01");
            assertThat(badDay.statusCode()).isEqualTo(400);
            assertThat(badDay.body()).contains("day").contains("2026-13-01");
            assertThat(getJson(port, "/api/analytics/capabilities").path("governors").isBoolean()).isTrue();
        }
    }
}
