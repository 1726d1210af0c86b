package io.vprop.http;

import io.vprop.models.TpSlTraining;
import io.vprop.models.live.ModelService;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.testing.Http;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.TrainedFixture;
import io.vprop.models.train.TreeEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry over real HTTP (Javalin on a loopback port). */
class ModelsApiTest {
    @TempDir
    Path root;

    private final ObjectMapper json = new ObjectMapper();

    private static HttpResponse<String> call(String method, String url) throws Exception {
        return Http.call(method, url);
    }

    @Test
    void listActivateRollbackOverHttp() throws Exception {
        TreeEnsemble m = TrainedFixture.result().model();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES)) {
            int v1 = reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), TrainedFixture.result().metadata());
            Javalin app = Javalin.create();
            ModelsApi.register(app, reg);
            app.start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                JsonNode s = json.readTree(call("GET", base + "/api/models").body());
                assertThat(s.get("served").isNull()).isTrue();
                assertThat(s.get("versions")).hasSize(1);

                HttpResponse<String> r = call("POST", base + "/api/models/rollback");
                assertThat(r.statusCode()).isEqualTo(409);
                assertThat(r.body()).contains("no previous version");

                assertThat(call("POST", base + "/api/models/activate/" + v1).statusCode()).isEqualTo(200);
                // v2: same file with wrong parity rows → refused, v1 keeps serving
                var meta = TrainedFixture.result().metadata();
                int v2 = reg.publish(OnnxTreeExport.export(m.scaled(0.5, 0.2), "tpsl", Map.of()), meta);
                r = call("POST", base + "/api/models/activate/" + v2);
                assertThat(r.statusCode()).isEqualTo(422);
                assertThat(r.body()).contains("parity check failed");
                assertThat(call("POST", base + "/api/models/activate/x").statusCode()).isEqualTo(400);

                s = json.readTree(call("GET", base + "/api/models").body());
                assertThat(s.get("served").asInt()).isEqualTo(v1);
                assertThat(s.get("versions").get(0).get("sha256").asText()).hasSize(64);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void theServiceShowsEveryRegistryItsLiveRecordAndStartsARetrainingOnRequest() throws Exception {
        Path history = TrainedFixture.sharedData().resolve(TrainedFixture.BARS);
        var settings = new ModelService.Settings(root, true, 0.02, 30, java.util.List.of(history), 0, 0,
                false, false, TrainedFixture.LABELER, new TpSlTraining.Config(2, 1_800_000L,
                new GradientBoostingTrainer.Params(10, 2, 0.1, 100, 1.0), 32), 0);
        java.util.List<String> notices = new CopyOnWriteArrayList<>();
        try (var service = new ModelService(settings, (t, d) -> notices.add(t), System::currentTimeMillis)) {
            Javalin app = Javalin.create(c -> c.jsonMapper(new io.javalin.json.JavalinJackson()));
            ModelsApi.register(app, service);
            app.start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                JsonNode s = json.readTree(call("GET", base + "/api/models").body());
                assertThat(s.get("registries").fieldNames()).toIterable().containsExactly("tpsl", "meta", "seq", "autoencoder");
                assertThat(s.get("service").get("retraining").get("running").asBoolean()).isFalse();
                assertThat(s.get("service").get("drift").get("served").isNull()).isTrue();
                HttpResponse<String> r = call("POST", base + "/api/models/retrain");
                assertThat(r.statusCode()).isEqualTo(202);
                long end = System.nanoTime() + 120_000_000_000L;
                while (!notices.contains("model_retrained") && System.nanoTime() < end) Thread.sleep(50);
                s = json.readTree(call("GET", base + "/api/models").body());
                assertThat(s.get("service").get("retraining").get("last").get("published").asInt()).isEqualTo(1);
                assertThat(s.get("served").asInt()).isEqualTo(1);
                assertThat(s.get("registries").get("tpsl").get("versions").get(0).get("timeframe").asText()).isEqualTo("M1");
            } finally {
                app.stop();
            }
        }
    }
}
