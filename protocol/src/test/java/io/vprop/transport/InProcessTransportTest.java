package io.vprop.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process transport routes frames as the ZeroMQ ROUTER does, and wakes its owner as it should. */
class InProcessTransportTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String text(byte[] b) { return b == null ? null : new String(b, StandardCharsets.UTF_8); }

    @Test
    void framesArriveTaggedWithTheSendersRoutingIdAndRepliesReachOnlyThatPeer() {
        try (InProcessTransport t = new InProcessTransport("test")) {
            assertThat(t.endpoint()).isEqualTo("inproc://test");
            InProcessTransport.Peer a = t.connect(new RoutingId("paper-1", "1001", "EURUSD.M1"));
            InProcessTransport.Peer b = t.connect(new RoutingId("paper-2", "1002", "GBPUSD.M1"));
            a.send(bytes("from a"));
            b.send(bytes("from b"));
            PeerTransport.Inbound first = t.poll(), second = t.poll();
            assertThat(text(first.identity())).isEqualTo("paper-1/1001/EURUSD.M1");
            assertThat(text(first.payload())).isEqualTo("from a");
            assertThat(text(second.identity())).isEqualTo("paper-2/1002/GBPUSD.M1");
            assertThat(t.poll()).isNull();

            t.send(first.identity(), bytes("to a"));
            assertThat(text(a.receive(0))).isEqualTo("to a");
            assertThat(b.drain()).isEmpty();
        }
    }

    @Test
    void framesToAPeerThatIsGoneAreDroppedAndAReconnectReplacesTheOldEnd() {
        try (InProcessTransport t = new InProcessTransport("test")) {
            RoutingId id = new RoutingId("paper-1", "1001", "EURUSD.M1");
            InProcessTransport.Peer old = t.connect(id);
            old.disconnect();
            t.send(id.wire(), bytes("lost"));
            assertThat(old.drain()).isEmpty();
            InProcessTransport.Peer again = t.connect(id);
            InProcessTransport.Peer replaced = t.connect(id);
            t.send(id.wire(), bytes("to the newest"));
            assertThat(again.drain()).isEmpty();
            assertThat(text(replaced.receive(0))).isEqualTo("to the newest");
        }
    }

    @Test
    void awaitReturnsAtOnceForAFrameOrAWakeUpAndOtherwiseAfterItsTimeout() throws Exception {
        try (InProcessTransport t = new InProcessTransport("test")) {
            InProcessTransport.Peer p = t.connect(new RoutingId("paper-1", "1001", "x"));
            p.send(bytes("waiting"));
            long start = System.nanoTime();
            t.await(5_000);
            assertThat(elapsedMs(start)).as("a frame is already there").isLessThan(1_000);
            t.poll();

            AtomicLong woke = new AtomicLong();
            Thread owner = new Thread(() -> {
                long s = System.nanoTime();
                t.await(10_000);
                woke.set(elapsedMs(s));
            });
            owner.start();
            Thread.sleep(100);
            t.waker().run();
            owner.join(5_000);
            assertThat(owner.isAlive()).isFalse();
            assertThat(woke.get()).as("woken by another thread").isLessThan(5_000);

            start = System.nanoTime();
            t.await(50);
            assertThat(elapsedMs(start)).as("nothing came: the timeout").isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void aDrivingPeerRunsTheKernelsRoundOnItsOwnThreadWhenItWaitsAndOnlyThen() {
        try (InProcessTransport t = new InProcessTransport("test")) {
            RoutingId id = new RoutingId("paper-1", "1001", "EURUSD.M1");
            InProcessTransport.Peer p = t.connect(id, true);
            java.util.List<String> roundThreads = new java.util.ArrayList<>();
            t.callerRuns(() -> {          // the kernel's round: answers every frame that came in
                roundThreads.add(Thread.currentThread().getName());
                for (PeerTransport.Inbound in; (in = t.poll()) != null; )
                    t.send(in.identity(), bytes("ack " + text(in.payload())));
            });
            p.send(bytes("tick 1"));
            assertThat(roundThreads).as("sending alone runs nothing").isEmpty();
            assertThat(text(p.receive(1_000))).isEqualTo("ack tick 1");
            assertThat(roundThreads).containsExactly(Thread.currentThread().getName());

            t.send(id.wire(), bytes("a signal"));  // already waiting: received without running a round
            assertThat(text(p.receive(1_000))).isEqualTo("a signal");
            assertThat(roundThreads).hasSize(1);

            InProcessTransport.Peer plain = t.connect(new RoutingId("paper-2", "1002", "x"));
            plain.send(bytes("tick 2"));
            assertThat(plain.receive(0)).as("a peer that does not drive never runs the kernel's round").isNull();
            assertThat(roundThreads).hasSize(1);
            assertThat(plain.drives()).isFalse();
            assertThat(p.drives()).isTrue();
        }
    }

    @Test
    void aDrivingPeerWithoutARegisteredRoundWaitsAsAnyPeerDoes() {
        try (InProcessTransport t = new InProcessTransport("test")) {
            InProcessTransport.Peer p = t.connect(new RoutingId("paper-1", "1001", "x"), true);
            long start = System.nanoTime();
            assertThat(p.receive(50)).isNull();
            assertThat(elapsedMs(start)).as("nothing came: the timeout").isGreaterThanOrEqualTo(40);
        }
    }

    private static long elapsedMs(long startNs) { return (System.nanoTime() - startNs) / 1_000_000; }
}
