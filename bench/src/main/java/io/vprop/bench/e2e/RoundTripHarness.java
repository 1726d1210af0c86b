package io.vprop.bench.e2e;

import io.vprop.transport.Dealer;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.Transports;
import io.vprop.transport.libzmq.LibZmqProvider;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.bench.Jit;
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
import java.util.function.LongSupplier;
import java.util.Map;

/**
 * End-to-end round trip over loopback: an EA-side link sends ticks for 28 symbols at 20 ticks/s each (560/s), each
 * asking for an ack; the sidecar kernel decodes, validates, runs the strategy and acks. Latency = tick sent →
 * its ack received, in HdrHistogram. In the same run, at the same rate and message size (170 bytes, a tick's JSON):
 * raw TCP ping-pong (the physical floor), libzmq's own DEALER → ROUTER echo in C (bench/native/zmq_roundtrip.c,
 * compiled here with gcc against the installed libzmq3-dev, as the EA harness builds), the bare transports' echo
 * from Java (JeroMQ, and libzmq through the zmq-native binding), and the full stack on each transport
 * ({@code zmq.impl=jeromq|libzmq}). Ratios: full stack / libzmq C at p99, and protocol stack / its raw transport.
 *
 * <p>Usage: RoundTripHarness [seconds=30] [warmupSeconds=10] [parts=tcp,c,jeromq-raw,libzmq-raw,jeromq-full,libzmq-full]
 */
public final class RoundTripHarness {
    static final int SYMBOLS = 28, TICKS_PER_SYMBOL = 20, SIZE = 170;

