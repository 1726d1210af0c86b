package io.vprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.config.VpropConfig;
import io.vprop.research.edges.EdgeArtefact;
import io.vprop.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/edges answers the edges the engine was configured with: the bundled artefact's cells, or handset. */
class EdgesApiTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void fittedEdgesAnswerTheBundledArtefactsCellsAndPriors(@TempDir Path dir) throws Exception {
        JsonNode body = edges(dir, "fitted");
        JsonNode file = json.readTree(EdgeArtefact.class.getResourceAsStream(EdgeArtefact.BUNDLED));
        assertThat(body.path("source").asText()).isEqualTo("fitted");
        assertThat(body.path("setting").asText()).isEqualTo("fitted");
        assertThat(body.path("version").asText()).isEqualTo(EdgeArtefact.bundled().version());
        assertThat(body.path("sha256").asText()).hasSize(64);
        assertThat(body.path("command_line").asText()).startsWith("vprop edges merge");
        // merged from parts fitted on their own data sets; each says what it was fitted on and to
        assertThat(body.path("parts").size()).isEqualTo(file.path("parts").size()).isGreaterThanOrEqualTo(2);
        JsonNode h4d1 = body.path("parts").get(0);
        assertThat(h4d1.path("name").asText()).isEqualTo("h4d1");
        assertThat(h4d1.path("command_line").asText()).startsWith("vprop edges fit");
        assertThat(h4d1.path("fit_to_utc").asText()).isEqualTo("2021-09-05");
        assertThat(body.path("parts").findValuesAsText("name")).contains("m1");
        assertThat(body.path("cells").size()).isEqualTo(EdgeArtefact.bundled().size()).isGreaterThan(0);
        JsonNode c = body.path("cells").get(0), raw = file.path("cells").get(0);
        for (String k : new String[]{"alpha", "timeframe", "regime", "session", "symbol_class"})
            assertThat(c.path(k).asText()).as(k).isEqualTo(raw.path(k).asText());
        assertThat(c.path("n").asInt()).isEqualTo(raw.path("n").asInt());
        assertThat(c.path("n_eff").asInt()).isEqualTo(raw.path("n_eff").asInt());
        // edge_r is the shrunk edge after costs, the number the panel shows
        assertThat(c.path("edge_r").asDouble()).isEqualTo(raw.path("shrunk_net_r").asDouble());
        assertThat(body.path("priors").size()).isEqualTo(file.path("priors").size());
        assertThat(body.path("priors").get(0).path("a").asDouble()).isEqualTo(file.path("priors").get(0).path("a").asDouble());
    }

    @Test
    void handsetEdgesSaySoWithoutCells(@TempDir Path dir) throws Exception {
        JsonNode body = edges(dir, "handset");
        assertThat(body.path("source").asText()).isEqualTo("handset");
        assertThat(body.path("note").asText()).isEqualTo(EngineEdges.HANDSET_NOTE);
        assertThat(body.path("cells").size()).isZero();
        assertThat(body.path("priors").size()).isZero();
        assertThat(body.has("version")).isFalse();
    }

    private JsonNode edges(Path dir, String setting) throws Exception {
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", dir.resolve("sidecar").toString());
        o.put("zmq.endpoint", "tcp://127.0.0.1:" + freePort());
        o.put("http.host", "127.0.0.1");
        o.put("http.port", "0");
        o.put("strategy", "none");
        o.put("engine.edges", setting);
        try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
            HttpResponse<String> r = Http.call("GET", "http://127.0.0.1:" + sidecar.httpPort() + "/api/edges");
            assertThat(r.statusCode()).isEqualTo(200);
            return json.readTree(r.body());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
