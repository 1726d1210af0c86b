package io.vprop.models;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.Metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bars file → labelled rows → walk-forward evaluation + final calibrated model → ONNX → registry version, plus a
 * JSON training report (metrics per fold, holdout Brier/AUC/log loss, reliability table, timings).
 * Publishing verifies the new version by activating it only when asked.
 */
public final class TpSlPipeline {
    public static final String MODEL_NAME = "tpsl";

    /** What one run produced. */
    public record Outcome(int version, ModelMetadata metadata, Map<String, Object> report) {
    }

    private TpSlPipeline() {
    }

    public static TpSlTraining.Config defaultConfig() {
        return new TpSlTraining.Config(4, 30 * 60_000L, new GradientBoostingTrainer.Params(80, 3, 0.1, 100, 1.0), 256);
    }

    public static Outcome run(Path bars, TpSlLabeler labeler, TpSlTraining.Config cfg, Path registryRoot,
                              Path reportFile, boolean activate) {
        return run(bars, labeler, cfg, Calibration.PLATT, registryRoot, reportFile, activate);
    }

    public static Outcome run(Path bars, TpSlLabeler labeler, TpSlTraining.Config cfg, Calibration calibration,
                              Path registryRoot, Path reportFile, boolean activate) {
        long t0 = System.nanoTime();
        List<Bar> all = BarFiles.readAll(bars);
        TpSlDataset data = labeler.label(all);
        long t1 = System.nanoTime();
        TpSlTraining.Result r = TpSlTraining.train(MODEL_NAME, data, labeler, cfg, System.currentTimeMillis(), calibration);
        long t2 = System.nanoTime();
        byte[] onnx = r.calibrated().export(MODEL_NAME,
                Map.of("features", String.join(",", data.features()), "bars", bars.getFileName().toString()));
        int version;
        ModelMetadata stored;
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(registryRoot, MODEL_NAME, TpSlFeatures.NAMES)) {
            version = reg.publish(onnx, r.metadata().withProperties(Map.of("timeframe", all.get(0).timeframe().name(),
                    "symbol", all.get(0).symbol())));
            if (activate) reg.activate(version);
            stored = reg.list().stream().filter(m -> m.version() == version).findFirst().orElseThrow();
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("bars", bars.getFileName().toString());
        rep.put("barCount", all.size());
        rep.put("rows", data.size());
        rep.put("positiveRate", data.positiveRate());
        rep.put("label", Map.of("horizonBars", labeler.horizon(), "tpSigma", labeler.tpSigma(), "slSigma", labeler.slSigma(),
                "breakEvenRate", labeler.slSigma() / (labeler.tpSigma() + labeler.slSigma())));
        rep.put("trees", cfg.params());
        rep.put("folds", cfg.folds());
        rep.put("embargoMs", cfg.embargoMs());
        rep.put("labelSeconds", (t1 - t0) / 1e9);
        rep.put("trainSeconds", (t2 - t1) / 1e9);
        rep.put("walkForward", r.metadata().walkForward());
        rep.put("walkForwardMeanAuc", r.metadata().walkForward().stream().mapToDouble(Metrics.Report::auc).average().orElse(Double.NaN));
        rep.put("calibration", r.calibrated().calibration());
        rep.put("holdout", r.metadata().holdout());
        rep.put("calibrationComparisonOnHoldout", r.calibrationComparison());
        rep.put("version", version);
        rep.put("onnxBytes", onnx.length);
        rep.put("sha256", stored.sha256());
        writeReport(reportFile, rep);
        return new Outcome(version, stored, rep);
    }

    /** Writes a JSON report (NaN as strings); null file = no report. */
    public static void writeReport(Path reportFile, Map<String, Object> rep) {
        if (reportFile == null) return;
        try {
            if (reportFile.getParent() != null) Files.createDirectories(reportFile.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(reportFile.toFile(), rep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + reportFile, e);
        }
    }

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
}
