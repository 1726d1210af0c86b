package io.vprop.transport.libzmq;

import io.vprop.transport.PeerTransport;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.Spin;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The sidecar's ROUTER on the system's libzmq: the same contract as {@link RouterEndpoint} (routing ids,
 * ROUTER_HANDOVER, MAXMSGSIZE 1 MiB, LINGER 0, HWM 100,000, one payload frame after the id), selected by
 * {@code zmq.impl=libzmq}. Owned by one thread; others wake it through {@link #waker()} (an inproc PUSH under a
 * lock, as with JeroMQ).
 */
final class LibZmqRouter implements PeerTransport {
    private final Pointer ctx;
    private final Pointer router;
    private final Pointer wakeIn;
    private final Pointer wakeOut;
    private final Frames frames = new Frames();
    private final Frames wakeFrames = new Frames();
    private final String endpoint;
    private boolean closed; // guarded by wakeOut

    LibZmqRouter(String endpoint) {
        this(endpoint, -1);
    }

    /** @param ioCpu the CPU its libzmq I/O thread runs on, or -1 for any (and the process's shared context) */
    LibZmqRouter(String endpoint, int ioCpu) {
        ctx = SharedContext.acquire(ioCpu);
        router = LibZmq.zmq_socket(ctx, LibZmq.ROUTER);
        LibZmq.vprop_zmq_set_int(router, LibZmq.LINGER, 0);
        LibZmq.vprop_zmq_set_int(router, LibZmq.SNDHWM, 100_000);
        LibZmq.vprop_zmq_set_int(router, LibZmq.RCVHWM, 100_000);
        LibZmq.vprop_zmq_set_int64(router, LibZmq.MAXMSGSIZE, RouterEndpoint.MAX_FRAME_BYTES);
        LibZmq.vprop_zmq_set_int(router, LibZmq.ROUTER_HANDOVER, 1); // a reconnecting terminal takes its id over
        if (bind(router, endpoint) != 0) {
            String why = LibZmq.error();
            LibZmq.zmq_close(router);
            SharedContext.release(ctx);
            frames.close();
            wakeFrames.close();
            throw new IllegalStateException("cannot bind the ZeroMQ ROUTER (libzmq) on " + endpoint + ": " + why
                    + " (is another sidecar running? set zmq.endpoint or --zmq)");
        }
        try (BytePointer buf = new BytePointer(1024)) {
            int n = LibZmq.vprop_zmq_last_endpoint(router, buf, 1024); // with its NUL
            byte[] text = new byte[Math.max(0, n - 1)];
            buf.get(text);
            this.endpoint = new String(text, java.nio.charset.StandardCharsets.US_ASCII);
        }
        String wakeAddr = SharedContext.inprocName("vprop-wake");
        wakeIn = LibZmq.zmq_socket(ctx, LibZmq.PULL);
        LibZmq.check(LibZmq.zmq_bind(wakeIn, wakeAddr), "bind " + wakeAddr);
        wakeOut = LibZmq.zmq_socket(ctx, LibZmq.PUSH);
        LibZmq.vprop_zmq_set_int(wakeOut, LibZmq.LINGER, 0);
        LibZmq.check(LibZmq.zmq_connect(wakeOut, wakeAddr), "connect " + wakeAddr);
    }

    @Override
    public String endpoint() { return endpoint; }

    /** Waits up to {@code timeoutMs} for a message or a wake-up, after the same short spin as JeroMQ's. */
    @Override
    public void await(long timeoutMs) {
        if (Spin.until(() -> LibZmq.vprop_zmq_poll_in(router, null, 0) > 0)) return;
        int ready = LibZmq.vprop_zmq_poll_in(router, wakeIn, timeoutMs);
        if (ready > 0 && (ready & 2) != 0) while (wakeFrames.recv(wakeIn, LibZmq.DONTWAIT) != null) { /* drain */ }
    }

    @Override
    public Inbound poll() {
        byte[] id = frames.recv(router, LibZmq.DONTWAIT);
        if (id == null) return null;
        byte[] payload = new byte[0];
        // the frames of one message arrive together: the rest never blocks; a multi-frame message keeps its last
        while (LibZmq.vprop_zmq_get_int(router, LibZmq.RCVMORE) == 1) {
            byte[] f = frames.recv(router, 0);
            if (f == null) break;
            payload = f;
        }
        return new Inbound(id, payload);
    }

    @Override
    public void send(byte[] identity, byte[] payload) {
        if (frames.send(router, identity, LibZmq.SNDMORE | LibZmq.DONTWAIT)) frames.send(router, payload, LibZmq.DONTWAIT);
    }

    @Override
    public Runnable waker() {
        return () -> {
            synchronized (wakeOut) {
                if (!closed) wakeFrames.send(wakeOut, new byte[0], LibZmq.DONTWAIT);
            }
        };
    }

    /**
     * Addresses this process's routers released, with when: zmq_close only asks the context's I/O thread to close the
     * listening socket, so while the context lives on (shared with a terminal in this process) the port stays taken
     * for a moment — a sidecar restarted in the same process on the same address would fail to bind.
     */
    private static final java.util.Map<String, Long> RELEASED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long RELEASE_WAIT_NS = 2_000_000_000L;

    /** zmq_bind; on EADDRINUSE for an address this process released within 2 s, retried until the I/O thread let go. */
    private static int bind(Pointer socket, String endpoint) {
        int rc = LibZmq.zmq_bind(socket, endpoint);
        Long released = RELEASED.get(endpoint);
        while (rc != 0 && LibZmq.zmq_errno() == LibZmq.EADDRINUSE && released != null
                && System.nanoTime() - released < RELEASE_WAIT_NS) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            rc = LibZmq.zmq_bind(socket, endpoint);
        }
        if (rc == 0) RELEASED.remove(endpoint);
        return rc;
    }

    @Override
    public void close() {
        synchronized (wakeOut) {
            if (closed) return;
            closed = true;
            LibZmq.zmq_close(wakeOut);
        }
        LibZmq.zmq_close(wakeIn);
        LibZmq.zmq_close(router);
        RELEASED.put(endpoint, System.nanoTime());
        SharedContext.release(ctx); // LINGER 0 everywhere: the last one's term returns at once
        frames.close();
        wakeFrames.close();
    }
}
