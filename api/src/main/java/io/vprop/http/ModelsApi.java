package io.vprop.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.live.ModelService;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REST for the model registries:
 * <ul>
 *   <li>{@code GET /api/models} — the tpsl registry's served version, activation history and stored versions (kept
 *       at the top level for older clients), {@code registries}: the same for every registry, and {@code service}:
 *       live record, rollback rule, retraining and drift. Every number is finite: NaN/Infinity become null.</li>
 *   <li>{@code POST /api/models/{name}/rollback} — serve the previous version of registry {@code name} (404 for an
 *       unknown registry, 409 when there is no previous version, 422 when it fails verification; the current model
 *       keeps serving in both cases)</li>
 *   <li>{@code POST /api/models/{name}/activate/{version}} — verify and serve a stored version (422 with the reason
 *       on refusal)</li>
 *   <li>{@code POST /api/models/rollback}, {@code POST /api/models/activate/{version}} — the same for tpsl</li>
 *   <li>{@code POST /api/models/retrain} — start a background retraining of tpsl (202; 409 when one is running)</li>
 * </ul>
 */
public final class ModelsApi {
    private ModelsApi() {
    }

    /** The endpoints over a running {@link ModelService}: registry state plus live record, retraining, rollback rule. */
    public static void register(Javalin app, ModelService service) {
        ModelRegistry<OnnxClassifier> registry = service.registry();
        app.get("/api/models", ctx -> {
            Map<String, Object> m = state(registry);
            Map<String, Object> all = new LinkedHashMap<>();
            for (ModelRegistry<?> r : service.registries()) all.put(r.name(), state(r));
            m.put("registries", all);
            m.put("service", service.status());
            ctx.json(FiniteJson.map(m));
        });
        app.post("/api/models/retrain", ctx -> {
            try {
                service.retrainNow("request");
                ctx.status(202).json(Map.of("status", "retraining started; GET /api/models shows the result"));
            } catch (IllegalStateException e) {
                error(ctx, 409, e.getMessage());
            }
        });
        actions(app, registry, service.registries());
    }

    public static void register(Javalin app, ModelRegistry<OnnxClassifier> registry) {
        app.get("/api/models", ctx -> ctx.json(FiniteJson.map(state(registry))));
        actions(app, registry, List.of(registry));
    }

    /** The unscoped routes act on {@code tpsl} (older clients); the scoped ones on any registry by name. */
    private static void actions(Javalin app, ModelRegistry<?> tpsl, List<ModelRegistry<?>> all) {
        Map<String, ModelRegistry<?>> byName = new LinkedHashMap<>();
        for (ModelRegistry<?> r : all) byName.put(r.name(), r);
        app.post("/api/models/rollback", ctx -> rollback(ctx, tpsl));
        app.post("/api/models/activate/{version}", ctx -> activate(ctx, tpsl));
        app.post("/api/models/{name}/rollback", ctx -> {
            ModelRegistry<?> r = find(ctx, byName);
            if (r != null) rollback(ctx, r);
        });
        app.post("/api/models/{name}/activate/{version}", ctx -> {
            ModelRegistry<?> r = find(ctx, byName);
            if (r != null) activate(ctx, r);
        });
    }

    private static ModelRegistry<?> find(Context ctx, Map<String, ModelRegistry<?>> byName) {
        String name = ctx.pathParam("name");
        ModelRegistry<?> r = byName.get(name);
        if (r == null) error(ctx, 404, "no model registry named '" + name + "'; known: " + String.join(", ", byName.keySet()));
        return r;
    }

    private static void rollback(Context ctx, ModelRegistry<?> registry) {
        try {
            registry.rollback();
            ctx.json(FiniteJson.map(state(registry)));
        } catch (IllegalStateException e) {
            error(ctx, 409, e.getMessage());
        } catch (ModelRejectedException e) {
            error(ctx, 422, e.getMessage());
        }
    }

    private static void activate(Context ctx, ModelRegistry<?> registry) {
        int v;
        try {
            v = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            error(ctx, 400, "version must be an integer, got '" + ctx.pathParam("version") + "'");
            return;
        }
        try {
            registry.activate(v);
            ctx.json(FiniteJson.map(state(registry)));
        } catch (ModelRejectedException e) {
            error(ctx, 422, e.getMessage());
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    static Map<String, Object> state(ModelRegistry<?> reg) {
        ModelRegistry.Served<?> s = reg.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", reg.name());
        m.put("served", s == null ? null : s.version());
        m.put("history", reg.history());
        List<Map<String, Object>> versions = new ArrayList<>();
        for (ModelMetadata md : reg.list()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", md.version());
            v.put("kind", md.kind());
            v.put("features", md.features());
            v.put("train_from_ms", md.trainFromMs());
            v.put("train_to_ms", md.trainToMs());
            v.put("sha256", md.sha256());
            if (md.holdout() != null) { // the drift autoencoder has no classification holdout
                v.put("holdout_auc", finite(md.holdout().auc()));
                v.put("holdout_brier", finite(md.holdout().brier()));
                v.put("holdout_log_loss", finite(md.holdout().logLoss()));
            }
            Object tf = md.properties().get("timeframe"), sym = md.properties().get("symbol");
            if (tf != null) v.put("timeframe", tf);
            if (sym != null) v.put("symbol", sym);
            versions.add(v);
        }
        m.put("versions", versions);
        return m;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
