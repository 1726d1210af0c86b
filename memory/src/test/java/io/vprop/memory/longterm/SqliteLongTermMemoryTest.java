package io.vprop.memory.longterm;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TestTrades;
import io.vprop.memory.TradeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteLongTermMemoryTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFieldAndReopens() {
        TradeRecord t = TestTrades.trade(7, "acc", "meanrev", "range", "NZDUSD", -33.25, new float[] {0.5f, -2f, 1e-9f, 42f});
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            m.insertTrade(t);
        }
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            assertThat(m.trade(7)).contains(t);
            assertThat(m.trade(8)).isEmpty();
            assertThat(m.tradeCount()).isEqualTo(1);
        }
    }

    @Test
    void usesWalAndRecordsEveryMigrationInOrder() throws Exception {
        Path db = dir.resolve("m.sqlite");
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(db)) {
            assertThat(m.schemaVersion()).isEqualTo(Migrations.latest()).isGreaterThanOrEqualTo(3);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            List<Integer> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            assertThat(versions).containsExactly(1, 2, 3);
        }
    }

    @Test
    void migratesAnOlderDatabaseForwardKeepingItsRows() throws Exception {
        Path db = dir.resolve("old.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
            for (String sql : Migrations.ALL.get(0).statements()) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'v1', 0)");
        }
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(db)) {
            assertThat(m.schemaVersion()).isEqualTo(3);
            m.insertDecision(new DecisionRecord(1, "acc", 5, "EURUSD", "a", "r", "M1", DecisionRecord.Action.SKIP, "low Q", 0.2, null));
            assertThat(m.decisions("acc", 0, 10)).hasSize(1);
        }
    }

    @Test
    void refusesADatabaseFromANewerBuild() throws Exception {
        Path db = dir.resolve("new.sqlite");
        SqliteLongTermMemory.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99, 'future', 0)");
        }
        assertThatThrownBy(() -> SqliteLongTermMemory.open(db))
                .hasMessageContaining("schema version 99 is newer");
    }

    @Test
    void duplicateIdIsRejectedWithTheId() {
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            m.insertTrade(TestTrades.trade(5, "acc", 1));
            assertThatThrownBy(() -> m.insertTrade(TestTrades.trade(5, "acc", 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trade id 5 is already recorded");
        }
    }

    @Test
    void batchInsertIsAllOrNothing() {
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            m.insertTrade(TestTrades.trade(3, "acc", 1));
            assertThatThrownBy(() -> m.insertTrades(List.of(TestTrades.trade(1, "acc", 1), TestTrades.trade(2, "acc", 1),
                    TestTrades.trade(3, "acc", 1)))).isInstanceOf(IllegalArgumentException.class);
            assertThat(m.tradeCount()).isEqualTo(1);
        }
    }

    @Test
    void trainingSetIsTimeOrderedAndHasNoLookahead() {
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            // TestTrades: entry = base + id*60s, exit = entry + 30s. Insert out of order on purpose.
            m.insertTrades(List.of(TestTrades.trade(4, "acc", 10), TestTrades.trade(1, "acc", -10),
                    TestTrades.trade(3, "acc", 5), TestTrades.trade(2, "acc", 7)));
            long base = 1_400_000_000_000L;
            long asOf = base + 3 * 60_000L + 29_999; // trade 3 entered but had not exited yet
            TrainingSet set = m.trainingSet(0, asOf);
            assertThat(set.rows()).extracting(TrainingSet.Row::tradeId).containsExactly(1L, 2L);
            assertThat(set.rows()).allSatisfy(r -> assertThat(r.exitTimeMs()).isLessThanOrEqualTo(asOf));
            assertThat(set.rows().get(0).won()).isFalse();
            assertThat(set.rows().get(1).rMultiple()).isEqualTo(7 / 50.0);
            assertThat(set.rows().get(1).features()).containsExactly(2f, 1f, 2f);
            assertThat(m.trainingSet(base + 2 * 60_000L, Long.MAX_VALUE).rows()).extracting(TrainingSet.Row::tradeId)
                    .containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void fingerprintChangesWithTheSetOfVectors() {
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(dir.resolve("m.sqlite"))) {
            String empty = m.featureFingerprint(3);
            m.insertTrade(TestTrades.trade(1, "acc", 1));
            String one = m.featureFingerprint(3);
            assertThat(one).isNotEqualTo(empty).startsWith("1:");
            assertThat(m.featureFingerprint(3)).isEqualTo(one);
            assertThat(m.featureFingerprint(4)).isEqualTo(empty); // other dimension: not counted
        }
    }

    @Test
    void missingParentDirectoryIsCreatedAndBadPathNamed() {
        Path nested = dir.resolve("a/b/c.sqlite");
        SqliteLongTermMemory.open(nested).close();
        assertThat(nested).exists();
        Path underAFile = nested.resolve("x.sqlite");
        assertThatThrownBy(() -> SqliteLongTermMemory.open(underAFile)).hasMessageContaining(underAFile.getParent().toString());
    }
}
