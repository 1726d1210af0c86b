package io.vprop.transport;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The sidecar's ZeroMQ ROUTER, the kernel's {@link PeerTransport} in production: binds, receives [routing id,
 * payload] from many DEALERs, sends to one by id. Owned by one thread (ZeroMQ sockets are not thread-safe); other
 * threads wake it through {@link #waker()}.
 */
public final class RouterEndpoint implements PeerTransport {
    /**
     * The largest frame ZeroMQ accepts on either end of the link ({@code ZMQ_MAXMSGSIZE}), 16 × the protocol's
     * 64 KiB message limit. A message between the two still arrives and is answered {@code too_large} by the codec; a
     * larger one makes ZeroMQ drop that connection before it allocates the frame (the peer reconnects and says hello
     * again), so one hostile or broken client cannot make the sidecar hold hundreds of MB. The EA sets the same value.
     */
    public static final long MAX_FRAME_BYTES = 1L << 20;

    private final ZContext ctx;
    private final ZMQ.Socket router;
    private final ZMQ.Socket wakeIn;
    private final ZMQ.Socket wakeOut;
    private final ZMQ.Poller poller;
    private final String endpoint;
    private boolean closed; // guarded by wakeOut's lock

    public RouterEndpoint(String endpoint) {
        this.ctx = new ZContext(1);
        this.router = ctx.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setSndHWM(100_000);
        router.setRcvHWM(100_000);
        router.setMaxMsgSize(MAX_FRAME_BYTES);
        // A terminal that reconnects under its routing id takes the id over. Without this the ROUTER refuses the new
        // connection while it still holds the old one (a half-open TCP link after a crash, or a JeroMQ DEALER that
        // TerminalLink rebuilt because it never delivered), and every frame from the terminal is dropped unseen.
        router.setRouterHandover(true);
        try {
            router.bind(endpoint);
        } catch (RuntimeException e) {
            ctx.close();
            throw new IllegalStateException("cannot bind the ZeroMQ ROUTER on " + endpoint + ": " + e.getMessage()
                    + " (is another sidecar running? set zmq.endpoint or --zmq)", e);
        }
        this.endpoint = router.getLastEndpoint();
        String wakeAddr = "inproc://vprop-wake-" + System.identityHashCode(this);
        wakeIn = ctx.createSocket(SocketType.PULL);
        wakeIn.bind(wakeAddr);
        wakeOut = ctx.createSocket(SocketType.PUSH);
        wakeOut.setLinger(0);
        wakeOut.connect(wakeAddr);
        poller = ctx.createPoller(2);
        poller.register(router, ZMQ.Poller.POLLIN);
        poller.register(wakeIn, ZMQ.Poller.POLLIN);
    }

    /** The bound address (with the real port when bound to port 0 / '*'). */
    @Override
    public String endpoint() { return endpoint; }

    /** Waits up to {@code timeoutMs} for a message or a wake-up (after a short spin, see {@link Spin}). */
    @Override
    public void await(long timeoutMs) {
        if (Spin.until(() -> router.hasReceiveMore() || (router.getEvents() & ZMQ.Poller.POLLIN) != 0)) return;
        poller.poll(timeoutMs);
        if (poller.pollin(1)) while (wakeIn.recv(ZMQ.DONTWAIT) != null) { /* drain */ }
    }

    /** Next message without blocking, or null. Multi-frame messages keep their last frame as the payload. */
    @Override
    public Inbound poll() {
        byte[] id = router.recv(ZMQ.DONTWAIT);
        if (id == null) return null;
        byte[] payload = new byte[0];
        while (router.hasReceiveMore()) payload = router.recv();
        return new Inbound(id, payload);
    }

    /** Queues {@code payload} for the peer; silently dropped by ZeroMQ if that peer is not connected. */
    @Override
    public void send(byte[] identity, byte[] payload) {
        router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT);
        router.send(payload, ZMQ.DONTWAIT);
    }

    /** Thread-safe wake-up of the owner thread blocked in {@link #await}. */
    @Override
    public Runnable waker() {
        return () -> {
            synchronized (wakeOut) {
                if (!closed) wakeOut.send(new byte[0], ZMQ.DONTWAIT);
            }
        };
    }

    /**
     * Closes every socket and the context. A wake-up from another thread either completes before this (under the
     * same lock) or sees {@code closed} and does nothing: sending on a socket whose context is terminating is the
     * race that threw NullPointerException in {@code zmq.Ctx.sendCommand} (issue 18).
     */
    @Override
    public void close() {
        synchronized (wakeOut) {
            if (closed) return;
            closed = true;
        }
        ctx.close();
    }
}
