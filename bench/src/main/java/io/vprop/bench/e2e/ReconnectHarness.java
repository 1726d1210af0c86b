package io.vprop.bench.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.bench.Results;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.transport.DealerEndpoint;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;
import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 18 item 1: close and reopen a DEALER under the same routing id {@code cycles} times (default 1,000) against a
 * running kernel on a real ROUTER; each cycle says hello (again every second, as the EA does) until welcomed. A cycle
 * with no welcome after 15 s of hellos is stuck. Even cycles rebuild a DealerEndpoint with its own context (the paper
 * terminal's TerminalLink), odd ones a new socket in a context that lives on (the EA's way). Writes
 * bench/results/reconnect.json: stuck count and time-to-welcome percentiles from the socket's opening.
 * <pre>bench/run.sh reconnect [cycles]</pre>
 */
public final class ReconnectHarness {
    static final long STUCK_MS = 15_000;
    static final long HELLO_RETRY_MS = 1_000;
    /** Hellos unanswered this long: the socket is rebuilt with each retry (the EA's VP_HELLO_REBUILD_MS). */
    static final long REBUILD_MS = 3_000;
    static final RoutingId ID = new RoutingId("ea-1", "1001", "EURUSD.M1");

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "reconnect");
        result.put("machine", Results.machine());
        Path dir = Files.createTempDirectory("vprop-reconnect");
        Histogram own = new Histogram(60_000_000_000L, 3), shared = new Histogram(60_000_000_000L, 3), all = new Histogram(60_000_000_000L, 3);
        List<Integer> stuck = new ArrayList<>();
        Histogram firstSocket = new Histogram(60_000_000_000L, 3);
        int hellosBeyondFirst = 0, rebuilds = 0, cyclesRebuilt = 0;
        long t0 = System.nanoTime();
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), journal, System::currentTimeMillis),
                    peer -> Strategy.NONE, new RiskEngine(5), new EventBus(), new SimpleMeterRegistry());
            Thread loop = new Thread(kernel, "kernel");
            loop.start();
            ProtocolCodec codec = new ProtocolCodec();
            long[] seq = {0};
            try (ZContext ctx = new ZContext(1)) {
                for (int i = 0; i < cycles; i++) {
                    boolean ownContext = i % 2 == 0;
                    Cycle c = cycle(() -> ownContext ? new OwnContext(kernel.endpoint()) : new SharedContext(ctx, kernel.endpoint()),
                            codec, seq);
                    hellosBeyondFirst += c.hellos() - 1;
                    rebuilds += c.rebuilds();
                    if (c.rebuilds() > 0) cyclesRebuilt++;
                    if (c.ns() < 0) {
                        stuck.add(i);
                        System.out.printf("cycle %d (%s context): stuck, no welcome after %d hellos and %d rebuilds%n", i,
                                ownContext ? "own" : "shared", c.hellos(), c.rebuilds());
                    } else {
                        (ownContext ? own : shared).recordValue(c.ns());
                        all.recordValue(c.ns());
                        if (c.rebuilds() == 0) firstSocket.recordValue(c.ns());
                    }
                    if ((i + 1) % 100 == 0) System.out.printf("%d cycles, %d stuck, %d rebuilt, p50 %.2f ms, max %.2f ms%n", i + 1,
                            stuck.size(), cyclesRebuilt, all.getValueAtPercentile(50) / 1e6, all.getMaxValue() / 1e6);
                }
            } finally {
                kernel.close();
            }
        }
        result.put("cycles", cycles);
        result.put("stuck", stuck.size());
        result.put("stuck_cycles", stuck);
        result.put("stuck_after_ms", STUCK_MS);
        result.put("hellos_beyond_the_first", hellosBeyondFirst);
        result.put("rebuild_after_unanswered_ms", REBUILD_MS);
        result.put("cycles_needing_a_rebuild", cyclesRebuilt);
        result.put("rebuilds", rebuilds);
        result.put("time_to_welcome_first_socket", ms(firstSocket));
        result.put("time_to_welcome", ms(all));
        result.put("time_to_welcome_own_context", ms(own));
        result.put("time_to_welcome_shared_context", ms(shared));
        result.put("wall_s", (System.nanoTime() - t0) / 1e9);
        result.put("command", "bench/run.sh reconnect " + cycles);
        Results.write("reconnect", result);
        if (!stuck.isEmpty()) System.exit(1);
    }

    static Map<String, Object> ms(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        for (double p : new double[]{50, 90, 99, 99.9}) m.put("p" + (p == 99.9 ? "99_9" : String.valueOf((int) p)) + "_ms", h.getValueAtPercentile(p) / 1e6);
        m.put("max_ms", h.getMaxValue() / 1e6);
        return m;
    }

    /** One close/reopen cycle's outcome: ns from the first socket's opening to the welcome (-1: stuck). */
    record Cycle(long ns, int hellos, int rebuilds) { }

    /**
     * Opens a socket and says hello until welcomed, the way the EA does (Session.mqh): hello again after 1 s, 2 s,
     * 4 s …, and once hellos have gone unanswered for {@link #REBUILD_MS} the socket is rebuilt with each retry.
     */
    static Cycle cycle(java.util.function.Supplier<Dealer> open, ProtocolCodec codec, long[] seq) {
        long start = System.nanoTime();
        Dealer d = open.get();
        int hellos = 0, rebuilds = 0;
        long backoff = HELLO_RETRY_MS, nextHello = 0, lastRebuild = 0;
        try {
            while (true) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (elapsed > STUCK_MS) return new Cycle(-1, hellos, rebuilds);
                if (elapsed >= nextHello) {
                    if (hellos > 0 && elapsed - lastRebuild >= REBUILD_MS) {
                        d.close();
                        d = open.get();
                        rebuilds++;
                        lastRebuild = elapsed;
                    }
                    d.send(codec.encode(Envelope.of(++seq[0], System.currentTimeMillis(), hello())));
                    hellos++;
                    nextHello = elapsed + backoff;
                    backoff = Math.min(backoff * 2, 30_000);
                }
                byte[] m = d.receive(20);
                if (m == null) continue;
                try {
                    if (codec.decode(m).payload() instanceof Payload.Welcome) return new Cycle(System.nanoTime() - start, hellos, rebuilds);
                } catch (ProtocolException e) {
                    throw new IllegalStateException("the kernel sent an invalid message: " + new String(m), e);
                }
            }
        } finally {
            d.close();
        }
    }

    static Payload.Hello hello() {
        return new Payload.Hello("ea-1", "1001", "Paper", "VProp", "USD", 100, "hedging", 0, List.of(1), 0, "",
                List.of(new Payload.SymbolInfo("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0, "EUR", "USD", List.of())));
    }

    interface Dealer extends AutoCloseable {
        void send(byte[] wire);

        byte[] receive(long timeoutMs);

        @Override
        void close();
    }

    /** TerminalLink's way: a DealerEndpoint, with a context of its own, rebuilt whole. */
    static final class OwnContext implements Dealer {
        private final DealerEndpoint d;

        OwnContext(String endpoint) { d = new DealerEndpoint(endpoint, ID); }

        public void send(byte[] wire) { d.send(wire); }

        public byte[] receive(long timeoutMs) { return d.receive(timeoutMs); }

        public void close() { d.close(); }
    }

    /** The EA's way: a new socket, with the DealerEndpoint's options, in a context that outlives it. */
    static final class SharedContext implements Dealer {
        private final ZMQ.Socket s;
        private final ZMQ.Poller poller;
        private final ZContext ctx;

        SharedContext(ZContext ctx, String endpoint) {
            this.ctx = ctx;
            s = ctx.createSocket(SocketType.DEALER);
            s.setIdentity(ID.wire());
            s.setLinger(0);
            s.setImmediate(true);
            s.setReconnectIVL(100);
            s.connect(endpoint);
            poller = ctx.createPoller(1);
            poller.register(s, ZMQ.Poller.POLLIN);
        }

        public void send(byte[] wire) { s.send(wire, ZMQ.DONTWAIT); }

        public byte[] receive(long timeoutMs) {
            byte[] m = s.recv(ZMQ.DONTWAIT);
            if (m != null) return m;
            poller.poll(timeoutMs);
            return s.recv(ZMQ.DONTWAIT);
        }

        public void close() {
            poller.close();
            ctx.destroySocket(s);
        }
    }
}
