package io.vprop.bench.models;

import java.util.Arrays;
import io.vprop.models.data.BarFiles;
import io.vprop.models.drift.Autoencoder;
import io.vprop.models.drift.AutoencoderTrainer;
import io.vprop.models.drift.DriftMonitor;
import io.vprop.models.drift.DriftPipeline;
import io.vprop.models.drift.DriftReport;
import io.vprop.models.drift.DriftRows;
import io.vprop.models.drift.OnnxAutoencoder;
import io.vprop.models.drift.OnnxAutoencoderExport;
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
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of drift detection, on the drift autoencoder (9→6→3→6→9) trained on the shared EURUSD M1 bars:
 * one-row reconstruction error through ONNX Runtime (direct FloatBuffer input) and in plain Java, one
 * {@link DriftMonitor#add} (per closed bar / candidate), and one {@link DriftMonitor#report} over a full 500-vector
 * window (PSI/KL of 9 features + one ONNX Runtime batch of 500 rows). SampleTime → percentiles in the JSON:
 * {@code java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main AutoencoderInference -f 1 -wi 2 -i 3
 * -rf json -rff bench/results/models-drift.json}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AutoencoderInferenceBenchmark {
    private Autoencoder model;
    private OnnxAutoencoder onnx;
    private DriftMonitor monitor;
    private float[][] rows;
    private FloatBuffer[] buffers;
    private int i;

    @Setup(Level.Trial)
    public void setup() {
        Path data = Path.of(System.getProperty("vprop.shared.data", "../shared/data"));
        DriftRows all = DriftRows.of(BarFiles.readAll(data.resolve("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz")));
        DriftRows train = all.slice(0, all.size() * 7 / 10);
        DriftPipeline.Trained t = DriftPipeline.train(train, AutoencoderTrainer.Params.defaults(), 0L);
        model = t.model();
        onnx = new OnnxAutoencoder(OnnxAutoencoderExport.export(model, "autoencoder", Map.of()), model.width(), "bench");
        monitor = DriftMonitor.fromMetadata(t.metadata(), DriftMonitor.Config.defaults(), onnx::errors);
        int n = 1024, from = all.size() - n;
        rows = Arrays.copyOfRange(all.x(), from, from + n);
        buffers = BenchInputs.directRows(rows);
        for (int k = 0; k < 500; k++) monitor.add(rows[k]); // a full window from the start
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        onnx.close();
    }

    @Benchmark
    public float onnxRuntimeErrorFloatBuffer() {
        FloatBuffer b = buffers[i++ & 1023];
        b.rewind();
        return onnx.error(b);
    }

    @Benchmark
    public float javaError() {
        return model.error(rows[i++ & 1023]);
    }

    @Benchmark
    public long monitorAdd() {
        monitor.add(rows[i++ & 1023]);
        return monitor.seen();
    }

    @Benchmark
    public DriftReport monitorReport500() {
        return monitor.report();
    }
}
