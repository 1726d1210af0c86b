package io.vprop.e2e;

import io.vprop.app.PaperSetup;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import io.vprop.paper.broker.Deal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: kill -9 of the sidecar while the paper terminal trades, then restart: no fill lost, none
 * duplicated — checked against the sidecar's journal and the terminal's own record. The sidecar runs as a real
 * child process (`vprop serve`), killed with SIGKILL; the paper terminal runs here, like an EA outliving it.
 */
class SidecarCrashTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startSidecar(String endpoint, Path dataDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.vprop.cli.VpropCli", "serve",
                "--zmq", endpoint, "--http", "127.0.0.1:0", "--data-dir", dataDir.toString(), "--strategy", "demo"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sidecar-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void until(BooleanSupplier cond, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void killNineWhileTradingLosesAndDuplicatesNoFill() throws Exception {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        Path sidecarData = dir.resolve("sidecar");
        Process sidecar = startSidecar(endpoint, sidecarData);
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", dir.resolve("paper").toString());
        o.put("paper.speed", "600");           // ten market minutes per second: many trades in a few seconds
        o.put("paper.ticks.per.second", "2");
        o.put("paper.symbols", "EURUSD,GBPUSD,USDJPY,AUDUSD");
        VpropConfig cfg = VpropConfig.load(null, Map.of(), o);
        PaperTerminal paper = PaperSetup.terminal(cfg, endpoint, PaperSetup.market(cfg), 1);
        Thread pt = new Thread(paper, "paper");
        pt.start();
        try {
            until(() -> paper.stats().executed() >= 3 && paper.deals().size() >= 4, 60_000, "trades before the crash");
            sidecar.destroyForcibly().waitFor();           // SIGKILL: no shutdown hook, no flush
            int dealsAtCrash = paper.deals().size();
            until(() -> paper.deals().size() > dealsAtCrash, 30_000, "a deal (SL/TP) while the sidecar is down");
            sidecar = startSidecar(endpoint, sidecarData);
            long welcomes = paper.stats().welcomes();
            until(() -> paper.stats().welcomes() > welcomes, 30_000, "the terminal welcomed by the restarted sidecar");
            until(() -> paper.stats().executed() >= 6, 60_000, "trading to resume after the restart");
        } finally {
            paper.close();
            sidecar.destroyForcibly().waitFor();
        }
        List<Deal> terminalDeals = paper.deals();
        List<Long> journaled = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sidecarData.resolve("sidecar.db"));
             ResultSet rs = db.createStatement().executeQuery("SELECT deal FROM fills ORDER BY deal")) {
            while (rs.next()) journaled.add(rs.getLong(1));
        }
        // The last deals may still have been in flight when both stopped; everything up to them must be there.
        List<Long> expected = terminalDeals.stream().map(Deal::ticket).toList();
        assertThat(journaled).as("no fill duplicated").doesNotHaveDuplicates();
        assertThat(expected).as("the terminal's own record has no duplicate deal either").doesNotHaveDuplicates();
        assertThat(journaled).as("every journaled fill is a real deal of the terminal").isSubsetOf(expected);
        assertThat(journaled.size()).as("no fill lost (at most the last in-flight ones)").isGreaterThanOrEqualTo(expected.size() - 2);
        assertThat(journaled.size()).isGreaterThanOrEqualTo(5);
        // The terminal executed each signal id at most once, whatever the restarted sidecar resent.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper").resolve("paper-1-100001.db"));
             ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT signal_id) FROM executed")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
        }
    }
}
