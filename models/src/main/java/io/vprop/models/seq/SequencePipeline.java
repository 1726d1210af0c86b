package io.vprop.models.seq;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bars file → windows → walk-forward evaluation + final calibrated GRU → ONNX → registry version under
 * {@value #MODEL_NAME}, plus a JSON report (per-fold direction AUC/Brier/log loss, volatility RMSE against the naive
 * forecasts, holdout, timings). The new version is served only when {@code activate} is set (after verification).
 */
public final class SequencePipeline {
    public static final String MODEL_NAME = "seq";

    public record Outcome(int version, ModelMetadata metadata, Map<String, Object> report) {
    }

    private SequencePipeline() {
    }

    /** The registry of sequence models under {@code root}. */
    public static ModelRegistry<OnnxSequenceModel> registry(Path root) {
        return new ModelRegistry<>(root, MODEL_NAME, SequenceFeatures.NAMES, OnnxSequenceModel.LOADER);
    }

    /** 4 folds, embargo of one window length (consecutive windows share inputs), 256 parity rows. */
    public static SequenceTraining.Config defaultConfig(long barMs, int window, GruTrainer.Params params) {
        return new SequenceTraining.Config(4, window * barMs, params, 256);
    }

    public static Outcome run(Path bars, int window, int horizon, GruTrainer.Params params, Path registryRoot,
                              Path reportFile, boolean activate) {
        long t0 = System.nanoTime();
        List<Bar> all = BarFiles.readAll(bars);
        SequenceDataset data = SequenceDataset.build(all, window, horizon);
        long t1 = System.nanoTime();
        SequenceTraining.Config cfg = defaultConfig(all.get(0).timeframe().millis(), window, params);
        SequenceTraining.Result r = SequenceTraining.train(MODEL_NAME, data, cfg, System.currentTimeMillis());
        long t2 = System.nanoTime();
        byte[] onnx = OnnxSequenceExport.export(r.model(), window, MODEL_NAME, Map.of(
                "features", String.join(",", data.features()), "window", Integer.toString(window),
                "horizon", Integer.toString(horizon), "bars", bars.getFileName().toString()));
        int version;
        ModelMetadata stored;
        long t3, t4;
        try (ModelRegistry<OnnxSequenceModel> reg = registry(registryRoot)) {
            version = reg.publish(onnx, r.metadata().withProperties(Map.of("timeframe", all.get(0).timeframe().name(),
                    "symbol", all.get(0).symbol())));
            t3 = System.nanoTime();
            if (activate) reg.activate(version);
            t4 = System.nanoTime();
            stored = reg.list().stream().filter(m -> m.version() == version).findFirst().orElseThrow();
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("bars", bars.getFileName().toString());
        rep.put("barCount", all.size());
        rep.put("windows", data.size());
        rep.put("upRate", data.upRate());
        rep.put("window", window);
        rep.put("horizon", horizon);
        rep.put("perBarFeatures", data.features());
        rep.put("trainer", params);
        rep.put("parameters", GruNetwork.parameterCount(data.features().size(), params.hidden()));
        rep.put("folds", cfg.folds());
        rep.put("embargoMs", cfg.embargoMs());
        rep.put("buildSeconds", (t1 - t0) / 1e9);
        rep.put("trainSeconds", (t2 - t1) / 1e9);
        if (activate) rep.put("activateSeconds", (t4 - t3) / 1e9);
        rep.put("walkForward", r.folds());
        rep.put("walkForwardMeanAuc", r.folds().stream().mapToDouble(f -> f.direction().auc()).average().orElse(Double.NaN));
        rep.put("walkForwardMeanVolRmse", r.folds().stream().mapToDouble(f -> f.volatility().rmse()).average().orElse(Double.NaN));
        rep.put("walkForwardMeanVolRmseNaiveZero", r.folds().stream().mapToDouble(f -> f.volatility().rmseNaiveZero()).average().orElse(Double.NaN));
        rep.put("walkForwardMeanVolRmseNaiveTrainMean", r.folds().stream().mapToDouble(f -> f.volatility().rmseNaiveTrainMean()).average().orElse(Double.NaN));
        rep.put("holdout", r.holdout());
        rep.put("version", version);
        rep.put("activated", activate);
        rep.put("onnxBytes", onnx.length);
        rep.put("sha256", stored.sha256());
        if (reportFile != null) {
            try {
                if (reportFile.getParent() != null) Files.createDirectories(reportFile.getParent());
                JSON.writerWithDefaultPrettyPrinter().writeValue(reportFile.toFile(), rep);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write report " + reportFile, e);
            }
        }
        return new Outcome(version, stored, rep);
    }

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
}
