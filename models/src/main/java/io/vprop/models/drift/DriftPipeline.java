package io.vprop.models.drift;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.market.Bar;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift model's two runs.
 * <ul>
 * <li>{@link #train}: bars → feature rows → autoencoder (fit on the older 90 %, reference errors and parity rows from
 *     the newer 10 %) + per-feature reference histograms (all rows) → ONNX → registry version "autoencoder" whose
 *     metadata carries the drift reference → optional activation (verified) → JSON report.</li>
 * <li>{@link #replay}: bars → rows → the <em>served</em> autoencoder + {@link DriftMonitor}: one report over the whole
 *     period, the last window (what a live monitor would show now), and statistics over consecutive windows
 *     (how often a window warns or alarms) → JSON report. What an operator runs to ask "has my market changed?".</li>
 * </ul>
 */
public final class DriftPipeline {
    public static final String MODEL_NAME = "autoencoder";
    public static final String KIND = "drift-autoencoder";
    public static final int BINS = 10;
    public static final int PARITY_ROWS = 256;

    public record Outcome(int version, ModelMetadata metadata, Map<String, Object> report) {
    }

    private DriftPipeline() {
    }

    public static ModelRegistry<OnnxAutoencoder> registry(Path root) {
        return new ModelRegistry<>(root, MODEL_NAME, TpSlFeatures.NAMES, OnnxAutoencoder.LOADER);
    }

    /** Trained model + metadata (not yet published). Deterministic for the same rows and params. */
    public record Trained(Autoencoder model, AutoencoderTrainer.Result fit, ModelMetadata metadata, float[] heldOutErrors) {
    }

    public static Trained train(DriftRows rows, AutoencoderTrainer.Params params, long nowMs) {
        return train(rows, params, DriftMonitor.Config.defaults().window(), nowMs);
    }

    /**
     * As {@link #train(DriftRows, AutoencoderTrainer.Params, long)}, calibrating the thresholds for live windows of
     * {@code window} vectors on the training period (the autoencoder is tiny — ~150 weights on tens of thousands of
     * rows, held-out error ≈ training error — so in-sample window errors are a fair reference).
     */
    public static Trained train(DriftRows rows, AutoencoderTrainer.Params params, int window, long nowMs) {
        if (rows.size() < 200) throw new IllegalArgumentException("too few feature rows to train the drift autoencoder: " + rows.size());
        int cut = (int) (rows.size() * 0.9);
        DriftRows fit = rows.slice(0, cut), held = rows.slice(cut, rows.size());
        AutoencoderTrainer.Result r = new AutoencoderTrainer(params).fit(fit.x());
        Autoencoder ae = r.model();
        float[] heldErr = ae.errors(held.x());
        DriftReference ref = DriftReference.of(TpSlFeatures.NAMES, rows.x(), BINS, heldErr);
        if (rows.size() >= 4 * window) {
            // about 2,000 window positions at most: enough for a p99, cheap at any data size
            ref = ref.calibrated(rows.x(), ae.errors(rows.x()), window, Math.max(1, (rows.size() - window) / 2000));
        }
        int pr = Math.min(PARITY_ROWS, held.size());
        float[][] px = new float[pr][];
        for (int i = 0; i < pr; i++) px[i] = held.x()[i].clone();
        Map<String, Object> props = new LinkedHashMap<>(ref.toProperties());
        props.put("architecture", architecture(ae));
        props.put("standardizeMean", toDoubles(ae.mean()));
        props.put("standardizeStd", toDoubles(ae.std()));
        props.put("trainRows", fit.size());
        props.put("heldOutRows", held.size());
        props.put("epochs", params.epochs());
        props.put("seed", params.seed());
        ModelMetadata meta = new ModelMetadata(MODEL_NAME, 0, KIND, TpSlFeatures.NAMES, 0, 0, 0,
                rows.closeMs()[0], rows.closeMs()[rows.size() - 1], nowMs, null, null, List.of(),
                px, ae.flatOutputs(px), props);
        return new Trained(ae, r, meta, heldErr);
    }

    public static Outcome train(Path bars, long fromMs, long toMs, AutoencoderTrainer.Params params, int window,
                                Path registryRoot, Path reportFile, boolean activate) {
        long t0 = System.nanoTime();
        List<Bar> all = BarFiles.readAll(bars);
        DriftRows rows = DriftRows.of(all, fromMs, toMs);
        long t1 = System.nanoTime();
        Trained t = train(rows, params, window, System.currentTimeMillis());
        long t2 = System.nanoTime();
        byte[] onnx = OnnxAutoencoderExport.export(t.model(), MODEL_NAME,
                Map.of("features", String.join(",", TpSlFeatures.NAMES), "bars", bars.getFileName().toString()));
        ModelMetadata meta = t.metadata().withProperties(Map.of("timeframe", all.get(0).timeframe().name(),
                "symbol", all.get(0).symbol(), "bars", bars.getFileName().toString()));
        int version;
        ModelMetadata stored;
        try (ModelRegistry<OnnxAutoencoder> reg = registry(registryRoot)) {
            version = reg.publish(onnx, meta);
            if (activate) reg.activate(version);
            stored = reg.list().stream().filter(m -> m.version() == version).findFirst().orElseThrow();
        }
        DriftReference ref = DriftReference.fromMetadata(stored);
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("bars", bars.getFileName().toString());
        rep.put("period", period(rows));
        rep.put("rows", rows.size());
        rep.put("trainRows", t.metadata().properties().get("trainRows"));
        rep.put("heldOutRows", t.metadata().properties().get("heldOutRows"));
        rep.put("architecture", architecture(t.model()));
        rep.put("params", Map.of("epochs", params.epochs(), "batch", params.batch(), "learningRate", params.learningRate(),
                "seed", params.seed()));
        rep.put("lossBeforeTraining", t.fit().lossPerEpoch()[0]);
        rep.put("lossPerEpoch", t.fit().lossPerEpoch());
        rep.put("heldOutError", ref.error());
        rep.put("referenceBins", ref.histograms().stream().map(h -> Map.of("feature", h.feature(), "bins", h.bins())).toList());
        rep.put("calibration", ((Map<?, ?>) ref.toProperties().get(DriftReference.PROPERTY)).get("calibration"));
        rep.put("rowsSeconds", (t1 - t0) / 1e9);
        rep.put("trainSeconds", (t2 - t1) / 1e9);
        rep.put("version", version);
        rep.put("activated", activate);
        rep.put("onnxBytes", onnx.length);
        rep.put("sha256", stored.sha256());
        TpSlPipeline.writeReport(reportFile, rep);
        return new Outcome(version, stored, rep);
    }

    /** Replays {@code bars} in [fromMs, toMs) through the served autoencoder version and its drift reference. */
    public static Map<String, Object> replay(Path registryRoot, Path bars, long fromMs, long toMs, int window, Path reportFile) {
        List<Bar> all = BarFiles.readAll(bars);
        DriftRows rows = DriftRows.of(all, fromMs, toMs);
        if (rows.size() == 0) throw new IllegalArgumentException("no feature rows in " + bars + " for the chosen period");
        Map<String, Object> rep = new LinkedHashMap<>();
        try (ModelRegistry<OnnxAutoencoder> reg = registry(registryRoot)) {
            ModelRegistry.Served<OnnxAutoencoder> s = reg.current();
            if (s == null) {
                throw new IllegalStateException("no active " + MODEL_NAME + " version in " + registryRoot
                        + "; run 'vprop models train-drift --activate' first");
            }
            rep.putAll(replay(s.metadata(), s.model()::errors, rows, window));
            rep.put("model", Map.of("name", MODEL_NAME, "version", s.version(), "sha256", s.metadata().sha256(),
                    "trainedOn", String.valueOf(s.metadata().properties().getOrDefault("bars", "?")),
                    "trainPeriod", List.of(Instant.ofEpochMilli(s.metadata().trainFromMs()).toString(),
                            Instant.ofEpochMilli(s.metadata().trainToMs()).toString())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bars", bars.getFileName().toString());
        out.put("period", period(rows));
        out.put("rows", rows.size());
        out.putAll(rep);
        TpSlPipeline.writeReport(reportFile, out);
        return out;
    }

    /** The replay itself, for any scorer (tests use the Java model as well as ONNX Runtime). */
    public static Map<String, Object> replay(ModelMetadata meta, DriftMonitor.ErrorScorer scorer, DriftRows rows, int window) {
        DriftMonitor whole = DriftMonitor.fromMetadata(meta,
                DriftMonitor.Config.defaults().withWindow(Math.max(10, rows.size())), scorer);
        DriftMonitor live = DriftMonitor.fromMetadata(meta, DriftMonitor.Config.defaults().withWindow(window), scorer);
        List<DriftReport> windows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            whole.add(rows.x()[i]);
            live.add(rows.x()[i]);
            if ((i + 1) % window == 0) windows.add(live.report()); // consecutive, non-overlapping windows
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        DriftReport all = whole.report();
        rep.put("wholePeriod", toMap(all));
        rep.put("alarm", all.alarm());
        rep.put("lastWindow", toMap(live.report()));
        rep.put("windows", windowStats(windows, window));
        return rep;
    }

    static Map<String, Object> windowStats(List<DriftReport> windows, int window) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("count", windows.size());
        for (DriftLevel l : DriftLevel.values()) {
            m.put(l.name().toLowerCase() + "Windows", windows.stream().filter(r -> r.level() == l).count());
        }
        if (windows.isEmpty()) return m;
        List<Map<String, Object>> feats = new ArrayList<>();
        int nf = windows.get(0).features().size();
        for (int j = 0; j < nf; j++) {
            final int jj = j;
            double[] psi = windows.stream().mapToDouble(r -> r.features().get(jj).psi()).sorted().toArray();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("feature", windows.get(0).features().get(j).feature());
            f.put("psiMedian", psi[psi.length / 2]);
            f.put("psiMax", psi[psi.length - 1]);
            f.put("warnOrAlarmFraction", windows.stream().filter(r -> r.features().get(jj).level() != DriftLevel.OK).count()
                    / (double) windows.size());
            feats.add(f);
        }
        m.put("features", feats);
        if (windows.get(0).error() != null) {
            double[] ratio = windows.stream().mapToDouble(r -> r.error().ratio()).sorted().toArray();
            m.put("errorRatioMedian", ratio[ratio.length / 2]);
            m.put("errorRatioMax", ratio[ratio.length - 1]);
            m.put("errorWarnOrAlarmFraction", windows.stream().filter(r -> r.error().level() != DriftLevel.OK).count()
                    / (double) windows.size());
        }
        return m;
    }

    public static Map<String, Object> toMap(DriftReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("ready", r.ready());
        m.put("calibrated", r.calibrated());
        m.put("level", r.level().name());
        m.put("alarm", r.alarm());
        List<Map<String, Object>> f = new ArrayList<>();
        for (DriftReport.FeatureDrift d : r.features()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("feature", d.feature());
            fm.put("psi", round(d.psi()));
            fm.put("kl", round(d.kl()));
            fm.put("warnAt", round(d.warnAt()));
            fm.put("alarmAt", round(d.alarmAt()));
            fm.put("level", d.level().name());
            f.add(fm);
        }
        m.put("features", f);
        if (r.error() != null) {
            DriftReport.ErrorDrift e = r.error();
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("liveMean", round(e.liveMean()));
            em.put("referenceMean", round(e.referenceMean()));
            em.put("ratio", round(e.ratio()));
            em.put("fractionAboveReferenceP99", round(e.fractionAboveP99()));
            em.put("warnAt", round(e.warnAt()));
            em.put("alarmAt", round(e.alarmAt()));
            em.put("level", e.level().name());
            m.put("autoencoder", em);
        }
        return m;
    }

    /** Six decimals; NaN and infinities stay what they are (Math.round would turn NaN into 0, a false "no drift"). */
    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    private static List<String> period(DriftRows rows) {
        return List.of(Instant.ofEpochMilli(rows.closeMs()[0]).toString(), Instant.ofEpochMilli(rows.closeMs()[rows.size() - 1]).toString());
    }

    private static String architecture(Autoencoder ae) {
        StringBuilder b = new StringBuilder().append(ae.width());
        for (Autoencoder.Dense d : ae.layers()) b.append("→").append(d.out()).append(d.tanh() ? " tanh" : " linear");
        return b.toString();
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    public static String json(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
}
