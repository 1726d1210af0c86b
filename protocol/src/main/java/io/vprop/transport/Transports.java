package io.vprop.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Picks the ZeroMQ implementation by name ({@code zmq.impl} in the sidecar's config, the system property
 * {@value #PROPERTY} for the terminals and the benchmarks): {@code jeromq} (pure Java, the default) or
 * {@code libzmq} (the system's C library through the {@code zmq-native} module's binding, when it is on the class
 * path and the library is installed). An unknown or unusable name fails at start, never silently falls back: a
 * sidecar asked to run on libzmq must not run on something else unnoticed.
 */
public final class Transports {
    public static final String PROPERTY = "vprop.zmq.impl";
    public static final String DEFAULT = "jeromq";

    private Transports() { }

    /** The implementation named by {@value #PROPERTY}, else {@value #DEFAULT}. */
    public static String configured() { return System.getProperty(PROPERTY, DEFAULT); }

    public static PeerTransport router(String impl, String endpoint) { return provider(impl).router(endpoint); }

    public static Dealer dealer(String impl, String endpoint, RoutingId id) { return provider(impl).dealer(endpoint, id); }

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
