package io.vprop.bench.e2e;

import io.vprop.bench.Results;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.transport.DealerEndpoint;
import io.vprop.transport.RoutingId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 18 item 4: how long after a kill -9 the sidecar welcomes a terminal again. Starts the real sidecar
 * ({@code java -jar sidecar/target/vprop-sidecar.jar serve}) as a process, lets a DEALER client get welcomed, then
 * {@code restarts} times: kill -9, start it again at once, and time from the kill until the client (hello every
 * 100 ms on the socket it kept, rebuilt after 3 s unanswered as the EA does) is welcomed by the new session. Each
 * variant (JVM flags, or another jar for a before/after) runs interleaved with the others, so they share the
 * machine's load. Writes bench/results/restart.json: median / p90 / max per variant, with the load average.
 * <pre>bench/run.sh restart [restarts] [variant …]   variants: jar, cds (default: both); before=PATH.jar adds a jar</pre>
 */
public final class RestartHarness {
    static final RoutingId ID = new RoutingId("ea-restart", "1001", "EURUSD.M1");
    static final long HELLO_EVERY_MS = 100;
    static final long REBUILD_MS = 3_000;
    static final long GIVE_UP_MS = 90_000;

    record Variant(String name, Path jar, List<String> jvm) { }

    public static void main(String[] args) throws Exception {
        int restarts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path jar = Path.of("sidecar/target/vprop-sidecar.jar").toAbsolutePath();
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: mvn -o -q -pl sidecar -am -DskipTests package");
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("jar", "cds");
        List<Variant> variants = new ArrayList<>();
        for (String n : names) {
            if (n.equals("jar")) variants.add(new Variant("jar", jar, List.of()));
            else if (n.equals("cds")) variants.add(new Variant("cds", jar, cdsFlags(jar)));
            else if (n.startsWith("before=")) variants.add(new Variant("before", Path.of(n.substring(7)).toAbsolutePath(), List.of()));
            else if (n.startsWith("before-cds=")) {
                Path b = Path.of(n.substring(11)).toAbsolutePath();
                variants.add(new Variant("before-cds", b, cdsFlags(b)));
            } else throw new IllegalArgumentException("unknown variant " + n + " (jar | cds | before=PATH | before-cds=PATH)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "restart");
        result.put("machine", Results.machine());
        result.put("restarts_per_variant", restarts);
        result.put("nice", nice()); // the sidecar processes inherit it: at 19 on a loaded machine they get little CPU
        result.put("client", "DEALER kept across restarts; hello every " + HELLO_EVERY_MS + " ms; socket rebuilt after "
                + REBUILD_MS + " ms unanswered; time = kill -9 -> welcome from the new session (restart issued at once)");
        Map<String, Rig> rigs = new LinkedHashMap<>();
        try {
            for (Variant v : variants) rigs.put(v.name(), new Rig(v));
            for (int r = 0; r < restarts; r++)
                for (Rig rig : rigs.values()) {
                    long ms = rig.restartOnce();
                    System.out.printf("%s restart %d: welcomed %d ms after kill -9, %d ms of CPU (load %s)%n", rig.v.name(), r + 1, ms,
                            rig.cpu.get(rig.cpu.size() - 1), load());
                }
            Map<String, Object> per = new LinkedHashMap<>();
            for (Rig rig : rigs.values()) per.put(rig.v.name(), rig.summary());
            result.put("variants", per);
        } finally {
            for (Rig rig : rigs.values()) rig.close();
        }
        result.put("load_average_at_end", load());
        result.put("command", "bench/run.sh restart " + String.join(" ", args));
        Results.write("restart", result);
    }

    /**
     * CDS flags for a jar: the archive next to it, created once (a clean start and stop with
     * -XX:ArchiveClassesAtExit) when missing — what `vprop` does at its first start.
     */
    static List<String> cdsFlags(Path jar) throws Exception {
        Path jsa = jar.resolveSibling(jar.getFileName().toString().replace(".jar", ".jsa"));
        if (!Files.exists(jsa)) {
            System.out.println("creating the CDS archive " + jsa);
            Path dir = Files.createTempDirectory("vprop-cds");
            SidecarProcess p = new SidecarProcess(jar, List.of("-XX:ArchiveClassesAtExit=" + jsa), serveArgs(dir, SidecarProcess.freePort()),
                    dir.resolve("sidecar.log"));
            p.start();
            try (DealerEndpoint d = new DealerEndpoint("tcp://127.0.0.1:" + portOf(p), ID)) {
                welcome(d, new ProtocolCodec(), new long[]{0}, "", "tcp://127.0.0.1:" + portOf(p));
            }
            p.stop();
        }
        return List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto");
    }

    private static int portOf(SidecarProcess p) {
        List<String> c = p.command();
        String zmq = c.get(c.indexOf("--zmq") + 1);
        return Integer.parseInt(zmq.substring(zmq.lastIndexOf(':') + 1));
    }

    static List<String> serveArgs(Path dir, int zmqPort) {
        return List.of("serve", "--data-dir", dir.toString(), "--zmq", "tcp://127.0.0.1:" + zmqPort,
                "--http", "127.0.0.1:" + SidecarProcess.freePort());
    }

    /** One variant: its sidecar process, data dir and client. */
    static final class Rig implements AutoCloseable {
        final Variant v;
        final SidecarProcess process;
        final String endpoint;
        final ProtocolCodec codec = new ProtocolCodec();
        final long[] seq = {0};
        final List<Long> times = new ArrayList<>();
        final List<Integer> rebuilds = new ArrayList<>();
        final List<Long> cpu = new ArrayList<>();
        DealerEndpoint dealer;
        String session;
        long firstStartMs;

        Rig(Variant v) throws Exception {
            this.v = v;
            Path dir = Files.createTempDirectory("vprop-restart-" + v.name());
            int port = SidecarProcess.freePort();
            endpoint = "tcp://127.0.0.1:" + port;
            process = new SidecarProcess(v.jar(), v.jvm(), serveArgs(dir, port), dir.resolve("sidecar.log"));
            long t0 = System.nanoTime();
            process.start();
            dealer = new DealerEndpoint(endpoint, ID);
            Welcomed w = welcome(dealer, codec, seq, "", endpoint);
            dealer = w.dealer();
            session = w.session();
            firstStartMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%s: first start welcomed after %d ms (log %s)%n", v.name(), firstStartMs, dir.resolve("sidecar.log"));
        }

        long restartOnce() {
            process.kill9();
            long t0 = System.nanoTime();
            process.start();
            Welcomed w = welcome(dealer, codec, seq, session, endpoint);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            cpu.add(process.cpuMs());
            dealer = w.dealer();
            session = w.session();
            times.add(ms);
            rebuilds.add(w.rebuilds());
            return ms;
        }

        Map<String, Object> summary() {
            List<Long> s = new ArrayList<>(times);
            s.sort(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jvm_flags", v.jvm());
            m.put("jar", v.jar().toString());
            m.put("first_start_ms", firstStartMs);
            m.put("restarts", s.size());
            m.put("median_ms", s.isEmpty() ? null : s.get(s.size() / 2));
            m.put("p90_ms", s.isEmpty() ? null : s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.9) - 1)));
            m.put("max_ms", s.isEmpty() ? null : s.get(s.size() - 1));
            m.put("within_2s", s.stream().filter(x -> x <= 2_000).count());
            m.put("client_rebuilds", rebuilds.stream().mapToInt(Integer::intValue).sum());
            m.put("times_ms", times);
            List<Long> c = new ArrayList<>(cpu);
            c.sort(null);
            // CPU the new process had used when the client was welcomed: what the machine's load does not change
            m.put("cpu_to_welcome_median_ms", c.isEmpty() ? null : c.get(c.size() / 2));
            m.put("cpu_to_welcome_ms", cpu);
            return m;
        }

        @Override
        public void close() {
            process.kill9();
            if (dealer != null) dealer.close();
        }
    }

