package io.vprop.bench.governors;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One full governor evaluation per tick with every rule of the ftmo-2step profile active (daily and max loss with
 * buffers, pre-trade, news embargo with scheduled releases, weekend flat, profit target, trading days, orders per
 * second, stop-loss requirement). The tick is an account snapshot with two open positions, as the EA streams it.
 * SampleTime mode so the JSON carries percentiles (p50 is the target: 1 us).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class GovernorBenchmark {
    private static final int EQUITY_PATH = 4096;

    private GovernorEngine engine;
    private List<ValuedPosition> positions;
    private double[] equity;
    private long now;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        FirmProfile ftmo = ProfileLoader.bundled("ftmo-2step");
        engine = GovernorEngine.start(ftmo, 100_000, "USD");
        // Monday 10:00 UTC: one trial covers well under a day of 1 ms ticks, so no weekend window is crossed
        now = Instant.parse("2024-05-13T10:00:00Z").toEpochMilli();
        long day = 86_400_000L;
        for (int k = 1; k <= 6; k++) {
            engine.evaluate(new NewsEvent(now, now + k * day / 3, k % 2 == 0 ? "USD" : "EUR", NewsEvent.Impact.HIGH));
        }
        positions = List.of(
                new ValuedPosition(new Position(1, "EURUSD", Side.BUY, 1.0, 1.0800, 1.0750, 0, 0, 0, 0, now - 60_000, ""), 100_000),
                new ValuedPosition(new Position(2, "GBPJPY", Side.SELL, 0.5, 195.00, 195.60, 0, 0, 0, 0, now - 30_000, ""), 650));
        // a bounded random walk of equity: +-1.5 % around the initial balance, never reaching a buffer
        equity = new double[EQUITY_PATH];
        SplittableRandom r = new SplittableRandom(42);
        double e = 100_000;
        for (int k = 0; k < EQUITY_PATH; k++) {
            e = Math.max(98_500, Math.min(101_500, e + r.nextDouble(-40, 40)));
            equity[k] = e;
        }
    }

    @Benchmark
    public RuleVerdict accountSnapshotTick() {
        now += 1;
        double eq = equity[i++ & (EQUITY_PATH - 1)];
        return engine.evaluate(new AccountSnapshot(now, 100_000, eq, positions, 0));
    }

    @Benchmark
    public RuleVerdict clockTick() {
        now += 1;
        return engine.evaluate(new ClockTick(now));
    }

    /** The web panel's view; allocates by design, measured for scale only. */
    @Benchmark
    public StateSnapshot panelSnapshot() {
        return engine.snapshot();
    }
}
