package io.vprop.transport.libzmq;

import io.vprop.transport.Dealer;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.RoutingId;
import io.vprop.transport.ZmqProvider;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One libzmq context per process, counted: shared by every socket, terminated with the last, made again after. */
class SharedContextTest {
    @AfterEach
    void defaults() { System.clearProperty(SharedContext.PROPERTY); }

    @Test
    void socketsOfOneProcessShareOneContextUntilTheLastCloses() {
        ZmqProvider libzmq = Impl.require("libzmq");
        Pointer a = SharedContext.acquire();
        Pointer b = SharedContext.acquire();
        assertThat(b.address()).isEqualTo(a.address());
        SharedContext.release(b);
        SharedContext.release(a); // the last: terminated
        // a ROUTER and a DEALER opened after it still talk (a fresh context), then both close without hanging
        try (PeerTransport router = libzmq.router("tcp://127.0.0.1:*");
             Dealer dealer = libzmq.dealer(router.endpoint(), new RoutingId("t", "1", "c"))) {
            PeerTransport.Inbound in = Impl.firstPing(router, dealer);
            assertThat(in).isNotNull();
            assertThat(new String(in.payload())).isEqualTo("ping");
            router.send(in.identity(), "pong".getBytes());
            byte[] back = null;
            for (int i = 0; i < 500 && back == null; i++) back = dealer.receive(10);
            assertThat(back).isEqualTo("pong".getBytes());
        }
    }

    @Test
    void aRouterRestartedOnItsAddressBindsWhileTheSharedContextLivesOn() {
        ZmqProvider libzmq = Impl.require("libzmq");
        String endpoint;
        try (PeerTransport first = libzmq.router("tcp://127.0.0.1:*")) {
            endpoint = first.endpoint();
        }
        // a terminal in this process keeps the context (and its I/O thread) alive: zmq_close of a ROUTER only asks that
        // thread to close the listening socket, so an immediate bind on the same port races it (a sidecar restarted in
        // the same process, as the kernel's tests do)
        try (Dealer keepsTheContext = libzmq.dealer("tcp://127.0.0.1:1", new RoutingId("t", "1", "c"))) {
            for (int i = 0; i < 50; i++) {
                PeerTransport r = libzmq.router(endpoint);
                assertThat(r.endpoint()).isEqualTo(endpoint);
                r.close();
            }
        }
    }

    @Test
    void twoRoutersInOneContextGetDistinctWakeUpAddresses() {
        ZmqProvider libzmq = Impl.require("libzmq");
        assertThat(SharedContext.inprocName("vprop-wake")).isNotEqualTo(SharedContext.inprocName("vprop-wake"));
        // both bind their inproc wake-up socket in the one context (the same name twice would fail to bind)
        try (PeerTransport r1 = libzmq.router("tcp://127.0.0.1:*");
             PeerTransport r2 = libzmq.router("tcp://127.0.0.1:*")) {
            assertThat(r1.endpoint()).isNotEqualTo(r2.endpoint());
        }
    }

    @Test
    void perSocketGivesEachItsOwnAndABadValueSaysWhatItExpects() {
        Impl.require("libzmq");
        System.setProperty(SharedContext.PROPERTY, "per-socket");
        Pointer a = SharedContext.acquire();
        Pointer b = SharedContext.acquire();
        assertThat(b.address()).isNotEqualTo(a.address());
        SharedContext.release(a);
        SharedContext.release(b);
        System.setProperty(SharedContext.PROPERTY, "one");
        assertThatThrownBy(SharedContext::acquire).hasMessageContaining("vprop.zmq.context must be shared or per-socket, was 'one'");
    }
}
