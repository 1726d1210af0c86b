package io.vprop.bench.protocol;

import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Cost of the protocol codec on the hot message: one tick, decode (with full validation) and encode. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Envelope tick = Envelope.of(12345, 1_700_000_000_000L,
            new Payload.Tick("EURUSD", 1.08512, 1.08524, 0, 0, 1_700_007_200_100L, 6));
    private final byte[] wire = codec.encode(tick);

    @Benchmark
    public Envelope decodeTick() throws ProtocolException { return codec.decode(wire); }

    @Benchmark
    public byte[] encodeTick() { return codec.encode(tick); }
}
