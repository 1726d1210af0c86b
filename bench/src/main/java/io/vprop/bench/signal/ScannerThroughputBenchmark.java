package io.vprop.bench.signal;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Scanner throughput: one invocation evaluates every alpha (6) on every timeframe (M5, M15, H1) of every symbol
 * (28) = 504 symbol × alpha × timeframe evaluations, each including the Thompson draw for fired alphas. JMH reports
 * evaluations per second directly ({@code @OperationsPerInvocation(504)}), single thread = one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScannerThroughputBenchmark {
    static final int EVALUATIONS = 28 * 6 * 3;
    EngineFixture fx;

    @Setup
    public void setup() {
        fx = new EngineFixture();
        long evals = fx.engine.scanAll(fx.timeMs);
        if (evals != EVALUATIONS) throw new IllegalStateException("engine not warm: " + evals + " evaluations, want " + EVALUATIONS);
    }

    @Benchmark
    @OperationsPerInvocation(EVALUATIONS)
    public long scanAllSymbolsAlphasTimeframes() {
        return fx.engine.scanAll(fx.timeMs);
    }
}
