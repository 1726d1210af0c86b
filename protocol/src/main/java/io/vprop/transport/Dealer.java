package io.vprop.transport;

/**
 * The EA side of the link as the paper terminal and test clients use it: a ZeroMQ DEALER connected under a routing
 * id, single-frame messages. {@link DealerEndpoint} is JeroMQ's; {@link Transports} picks the implementation that
 * {@code zmq.impl} names. Owned by one thread.
 */
public interface Dealer extends AutoCloseable {

    /** Queues one message without blocking; false when it could not be queued (no live connection, HWM reached). */
    boolean send(byte[] payload);

    /** Next message or null, without blocking. */
    byte[] poll();

    /** Waits up to {@code timeoutMs} for a message; returns it or null. */
    byte[] receive(long timeoutMs);

    @Override
    void close();
}
