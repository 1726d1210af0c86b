package io.vprop.bench.models;

import io.vprop.models.MetaFeatures;
import java.util.Arrays;
import java.util.Random;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.TpSlTraining;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-call inference latency of the TP/SL classifier (one row per call), trained on the shared EURUSD M1 bars with
 * the production config: ONNX Runtime with a FloatBuffer input, the same through the registry's served reference,
 * and the plain-Java ensemble for comparison. SampleTime mode → p50/p99 in the JSON
 * ({@code bench/run.sh jmh ModelInference} → bench/results/jmh.json; docs/models.md keeps models.json).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ModelInferenceBenchmark {
    private TreeEnsemble model;
    private OnnxClassifier onnx;
    private ModelRegistry<OnnxClassifier> registry;
    private Path registryDir;
    private float[][] rows;
    private FloatBuffer[] buffers;
    private OnnxClassifier meta;
    private FloatBuffer[] metaBuffers;
    private int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path data = Path.of(System.getProperty("vprop.shared.data", "../shared/data"));
        Path bars = data.resolve("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz");
        TpSlLabeler labeler = new TpSlLabeler(30, 1.5, 1.0);
        TpSlDataset d = labeler.label(BarFiles.readAll(bars));
        TpSlTraining.Result r = TpSlTraining.train("tpsl", d, labeler, new TpSlTraining.Config(1, 30 * 60_000L,
                new GradientBoostingTrainer.Params(80, 3, 0.1, 100, 1.0), 64), 0L);
        model = r.model();
        byte[] bytes = OnnxTreeExport.export(model, "tpsl", Map.of());
        onnx = new OnnxClassifier(bytes, TpSlFeatures.NAMES.size(), "bench");
        registryDir = Files.createTempDirectory("vprop-models-bench");
        registry = ModelRegistry.classifiers(registryDir, "tpsl", TpSlFeatures.NAMES);
        registry.activate(registry.publish(bytes, r.metadata()));
        int n = 1024, from = d.size() - n;
        rows = Arrays.copyOfRange(d.x(), from, from + n);
        buffers = BenchInputs.directRows(rows);
        // the meta-learner's shape (MetaPipeline: 80 trees of depth 3 over MetaFeatures' 27 inputs) on synthetic rows:
        // its cost depends on the ensemble's size, not on what the trees learned
        int f = MetaFeatures.NAMES.size();
        Random rnd = new Random(1);
        float[][] mx = new float[5_000][f];
        int[] my = new int[mx.length];
        for (int k = 0; k < mx.length; k++) {
            for (int j = 0; j < f; j++) mx[k][j] = (float) rnd.nextGaussian();
            my[k] = mx[k][0] + mx[k][1] + rnd.nextGaussian() > 0 ? 1 : 0;
        }
        TreeEnsemble metaModel = new GradientBoostingTrainer(new GradientBoostingTrainer.Params(80, 3, 0.05, 150, 1.0)).fit(mx, my);
        meta = new OnnxClassifier(OnnxTreeExport.export(metaModel, "meta", Map.of()), f, "bench-meta");
        metaBuffers = BenchInputs.directRows(Arrays.copyOf(mx, n));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        onnx.close();
        meta.close();
        registry.close();
        BenchInputs.deleteTree(registryDir);
    }

    @Benchmark
    public float onnxRuntimeFloatBuffer() {
        FloatBuffer b = buffers[i++ & 1023];
        b.rewind();
        return onnx.predict(b);
    }

    @Benchmark
    public double onnxRuntimeThroughRegistry() {
        return registry.current().model().predict(rows[i++ & 1023]);
    }

    @Benchmark
    public float metaLearnerOnnxRuntimeFloatBuffer() {
        FloatBuffer b = metaBuffers[i++ & 1023];
        b.rewind();
        return meta.predict(b);
    }

    @Benchmark
    public double javaTreeEnsemble() {
        return model.probability(rows[i++ & 1023]);
    }
}
