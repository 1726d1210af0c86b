package io.vprop.transport;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A short busy-wait before blocking. A blocked thread costs a wake-up (tens to hundreds of microseconds on a
 * small VPS) per message, and ZeroMQ adds two I/O-thread hops on each side, so the answer to a message often
 * arrives within microseconds of going to sleep. Spinning briefly catches it; a longer spin would starve the I/O
 * threads on two cores (measured: 50 µs halves a loopback round trip here, 200 µs doubles it), so it is short and
 * only ever follows activity. {@code vprop.spin.us} (system property) tunes it; 0 turns it off. Public for the
 * libzmq transport (module zmq-native), which spins the same way.
 */
public final class Spin {
    static final long NANOS = Long.getLong("vprop.spin.us", 40) * 1_000;

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
