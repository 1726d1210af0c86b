package io.vprop.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Event retention: bounded batches of the oldest rows of one kind, deleted along the v3 index (kind, ts_ms). */
class JournalRetentionTest {
    @TempDir
    Path dir;

    private static long count(Path db, String kind, long beforeMs) {
        try (JournalReader r = JournalReader.open(db)) {
            return r.events(kind, Long.MIN_VALUE, beforeMs, Integer.MAX_VALUE).size();
        }
    }

    @Test
    void pruneDeletesAtMostOneBatchOfTheOldestAndOnlyThatKind() {
        Path db = dir.resolve("j.db");
        try (Journal j = new Journal(db, false)) {
            for (int i = 0; i < 5; i++) j.appendEvent(100 + i, "decision", "{}");
            j.appendEvent(50, "fill_note", "{}");
            j.appendEvent(1_000, "decision", "{}");
            assertThat(j.pruneEvents("decision", 500, 3)).isEqualTo(3);
            assertThat(count(db, "decision", 103)).as("the oldest went first").isZero();
            assertThat(j.pruneEvents("decision", 500, 3)).isEqualTo(2);
            assertThat(j.pruneEvents("decision", 500, 3)).isZero();
            assertThat(count(db, "decision", Long.MAX_VALUE)).isEqualTo(1);
            assertThat(count(db, "fill_note", Long.MAX_VALUE)).isEqualTo(1);
        }
    }

    @Test
    void theRetentionDeleteIsARangeScanOnTheKindTimeIndex() throws Exception {
        Path db = dir.resolve("sidecar.db");
        new Journal(db, false).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN SELECT id FROM events WHERE kind = 'decision' AND ts_ms < 5")) {
            rs.next();
            assertThat(rs.getString(4)).contains("events_kind_ts");
        }
    }
}
