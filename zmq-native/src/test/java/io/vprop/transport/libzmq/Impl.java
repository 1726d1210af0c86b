package io.vprop.transport.libzmq;

import io.vprop.transport.Dealer;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.Transports;
import io.vprop.transport.ZmqProvider;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gate for the tests parameterised over both transports. JeroMQ always runs. libzmq runs when the binding loads; when
 * the build compiled it (vprop.libzmq.expected=true, set by the 'libzmq' Maven profile whenever zmq.h is installed)
 * failing to load is a failure, never a silent skip. Without zmq.h the libzmq variant is skipped, saying why.
 */
final class Impl {
    private Impl() { }

    static ZmqProvider require(String impl) {
        if (impl.equals("libzmq")) {
            String why = new LibZmqProvider().unavailableReason();
            if (Boolean.getBoolean("vprop.libzmq.expected")) {
                assertThat(why).as("the build compiled the libzmq binding, so it must load").isNull();
            } else {
                Assumptions.assumeTrue(why == null, "libzmq transport skipped: " + why
                        + " — install libzmq3-dev (install/vprop test does) and rebuild to run it");
            }
        }
        return Transports.provider(impl);
    }

    /**
     * "ping" from {@code dealer}, resent every 100 ms (IMMEDIATE drops it until the connection is up), as the router
     * receives it; null after about 5 s.
     */
    static PeerTransport.Inbound firstPing(PeerTransport router, Dealer dealer) {
        PeerTransport.Inbound in = null;
        for (int i = 0; i < 500 && in == null; i++) {
            if (i % 10 == 0) dealer.send("ping".getBytes());
            router.await(10);
            in = router.poll();
        }
        return in;
    }
}
