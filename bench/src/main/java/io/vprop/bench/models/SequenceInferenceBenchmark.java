package io.vprop.bench.models;

import java.util.Arrays;
import io.vprop.models.data.BarFiles;
import io.vprop.models.seq.OnnxSequenceExport;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.GruNetwork;
import io.vprop.models.seq.GruTrainer;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequenceDataset;
import io.vprop.models.seq.SequenceFeatures;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.seq.SequenceTraining;
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
 * Per-call latency of the GRU sequence model (one window of 32 bars × 5 features per call, hidden 16), trained on
 * the shared EURUSD M1 bars: ONNX Runtime with a direct FloatBuffer input, the same through the registry's served
 * reference, and the plain-Java forward pass for comparison. SampleTime → p50/p99 in the JSON
 * ({@code java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main SequenceInferenceBenchmark
 * -rf json -rff bench/results/models-seq.json}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SequenceInferenceBenchmark {
    private static final int WINDOW = 32, HORIZON = 30;
    private GruNetwork model;
    private OnnxSequenceModel onnx;
    private ModelRegistry<OnnxSequenceModel> registry;
    private Path registryDir;
    private float[][] windows;
    private FloatBuffer[] buffers;
    private int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path data = Path.of(System.getProperty("vprop.shared.data", "../shared/data"));
        Path bars = data.resolve("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz");
        SequenceDataset d = SequenceDataset.build(BarFiles.readAll(bars), WINDOW, HORIZON);
        // latency does not depend on how well it is trained: one short fit keeps the setup quick
        SequenceTraining.Result r = SequenceTraining.train("seq", d, new SequenceTraining.Config(1, WINDOW * 60_000L,
                new GruTrainer.Params(16, 1, 64, 3e-3, 1.0, 5.0, 42L), 64), 0L);
        model = r.model();
        byte[] bytes = OnnxSequenceExport.export(model, WINDOW, "seq", Map.of());
        onnx = new OnnxSequenceModel(bytes, WINDOW, SequenceFeatures.WIDTH, "bench");
        registryDir = Files.createTempDirectory("vprop-seq-bench");
        registry = SequencePipeline.registry(registryDir);
        registry.activate(registry.publish(bytes, r.metadata()));
        int n = 1024, from = d.size() - n;
        windows = Arrays.copyOfRange(d.x(), from, from + n);
        buffers = BenchInputs.directRows(windows);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        onnx.close();
        registry.close();
        BenchInputs.deleteTree(registryDir);
    }

    @Benchmark
    public OnnxSequenceModel.Prediction onnxRuntimeFloatBuffer() {
        FloatBuffer b = buffers[i++ & 1023];
        b.rewind();
        return onnx.predict(b);
    }

    @Benchmark
    public OnnxSequenceModel.Prediction onnxRuntimeThroughRegistry() {
        return registry.current().model().predict(windows[i++ & 1023]);
    }

    @Benchmark
    public GruNetwork.Output javaForward() {
        return model.forward(windows[i++ & 1023]);
    }
}
