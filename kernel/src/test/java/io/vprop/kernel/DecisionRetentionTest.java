package io.vprop.kernel;

import io.vprop.strategy.Strategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.journal.Journal;
import io.vprop.risk.RiskEngine;
import io.vprop.transport.RouterEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running kernel deletes journaled decision events past their retention, a bounded batch per round, and leaves
 * recent decisions and every other kind of event alone. The delete itself (batches, its index) is the journal's:
 * io.vprop.journal.JournalRetentionTest.
 */
class DecisionRetentionTest {
    @TempDir
    Path dir;

    private long count(Path db, String where) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void expiredDecisionsAreDeletedInBatchesWhileTheKernelRuns() throws Exception {
        Path db = dir.resolve("sidecar.db");
        long now = System.currentTimeMillis(), day = 86_400_000L;
        try (Journal j = new Journal(db, false)) {
            j.inTransaction(() -> {
                for (int i = 0; i < 4_500; i++) j.appendEvent(now - 40 * day + i, "decision", "{\"old\":" + i + "}");
                for (int i = 0; i < 10; i++) j.appendEvent(now - day + i, "decision", "{\"recent\":" + i + "}");
                for (int i = 0; i < 7; i++) j.appendEvent(now - 400 * day + i, "governor", "{\"old\":" + i + "}");
            });
            SidecarKernel k = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), j, System::currentTimeMillis),
                    peer -> Strategy.NONE, new RiskEngine(5), null, new EventBus(), new SimpleMeterRegistry());
            k.decisionRetention(30 * day);
            Thread t = new Thread(k, "kernel");
            t.start();
            try {
                long deadline = System.currentTimeMillis() + 20_000;
                while (count(db, "kind = 'decision' AND body LIKE '%old%'") > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                k.close();
                t.join(5_000);
            }
            assertThat(count(db, "kind = 'decision' AND body LIKE '%old%'")).as("4,500 expired decisions, 3 batches").isZero();
            assertThat(count(db, "kind = 'decision' AND body LIKE '%recent%'")).isEqualTo(10);
            assertThat(count(db, "kind = 'governor'")).as("other kinds are kept").isEqualTo(7);
        }
    }
}