    public static void main(String[] args) throws Exception {
        // Both ends run in this JVM but stand for two processes (the EA and the sidecar), as the C baseline's two
        // contexts do: no libzmq context shared between them (zmq-native's SharedContext).
        System.setProperty("vprop.zmq.context", "per-socket");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> parts = List.of((args.length > 2 ? args[2] : "tcp,c,jeromq-raw,libzmq-raw,jeromq-full,libzmq-full,libzmq-full-pinned,c-one-cpu,libzmq-full-one-cpu").split(","));
        Map<String, Object> machine = Results.machine();
        Map<String, Histogram> h = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        String libzmqWhy = new LibZmqProvider().unavailableReason();
        for (String part : parts) {
            System.err.println(">>> " + part + " (load " + Results.machine().get("load_average_at_start") + ")");
            switch (part) {
                case "tcp" -> h.put("raw_tcp_ping_pong", tcpPingPong(seconds, warmup, SIZE));
                case "c" -> {
                    Histogram c = libzmqC(seconds, warmup, SIZE, skipped, -1);
                    if (c != null) h.put("libzmq_c_dealer_router_echo", c);
                }
                case "c-one-cpu" -> {
                    Histogram c = libzmqC(seconds, warmup, SIZE, skipped, KERNEL_CPU);
                    if (c != null) h.put("libzmq_c_dealer_router_echo_one_cpu", c);
                }
                case "jeromq-raw" -> h.put("raw_jeromq_router_dealer_echo", rawEcho("jeromq", seconds, warmup, SIZE));
                case "jeromq-full" -> h.put("zeromq_protocol", zmqRoundTrip("jeromq", seconds, warmup, -1));
                case "libzmq-raw", "libzmq-full", "libzmq-full-pinned", "libzmq-full-one-cpu" -> {
                    if (libzmqWhy != null) skipped.put(part, libzmqWhy);
                    else if (part.equals("libzmq-raw")) h.put("raw_libzmq_java_router_dealer_echo", rawEcho("libzmq", seconds, warmup, SIZE));
                    else if (part.equals("libzmq-full")) h.put("zeromq_protocol_libzmq", zmqRoundTrip("libzmq", seconds, warmup, -1));
                    else if (part.equals("libzmq-full-pinned")) h.put("zeromq_protocol_libzmq_pinned", zmqRoundTrip("libzmq", seconds, warmup, KERNEL_CPU));
                    else h.put("zeromq_protocol_libzmq_one_cpu", terminalOnKernelCpu(() -> zmqRoundTrip("libzmq", seconds, warmup, KERNEL_CPU)));
                }
                default -> throw new IllegalArgumentException("unknown part " + part);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "tick round trip over loopback: terminal link → sidecar kernel → ack, and its floors in the same run");
        r.put("rate_msgs_per_s", SYMBOLS * TICKS_PER_SYMBOL);
        r.put("message_bytes", SIZE);
        r.put("measured_seconds", seconds);
        r.put("spin_us", Long.getLong("vprop.spin.us", 0));
        r.put("machine", machine);
        r.put("load_average_at_end", Results.machine().get("load_average_at_start"));
        if (libzmqWhy == null) r.put("libzmq_version", LibZmqProvider.version());
        h.forEach((k, v) -> r.put(k, Results.latency(v)));
        if (!skipped.isEmpty()) r.put("skipped", skipped);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, "jeromq_full_vs_libzmq_c_p99", h.get("zeromq_protocol"), h.get("libzmq_c_dealer_router_echo"), 99);
        ratio(ratios, "libzmq_full_vs_libzmq_c_p99", h.get("zeromq_protocol_libzmq"), h.get("libzmq_c_dealer_router_echo"), 99);
        ratio(ratios, "jeromq_protocol_vs_raw_jeromq_p99", h.get("zeromq_protocol"), h.get("raw_jeromq_router_dealer_echo"), 99);
        ratio(ratios, "libzmq_protocol_vs_raw_libzmq_p99", h.get("zeromq_protocol_libzmq"), h.get("raw_libzmq_java_router_dealer_echo"), 99);
        ratio(ratios, "raw_jeromq_vs_libzmq_c_p99", h.get("raw_jeromq_router_dealer_echo"), h.get("libzmq_c_dealer_router_echo"), 99);
        ratio(ratios, "jeromq_full_vs_tcp_p50", h.get("zeromq_protocol"), h.get("raw_tcp_ping_pong"), 50);
        ratio(ratios, "jeromq_full_vs_tcp_p99", h.get("zeromq_protocol"), h.get("raw_tcp_ping_pong"), 99);
        r.put("ratios", ratios);
        r.put("idle_cpu_ms_per_minute", IDLE_CPU_MS_PER_MIN);
        r.put("warm_up", "per Java part: up to " + BURST + " messages back-to-back (32 in flight, at most half the warm-up), "
                + "then the warm-up seconds at the measured rate");
        r.put("jit_compiler_ms_during_measurement", JIT_MS);
        r.put("targets", "full stack p50 <= 150 us and p99 <= 2 x libzmq C p99; protocol stack p99 <= 1.3 x raw transport p99");
        Map<String, Object> met = new LinkedHashMap<>();
        ratio(ratios, "libzmq_full_pinned_vs_libzmq_c_p99", h.get("zeromq_protocol_libzmq_pinned"), h.get("libzmq_c_dealer_router_echo"), 99);
        ratio(ratios, "libzmq_protocol_pinned_vs_raw_libzmq_p99", h.get("zeromq_protocol_libzmq_pinned"), h.get("raw_libzmq_java_router_dealer_echo"), 99);
        ratio(ratios, "libzmq_full_one_cpu_vs_libzmq_c_p99", h.get("zeromq_protocol_libzmq_one_cpu"), h.get("libzmq_c_dealer_router_echo"), 99);
        ratio(ratios, "libzmq_full_one_cpu_vs_libzmq_c_one_cpu_p99", h.get("zeromq_protocol_libzmq_one_cpu"), h.get("libzmq_c_dealer_router_echo_one_cpu"), 99);
        ratio(ratios, "libzmq_full_one_cpu_vs_libzmq_c_one_cpu_p50", h.get("zeromq_protocol_libzmq_one_cpu"), h.get("libzmq_c_dealer_router_echo_one_cpu"), 50);
        for (String full : List.of("zeromq_protocol", "zeromq_protocol_libzmq", "zeromq_protocol_libzmq_pinned", "zeromq_protocol_libzmq_one_cpu")) {
            Histogram f = h.get(full), c = h.get("libzmq_c_dealer_router_echo");
            if (f == null) continue;
            met.put(full + "_p50_le_150us", f.getValueAtPercentile(50) <= 150_000);
            if (c != null) met.put(full + "_p99_le_2x_libzmq_c", f.getValueAtPercentile(99) <= 2 * c.getValueAtPercentile(99));
        }
        r.put("targets_met", met);
        Results.write("roundtrip", r);
        System.out.println(r);
        System.exit(0);
    }

    private static void ratio(Map<String, Object> out, String name, Histogram a, Histogram b, double pct) {
        if (a != null && b != null) out.put(name, round(a.getValueAtPercentile(pct) / (double) b.getValueAtPercentile(pct)));
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }

