package io.vprop.transport.libzmq;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * Hand-written JavaCPP binding for the few libzmq C functions the transport needs. The JavaCPP Builder (Maven profile
 * {@code libzmq}, active when {@code /usr/include/zmq.h} exists: Debian's libzmq3-dev) generates the JNI glue and links
 * it against the system's libzmq.so.5, the library the EA harness builds against too. Socket options are the
 * {@code zmq.h} constants, copied here (they are part of libzmq's stable ABI).
 *
 * <p>Package-private: {@link LibZmqRouter} and {@link LibZmqDealer} own the sockets and their native buffers.
 */
@Platform(include = {"zmq.h", "vprop_zmq.h"}, link = "zmq@.5")
final class LibZmq {
    static {
        Loader.load();
    }

    private LibZmq() { }

    static final int ROUTER = 6, DEALER = 5, PUSH = 8, PULL = 7;
    static final int DONTWAIT = 1, SNDMORE = 2;
    static final int RCVMORE = 13, LINGER = 17, RECONNECT_IVL = 18, RECONNECT_IVL_MAX = 21, MAXMSGSIZE = 22,
            SNDHWM = 23, RCVHWM = 24, ROUTING_ID = 5, IMMEDIATE = 39, ROUTER_HANDOVER = 56, IO_THREADS = 1,
            THREAD_AFFINITY_CPU_ADD = 7;
    static final int EAGAIN = 11, EINTR = 4, EADDRINUSE = 98, ETERM = 156384765;

    static native Pointer zmq_ctx_new();

    static native int zmq_ctx_set(Pointer ctx, int option, int value);

    static native int zmq_ctx_term(Pointer ctx);

    static native Pointer zmq_socket(Pointer ctx, int type);

    static native int zmq_close(Pointer socket);

    static native int zmq_setsockopt(Pointer socket, int option, @Cast("const void*") BytePointer value, @Cast("size_t") long len);

    static native int zmq_bind(Pointer socket, String endpoint);

    static native int zmq_connect(Pointer socket, String endpoint);

    static native int zmq_send(Pointer socket, @Cast("const void*") BytePointer buf, @Cast("size_t") long len, int flags);

    static native int zmq_recv(Pointer socket, @Cast("void*") BytePointer buf, @Cast("size_t") long len, int flags);

    static native int zmq_errno();

    static native @Cast("const char*") BytePointer zmq_strerror(int errnum);

    static native void zmq_version(int[] major, int[] minor, int[] patch);

    static native int vprop_zmq_set_int(Pointer socket, int option, int value);

    static native int vprop_zmq_set_int64(Pointer socket, int option, @Cast("int64_t") long value);

    static native int vprop_zmq_get_int(Pointer socket, int option);

    static native int vprop_zmq_last_endpoint(Pointer socket, @Cast("char*") BytePointer buf, int cap);

    static native int vprop_zmq_poll_in(Pointer a, Pointer b, long timeoutMs);

    static native int vprop_pin_current_thread(int cpu);

    /** The last error as libzmq words it. */
    static String error() {
        int e = zmq_errno();
        return zmq_strerror(e).getString() + " (errno " + e + ")";
    }

    static void check(int rc, String what) {
        if (rc < 0) throw new IllegalStateException(what + ": " + error());
    }
}
