package io.vprop.transport.libzmq;

import org.bytedeco.javacpp.Pointer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One libzmq context per process, as the ZeroMQ guide advises, shared by every ROUTER and DEALER this module opens and
 * terminated when the last of them closes. Why it matters here: {@code vprop replay} and the paper terminal run the
 * sidecar's ROUTER and the terminal's DEALER in one process, and with a context each, every message crossed two I/O
 * threads (sender's and receiver's) — six thread wake-ups per exact-lockstep round trip on two vCPUs instead of four.
 *
 * <p>{@code -Dvprop.zmq.context=per-socket} gives every socket a context of its own instead: what two processes (the
 * EA and the sidecar) have, for a benchmark that runs both ends in one JVM to stand for them (RoundTripHarness).
 */
final class SharedContext {
    static final String PROPERTY = "vprop.zmq.context";
    private static final AtomicLong INPROC_NAMES = new AtomicLong();
    private static Pointer ctx;
    private static int users;

    private SharedContext() { }

    static synchronized Pointer acquire() {
        return acquire(-1);
    }

    /**
     * With {@code ioCpu} >= 0, a context of its own whose I/O thread runs on that CPU alone (ZMQ_THREAD_AFFINITY_CPU_ADD,
     * set before its first socket starts the thread): the sidecar's ROUTER pinned beside its kernel thread.
     */
    static synchronized Pointer acquire(int ioCpu) {
        if (ioCpu >= 0) {
            Pointer own = LibZmq.zmq_ctx_new();
            if (LibZmq.zmq_ctx_set(own, LibZmq.THREAD_AFFINITY_CPU_ADD, ioCpu) != 0) {
                String why = LibZmq.error();
                LibZmq.zmq_ctx_term(own);
                throw new IllegalStateException("cannot pin libzmq's I/O thread to CPU " + ioCpu + ": " + why);
            }
            return own;
        }
        if (perSocket()) return LibZmq.zmq_ctx_new();
        if (users++ == 0) ctx = LibZmq.zmq_ctx_new();
        return ctx;
    }

    /**
     * Call once per {@link #acquire()} with what it returned, after closing every socket made on it (LINGER 0: the
     * last term returns at once).
     */
    static synchronized void release(Pointer acquired) {
        if (acquired != ctx) { // a context of its own (per-socket, or pinned)
            LibZmq.zmq_ctx_term(acquired);
            return;
        }
        if (users <= 0) throw new IllegalStateException("libzmq context released more often than acquired");
        if (--users == 0) {
            LibZmq.zmq_ctx_term(ctx);
            ctx = null;
        }
    }

    private static boolean perSocket() {
        String v = System.getProperty(PROPERTY, "shared");
        if (v.equals("shared")) return false;
        if (v.equals("per-socket")) return true;
        throw new IllegalArgumentException(PROPERTY + " must be shared or per-socket, was '" + v + "'");
    }

    /** A fresh inproc address: inproc names are per context, so two routers of one process must never pick the same. */
    static String inprocName(String prefix) { return "inproc://" + prefix + "-" + INPROC_NAMES.incrementAndGet(); }
}