    /**
     * libzmq in C: bench/native/zmq_roundtrip.c compiled with gcc against the installed libzmq (pkg-config libzmq),
     * run as a process at the same rate and size; one round trip in ns per line. Null (and a reason in
     * {@code skipped}) when gcc or libzmq3-dev is missing. With {@code cpu} >= 0 the whole process runs on that CPU
     * (taskset): the floor of the one-CPU configuration.
     */
    static Histogram libzmqC(int seconds, int warmup, int size, Map<String, String> skipped, int cpu) throws Exception {
        Path src = Path.of("bench/native/zmq_roundtrip.c");
        Path exe = Path.of("bench/target/zmq_roundtrip");
        Files.createDirectories(exe.getParent());
        Process cc = new ProcessBuilder("sh", "-c", "gcc -O2 -o " + exe + " " + src
                + " $(pkg-config --cflags --libs libzmq) -lpthread").redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes());
        if (cc.waitFor() != 0) {
            skipped.put("c", "gcc/libzmq3-dev: " + ccOut.strip());
            return null;
        }
        List<String> cmd = new ArrayList<>(cpu < 0 ? List.of() : List.of("taskset", "-c", Integer.toString(cpu)));
        cmd.addAll(List.of(exe.toString(), Integer.toString(SYMBOLS * TICKS_PER_SYMBOL),
                Integer.toString(seconds), Integer.toString(warmup), Integer.toString(size)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Histogram h = new Histogram(10_000_000_000L, 3);
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            for (String line; (line = lines.readLine()) != null; ) h.recordValue(Long.parseLong(line.strip()));
        }
        if (p.waitFor() != 0) skipped.put("c", "zmq_roundtrip exited " + p.exitValue());
        return h;
    }

    /** CPU ms per idle minute of the last full-stack run, by implementation (kernel and link connected, no ticks). */
    static final Map<String, Double> IDLE_CPU_MS_PER_MIN = new LinkedHashMap<>();
    /** JIT compiler ms inside each Java part's measured window: how warm the measurement really was. */
    static final Map<String, Long> JIT_MS = new LinkedHashMap<>();
    /** Ticks (or echoes) sent back-to-back before the paced warm-up, so the JIT has compiled the hot path. */
    static final int BURST = Integer.getInteger("vprop.bench.burst", 50_000);
    static final int IDLE_SECONDS = Integer.getInteger("vprop.bench.idle.s", 20);

    /**
     * The sidecar side's CPU in the part libzmq-full-pinned ({@code kernel.cpu}: its kernel thread and its ROUTER's I/O
     * thread there); the terminal side, which stands for the EA's process, stays unpinned.
     */
    static final int KERNEL_CPU = Integer.getInteger("vprop.bench.kernel.cpu", 1);

    /**
     * Runs {@code part} on a thread pinned to {@link #KERNEL_CPU}: the terminal side and its DEALER's libzmq I/O thread
     * (created from it, so it inherits the mask) on the sidecar's CPU — what pinning the MT5 terminal there with taskset
     * gives the EA. The JVM's other threads (GC, JIT) stay free.
     */
    static Histogram terminalOnKernelCpu(java.util.concurrent.Callable<Histogram> part) throws Exception {
        Histogram[] out = new Histogram[1];
        Exception[] failed = new Exception[1];
        Thread t = new Thread(() -> {
            try {
                Transports.provider("libzmq").pinCurrentThread(KERNEL_CPU);
                out[0] = part.call();
            } catch (Exception e) {
                failed[0] = e;
            }
        }, "terminal-on-kernel-cpu");
        t.start();
        t.join();
        if (failed[0] != null) throw failed[0];
        return out[0];
    }

