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

    Dealer dealer(String endpoint, RoutingId id);
}
