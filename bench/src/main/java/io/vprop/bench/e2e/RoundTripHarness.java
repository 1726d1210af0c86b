package io.vprop.bench.e2e;

import io.vprop.transport.DealerEndpoint;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.bench.Results;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.market.SymbolSpec;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.paper.TerminalLink;
import io.vprop.protocol.Payload;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.DemoStrategy;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end round trip over loopback: an EA-side link sends ticks for 28 symbols at 20 ticks/s each (560/s), each
 * asking for an ack; the sidecar kernel decodes, validates, runs the strategy and acks. Latency = tick sent →
 * its ack received, in HdrHistogram. In the same run, a raw TCP ping-pong of a message of the same size at the
 * same rate gives the physical floor; the ratio says how far the protocol stack is from it.
 *
 * <p>Usage: RoundTripHarness [seconds=30] [warmupSeconds=5]
 */
public final class RoundTripHarness {
    static final int SYMBOLS = 28, TICKS_PER_SYMBOL = 20;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, Object> machine = Results.machine();
        Histogram zmq = zmqRoundTrip(seconds, warmup);
        Histogram tcp = tcpPingPong(seconds, warmup, 170);
        Histogram echo = jeromqEcho(seconds, warmup, 170);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "tick round trip over loopback: terminal link → sidecar kernel → ack");
        r.put("rate_msgs_per_s", SYMBOLS * TICKS_PER_SYMBOL);
        r.put("measured_seconds", seconds);
        r.put("machine", machine);
        r.put("zeromq_protocol", Results.latency(zmq));
        r.put("raw_tcp_ping_pong", Results.latency(tcp));
        r.put("raw_jeromq_router_dealer_echo", Results.latency(echo));
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("p50", round(zmq.getValueAtPercentile(50) / (double) tcp.getValueAtPercentile(50)));
        ratio.put("p99", round(zmq.getValueAtPercentile(99) / (double) tcp.getValueAtPercentile(99)));
        r.put("ratio_vs_tcp", ratio);
        Map<String, Object> ratioEcho = new LinkedHashMap<>();
        ratioEcho.put("p50", round(zmq.getValueAtPercentile(50) / (double) echo.getValueAtPercentile(50)));
        ratioEcho.put("p99", round(zmq.getValueAtPercentile(99) / (double) echo.getValueAtPercentile(99)));
        r.put("ratio_vs_raw_jeromq_echo", ratioEcho);
        r.put("target", "p99 <= 1000 us");
        r.put("target_met", zmq.getValueAtPercentile(99) <= 1_000_000);
        Results.write("roundtrip", r);
        System.out.println(r);
        System.exit(0);
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }

    static Histogram zmqRoundTrip(int seconds, int warmup) throws Exception {
        Path dir = Files.createTempDirectory("vprop-rt");
        Journal sj = new Journal(dir.resolve("sidecar.db"), false);
        SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), sj, System::currentTimeMillis),
                p -> new DemoStrategy(30_000, 0.0025), new RiskEngine(1), new EventBus(), new SimpleMeterRegistry());
        Thread kt = new Thread(kernel, "kernel");
        kt.start();
        List<String> symbols = FxUniverse.SYMBOLS.subList(0, SYMBOLS);
        List<Payload.SymbolInfo> infos = new ArrayList<>();
        for (String s : symbols) {
            SymbolSpec x = FxUniverse.spec(s);
            infos.add(new Payload.SymbolInfo(s, x.digits(), x.point(), x.tickSize(), x.tickValue(), x.contractSize(),
                    x.volumeMin(), x.volumeStep(), x.volumeMax(), 0, 0, x.baseCurrency(), x.profitCurrency(), List.of()));
        }
        Payload.Hello hello = new Payload.Hello("bench", "1", "bench", "", "USD", 100, "hedging", 0, List.of(1), 0, "", infos);
        Histogram h = new Histogram(10_000_000_000L, 3);
        Map<Long, Long> sentAt = new HashMap<>();
        long[] measuring = {0};
        Journal tj = new Journal(dir.resolve("terminal.db"), false);
        TerminalLink link = new TerminalLink(kernel.endpoint(), new RoutingId("bench", "1", "all"), tj, () -> hello,
                new TerminalLink.Handler() {
                    @Override
                    public void onSignal(Payload.Signal s) { }

                    @Override
                    public void onAck(Payload.Ack a, long nanos) {
                        Long t0 = sentAt.remove(a.echoSeq());
                        if (t0 != null && measuring[0] != 0) h.recordValue(nanos - t0);
                    }
                }, System::currentTimeMillis, System::currentTimeMillis);
        while (!link.welcomed()) link.poll(10);
        long periodNs = 1_000_000_000L / (SYMBOLS * TICKS_PER_SYMBOL);
        double[] px = new double[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) px[i] = FxUniverse.startPrice(symbols.get(i));
        SplittableRandom rnd = new SplittableRandom(7);
        long start = System.nanoTime(), next = start, end = start + (warmup + seconds) * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= next) {
                if (measuring[0] == 0 && now - start > warmup * 1_000_000_000L) measuring[0] = 1;
                int k = i++ % SYMBOLS;
                SymbolSpec spec = FxUniverse.spec(symbols.get(k));
                px[k] += (rnd.nextDouble() - 0.5) * 4 * spec.point();
                double bid = Math.round(px[k] / spec.point()) * spec.point();
                long seq = link.sendFresh(new Payload.Tick(symbols.get(k), bid, bid + 2 * spec.point(), 0, 0,
                        System.currentTimeMillis(), 6), true);
                sentAt.put(seq, System.nanoTime());
                next += periodNs;
            }
            // poll returns as soon as an ack arrives; at worst it delays the next send, never a measurement
            link.poll(Math.max(1, (next - System.nanoTime()) / 1_000_000));
        }
        long drain = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < drain) link.poll(10);
        link.close();
        kernel.close();
        tj.close();
        sj.close();
        return h;
    }

    /**
     * The transport alone: the same ROUTER/DEALER endpoints echoing bytes, no protocol, no kernel — what JeroMQ's
     * I/O threads cost on this machine at the same rate and size.
     */
    static Histogram jeromqEcho(int seconds, int warmup, int size) {
        RouterEndpoint router = new RouterEndpoint("tcp://127.0.0.1:*");
        AtomicBoolean run = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (run.get()) {
                router.await(10);
                RouterEndpoint.Inbound in;
                while ((in = router.poll()) != null) router.send(in.identity(), in.payload());
            }
        }, "jeromq-echo");
        t.start();
        Histogram h = new Histogram(10_000_000_000L, 3);
        try (DealerEndpoint d = new DealerEndpoint(router.endpoint(), new RoutingId("echo", "1", "x"))) {
            byte[] msg = new byte[size];
            long deadline = System.currentTimeMillis() + 5_000;
            while (d.receive(1) == null && System.currentTimeMillis() < deadline) d.send(msg);   // connection up
            long periodNs = 1_000_000_000L / (SYMBOLS * TICKS_PER_SYMBOL);
            long start = System.nanoTime(), next = start, end = start + (warmup + seconds) * 1_000_000_000L;
            while (next < end) {
                while (System.nanoTime() < next) d.receive(1);
                long t0 = System.nanoTime();
                d.send(msg);
                byte[] x = null;
                long give = t0 + 1_000_000_000L;
                while (x == null && System.nanoTime() < give) x = d.receive(1);
                if (x != null && t0 - start > warmup * 1_000_000_000L) h.recordValue(System.nanoTime() - t0);
                next += periodNs;
            }
        }
        run.set(false);
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        router.close();
        return h;
    }

    /** The floor: blocking TCP sockets, same payload size and pacing, echo server on another thread. */
    static Histogram tcpPingPong(int seconds, int warmup, int size) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread echo = new Thread(() -> {
            try (Socket s = ss.accept()) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] b = new byte[size];
                while (in.readNBytes(b, 0, size) == size) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException ignored) {
                // client closed
            }
        }, "tcp-echo");
        echo.setDaemon(true);
        echo.start();
        Histogram h = new Histogram(10_000_000_000L, 3);
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
            c.setTcpNoDelay(true);
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            byte[] b = new byte[size];
            long periodNs = 1_000_000_000L / (SYMBOLS * TICKS_PER_SYMBOL);
            long start = System.nanoTime(), next = start, end = start + (warmup + seconds) * 1_000_000_000L;
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                long t0 = System.nanoTime();
                out.write(b);
                out.flush();
                in.readNBytes(b, 0, size);
                if (t0 - start > warmup * 1_000_000_000L) h.recordValue(System.nanoTime() - t0);
                next += periodNs;
            }
        }
        ss.close();
        return h;
    }
}
