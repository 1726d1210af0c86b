package io.vprop.ops.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.Journal;
import io.vprop.ops.backup.StoreBackup;
import io.vprop.paper.TerminalLink;
import io.vprop.protocol.Payload;
import io.vprop.transport.RoutingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade path of docs/runbook.md with real processes: a sidecar (child JVM, `vprop serve`) runs on its stores,
 * is stopped (SIGTERM, as systemctl stop does) while the terminal has a fill it could not deliver, the stores are
 * backed up, and the new build starts on the same data dir: the fill arrives exactly once, and a further restart
 * does not deliver it again. When the journal schema has more than one version, the stores are first turned back
 * into the previous version ({@link PreviousSchema}), so the new build also migrates them in place.
 */
class UpgradeTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process sidecar(String zmq, int httpPort, Path data) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.vprop.cli.VpropCli", "serve", "--zmq", zmq,
                "--http", "127.0.0.1:" + httpPort, "--data-dir", data.toString(), "--strategy", "none"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sidecar-" + System.nanoTime() + ".log").toFile()).start();
    }

    private JsonNode status(int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;   // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void until(TerminalLink link, BooleanSupplier cond, String what) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            link.poll(10);
        }
    }

    private static long query(Path db, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new AssertionError(db + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Payload.Hello hello() {
        return new Payload.Hello("mt5-1", "5123456", "Broker-Server", "Broker", "USD", 100, "hedging", 0, List.of(1), 0,
                "ftmo-2step", List.of(new Payload.SymbolInfo("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0,
                "EUR", "USD", List.of())));
    }

    private static Payload.Fill fill(long deal) {
        return new Payload.Fill(deal, 80_000 + deal, 90_000 + deal, "sig-" + deal, "EURUSD", "buy", "in", 1.08524, 0.5,
                -1.5, 0, 0, 1_700_007_200_390L + deal, "expert");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();  // SIGTERM: the shutdown hook closes the journal, as on `systemctl stop`
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("sidecar did not stop within 30 s of SIGTERM");
        }
    }

    @Test
    void anUnackedFillIsDeliveredOnceAcrossAnUpgrade() throws Exception {
        String zmq = "tcp://127.0.0.1:" + freePort();
        int port = freePort();
        Path data = dir.resolve("var-lib-vprop");
        Path terminalDb = dir.resolve("terminal.db");
        Path sidecarDb = data.resolve("sidecar.db");
        String fillSql = "SELECT COUNT(*) FROM fills WHERE deal = ";

        Process old = sidecar(zmq, port, data);
        try (Journal tj = new Journal(terminalDb, false);
             TerminalLink link = new TerminalLink(zmq, new RoutingId("mt5-1", "5123456", "EURUSD.M1"), tj,
                     UpgradeTest::hello, s -> { }, System::currentTimeMillis, System::currentTimeMillis)) {
            // version N: connected, one fill delivered and acked
            until(link, link::welcomed, "welcome from the old sidecar");
            link.sendReliable(fill(1));
            until(link, () -> query(terminalDb, "SELECT COUNT(*) FROM outbound WHERE type='fill' AND acked=0") == 0, "fill 1 acked");
            stop(old);

            // the EA makes a deal while the sidecar is down for the upgrade
            link.sendReliable(fill(2));
            assertThat(query(terminalDb, "SELECT COUNT(*) FROM outbound WHERE type='fill' AND acked=0")).isEqualTo(1);
            assertThat(query(sidecarDb, fillSql + 2)).isZero();

            // the stores as the previous version left them (previous schema, when this build has more than one)
            int oldSchema = PreviousSchema.downgrade(sidecarDb);
            // the runbook's upgrade: back up the stores, then start the new build on the same data dir
            List<StoreBackup.Copy> backup = StoreBackup.backupAll(data, dir.resolve("backups"), Instant.now());
            assertThat(backup).filteredOn(c -> c.copy().getFileName().toString().equals("sidecar.db"))
                    .singleElement().extracting(StoreBackup.Copy::schemaVersion).isEqualTo(oldSchema);
            Process upgraded = sidecar(zmq, port, data);
            try {
                until(link, () -> query(terminalDb, "SELECT COUNT(*) FROM outbound WHERE type='fill' AND acked=0") == 0,
                        "the unacked fill resent to the new build and acked");
                until(link, () -> status(port) != null, "the new build's HTTP API");
                // /api/status is a snapshot the kernel refreshes every 250 ms: wait for it to catch up with the ack
                until(link, () -> status(port).path("fills_recorded").asLong() >= 1, "the fill in the new build's status");
                JsonNode s = status(port);
                assertThat(s.path("fills_recorded").asLong()).as("fills recorded by the new build").isEqualTo(1);
            } finally {
                stop(upgraded);
            }

            // one more restart: nothing left to resend, nothing recorded twice
            Process again = sidecar(zmq, port, data);
            try {
                long welcomes = link.welcomes();
                until(link, () -> link.welcomes() > welcomes, "welcome after the second restart");
                until(link, () -> status(port) != null, "HTTP API after the second restart");
                for (int i = 0; i < 50; i++) link.poll(10);          // longer than a status refresh (250 ms)
                assertThat(status(port).path("fills_recorded").asLong()).isZero();
            } finally {
                stop(again);
            }
        }
        assertThat(query(sidecarDb, fillSql + 1)).isEqualTo(1);
        assertThat(query(sidecarDb, fillSql + 2)).isEqualTo(1);
        assertThat(query(sidecarDb, "SELECT COUNT(*) FROM inbound WHERE type='fill'")).as("fill messages journaled").isEqualTo(2);
        assertThat(query(sidecarDb, "PRAGMA user_version")).as("journal migrated in place to this build's schema")
                .isEqualTo(PreviousSchema.latest());
    }
}
