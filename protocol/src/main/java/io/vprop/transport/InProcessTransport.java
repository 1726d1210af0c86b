package io.vprop.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PeerTransport} inside one process: terminals {@link #connect} under a routing id and exchange with the
 * kernel exactly the frames a ZeroMQ ROUTER would carry, without sockets or ports. As with the ROUTER, a frame for a
 * peer that is not connected is dropped, and a second connection under the same routing id replaces the first.
 * Thread-safe, so the kernel may run on its own thread while a test plays the terminal on another.
 *
 * <p>A terminal that {@link #connect(RoutingId, boolean) drives} the kernel runs the kernel's round itself, on its own
 * thread, when it waits for an answer (the round the kernel registered with {@link #callerRuns}), and does not wake the
 * kernel's thread for each frame; that thread still runs a round whenever its wait ends (timers, calls from other
 * threads, frames a driving terminal sent and did not wait on). An exact-lockstep replay — each tick waits for its
 * ack — then hands nothing between threads: on a VM a hand-off costs more than the tick's whole work (the wake-up of
 * a halted vCPU, docs/benchmarks.md "Exact lockstep").
 */
public final class InProcessTransport implements PeerTransport {
    private final String endpoint;
    private final ConcurrentLinkedQueue<Inbound> inbox = new ConcurrentLinkedQueue<>();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private volatile boolean closed;
    private volatile Runnable kernelRound;
    private final Runnable onClose;

    /** @param name shown as the endpoint, {@code inproc://name} */
    public InProcessTransport(String name) {
        this(name, () -> { });
    }

    /** @param onClose run once on {@link #close()} (the {@link Transports} registry forgets the name) */
    InProcessTransport(String name, Runnable onClose) {
        this.endpoint = "inproc://" + name;
        this.onClose = onClose;
    }

    /** A terminal's end of the link under {@code routingId}; it replaces an earlier connection with the same id. */
    public Peer connect(RoutingId routingId) {
        return connect(routingId, false);
    }

    /**
     * As {@link #connect(RoutingId)}; with {@code drives}, {@link Peer#receive} runs the kernel's round on the caller's
     * thread before it waits, and {@link Peer#send} leaves the kernel's thread asleep (see the class comment).
     */
    public Peer connect(RoutingId routingId, boolean drives) {
        Peer p = new Peer(routingId.wire(), drives);
        peers.put(p.key, p);
        return p;
    }

    @Override
    public void callerRuns(Runnable round) { this.kernelRound = round; }

    @Override
    public String endpoint() { return endpoint; }

    /** Waits up to {@code timeoutMs} for a frame or a wake-up, after the same short spin as the ZeroMQ endpoints. */
    @Override
    public void await(long timeoutMs) {
        if (Spin.until(() -> !inbox.isEmpty())) return;
        synchronized (signal) {
            if (inbox.isEmpty() && !woken && !closed) {
                try {
                    signal.wait(Math.max(1, timeoutMs));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            woken = false;
        }
    }

    @Override
    public Inbound poll() { return inbox.poll(); }

    @Override
    public void send(byte[] identity, byte[] payload) {
        Peer p = peers.get(new String(identity, StandardCharsets.UTF_8));
        if (p != null && !closed) p.received.add(payload);
    }

    @Override
    public Runnable waker() { return this::wake; }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        peers.clear();
        wake();
        onClose.run();
    }

    /** One terminal's end: what it sends reaches the kernel tagged with its routing id. */
    public final class Peer {
        private final byte[] identity;
        private final String key;
        private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        private final boolean drives;

        private Peer(byte[] identity, boolean drives) {
            this.identity = identity;
            this.key = new String(identity, StandardCharsets.UTF_8);
            this.drives = drives;
        }

        public String routingId() { return key; }

        /** Whether this peer runs the kernel's round while it waits (see {@link #connect(RoutingId, boolean)}). */
        public boolean drives() { return drives; }

        public void send(byte[] frame) {
            if (closed) return;
            inbox.add(new Inbound(identity.clone(), frame));
            if (drives && kernelRound != null) return;  // read by this thread's next receive, or the kernel's next round
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        /** The next frame from the kernel without waiting, or null. */
        public byte[] poll() { return received.poll(); }

        /**
         * The next frame from the kernel, waiting up to {@code timeoutMs}; null when none came. A driving peer first
         * runs the kernel's round on this thread when nothing is waiting for it yet.
         */
        public byte[] receive(long timeoutMs) {
            byte[] m = received.poll();
            if (m != null) return m;
            Runnable round = kernelRound;
            if (drives && round != null && !closed) {
                round.run();
                if ((m = received.poll()) != null || timeoutMs <= 0) return m;
            }
            try {
                return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Every frame the kernel has sent that was not received yet, oldest first. */
        public List<byte[]> drain() {
            List<byte[]> out = new ArrayList<>();
            received.drainTo(out);
            return out;
        }

        /** Goes away: frames the kernel sends from now on are dropped, as for a DEALER that disconnected. */
        public void disconnect() { peers.remove(key, this); }
    }
}
