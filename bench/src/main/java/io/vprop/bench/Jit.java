package io.vprop.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much JIT compilation ran inside a measured window: HotSpot's accumulated compiler time (all compiler threads)
 * at the start of the window and at its end. On two cores a compiler thread busy during a measurement takes the CPU
 * the measured threads need (issue 19: a one-day lockstep replay had C2 compiling about a second per second of its
 * measured replay), so every latency or throughput harness that claims a steady state reports this beside its figures.
 */
public final class Jit {
    private static final CompilationMXBean BEAN = ManagementFactory.getCompilationMXBean();
    private long startMs = -1;

    /** Starts the window (again, if called twice: the latest call counts). */
    public void mark() { startMs = now(); }

    /** Compiler milliseconds since {@link #mark()}, or -1 when the JVM does not report it or the window never started. */
    public long msSinceMark() { return startMs < 0 || now() < 0 ? -1 : now() - startMs; }

    private static long now() {
        return BEAN != null && BEAN.isCompilationTimeMonitoringSupported() ? BEAN.getTotalCompilationTime() : -1;
    }
}
