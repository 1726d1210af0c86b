package io.vprop.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the ZeroMQ implementation by name ({@code zmq.impl} in the sidecar's config, the system property
 * {@value #PROPERTY} for the terminals and the benchmarks): {@code jeromq} (pure Java, the default) or
 * {@code libzmq} (the system's C library through the {@code zmq-native} module's binding, when it is on the class
 * path and the library is installed). An unknown or unusable name fails at start, never silently falls back: a
 * sidecar asked to run on libzmq must not run on something else unnoticed.
 *
 * <p>An {@code inproc://NAME} endpoint is the one exception, whatever the implementation: the sidecar and the
 * terminal are then in one process ({@code vprop replay --zmq inproc://replay}), and the frames go through an
 * {@link InProcessTransport}: the same frames, routing ids and codec, no sockets and no I/O threads (ZeroMQ's own
 * inproc would need both ends in one ZeroMQ context, which the sidecar and the terminal do not share).
 */
public final class Transports {
    public static final String PROPERTY = "vprop.zmq.impl";
    public static final String DEFAULT = "jeromq";

    private Transports() { }

    /** The implementation named by {@value #PROPERTY}, else {@value #DEFAULT}. */
    public static String configured() { return System.getProperty(PROPERTY, DEFAULT); }

    private static final String INPROC = "inproc://";
    private static final Map<String, InProcessTransport> IN_PROCESS = new ConcurrentHashMap<>();

    public static PeerTransport router(String impl, String endpoint) {
        return router(impl, endpoint, -1);
    }

    /** As above, with the ROUTER's I/O thread on CPU {@code ioCpu} (-1: anywhere; an in-process link has none). */
    public static PeerTransport router(String impl, String endpoint, int ioCpu) {
        if (!endpoint.startsWith(INPROC)) return provider(impl).router(endpoint, ioCpu);
        String name = endpoint.substring(INPROC.length());
        InProcessTransport t = new InProcessTransport(name, () -> IN_PROCESS.remove(name));
        if (IN_PROCESS.putIfAbsent(name, t) != null)
            throw new IllegalStateException("cannot bind " + endpoint + ": already bound in this process");
        return t;
    }

    public static Dealer dealer(String impl, String endpoint, RoutingId id) {
        if (!endpoint.startsWith(INPROC)) return provider(impl).dealer(endpoint, id);
        InProcessTransport t = IN_PROCESS.get(endpoint.substring(INPROC.length()));
        if (t == null) throw new IllegalStateException("nothing is bound at " + endpoint + " in this process");
        return new InProcessDealer(t.connect(id, !"false".equals(System.getProperty(DRIVE_PROPERTY))));
    }

    /**
     * Whether an in-process terminal runs the kernel's round on its own thread while it waits for an answer (see
     * {@link InProcessTransport}); {@code -Dvprop.inproc.drive=false} keeps the kernel on its own thread, for the
     * benchmark that compares the two. Read at each connection.
     */
    public static final String DRIVE_PROPERTY = "vprop.inproc.drive";

    /** A terminal's end of an in-process link, as a {@link Dealer}. */
    private record InProcessDealer(InProcessTransport.Peer peer) implements Dealer {
        @Override
        public boolean send(byte[] payload) {
            peer.send(payload);
            return true;
        }

        @Override
        public byte[] poll() { return peer.poll(); }

        @Override
        public byte[] receive(long timeoutMs) {
            if (peer.drives()) return peer.receive(timeoutMs);
            byte[] m = Spin.poll(peer::poll);
            return m != null || timeoutMs <= 0 ? m : peer.receive(timeoutMs);
        }

        @Override
        public void close() { peer.disconnect(); }
    }

    /** The usable provider called {@code impl}; IllegalStateException saying why when there is none. */
    public static ZmqProvider provider(String impl) {
        String name = impl == null || impl.isBlank() ? DEFAULT : impl.trim().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (ZmqProvider p : all()) {
            known.add(p.name());
            if (!p.name().equals(name)) continue;
            String why = p.unavailableReason();
            if (why != null) throw new IllegalStateException("zmq.impl=" + name + " is not usable here: " + why);
            return p;
        }
        throw new IllegalStateException("zmq.impl=" + name + " is unknown; known: " + known
                + (name.equals("libzmq") ? " (the libzmq transport needs the vprop-zmq-native module on the class path)" : ""));
    }

    private static List<ZmqProvider> all() {
        List<ZmqProvider> list = new ArrayList<>();
        list.add(JeroMq.INSTANCE);
        ServiceLoader.load(ZmqProvider.class, Transports.class.getClassLoader()).forEach(list::add);
        return list;
    }

    /** JeroMQ, always present. */
    private static final class JeroMq implements ZmqProvider {
        static final JeroMq INSTANCE = new JeroMq();

        @Override
        public String name() { return "jeromq"; }

        @Override
        public String unavailableReason() { return null; }

        @Override
        public PeerTransport router(String endpoint) { return new RouterEndpoint(endpoint); }

        @Override
        public Dealer dealer(String endpoint, RoutingId id) { return new DealerEndpoint(endpoint, id); }
    }
}