    /** @param kernelCpu the sidecar's kernel.cpu, -1 for none */
    static Histogram zmqRoundTrip(String impl, int seconds, int warmup, int kernelCpu) throws Exception {
        System.setProperty(Transports.PROPERTY, impl); // the TerminalLink's DEALER
        Path dir = Files.createTempDirectory("vprop-rt");
        Journal sj = new Journal(dir.resolve("sidecar.db"), false);
        SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(Transports.router(impl, "tcp://127.0.0.1:*", kernelCpu), sj, System::currentTimeMillis),
                p -> new DemoStrategy(30_000, 0.0025), new RiskEngine(1), new EventBus(), new SimpleMeterRegistry());
        Thread kt = new Thread(kernelCpu < 0 ? kernel : () -> {   // as the sidecar does with kernel.cpu
            Transports.provider(impl).pinCurrentThread(kernelCpu);
            kernel.run();
        }, "kernel");
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
        int[] i = {0};
        LongSupplier sendTick = () -> {
            int k = i[0]++ % SYMBOLS;
            SymbolSpec spec = FxUniverse.spec(symbols.get(k));
            px[k] += (rnd.nextDouble() - 0.5) * 4 * spec.point();
            double bid = Math.round(px[k] / spec.point()) * spec.point();
            long seq = link.sendFresh(new Payload.Tick(symbols.get(k), bid, bid + 2 * spec.point(), 0, 0,
                    System.currentTimeMillis(), 6), true);
            sentAt.put(seq, System.nanoTime());
            return seq;
        };
        // A burst first (up to BURST ticks, 32 in flight, at most half the warm-up): the JIT compiles the hot path as
        // it would after minutes of a live session, instead of during the measurement.
        long burstEnd = System.nanoTime() + warmup * 500_000_000L;
        for (int b = 0; b < BURST && System.nanoTime() < burstEnd; b++) {
            sendTick.getAsLong();
            while (sentAt.size() > 32 && System.nanoTime() < burstEnd) link.poll(1);
        }
        long start = System.nanoTime(), next = start, end = start + (warmup + seconds) * 1_000_000_000L;
        Jit jit = new Jit();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= next) {
                if (measuring[0] == 0 && now - start > warmup * 1_000_000_000L) {
                    measuring[0] = 1;
                    jit.mark();
                }
                sendTick.getAsLong();
                next += periodNs;
            }
            // poll returns as soon as an ack arrives; at worst it delays the next send, never a measurement
            link.poll(Math.max(1, (next - System.nanoTime()) / 1_000_000));
        }
        String name = impl + "-full" + (kernelCpu < 0 ? "" : Thread.currentThread().getName().equals("terminal-on-kernel-cpu") ? "-one-cpu" : "-pinned");
        JIT_MS.put(name, jit.msSinceMark());
        long drain = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < drain) link.poll(10);
        // Idle: connected, heartbeats only, the terminal polling as the paper terminal does when idle (20 ms): the
        // process's CPU time over IDLE_SECONDS is what the spins and the transport's threads cost doing nothing.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), idleEnd = System.currentTimeMillis() + IDLE_SECONDS * 1000L;
        while (System.currentTimeMillis() < idleEnd) link.poll(20);
        IDLE_CPU_MS_PER_MIN.put(name, round((os.getProcessCpuTime() - cpu0) / 1e6 * 60 / IDLE_SECONDS));
        link.close();
        kernel.close();
        tj.close();
        sj.close();
        return h;
    }

    /**
     * The transport alone: the same ROUTER/DEALER endpoints the sidecar and the terminal use, echoing bytes, no
     * protocol, no kernel — what the transport ({@code impl}) costs on this machine at the same rate and size.
     */
    static Histogram rawEcho(String impl, int seconds, int warmup, int size) {
        PeerTransport router = Transports.router(impl, "tcp://127.0.0.1:*");
        AtomicBoolean run = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (run.get()) {
                router.await(10);
                PeerTransport.Inbound in;
                while ((in = router.poll()) != null) router.send(in.identity(), in.payload());
            }
        }, impl + "-echo");
        t.start();
        Histogram h = new Histogram(10_000_000_000L, 3);
        try (Dealer d = Transports.dealer(impl, router.endpoint(), new RoutingId("echo", "1", "x"))) {
            byte[] msg = new byte[size];
            long deadline = System.currentTimeMillis() + 5_000;
            while (d.receive(1) == null && System.currentTimeMillis() < deadline) d.send(msg);   // connection up
            long periodNs = 1_000_000_000L / (SYMBOLS * TICKS_PER_SYMBOL);
            java.nio.ByteBuffer seqOf = java.nio.ByteBuffer.wrap(msg);
            // the same burst as the full stack's (seq 0: never counted), so both are measured warm
            long burstEnd = System.nanoTime() + warmup * 500_000_000L;
            for (int b = 0, inFlight = 0; b < BURST && System.nanoTime() < burstEnd; b++) {
                d.send(msg);
                for (inFlight++; inFlight > 32 && System.nanoTime() < burstEnd; ) if (d.receive(1) != null) inFlight--;
            }
            long start = System.nanoTime(), next = start, end = start + (warmup + seconds) * 1_000_000_000L;
            Jit jit = new Jit();
            for (long seq = 1; next < end; seq++) {
                while (System.nanoTime() < next) d.receive(1);          // also drains the connection-up echoes
                seqOf.putLong(0, seq);                                   // an echo counts only for its own message
                long t0 = System.nanoTime();
                if (jit.msSinceMark() < 0 && t0 - start > warmup * 1_000_000_000L) jit.mark();
                d.send(msg);
                byte[] x = null;
                long give = t0 + 1_000_000_000L;
                while ((x == null || java.nio.ByteBuffer.wrap(x).getLong(0) != seq) && System.nanoTime() < give) x = d.receive(1);
                if (x != null && t0 - start > warmup * 1_000_000_000L) h.recordValue(System.nanoTime() - t0);
                next += periodNs;
            }
            JIT_MS.put(impl + "-raw", jit.msSinceMark());
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