    record Welcomed(DealerEndpoint dealer, String session, int rebuilds) { }

    /** Hello every 100 ms until a welcome from a session other than {@code previous}. */
    static Welcomed welcome(DealerEndpoint d, ProtocolCodec codec, long[] seq, String previous, String endpoint) {
        long start = System.nanoTime(), lastHello = -HELLO_EVERY_MS, lastRebuild = 0;
        int rebuilds = 0;
        while (true) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > GIVE_UP_MS) throw new IllegalStateException("no welcome within " + GIVE_UP_MS + " ms from " + endpoint);
            if (elapsed - lastHello >= HELLO_EVERY_MS) {
                if (elapsed - lastRebuild >= REBUILD_MS) {
                    d.close();
                    d = new DealerEndpoint(endpoint, ID);
                    rebuilds++;
                    lastRebuild = elapsed;
                }
                d.send(codec.encode(Envelope.of(++seq[0], System.currentTimeMillis(), ReconnectHarness.hello())));
                lastHello = elapsed;
            }
            byte[] m = d.receive(10);
            if (m == null) continue;
            try {
                if (codec.decode(m).payload() instanceof Payload.Welcome w && !w.session().equals(previous))
                    return new Welcomed(d, w.session(), rebuilds);
            } catch (ProtocolException e) {
                throw new IllegalStateException("invalid message from the sidecar: " + new String(m), e);
            }
        }
    }

    static String nice() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
        } catch (Exception e) {
            return "";
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "";
        }
    }
}
