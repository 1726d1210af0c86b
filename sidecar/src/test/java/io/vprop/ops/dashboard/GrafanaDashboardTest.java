package io.vprop.ops.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.journal.Journal;
import io.vprop.paper.TerminalLink;
import io.vprop.protocol.Payload;
import io.vprop.testing.RepoPaths;
import io.vprop.transport.RoutingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/grafana-dashboard.json against a real sidecar: every vprop_* series a panel queries is one the running
 * sidecar's /metrics actually exposes (a renamed metric would otherwise leave a silently empty panel).
 */
class GrafanaDashboardTest {
    @TempDir
    Path dir;

    @Test
    void everyQueriedMetricIsExposedByTheSidecar() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(RepoPaths.root().resolve("ops/grafana-dashboard.json").toFile());
        assertThat(dash.path("uid").asText()).isEqualTo("vprop-sidecar");
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bvprop_[a-z_]+");
        for (JsonNode p : dash.path("panels")) {
            assertThat(p.path("targets")).as("panel '" + p.path("title").asText() + "' has a query").isNotEmpty();
            for (JsonNode t : p.path("targets")) {
                Matcher m = metric.matcher(t.path("expr").asText());
                while (m.find()) queried.add(m.group());
            }
        }
        assertThat(queried).contains("vprop_peers_connected", "vprop_messages_in_total", "vprop_notifications_total");

        String zmq = "tcp://127.0.0.1:" + freePort();
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("zmq.endpoint", zmq, "http.port", "0",
                "data.dir", dir.resolve("data").toString(), "strategy", "none",
                "notify.webhook.url", "http://127.0.0.1:9/unused"));
        String scrape;
        try (Sidecar s = Sidecar.start(cfg, true);
             Journal tj = new Journal(dir.resolve("t.db"), false);
             TerminalLink link = new TerminalLink(zmq, new RoutingId("mt5", "1", "C"), tj, GrafanaDashboardTest::hello,
                     sig -> { }, System::currentTimeMillis, System::currentTimeMillis)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!link.welcomed() && System.currentTimeMillis() < deadline) link.poll(10);
            assertThat(link.welcomed()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + s.httpPort() + "/metrics");
            // A protocol error, so that its counter exists: a tick older than the one before it is refused
            // (out_of_range, time_msc). Sent on the welcomed link, so it cannot be lost to a connection not yet up.
            long t = System.currentTimeMillis();
            link.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1001, 0, 0, t, 6), false);
            link.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1001, 0, 0, t - 1_000, 6), false);
            while (link.errorsReceived() == 0 && System.currentTimeMillis() < deadline) link.poll(10);
            assertThat(link.errorsReceived()).as("the sidecar answered the backwards tick with an error").isPositive();
            scrape = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        for (String q : queried) assertThat(scrape).as("/metrics exposes " + q).containsPattern("(?m)^" + q + "[{ ]");
    }

    private static Payload.Hello hello() {
        return new Payload.Hello("mt5", "1", "Srv", "Co", "USD", 100, "hedging", 0, List.of(1), 0, "", List.of(
                new Payload.SymbolInfo("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0, "EUR", "USD", List.of())));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
