package io.vprop.transport.libzmq;

import io.vprop.transport.Dealer;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.RoutingId;
import io.vprop.transport.ZmqProvider;
import org.bytedeco.javacpp.Loader;

/**
 * {@code zmq.impl=libzmq}: the system's libzmq (Debian libzmq5) through {@link LibZmq}. Unusable, with the reason,
 * when this build has no JNI library (the build found no zmq.h) or the system has no libzmq.so.5.
 */
public final class LibZmqProvider implements ZmqProvider {
    private static final String WHY_NOT = tryLoad();

    private static String tryLoad() {
        try {
            Loader.load(LibZmq.class);
            int[] major = new int[1], minor = new int[1], patch = new int[1];
            LibZmq.zmq_version(major, minor, patch);
            if (major[0] < 4 || (major[0] == 4 && minor[0] < 2)) return "libzmq " + major[0] + "." + minor[0] + " is older than 4.2 (no ROUTER_HANDOVER)";
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: no JNI library in this build, or no libzmq.so.5
            return "the libzmq binding is not built or libzmq5 is not installed (apt-get install libzmq3-dev, then rebuild): " + t;
        }
    }

    /** The installed libzmq's version, e.g. "4.3.4" (the binding must be usable). */
    public static String version() {
        int[] major = new int[1], minor = new int[1], patch = new int[1];
        LibZmq.zmq_version(major, minor, patch);
        return major[0] + "." + minor[0] + "." + patch[0];
    }

    @Override
    public String name() { return "libzmq"; }

    @Override
    public String unavailableReason() { return WHY_NOT; }

    @Override
    public PeerTransport router(String endpoint) { return new LibZmqRouter(endpoint); }

    @Override
    public PeerTransport router(String endpoint, int ioCpu) { return new LibZmqRouter(endpoint, ioCpu); }

    @Override
    public void pinCurrentThread(int cpu) {
        int err = LibZmq.vprop_pin_current_thread(cpu);
        if (err != 0)
            throw new IllegalStateException("cannot pin thread " + Thread.currentThread().getName() + " to CPU " + cpu
                    + ": errno " + err + (err == 22 ? " (no such CPU here)" : ""));
    }

    @Override
    public Dealer dealer(String endpoint, RoutingId id) { return new LibZmqDealer(endpoint, id); }
}
