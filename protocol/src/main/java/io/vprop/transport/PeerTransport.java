package io.vprop.transport;

/**
 * How the sidecar's kernel exchanges frames with its peers (EAs, paper terminals): frames in from any peer, each
 * tagged with the peer's routing id, and frames out to one peer by that id. One frame is one protocol message.
 * {@link RouterEndpoint} carries them over ZeroMQ; {@link InProcessTransport} inside one process (tests).
 *
 * <p>Used by one thread at a time (the kernel's, or a peer's running the kernel's round: {@link #callerRuns}); only
 * {@link #waker()} may be used from any thread at any time.
 */
public interface PeerTransport extends AutoCloseable {

    /** One received frame and the routing id of the peer that sent it. */
    record Inbound(byte[] identity, byte[] payload) {
    }

    /** Where peers reach this transport (the bound address, with the real port when bound to port 0). */
    String endpoint();

    /** Waits up to {@code timeoutMs} for a frame or a wake-up. */
    void await(long timeoutMs);

    /** Next frame without blocking, or null. */
    Inbound poll();

    /** Queues {@code payload} for the peer; dropped silently when that peer is not connected (as a ZeroMQ ROUTER). */
    void send(byte[] identity, byte[] payload);

    /** Thread-safe wake-up of the owner thread blocked in {@link #await}. */
    Runnable waker();

    /**
     * The owner's loop round without its wait ({@code round}, thread-safe: it serialises itself with the owner's own
     * rounds). A transport whose peers run in this process may let a peer run it on the peer's thread while the peer
     * waits for an answer ({@link InProcessTransport}); one that carries frames between processes ignores it.
     */
    default void callerRuns(Runnable round) { }

    @Override
    void close();
}
