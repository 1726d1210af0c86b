package io.vprop.transport;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An optional short busy-wait before blocking ({@code vprop.spin.us}, system property; off by default). A blocked
 * thread costs a wake-up per message, and spinning a few tens of microseconds can catch an answer that arrives just
 * after going to sleep — on a machine with cores to spare. On two shared cores it costs more than it saves: the
 * spinning thread takes the CPU the other side needs to answer. Measured on the 2-vCPU development VM (issue 19,
 * docs/benchmarks.md): exact-lockstep replays in process ran 15,016 ticks/s without the spin against 4,430 with
 * 40 µs and 1,260 with 200 µs, over libzmq 5,396 against 3,778; the tick round trip's median on libzmq was 107 µs
 * without and 152 µs with 40 µs; a connected idle process used 0.48 s of CPU a minute without and 1.08 s with. So
 * the default is 0; a dedicated machine may try 20–50. Public for the libzmq transport (module zmq-native) and the
 * in-process link, which spin the same way.
 */
public final class Spin {
    static final long NANOS = Long.getLong("vprop.spin.us", 0) * 1_000;

    private Spin() { }

    public static <T> T poll(Supplier<T> source) {
        T v = source.get();
        if (v != null || NANOS == 0) return v;
        long start = System.nanoTime();
        while (System.nanoTime() - start < NANOS) {
            Thread.onSpinWait();
            if ((v = source.get()) != null) return v;
        }
        return null;
    }

    public static boolean until(BooleanSupplier ready) {
        if (NANOS == 0) return false;
        long start = System.nanoTime();
        while (System.nanoTime() - start < NANOS) {
            if (ready.getAsBoolean()) return true;
            Thread.onSpinWait();
        }
        return false;
    }
}
