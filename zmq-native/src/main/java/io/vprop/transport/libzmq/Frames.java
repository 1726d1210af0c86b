package io.vprop.transport.libzmq;

import io.vprop.transport.RouterEndpoint;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One socket's native buffers: frames are copied between Java arrays and native memory allocated once per socket,
 * never pinned Java arrays (a 1 MiB receive buffer as a Java array would be copied whole by JNI on every call).
 * The receive buffer holds the largest frame MAXMSGSIZE lets through, so nothing is ever truncated.
 */
final class Frames implements AutoCloseable {
    private final BytePointer in = new BytePointer(RouterEndpoint.MAX_FRAME_BYTES);
    private BytePointer out = new BytePointer(4096);

    /** The next frame, or null when none is waiting ({@code flags} = DONTWAIT) or the context is closing. */
    byte[] recv(Pointer socket, int flags) {
        int n = LibZmq.zmq_recv(socket, in, in.capacity(), flags);
        if (n < 0) {
            int e = LibZmq.zmq_errno();
            if (e == LibZmq.EAGAIN || e == LibZmq.EINTR || e == LibZmq.ETERM) return null;
            throw new IllegalStateException("zmq_recv: " + LibZmq.error());
        }
        byte[] frame = new byte[(int) Math.min(n, in.capacity())];
        in.position(0).get(frame);
        return frame;
    }

    /** Queues one frame; false when libzmq could not (EAGAIN: HWM reached or, for a DEALER, no live peer). */
    boolean send(Pointer socket, byte[] frame, int flags) {
        if (frame.length > out.capacity()) {
            out.close();
            out = new BytePointer(Math.max(frame.length, 2 * out.capacity()));
        }
        out.position(0).put(frame);
        return LibZmq.zmq_send(socket, out, frame.length, flags) >= 0;
    }

    @Override
    public void close() {
        in.close();
        out.close();
    }
}
