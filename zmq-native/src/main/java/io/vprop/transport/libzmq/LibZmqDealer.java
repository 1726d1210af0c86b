package io.vprop.transport.libzmq;

import io.vprop.transport.Dealer;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;
import io.vprop.transport.Spin;
import org.bytedeco.javacpp.Pointer;

/**
 * The terminal's DEALER on the system's libzmq, with the options of {@link io.vprop.transport.DealerEndpoint} and of
 * the EA (routing id, LINGER 0, HWM 100,000, MAXMSGSIZE 1 MiB, reconnect 100 ms → 2 s, IMMEDIATE). Owned by one thread.
 */
final class LibZmqDealer implements Dealer {
    private final Pointer ctx;
    private final Pointer dealer;
    private final Frames frames = new Frames();
    private boolean closed;

    LibZmqDealer(String endpoint, RoutingId id) {
        ctx = SharedContext.acquire();
        dealer = LibZmq.zmq_socket(ctx, LibZmq.DEALER);
        byte[] wire = id.wire();
        try (org.bytedeco.javacpp.BytePointer idp = new org.bytedeco.javacpp.BytePointer(wire)) {
            LibZmq.check(LibZmq.zmq_setsockopt(dealer, LibZmq.ROUTING_ID, idp, wire.length), "routing id");
        }
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.LINGER, 0);
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.SNDHWM, 100_000);
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.RCVHWM, 100_000);
        LibZmq.vprop_zmq_set_int64(dealer, LibZmq.MAXMSGSIZE, RouterEndpoint.MAX_FRAME_BYTES);
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.RECONNECT_IVL, 100);
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.RECONNECT_IVL_MAX, 2_000);
        LibZmq.vprop_zmq_set_int(dealer, LibZmq.IMMEDIATE, 1);
        LibZmq.check(LibZmq.zmq_connect(dealer, endpoint), "connect " + endpoint);
    }

    @Override
    public boolean send(byte[] payload) { return frames.send(dealer, payload, LibZmq.DONTWAIT); }

    @Override
    public byte[] poll() { return frames.recv(dealer, LibZmq.DONTWAIT); }

    @Override
    public byte[] receive(long timeoutMs) {
        byte[] m = Spin.poll(this::poll);
        if (m != null) return m;
        if (timeoutMs > 0) LibZmq.vprop_zmq_poll_in(dealer, null, timeoutMs);
        return poll();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        LibZmq.zmq_close(dealer);
        SharedContext.release(ctx);
        frames.close();
    }
}
