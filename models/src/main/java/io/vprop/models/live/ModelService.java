package io.vprop.models.live;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.MetaFeatures;
import io.vprop.models.drift.AutoencoderTrainer;
import io.vprop.models.drift.DriftReference;
import io.vprop.models.drift.DriftRows;
import io.vprop.models.drift.OnnxAutoencoderExport;
import io.vprop.models.meta.MetaPipeline;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.drift.DriftMonitor;
import io.vprop.models.drift.DriftPipeline;
import io.vprop.models.drift.DriftReport;
import io.vprop.models.drift.OnnxAutoencoder;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.TpSlTraining;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The models in a running sidecar: the served TP/SL classifier (registry {@code tpsl}), its live track record and
 * automatic rollback, the bar recording and background retraining. The kernel thread only reads volatile references
 * and enqueues; everything slow (loading a session, training, writing files) runs on one background thread of
 * minimum priority, so the signal path never waits for a model.
 * <p>
 * Flow: each strategy gets a {@link Scorer} (the engine's {@link WinProbabilityModel} port) that remembers which
 * version gave which probability; when a trade closes the strategy hands that {@link Prediction} back with the
 * outcome ({@link #onOutcome}); the background thread adds it to {@link LiveMetrics}, persists {@code live.json},
 * and rolls back when the rule says so. Retraining runs every {@code interval}, after N closed trades, on a drift
 * alarm, or on request ({@link #retrainNow}).
 */
public final class ModelService implements AutoCloseable {
    /**
     * Settings (VpropConfig keys {@code models.*}). {@code serveTpsl}, {@code serveMeta}, {@code serveSeq}: which served
     * models the engine's Q* may ask (keys {@code models.use.*}, defaults = the out-of-sample verdict of
     * docs/research/models-oos); meta brings its own stage-1 classifier (its input), seq only feeds the meta row.
     */
    public record Settings(Path dir, boolean serve, double rollbackMargin, int rollbackMinTrades, List<Path> retrainBars,
                           double retrainIntervalHours, int retrainAfterTrades, boolean retrainOnDrift,
                           boolean recordBars, TpSlLabeler defaultLabeler, TpSlTraining.Config trainingConfig,
                           long checkPeriodMs, boolean serveTpsl, boolean serveMeta, boolean serveSeq) {
        public Settings {
            retrainBars = List.copyOf(retrainBars);
        }

        /** Every served model may answer (the behaviour before the per-model switches). */
        public Settings(Path dir, boolean serve, double rollbackMargin, int rollbackMinTrades, List<Path> retrainBars,
                        double retrainIntervalHours, int retrainAfterTrades, boolean retrainOnDrift,
                        boolean recordBars, TpSlLabeler defaultLabeler, TpSlTraining.Config trainingConfig,
                        long checkPeriodMs) {
            this(dir, serve, rollbackMargin, rollbackMinTrades, retrainBars, retrainIntervalHours, retrainAfterTrades,
                    retrainOnDrift, recordBars, defaultLabeler, trainingConfig, checkPeriodMs, true, true, true);
        }
    }

    /**
     * The probability a served version gave for one candidate: {@code model} is the registry that answered last
     * ("tpsl", or "meta" when the meta-learner refined it); version 0 = the fallback answered.
     */
    public record Prediction(String symbol, long timeMs, int direction, String model, int version, double probability) {
    }

    /** A classifier registry whose served versions are judged by their live outcomes. */
    private static final class Tracked {
        final ModelRegistry<OnnxClassifier> registry;
        final LiveMetrics live;
        final Path liveFile;

        Tracked(ModelRegistry<OnnxClassifier> registry, LiveMetrics live, Path liveFile) {
            this.registry = registry;
            this.live = live;
            this.liveFile = liveFile;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Settings settings;
    private final ModelRegistry<OnnxClassifier> tpsl;
    private final ModelRegistry<OnnxAutoencoder> autoencoder;
    private volatile Drift drift; // the monitor of the served autoencoder version, rebuilt when it changes
    private final BarRecorder recorder;
    private final Retrainer retrainer;
    private final ModelRegistry<OnnxClassifier> meta;
    private final ModelRegistry<OnnxSequenceModel> seq;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final ScheduledExecutorService background;
    private final BiConsumer<String, Map<String, Object>> notices;
    private final LongSupplier clock;
    private final AtomicLong tradesSinceRetrain = new AtomicLong();
    private final AtomicBoolean retraining = new AtomicBoolean();
    private volatile BooleanSupplier driftAlarm = () -> {
        DriftReport r = driftReport();
        return r != null && r.alarm();
    };
    private volatile long lastRetrainMs;
    /** When the last retraining (of any trigger) started; automatic triggers wait {@link #RETRAIN_COOLDOWN_MS} after it. */
    private volatile long lastAttemptMs = Long.MIN_VALUE;

    /**
     * Automatic retrainings start at most once an hour: a drift alarm that a retraining does not clear (the
     * challenger lost, or the market really moved) or a run that keeps failing must not retrain every minute.
     */
    public static final long RETRAIN_COOLDOWN_MS = 3_600_000L;
    private volatile Retrainer.Result lastRetrain;
    private volatile String lastRollback;
    private volatile String lastError = "";

    /**
     * Opens the registry (serving its active version if it verifies; a version that no longer loads is reported as
     * {@link #lastError()} and nothing is served — the drift baseline answers) and starts the background thread.
     *
     * @param notices receives ("model_rolled_back" | "model_retrained" | "model_error", details) from the background thread
     */
    public ModelService(Settings settings, BiConsumer<String, Map<String, Object>> notices, LongSupplier clock) {
        this.settings = settings;
        this.notices = notices;
        this.clock = clock;
        ModelRegistry<OnnxClassifier> reg;
        try {
            reg = ModelRegistry.classifiers(settings.dir(), TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
        } catch (RuntimeException e) {
            // the stored active version is refused: start without it rather than not at all (the baseline answers)
            lastError = e.getMessage();
            quarantineHistory(settings.dir().resolve(TpSlPipeline.MODEL_NAME));
            reg = ModelRegistry.classifiers(settings.dir(), TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
        }
        this.tpsl = reg;
        this.meta = openClassifiers(settings.dir(), MetaPipeline.MODEL_NAME, MetaFeatures.NAMES);
        for (ModelRegistry<OnnxClassifier> r : List.of(tpsl, meta)) {
            Path f = settings.dir().resolve(r.name()).resolve("live.json");
            tracked.put(r.name(), new Tracked(r, new LiveMetrics(readLive(f)), f));
        }
        this.autoencoder = openAutoencoder(settings.dir());
        this.seq = openSequence(settings.dir());
        this.recorder = settings.recordBars() ? new BarRecorder(settings.dir().resolve("bars")) : null;
        this.retrainer = new Retrainer(tpsl, settings.retrainBars(), recorder == null ? null : recorder.dir(),
                settings.trainingConfig(), settings.defaultLabeler());
        this.lastRetrainMs = clock.getAsLong();
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vprop-models");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // training must yield the cores to the kernel thread
            return t;
        });
        if (settings.checkPeriodMs() > 0) {
            background.scheduleWithFixedDelay(this::checkTriggers, settings.checkPeriodMs(), settings.checkPeriodMs(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public ModelRegistry<OnnxClassifier> registry() {
        return tpsl;
    }

    public ModelRegistry<OnnxAutoencoder> autoencoderRegistry() {
        return autoencoder;
    }

    /** A served autoencoder version and the monitor built from its reference. */
    private record Drift(int version, Timeframe timeframe, DriftMonitor monitor) {
    }

    /** Every registry this service opened, in display order (for /api/models). */
    public List<ModelRegistry<?>> registries() {
        return List.of(tpsl, meta, seq, autoencoder);
    }

    /** The sequence model's registry ({@code seq}): its heads feed the meta-learner's row when both are served. */
    public ModelRegistry<OnnxSequenceModel> seqRegistry() {
        return seq;
    }

    public ModelRegistry<OnnxClassifier> metaRegistry() {
        return meta;
    }

    private ModelRegistry<OnnxClassifier> openClassifiers(Path dir, String name, List<String> features) {
        try {
            return ModelRegistry.classifiers(dir, name, features);
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            quarantineHistory(dir.resolve(name));
            return ModelRegistry.classifiers(dir, name, features);
        }
    }

    /** As the other registries: a stored version that no longer verifies is set aside and nothing is served. */
    private ModelRegistry<OnnxSequenceModel> openSequence(Path dir) {
        try {
            return SequencePipeline.registry(dir);
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            quarantineHistory(dir.resolve(SequencePipeline.MODEL_NAME));
            return SequencePipeline.registry(dir);
        }
    }

    private ModelRegistry<OnnxAutoencoder> openAutoencoder(Path dir) {
        try {
            return DriftPipeline.registry(dir);
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            quarantineHistory(dir.resolve(DriftPipeline.MODEL_NAME));
            return DriftPipeline.registry(dir);
        }
    }

    /** The drift monitor for the served autoencoder (null when none is served); cheap unless the version changed. */
    DriftMonitor driftMonitor() {
        Drift d = currentDrift();
        return d == null ? null : d.monitor();
    }

    private Drift currentDrift() {
        ModelRegistry.Served<OnnxAutoencoder> s = autoencoder.current();
        Drift d = drift;
        if (s == null) return null;
        if (d != null && d.version() == s.version()) return d;
        synchronized (this) {
            d = drift;
            if (d != null && d.version() == s.version()) return d;
            DriftMonitor.Config cfg = DriftMonitor.Config.defaults();
            DriftReference ref = DriftReference.fromMetadata(s.metadata());
            if (ref.calibration() != null) cfg = cfg.withWindow(ref.calibration().window());
            OnnxAutoencoder model = s.model();
            d = new Drift(s.version(), s.metadata().timeframe(),
                    DriftMonitor.fromMetadata(s.metadata(), cfg, model::errors));
            drift = d;
            return d;
        }
    }

    /** Drift of the live feature vectors against the served autoencoder's reference, or null when none is served. */
    public DriftReport driftReport() {
        DriftMonitor m = driftMonitor();
        return m == null ? null : m.report();
    }

    /** The retraining scheduler asks this on every check; the drift monitor sets it. */
    public void driftAlarm(BooleanSupplier alarm) {
        this.driftAlarm = alarm == null ? () -> false : alarm;
    }
    // by default the alarm is the served autoencoder's DriftMonitor report (see the field's initializer)

    /** A new port for one strategy (per-symbol features are per engine), answering through the served model. */
    public Scorer scorer(WinProbabilityModel fallback) {
        ServedWinProbability served = !settings.serve() ? null
                : settings.serveMeta() ? new ServedWinProbability(tpsl, fallback, meta, settings.serveSeq() ? seq : null)
                : settings.serveTpsl() ? new ServedWinProbability(tpsl, fallback)
                : null; // no model has shown out-of-sample value: the baseline answers (docs/research/models-oos)
        return new Scorer(served, fallback);
    }

    /** The engine's port: the served model where it answers, else the fallback; remembers the last answer. */
    public final class Scorer implements WinProbabilityModel {
        private final ServedWinProbability served;
        private final WinProbabilityModel fallback;
        private final Map<String, TpSlFeatures> driftFeatures = new HashMap<>();
        private final float[] driftRow = new float[TpSlFeatures.NAMES.size()];
        private Prediction last;

        private Scorer(ServedWinProbability served, WinProbabilityModel fallback) {
            this.served = served;
            this.fallback = fallback;
        }

        @Override
        public void onBar(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low,
                          double close, double volume) {
            if (recorder != null) recorder.offer(symbol, tf, openTimeMs, open, high, low, close, volume);
            feedDrift(symbol, tf, openTimeMs, open, high, low, close, volume);
            if (served != null) served.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
            else fallback.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
        }

        @Override
        public double pTp1BeforeSl(WinQuery q) {
            if (served == null) {
                double p = fallback.pTp1BeforeSl(q);
                last = new Prediction(q.symbol(), q.timeMs(), q.direction(), "", 0, p);
                return p;
            }
            long before = served.servedCount(), metaBefore = served.metaCount();
            double p = served.pTp1BeforeSl(q);
            // the registry whose answer this is; a swap inside this very call would misattribute one trade
            ModelRegistry<OnnxClassifier> by = served.metaCount() != metaBefore ? meta
                    : served.servedCount() != before ? tpsl : null;
            ModelRegistry.Served<OnnxClassifier> s = by == null ? null : by.current();
            last = new Prediction(q.symbol(), q.timeMs(), q.direction(), s == null ? "" : by.name(),
                    s == null ? 0 : s.version(), p);
            return p;
        }

        /** Both sides' feature vectors of each closed bar on the autoencoder's timeframe, as it was trained. */
        private void feedDrift(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low,
                               double close, double volume) {
            Drift d = currentDrift();
            if (d == null || tf != d.timeframe()) return;
            TpSlFeatures f = driftFeatures.computeIfAbsent(symbol, k -> new TpSlFeatures());
            try {
                f.onBar(new Bar(symbol, tf, openTimeMs, open, high, low, close, (long) volume, 0));
            } catch (IllegalArgumentException repeatedBar) {
                return;
            }
            for (int side : new int[]{1, -1}) if (f.vector(side, driftRow)) d.monitor().add(driftRow);
        }

        /** The answer given for this candidate, or null when the last query was about another one. */
        public Prediction predictionFor(String symbol, long timeMs, int direction) {
            Prediction p = last;
            return p != null && p.symbol().equals(symbol) && p.timeMs() == timeMs && p.direction() == direction ? p : null;
        }

        public long servedCount() {
            return served == null ? 0 : served.servedCount();
        }

        public long fallbackCount() {
            return served == null ? 0 : served.fallbackCount();
        }
    }

    /** A closed trade that a prediction scored (kernel thread): learning happens on the background thread. */
    public void onOutcome(Prediction p, boolean win) {
        tradesSinceRetrain.incrementAndGet();
        if (p == null || p.version() <= 0) return;
        Tracked t = tracked.get(p.model());
        if (t == null) return;
        background.execute(() -> {
            try {
                synchronized (t.live) {
                    t.live.record(p.version(), p.probability(), win);
                    writeLive(t);
                }
                checkRollback(t);
            } catch (RuntimeException e) {
                error("recording a live outcome", e);
            }
        });
    }

    /** Rolls back when the served version's live record is worse than the previous one's by the margin. */
    private void checkRollback(Tracked t) {
        ModelRegistry<OnnxClassifier> reg = t.registry;
        ModelRegistry.Served<OnnxClassifier> cur = reg.current();
        List<Integer> h = reg.history();
        if (cur == null || h.size() < 2) return;
        int prev = h.get(h.size() - 2);
        double prevHoldout = reg.list().stream().filter(m -> m.version() == prev).findFirst()
                .map(m -> m.holdout() == null ? Double.NaN : m.holdout().brier()).orElse(Double.NaN);
        Optional<LiveMetrics.Verdict> v;
        synchronized (t.live) {
            v = t.live.check(cur.version(), prev, prevHoldout, settings.rollbackMargin(), settings.rollbackMinTrades());
        }
        if (v.isEmpty()) return;
        try {
            reg.rollback();
            lastRollback = reg.name() + ": " + v.get().describe();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("model", reg.name());
            d.put("from", v.get().current());
            d.put("to", v.get().previous());
            d.put("reason", v.get().describe());
            notices.accept("model_rolled_back", d);
        } catch (RuntimeException e) {
            error("automatic rollback of " + reg.name() + " v" + cur.version(), e);
        }
    }

    /**
     * Runs one retraining on the background thread now; completes with its result.
     *
     * @throws IllegalStateException when one is already running
     */
    public CompletableFuture<Retrainer.Result> retrainNow(String trigger) {
        if (!retraining.compareAndSet(false, true)) throw new IllegalStateException("a retraining is already running");
        lastAttemptMs = clock.getAsLong();
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (recorder != null) recorder.flush(5_000);
                Retrainer.Result r = retrainer.run(trigger, clock.getAsLong());
                if (r.activated() && autoencoder.current() != null) refitDriftReference(r);
                lastRetrain = r;
                lastRetrainMs = clock.getAsLong();
                tradesSinceRetrain.set(0);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("model", tpsl.name());
                d.put("trigger", trigger);
                d.put("published", r.published());
                d.put("activated", r.activated());
                d.put("message", r.message());
                notices.accept("model_retrained", d);
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (RuntimeException e) {
                error("retraining (" + trigger + ")", e);
                throw e;
            } finally {
                retraining.set(false);
            }
        }, background);
    }

    /**
     * After a new classifier is served, the drift reference should describe the data it learned from: refit the
     * autoencoder (and its PSI/KL reference) on the same bars and serve it, so the alarm means "the market moved away
     * from what the served model knows". A failure keeps the old reference and is reported.
     */
    private void refitDriftReference(Retrainer.Result r) {
        try {
            List<Bar> bars = retrainer.trainingBars();
            if (bars.isEmpty()) return;
            ModelRegistry.Served<OnnxAutoencoder> cur = autoencoder.current();
            int window = DriftMonitor.Config.defaults().window();
            DriftReference ref = DriftReference.fromMetadata(cur.metadata());
            if (ref.calibration() != null) window = ref.calibration().window();
            DriftPipeline.Trained t = DriftPipeline.train(DriftRows.of(bars),
                    AutoencoderTrainer.Params.defaults(), window, clock.getAsLong());
            byte[] onnx = OnnxAutoencoderExport.export(t.model(), DriftPipeline.MODEL_NAME, Map.of());
            int v = autoencoder.publish(onnx, t.metadata().withProperties(Map.of("timeframe", bars.get(0).timeframe().name(),
                    "symbol", bars.get(0).symbol(), "refit_after", "tpsl v" + r.published())));
            autoencoder.activate(v);
        } catch (RuntimeException e) {
            error("refitting the drift reference after tpsl v" + r.published(), e);
        }
    }

    /** The scheduler's tick: which trigger, if any, is due. Package-private for tests. */
    String dueTrigger() {
        long now = clock.getAsLong();
        if (lastAttemptMs != Long.MIN_VALUE && now - lastAttemptMs < RETRAIN_COOLDOWN_MS) return null;
        if (settings.retrainIntervalHours() > 0 && now - lastRetrainMs >= settings.retrainIntervalHours() * 3_600_000.0) {
            return "schedule";
        }
        if (settings.retrainAfterTrades() > 0 && tradesSinceRetrain.get() >= settings.retrainAfterTrades()) {
            return "after " + tradesSinceRetrain.get() + " trades";
        }
        if (settings.retrainOnDrift() && driftAlarm.getAsBoolean()) return "drift alarm";
        return null;
    }

    private void checkTriggers() {
        try {
            String t = dueTrigger();
            if (t != null && !retraining.get()) {
                lastRetrainMs = clock.getAsLong(); // a failing run is not retried at every check
                retrainNow(t);
            }
        } catch (RuntimeException e) {
            error("checking the retraining triggers", e);
        }
    }

    /** For /api/models: served version, live record per version, last retraining and rollback, recorder counts. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        ModelRegistry.Served<OnnxClassifier> s = tpsl.current(), ms = meta.current();
        m.put("serving", settings.serve());
        m.put("use", Map.of("tpsl", settings.serveTpsl(), "meta", settings.serveMeta(), "seq", settings.serveSeq()));
        m.put("served", s == null ? null : s.version());
        m.put("meta_served", ms == null ? null : ms.version());
        if (ms != null) { // a meta model answers only on top of the stack it was trained on
            m.put("meta_inactive", ServedWinProbability.stackMismatch(ms.metadata(), tpsl.current(), seq.current()));
        }
        ModelRegistry.Served<OnnxSequenceModel> ss = seq.current();
        m.put("seq_served", ss == null ? null : ss.version());
        for (Tracked t : tracked.values()) {
            Map<String, Object> lv = new LinkedHashMap<>();
            synchronized (t.live) {
                t.live.all().forEach((v, st) -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("trades", st.n());
                    x.put("win_rate", finite(st.winRate()));
                    x.put("brier", finite(st.brier()));
                    x.put("log_loss", finite(st.logLoss()));
                    lv.put(String.valueOf(v), x);
                });
            }
            m.put(t.registry.name().equals(TpSlPipeline.MODEL_NAME) ? "live" : "live_" + t.registry.name(), lv);
        }
        m.put("rollback_rule", Map.of("margin", settings.rollbackMargin(), "min_trades", settings.rollbackMinTrades()));
        m.put("last_rollback", lastRollback);
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("running", retraining.get());
        rt.put("interval_hours", settings.retrainIntervalHours());
        rt.put("after_trades", settings.retrainAfterTrades());
        rt.put("on_drift", settings.retrainOnDrift());
        rt.put("trades_since_last", tradesSinceRetrain.get());
        Retrainer.Result lr = lastRetrain;
        if (lr == null) {
            rt.put("last", null);
        } else { // finite numbers only: NaN is not JSON
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("trigger", lr.trigger());
            x.put("started_ms", lr.startedMs());
            x.put("seconds", finite(lr.seconds()));
            x.put("rows", lr.rows());
            x.put("published", lr.published());
            x.put("activated", lr.activated());
            x.put("challenger_brier", finite(lr.challengerBrier()));
            x.put("champion_brier", finite(lr.championBrier()));
            x.put("message", lr.message());
            rt.put("last", x);
        }
        m.put("retraining", rt);
        if (recorder != null) {
            m.put("recorded_bars", Map.of("dir", recorder.dir().toString(), "written", recorder.written(),
                    "dropped", recorder.dropped(), "failed", recorder.failed()));
        }
        ModelRegistry.Served<OnnxAutoencoder> ae = autoencoder.current();
        Map<String, Object> dr = new LinkedHashMap<>();
        dr.put("served", ae == null ? null : ae.version());
        try {
            DriftReport r = driftReport();
            dr.put("report", r == null ? null : DriftPipeline.toMap(r));
        } catch (RuntimeException e) {
            dr.put("error", e.getMessage());
        }
        m.put("drift", dr);
        m.put("last_error", lastError.isEmpty() ? null : lastError);
        return m;
    }

    public String lastError() {
        return lastError;
    }

    public BarRecorder recorder() {
        return recorder;
    }

    private void error(String what, RuntimeException e) {
        lastError = what + " failed: " + e.getMessage();
        try {
            notices.accept("model_error", Map.of("model", tpsl.name(), "error", lastError));
        } catch (RuntimeException ignored) {
            // a broken notice sink must not take the models thread down
        }
    }

    private void writeLive(Tracked t) {
        Path liveFile = t.liveFile;
        Path tmp = liveFile.resolveSibling(".live.json.tmp");
        try {
            Map<String, LiveMetrics.Stats> out = new LinkedHashMap<>();
            t.live.all().forEach((v, s) -> out.put(String.valueOf(v), s));
            JSON.writeValue(tmp.toFile(), out);
            try {
                Files.move(tmp, liveFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, liveFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            lastError = "cannot write " + liveFile + ": " + e.getMessage();
        }
    }

    private Map<Integer, LiveMetrics.Stats> readLive(Path f) {
        if (!Files.exists(f)) return Map.of();
        try {
            Map<String, LiveMetrics.Stats> m = JSON.readValue(f.toFile(), new TypeReference<Map<String, LiveMetrics.Stats>>() {
            });
            Map<Integer, LiveMetrics.Stats> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(Integer.parseInt(k), v));
            return out;
        } catch (IOException | RuntimeException e) {
            lastError = "ignoring unreadable " + f + " (live metrics start empty): " + e.getMessage();
            return Map.of();
        }
    }

    /** Moves a refused active.json aside (kept for the operator) so the registry opens without serving. */
    private static void quarantineHistory(Path modelDir) {
        Path f = modelDir.resolve("active.json");
        try {
            if (Files.exists(f)) Files.move(f, modelDir.resolve("active.json.refused-" + System.currentTimeMillis()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot move the refused " + f + " aside: " + e.getMessage(), e);
        }
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null) recorder.close();
        tpsl.close();
        meta.close();
        seq.close();
        autoencoder.close();
    }
}
