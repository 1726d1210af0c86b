package io.vprop.cli;

import io.vprop.models.MetaFeatures;
import io.vprop.models.onnx.OnnxInspector;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.registry.ServedModel;
import io.vprop.models.drift.DriftPipeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.models.meta.MetaPipeline;
import io.vprop.models.seq.GruTrainer;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.train.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vprop models list|rollback|train|train-meta|train-seq|train-drift|drift|export-mql5}: the model registry from the
 * command line (see docs/models.md); the drift subcommands live in {@link ModelsDriftCommands}.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model registry: list, rollback, train, train-meta, export-mql5; sequence model: train-seq; drift autoencoder: "
                + "train-drift, drift.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Rollback.class, ModelsCommand.Train.class,
                ModelsCommand.TrainMeta.class, ModelsCommand.TrainSeq.class, ModelsDriftCommands.TrainDrift.class,
                ModelsDriftCommands.Drift.class, ModelsCommand.ExportMql5.class})
final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    abstract static class RegistryOptions {
        /** Every registry the sidecar serves, as the panel lists them. */
        static final List<String> NAMES = List.of(TpSlPipeline.MODEL_NAME, MetaPipeline.MODEL_NAME, SequencePipeline.MODEL_NAME,
                DriftPipeline.MODEL_NAME);

        @Option(names = "--dir", required = true, description = "registry root directory")
        Path dir;
        @Option(names = "--name", defaultValue = "tpsl", description = "tpsl (the TP/SL classifier), meta (the meta-learner), "
                + "seq (the sequence model) or autoencoder (the drift model); default ${DEFAULT-VALUE}")
        String name;

        /** A classifier's registry (tpsl, meta): what training and the MQL5 export work on. */
        ModelRegistry<OnnxClassifier> open() {
            return switch (name) {
                case "tpsl" -> ModelRegistry.classifiers(dir, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
                case "meta" -> ModelRegistry.classifiers(dir, MetaPipeline.MODEL_NAME,
                        MetaFeatures.NAMES);
                default -> throw new IllegalArgumentException(NAMES.contains(name)
                        ? "--name " + name + ": this command works on the classifiers (tpsl, meta); list and rollback take every registry"
                        : "--name must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
            };
        }

        /** Any registry, on an existing --dir (a typo must not create an empty registry). */
        ModelRegistry<? extends ServedModel> openExisting() {
            requireDir();
            return switch (name) {
                case "seq" -> SequencePipeline.registry(dir);
                case "autoencoder" -> DriftPipeline.registry(dir);
                default -> open();
            };
        }

        void requireDir() {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--dir " + dir + ": no such registry directory");
            if (!NAMES.contains(name))
                throw new IllegalArgumentException("--name must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List stored versions; * marks the served one. Reads only: creates nothing, loads no model.")
    static final class ListVersions extends RegistryOptions implements Callable<Integer> {
        @Option(names = "--json", description = "print the versions and the activation history as JSON")
        boolean json;

        @Override
        public Integer call() throws IOException {
            requireDir();
            ModelRegistry.Stored st = ModelRegistry.stored(dir, name);
            Integer active = st.active();
            if (json) {
                List<Map<String, Object>> versions = new ArrayList<>();
                for (ModelMetadata m : st.versions()) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("version", m.version());
                    v.put("served", active != null && m.version() == active);
                    v.put("kind", m.kind());
                    v.put("created_at", Instant.ofEpochMilli(m.createdAtMs()).toString());
                    v.put("features", m.features().size());
                    if (m.holdout() != null) {
                        v.put("holdout_rows", m.holdout().rows());
                        v.put("holdout_auc", finite(m.holdout().auc()));
                        v.put("holdout_brier", finite(m.holdout().brier()));
                        v.put("holdout_logloss", finite(m.holdout().logLoss()));
                    }
                    v.put("sha256", m.sha256());
                    versions.add(v);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("dir", dir.toAbsolutePath().toString());
                doc.put("name", name);
                doc.put("served", active);
                doc.put("history", st.history());
                doc.put("versions", versions);
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
                return 0;
            }
            if (st.versions().isEmpty()) System.out.println("no " + name + " versions in " + dir);
            for (ModelMetadata m : st.versions()) {
                String holdout = m.holdout() == null ? "" : String.format(Locale.ROOT, " rows-holdout=%d auc=%.4f brier=%.4f logloss=%.4f",
                        m.holdout().rows(), m.holdout().auc(), m.holdout().brier(), m.holdout().logLoss());
                System.out.printf("%s v%d %s%s sha256=%s%n", active != null && m.version() == active ? "*" : " ", m.version(),
                        m.kind(), holdout, m.sha256().substring(0, Math.min(12, m.sha256().length())));
            }
            System.out.println("history: " + st.history());
            return 0;
        }

        private static Double finite(double x) {
            return Double.isFinite(x) ? x : null;
        }
    }

    @Command(name = "export-mql5", mixinStandardHelpOptions = true,
            description = "Copy a classifier version to a file for MetaTrader 5 (MQL5 OnnxCreate/OnnxCreateFromBuffer), after checking"
                    + " it against MT5's ONNX support (ONNX Runtime 1.14, ai.onnx.ml <= 3, tensor outputs only).")
    static final class ExportMql5 extends RegistryOptions implements Callable<Integer> {
        @Option(names = "--version", description = "version to export (default: the served one)")
        Integer version;
        @Option(names = "--out", required = true, description = "the .onnx file to write (e.g. MQL5/Files/vprop_tpsl.onnx)")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (ModelRegistry<OnnxClassifier> reg = open()) {
                List<Integer> h = reg.history();
                int v = version != null ? version : h.isEmpty() ? -1 : h.get(h.size() - 1);
                if (v < 0) {
                    System.err.println("no " + reg.name() + " version is served in " + dir + "; pass --version");
                    return 1;
                }
                ModelMetadata m = reg.list().stream().filter(x -> x.version() == v).findFirst().orElse(null);
                if (m == null) {
                    System.err.println(reg.name() + " v" + v + " does not exist in " + dir);
                    return 1;
                }
                byte[] bytes = Files.readAllBytes(dir.resolve(reg.name()).resolve(String.format("v%04d", v)).resolve("model.onnx"));
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                if (!sha.equals(m.sha256())) {
                    System.err.println(reg.name() + " v" + v + ": model.onnx is corrupted (sha256 differs from its metadata); not exported");
                    return 1;
                }
                List<String> problems = OnnxInspector.mql5Problems(bytes);
                if (!problems.isEmpty()) {
                    System.err.println(reg.name() + " v" + v + " cannot run in MetaTrader 5: " + String.join("; ", problems));
                    return 1;
                }
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                Files.write(out, bytes);
                System.out.printf("wrote %s (%s v%d, %d bytes): input 'features' float[1,%d] (%s), output 'probability' float[1,1]%n",
                        out, reg.name(), v, bytes.length, m.features().size(), String.join(",", m.features()));
                return 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Serve the previously active version again (verified like any activation).")
    static final class Rollback extends RegistryOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            try (ModelRegistry<? extends ServedModel> reg = openExisting()) {
                ModelRegistry.Served<? extends ServedModel> s = reg.rollback();
                System.out.println("now serving " + reg.name() + " v" + s.version());
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the TP/SL classifier on a bar file, publish it, optionally serve it; writes a JSON report.")
    static final class Train extends RegistryOptions implements Callable<Integer> {
        @Option(names = "--bars", required = true, description = "bar file (MT5 or CSV, gzip ok)")
        Path bars;
        @Option(names = "--report", description = "JSON report file")
        Path report;
        @Option(names = "--horizon", defaultValue = "30", description = "label horizon in bars (default ${DEFAULT-VALUE}; the signal engine uses 4)")
        int horizon;
        @Option(names = "--tp", defaultValue = "1.5", description = "take profit in horizon σ (default ${DEFAULT-VALUE}; the engine's TP1 is 1.2)")
        double tp;
        @Option(names = "--sl", defaultValue = "1.0", description = "stop loss in horizon σ (default ${DEFAULT-VALUE}; the engine's is 0.8)")
        double sl;
        @Option(names = "--activate", description = "serve the new version after verifying it")
        boolean activate;
        @Option(names = "--calibration", defaultValue = "platt", description = "platt or isotonic (default ${DEFAULT-VALUE})")
        String calibration;

        @Override
        public Integer call() {
            TpSlPipeline.Outcome o = TpSlPipeline.run(bars, new TpSlLabeler(horizon, tp, sl),
                    TpSlPipeline.defaultConfig(), Calibration.parse(calibration), dir, report, activate);
            System.out.printf("published %s v%d: rows=%s holdout auc=%.4f brier=%.4f (walk-forward mean auc %.4f)%n",
                    TpSlPipeline.MODEL_NAME, o.version(), o.report().get("rows"), o.metadata().holdout().auc(),
                    o.metadata().holdout().brier(), (Double) o.report().get("walkForwardMeanAuc"));
            return 0;
        }
    }

    @Command(name = "train-meta", mixinStandardHelpOptions = true,
            description = "Replay the signal engine over bar files, train the first-stage classifier on the early part "
                    + "(and the GRU sequence model on the same early bars), then the meta-learner on the engine's labelled queries "
                    + "after it, with and without the sequence model's outputs; publish all (tpsl + seq + meta).")
    static final class TrainMeta implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "registry root directory")
        Path dir;
        @Option(names = "--bars", required = true, description = "bar file, one per symbol, all of one timeframe (repeatable)")
        List<Path> bars;
        @Option(names = "--report", description = "JSON report file")
        Path report;
        @Option(names = "--calibration", defaultValue = "platt", description = "platt or isotonic (default ${DEFAULT-VALUE})")
        String calibration;
        @Option(names = "--activate", description = "serve the new versions after verifying them")
        boolean activate;

        @Override
        public Integer call() {
            MetaPipeline.Outcome o = MetaPipeline.run(bars, Calibration.parse(calibration), dir, report, activate);
            System.out.printf("published tpsl v%d, seq v%d and meta v%d: meta rows=%s holdout auc=%.4f brier=%.4f (walk-forward mean auc %.4f)%n",
                    o.classifierVersion(), o.seqVersion(), o.metaVersion(), o.report().get("metaRows"), o.metadata().holdout().auc(),
                    o.metadata().holdout().brier(), (Double) o.report().get("metaWalkForwardMeanAuc"));
            return 0;
        }
    }

    @Command(name = "train-seq", mixinStandardHelpOptions = true,
            description = "Train the GRU sequence model (volatility + direction heads) on a bar file, publish it under "
                    + "'seq', optionally serve it; writes a JSON report.")
    static final class TrainSeq implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "registry root directory")
        Path dir;
        @Option(names = "--bars", required = true, description = "bar file (MT5 or CSV, gzip ok)")
        Path bars;
        @Option(names = "--window", defaultValue = "32", description = "bars per input window (default ${DEFAULT-VALUE})")
        int window;
        @Option(names = "--horizon", defaultValue = "30", description = "target horizon in bars (default ${DEFAULT-VALUE})")
        int horizon;
        @Option(names = "--hidden", defaultValue = "16", description = "GRU hidden size (default ${DEFAULT-VALUE})")
        int hidden;
        @Option(names = "--epochs", defaultValue = "6", description = "training epochs per fit (default ${DEFAULT-VALUE})")
        int epochs;
        @Option(names = "--report", description = "JSON report file")
        Path report;
        @Option(names = "--activate", description = "serve the new version after verifying it")
        boolean activate;

        @Override
        public Integer call() {
            GruTrainer.Params d = GruTrainer.Params.defaults();
            GruTrainer.Params params = new GruTrainer.Params(hidden, epochs, d.batchSize(), d.learningRate(), d.volWeight(),
                    d.clipNorm(), d.seed());
            SequencePipeline.Outcome o = SequencePipeline.run(bars, window, horizon, params, dir, report, activate);
            System.out.printf("published %s v%d: windows=%s holdout direction auc=%.4f brier=%.4f; walk-forward mean auc %.4f, "
                            + "vol rmse %.4f (naive 0: %.4f)%n",
                    SequencePipeline.MODEL_NAME, o.version(), o.report().get("windows"), o.metadata().holdout().auc(),
                    o.metadata().holdout().brier(), (Double) o.report().get("walkForwardMeanAuc"),
                    (Double) o.report().get("walkForwardMeanVolRmse"), (Double) o.report().get("walkForwardMeanVolRmseNaiveZero"));
            return 0;
        }
    }
}
