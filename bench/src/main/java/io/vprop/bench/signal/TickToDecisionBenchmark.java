package io.vprop.bench.signal;

import io.vprop.signal.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Tick-to-decision latency in process with 28 symbols: one quote through validation, quote features, bar building
 * on three timeframes (and bar close work when a bar ends), the alpha scan, and – when a setup fires – the whole
 * filter/grade/size pipeline. Quotes are precomputed primitives fed through {@code SignalEngine.onQuote}, so
 * {@code -prof gc} shows what the engine itself allocates per tick. SampleTime mode gives the percentiles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class TickToDecisionBenchmark {
    static final int QUOTES = 1 << 21;
    EngineFixture fx;
    EngineFixture.Quotes q;
    int i;
    long t;

    @Setup
    public void setup() {
        fx = new EngineFixture();
        q = fx.precompute(QUOTES);
        t = fx.timeMs;
    }

    @Benchmark
    public Decision onQuote() {
        int k = i;
        i = k + 1 == QUOTES ? 0 : k + 1;
        t += q.dt[k];
        return fx.engine.onQuote(q.symbol[k], t, q.bid[k], q.ask[k], 0);
    }
}
