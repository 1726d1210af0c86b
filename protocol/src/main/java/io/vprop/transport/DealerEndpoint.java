package io.vprop.transport;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The EA side's ZeroMQ DEALER, as the paper terminal and test clients use it: connects with a routing id,
 * sends single-frame messages, receives without blocking. ZeroMQ reconnects by itself when the sidecar restarts;
 * the protocol's hello/welcome and resends (in the caller) make sure nothing is lost in between.
 */
public final class DealerEndpoint implements Dealer {
    private final ZContext ctx;
    private final ZMQ.Socket dealer;
    private final ZMQ.Poller poller;

    public DealerEndpoint(String endpoint, RoutingId id) {
        ctx = new ZContext(1);
        dealer = ctx.createSocket(SocketType.DEALER);
        dealer.setIdentity(id.wire());
        dealer.setLinger(0);
        dealer.setSndHWM(100_000);
        dealer.setRcvHWM(100_000);
        dealer.setMaxMsgSize(RouterEndpoint.MAX_FRAME_BYTES); // as the EA does: a runaway frame drops the link, not the heap
        dealer.setReconnectIVL(100);
        dealer.setReconnectIVLMax(2_000);
        // Queue only to a live connection: a tick sent while the sidecar is down is worthless later, and reliable
        // messages are resent from the journal after the next welcome anyway.
        dealer.setImmediate(true);
        dealer.connect(endpoint);
        poller = ctx.createPoller(1);
        poller.register(dealer, ZMQ.Poller.POLLIN);
    }

    @Override
    public boolean send(byte[] payload) { return dealer.send(payload, ZMQ.DONTWAIT); }

    /** Next message or null, without blocking. */
    @Override
    public byte[] poll() { return dealer.recv(ZMQ.DONTWAIT); }

    /** Waits up to {@code timeoutMs} for a message; returns it or null. */
    @Override
    public byte[] receive(long timeoutMs) {
        byte[] m = Spin.poll(this::poll);
        if (m != null) return m;
        if (timeoutMs > 0) poller.poll(timeoutMs);
        return poll();
    }

    @Override
    public void close() { ctx.close(); }
}
