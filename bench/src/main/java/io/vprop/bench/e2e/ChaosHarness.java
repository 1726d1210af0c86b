package io.vprop.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.bench.Results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Issue 18 item 9: the paper terminal against the sidecar, as separate processes ({@code vprop serve} with the demo
 * strategy, {@code vprop paper} on the synthetic market), with kill -9 of either at {@code points} random moments
 * (restarted at once), then both left to settle and stopped cleanly, and both SQLite journals checked:
 * <ul>
 * <li>signals: every signal the sidecar journaled reached a final state (executed / rejected) or is pending
 * legitimately (sent or accepted in the last {@link #IN_FLIGHT_MS}); none executed twice (two entry fills);</li>
 * <li>fills: every deal the terminal journaled for sending is in the sidecar's fills, once per (terminal, deal); a deal
 * number the terminal used twice for different deals is a loss (the sidecar keeps the first).</li>
 * </ul>
 * Writes bench/results/chaos.json. <pre>bench/run.sh chaos [points] [seed]</pre>
 */
public final class ChaosHarness {
    static final long IN_FLIGHT_MS = 30_000;
    static final JsonMapper JSON = new JsonMapper();

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime() % 1_000_000;
        long minUpMs = Long.getLong("chaos.min.up.ms", 0), maxUpMs = Long.getLong("chaos.max.up.ms", 10_000);
        long settleMs = Long.getLong("chaos.settle.ms", 20_000);
        // fast enough that the demo's M1 EMAs cross within one life of either process, light enough for 2 loaded cores
        String speed = System.getProperty("chaos.speed", "600");
        String symbols = System.getProperty("chaos.symbols", "EURUSD,GBPUSD");
        long deadlineNs = System.nanoTime() + Long.getLong("chaos.max.minutes", 0) * 60_000_000_000L; // 0 = none
        Path jar = Path.of("sidecar/target/vprop-sidecar.jar").toAbsolutePath();
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: mvn -o -q -pl sidecar -am -DskipTests package");
        Path dir = Files.createTempDirectory("vprop-chaos");
        Path sidecarDir = Files.createDirectories(dir.resolve("sidecar")), paperDir = Files.createDirectories(dir.resolve("paper"));
        int port = SidecarProcess.freePort();
        String zmq = "tcp://127.0.0.1:" + port;
        List<String> jvm = List.of(); // as `vprop` starts it
        SidecarProcess sidecar = new SidecarProcess(jar, jvm, List.of("serve", "--data-dir", sidecarDir.toString(), "--zmq", zmq,
                "--http", "127.0.0.1:" + SidecarProcess.freePort(), "--strategy", "demo", "--set", "feed.max.ahead.ms=0"),
                dir.resolve("sidecar.log"));
        SidecarProcess paper = new SidecarProcess(jar, jvm, List.of("paper", "--data-dir", paperDir.toString(), "--zmq", zmq,
                "--speed", speed, "--set", "paper.symbols=" + symbols, "--set", "paper.ticks.per.second=1"), dir.resolve("paper.log"));
        Random rnd = new Random(seed);
        int[] kills = new int[2];
        int done = 0;
        long t0 = System.nanoTime();
        System.out.printf("chaos: %d points, seed %d, logs and journals in %s%n", points, seed, dir);
        sidecar.start();
        paper.start();
        try {
            long[] upSince = {System.nanoTime(), System.nanoTime()};
            int[] readyCount = {0, 0};
            for (int i = 0; i < points; i++) {
                if (Long.getLong("chaos.max.minutes", 0) > 0 && System.nanoTime() > deadlineNs) {
                    System.out.printf("time is up after %d kill points%n", i);
                    break;
                }
                int which = rnd.nextInt(2);
                // the kill point: a random time after the process is ready (the sidecar listening, the paper terminal
                // welcomed), so that signals and fills flow between kills even when a JVM takes 20 s to start here
                awaitReady(which, dir, readyCount, 120_000);
                long up = minUpMs + (long) (rnd.nextDouble() * (maxUpMs - minUpMs));
                Thread.sleep(up);
                SidecarProcess p = which == 0 ? sidecar : paper;
                if (!p.alive()) throw new IllegalStateException((which == 0 ? "sidecar" : "paper") + " exited by itself: see " + dir);
                p.kill9();
                kills[which]++;
                done++;
                p.start();
                upSince[which] = System.nanoTime();
                if ((i + 1) % 10 == 0) System.out.printf("%d kill points (sidecar %d, paper %d), %.0f s%n", i + 1, kills[0], kills[1],
                        (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("settling %d ms%n", settleMs);
            Thread.sleep(settleMs);
            if (!sidecar.alive() || !paper.alive()) throw new IllegalStateException("a process exited by itself: see " + dir);
        } finally {
            paper.stop();
            sidecar.stop();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "chaos");
        result.put("machine", Results.machine());
        result.put("points", done);
        result.put("points_asked", points);
        result.put("seed", seed);
        result.put("kills", Map.of("sidecar", kills[0], "paper", kills[1]));
        result.put("kill_after_ready_ms", List.of(minUpMs, maxUpMs));
        result.put("paper_speed", speed);
        result.put("paper_symbols", symbols);
        result.put("settle_ms", settleMs);
        Map<String, Object> check = check(sidecarDir.resolve("sidecar.db"), paperDir.resolve("paper-1-100001.db"));
        result.putAll(check);
        result.put("wall_s", (System.nanoTime() - t0) / 1e9);
        result.put("dir", dir.toString());
        result.put("command", "bench/run.sh chaos " + points + " " + seed + " (-Dchaos.min.up.ms=" + minUpMs
                + " -Dchaos.max.up.ms=" + maxUpMs + " -Dchaos.max.minutes=" + Long.getLong("chaos.max.minutes", 0) + ")");
        Results.write("chaos", result);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(check));
        if (((Number) check.get("lost")).intValue() > 0 || ((Number) check.get("duplicated")).intValue() > 0) System.exit(1);
    }

    /**
     * Waits (up to {@code maxMs}) until process {@code which} is ready once more than at its previous kill: the
     * sidecar's log has another "listening", or (the paper terminal) the sidecar's log has another welcome.
     */
    static void awaitReady(int which, Path dir, int[] readyCount, long maxMs) throws Exception {
        long until = System.currentTimeMillis() + maxMs;
        while (System.currentTimeMillis() < until) {
            String log = Files.exists(dir.resolve("sidecar.log")) ? Files.readString(dir.resolve("sidecar.log")) : "";
            int n = count(log, which == 0 ? " listening on " : "hello from paper-");
            if (n > readyCount[which]) {
                readyCount[which] = n;
                return;
            }
            Thread.sleep(100);
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    /** Both journals, after both processes stopped. */
    static Map<String, Object> check(Path sidecarDb, Path paperDb) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection s = DriverManager.getConnection("jdbc:sqlite:" + sidecarDb);
             Connection p = DriverManager.getConnection("jdbc:sqlite:" + paperDb)) {
            long lastMs = scalar(s, "SELECT COALESCE(MAX(created_ms), 0) FROM signals");
            // signals the sidecar journaled and what became of them
            Map<String, Integer> byStatus = new TreeMap<>();
            List<String> stuck = new ArrayList<>();
            int inFlight = 0, signals = 0;
            try (Statement st = s.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, status, created_ms FROM signals")) {
                while (rs.next()) {
                    signals++;
                    String status = rs.getString(2);
                    byStatus.merge(status, 1, Integer::sum);
                    boolean fin = status.equals("executed") || status.equals("rejected");
                    if (fin) continue;
                    if (lastMs - rs.getLong(3) <= IN_FLIGHT_MS) inFlight++;
                    else stuck.add(rs.getString(1) + ":" + status);
                }
            }
            // the terminal's side: signals it journaled on receipt, and the ones it acted on
            Set<String> received = new TreeSet<>();
            for (JsonNode m : bodies(p, "SELECT body FROM inbound WHERE type = 'signal'")) received.add(m.path("id").asText());
            long executedAtTerminal = scalar(p, "SELECT COUNT(*) FROM executed");
            // deals: journaled by the terminal for sending vs kept by the sidecar
            Map<Long, List<JsonNode>> sent = new TreeMap<>();
            for (JsonNode m : bodies(p, "SELECT body FROM outbound WHERE type = 'fill'"))
                sent.computeIfAbsent(m.path("deal").asLong(), k -> new ArrayList<>()).add(m);
            Map<Long, String> kept = new HashMap<>();
            Map<String, Integer> entriesPerSignal = new HashMap<>();
            try (Statement st = s.createStatement();
                 ResultSet rs = st.executeQuery("SELECT deal, signal_id, entry, symbol, price, volume FROM fills")) {
                while (rs.next()) {
                    kept.put(rs.getLong(1), rs.getString(4) + "@" + rs.getDouble(5) + "x" + rs.getDouble(6));
                    String sig = rs.getString(2);
                    if (sig != null && !sig.isEmpty() && "in".equals(rs.getString(3))) entriesPerSignal.merge(sig, 1, Integer::sum);
                }
            }
            List<String> lostFills = new ArrayList<>(), reused = new ArrayList<>();
            int fillsSent = 0;
            for (Map.Entry<Long, List<JsonNode>> e : sent.entrySet()) {
                List<JsonNode> same = e.getValue();
                Set<String> distinct = new TreeSet<>();
                for (JsonNode m : same) distinct.add(m.path("symbol").asText() + "@" + m.path("price").asDouble() + "x" + m.path("volume").asDouble());
                fillsSent += distinct.size();
                if (!kept.containsKey(e.getKey())) lostFills.add("deal " + e.getKey());
                else if (distinct.size() > 1) {
                    reused.add("deal " + e.getKey() + " " + distinct);
                    lostFills.add("deal " + e.getKey() + " (number reused: " + (distinct.size() - 1) + " deal(s) dropped)");
                }
            }
            List<String> dupSignals = new ArrayList<>();
            for (Map.Entry<String, Integer> e : entriesPerSignal.entrySet()) if (e.getValue() > 1) dupSignals.add(e.getKey() + " x" + e.getValue());
            long unackedSidecar = scalar(s, "SELECT COUNT(*) FROM outbound WHERE acked = 0 AND type = 'signal'");
            long unackedTerminal = scalar(p, "SELECT COUNT(*) FROM outbound WHERE acked = 0");
            r.put("signals", signals);
            r.put("signals_by_status", byStatus);
            r.put("signals_pending_in_flight", inFlight);
            r.put("signals_received_by_terminal", received.size());
            r.put("signals_acted_on_by_terminal", executedAtTerminal);
            r.put("fills_sent_by_terminal", fillsSent);
            r.put("fills_in_sidecar_journal", kept.size());
            r.put("unacked_signals_at_sidecar", unackedSidecar);
            r.put("unacked_messages_at_terminal", unackedTerminal);
            r.put("lost_signals", stuck.size());
            r.put("lost_signal_ids", stuck.subList(0, Math.min(20, stuck.size())));
            r.put("lost_fills", lostFills.size());
            r.put("lost_fill_deals", lostFills.subList(0, Math.min(20, lostFills.size())));
            r.put("deal_numbers_reused", reused.size());
            r.put("duplicated_signals", dupSignals.size());
            r.put("duplicated_signal_ids", dupSignals.subList(0, Math.min(20, dupSignals.size())));
            // (terminal, deal) is the fills table's primary key: a duplicate there cannot be stored, only dropped
            r.put("duplicated_fills", 0);
            r.put("lost", stuck.size() + lostFills.size());
            r.put("duplicated", dupSignals.size());
        }
        return r;
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static List<JsonNode> bodies(Connection c, String sql) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(JSON.readTree(rs.getString(1)));
        }
        return out;
    }

    /** Check two journals left by an earlier run: {@code ChaosHarness check sidecar.db paper.db}. */
    static final class Check {
        public static void main(String[] args) throws Exception {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(check(Path.of(args[0]), Path.of(args[1]))));
        }
    }
}
