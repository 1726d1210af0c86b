package io.vprop.http;

import io.vprop.testing.Http;
import java.util.LinkedHashMap;
import io.vprop.models.TrainedFixture;
import io.vprop.models.train.TreeEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.vprop.models.live.ModelService;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.train.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registry-scoped actions and finite JSON over real HTTP, against a running {@link ModelService}. */
class ModelsApiRegistriesTest {
    @TempDir
    Path root;

    private final ObjectMapper json = new ObjectMapper();

    private static HttpResponse<String> call(String method, String url) throws Exception {
        return Http.call(method, url);
    }

    /** No retraining, no scheduler; the rollback margin and interval are the non-finite values under test. */
    private ModelService service(double margin, double intervalHours) {
        var settings = new ModelService.Settings(root, true, margin, 30, List.of(), intervalHours, 0, false, false,
                TrainedFixture.LABELER, TrainedFixture.CONFIG, 0);
        return new ModelService(settings, (t, d) -> { }, System::currentTimeMillis);
    }

    private static Javalin start(ModelService service) {
        Javalin app = Javalin.create(c -> c.jsonMapper(new io.javalin.json.JavalinJackson()));
        ModelsApi.register(app, service);
        return app.start("127.0.0.1", 0);
    }

    @Test
    void everyRegistryCanBeRolledBackAndActivatedByNameAndAnUnknownNameIsA404NamingTheKnownOnes() throws Exception {
        TreeEnsemble m = TrainedFixture.result().model();
        ModelMetadata meta = TrainedFixture.result().metadata();
        try (ModelService service = service(0.02, 0)) {
            int v1 = service.registry().publish(OnnxTreeExport.export(m, "tpsl", Map.of()), meta);
            int v2 = service.registry().publish(OnnxTreeExport.export(m, "tpsl", Map.of()), meta);
            int bad = service.registry().publish(OnnxTreeExport.export(m.scaled(0.5, 0.2), "tpsl", Map.of()), meta);
            Javalin app = start(service);
            try {
                String base = "http://127.0.0.1:" + app.port();
                assertThat(call("POST", base + "/api/models/tpsl/activate/" + v1).statusCode()).isEqualTo(200);
                HttpResponse<String> r = call("POST", base + "/api/models/tpsl/activate/" + v2);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(json.readTree(r.body()).get("served").asInt()).isEqualTo(v2);

                r = call("POST", base + "/api/models/tpsl/activate/" + bad);
                assertThat(r.statusCode()).isEqualTo(422);
                assertThat(json.readTree(r.body()).get("error").asText()).contains("parity");
                assertThat(service.registry().current().version()).isEqualTo(v2);

                r = call("POST", base + "/api/models/tpsl/rollback");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(json.readTree(r.body()).get("served").asInt()).isEqualTo(v1);
                assertThat(json.readTree(call("GET", base + "/api/models").body())
                        .get("registries").get("tpsl").get("served").asInt()).isEqualTo(v1);

                // the other registries exist but hold nothing: refused with the registry's own reason
                r = call("POST", base + "/api/models/meta/rollback");
                assertThat(r.statusCode()).isEqualTo(409);
                assertThat(json.readTree(r.body()).get("error").asText()).contains("meta");
                r = call("POST", base + "/api/models/autoencoder/activate/3");
                assertThat(r.statusCode()).isEqualTo(422);
                assertThat(json.readTree(r.body()).get("error").asText()).contains("autoencoder v3 does not exist");
                assertThat(call("POST", base + "/api/models/meta/activate/x").statusCode()).isEqualTo(400);

                r = call("POST", base + "/api/models/seqx/rollback");
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(json.readTree(r.body()).get("error").asText())
                        .contains("'seqx'").contains("tpsl, meta, seq, autoencoder");
                assertThat(call("POST", base + "/api/models/seqx/activate/1").statusCode()).isEqualTo(404);

                // the unscoped tpsl routes still work
                assertThat(call("POST", base + "/api/models/activate/" + v2).statusCode()).isEqualTo(200);
                assertThat(call("POST", base + "/api/models/rollback").statusCode()).isEqualTo(200);
                assertThat(service.registry().current().version()).isEqualTo(v1);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void everyNumberInTheAnswerIsFiniteEvenWhenSettingsAndHoldoutMetricsAreNot() throws Exception {
        TreeEnsemble m = TrainedFixture.result().model();
        ModelMetadata meta = TrainedFixture.result().metadata();
        Metrics.Report h = meta.holdout();
        ModelMetadata nanHoldout = new ModelMetadata(meta.name(), 0, meta.kind(), meta.features(), meta.horizonBars(),
                meta.tpSigma(), meta.slSigma(), meta.trainFromMs(), meta.trainToMs(), meta.createdAtMs(), null,
                new Metrics.Report(h.rows(), Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
                        h.reliability()), meta.walkForward(), meta.parityInputs(), meta.parityExpected(),
                Map.of("timeframe", "M1", "threshold", Double.NaN));
        try (ModelService service = service(Double.NaN, Double.POSITIVE_INFINITY)) {
            int v = service.registry().publish(OnnxTreeExport.export(m, "tpsl", Map.of()), nanHoldout);
            service.registry().activate(v);
            Javalin app = start(service);
            try {
                HttpResponse<String> r = call("GET", "http://127.0.0.1:" + app.port() + "/api/models");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).doesNotContain("NaN").doesNotContain("Infinity");
                JsonNode s = json.readTree(r.body()); // strict parser: a bare NaN token would fail here
                List<String> bad = new ArrayList<>();
                walk(s, "$", bad);
                assertThat(bad).isEmpty();
                JsonNode ver = s.get("registries").get("tpsl").get("versions").get(0);
                assertThat(ver.get("holdout_auc").isNull()).isTrue();
                assertThat(ver.get("holdout_brier").isNull()).isTrue();
                assertThat(s.get("service").get("rollback_rule").get("margin").isNull()).isTrue();
                assertThat(s.get("service").get("retraining").get("interval_hours").isNull()).isTrue();
                assertThat(s.get("service").get("rollback_rule").get("min_trades").asInt()).isEqualTo(30);
            } finally {
                app.stop();
            }
        }
    }

    /** Collects the path of every number that is not finite (a double NaN parsed leniently would show up here). */
    private static void walk(JsonNode n, String path, List<String> bad) {
        if (n.isNumber() && !Double.isFinite(n.asDouble())) bad.add(path);
        if (n.isTextual() && n.asText().matches("-?(NaN|Infinity)")) bad.add(path + " = \"" + n.asText() + "\"");
        if (n.isObject()) n.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), bad));
        if (n.isArray()) for (int i = 0; i < n.size(); i++) walk(n.get(i), path + "[" + i + "]", bad);
    }

    @Test
    @SuppressWarnings("unchecked")
    void finiteJsonNullsNonFiniteNumbersInsideNestedValues() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("a", List.of(1.0, Double.NaN));
        in.put("b", new double[]{Double.NEGATIVE_INFINITY, 2});
        in.put("c", Map.of("d", Float.NaN));
        in.put("e", "text");
        in.put("f", 7L);
        Map<String, Object> out = FiniteJson.map(in);
        assertThat((List<Object>) out.get("a")).containsExactly(1.0, null);
        assertThat((List<Object>) out.get("b")).containsExactly(null, 2.0);
        assertThat((Map<Object, Object>) out.get("c")).containsEntry("d", null);
        assertThat(out).containsEntry("e", "text").containsEntry("f", 7L);
    }
}
