package io.vprop.transport;

/**
 * One ZeroMQ implementation the sidecar and the terminals can run on, found by {@link Transports} through
 * {@link java.util.ServiceLoader} (JeroMQ is built in; the system's libzmq comes from the {@code zmq-native}
 * module). Both give the same ROUTER/DEALER semantics: routing id, ROUTER_HANDOVER, MAXMSGSIZE
 * {@link RouterEndpoint#MAX_FRAME_BYTES}, LINGER 0, high-water marks of 100,000, one frame per protocol message.
 */
public interface ZmqProvider {

    /** The name {@code zmq.impl} selects it by. */
    String name();

    /** Null when usable here, else why not (e.g. the native library is not installed). */
    String unavailableReason();

    PeerTransport router(String endpoint);

    /**
     * A ROUTER whose I/O thread (if the implementation has one it can place) runs on CPU {@code ioCpu} alone, -1 for
     * anywhere. Pinning the sidecar's I/O thread and its kernel thread to one CPU turns each hand-off between them
     * into a context switch instead of waking a halted vCPU (docs/benchmarks.md, "Pinning the sidecar").
     */
    default PeerTransport router(String endpoint, int ioCpu) {
        if (ioCpu < 0) return router(endpoint);
        throw new UnsupportedOperationException("zmq.impl=" + name() + " cannot pin its threads to a CPU (kernel.cpu needs zmq.impl=libzmq)");
    }

    /** Pins the calling thread to CPU {@code cpu}; IllegalStateException saying why when it cannot. */
    default void pinCurrentThread(int cpu) {
        throw new UnsupportedOperationException("zmq.impl=" + name() + " cannot pin threads to a CPU (kernel.cpu needs zmq.impl=libzmq)");
    }

    Dealer dealer(String endpoint, RoutingId id);
}
