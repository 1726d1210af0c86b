package io.vprop.ops.backup;

import io.vprop.cli.VpropCli;
import io.vprop.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Online backup and restore of real journals (SQLite WAL files) while they are being written. */
class StoreBackupTest {
    @TempDir
    Path tmp;

    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

    private static long count(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void backupWhileWritingIsAConsistentSnapshot() throws Exception {
        Path store = tmp.resolve("data/sidecar.db");
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong pairs = new AtomicLong();
        Thread writer;
        try (Journal j = new Journal(store, false)) {
            // Each transaction writes two events; a consistent snapshot can only ever hold an even number.
            j.inTransaction(() -> { j.appendEvent(1, "a", "{}"); j.appendEvent(1, "b", "{}"); });
            writer = new Thread(() -> {
                try (Journal w = new Journal(store, false)) {
                    while (run.get()) {
                        w.inTransaction(() -> { w.appendEvent(2, "a", "{}"); w.appendEvent(2, "b", "{}"); });
                        pairs.incrementAndGet();
                    }
                }
            });
            writer.start();
            while (pairs.get() < 50) Thread.sleep(1);
            List<StoreBackup.Copy> copies = StoreBackup.backupAll(store.getParent(), tmp.resolve("backups"), T0);
            long pairsAfter = pairs.get();
            run.set(false);
            writer.join();

            assertThat(copies).singleElement().satisfies(c -> {
                assertThat(c.copy()).isEqualTo(tmp.resolve("backups/20261122-200000/sidecar.db"));
                assertThat(c.schemaVersion()).isPositive();
                assertThat(c.bytes()).isPositive();
            });
            assertThat(copies.get(0).schemaVersion()).isEqualTo(count(store, "PRAGMA user_version"));
            long events = count(copies.get(0).copy(), "SELECT COUNT(*) FROM events");
            assertThat(events % 2).as("no half-written transaction in the copy").isZero();
            assertThat(events).isBetween(2 + 2 * 50L, 2 + 2 * (pairsAfter + 1));
            assertThat(count(store, "SELECT COUNT(*) FROM events")).isGreaterThanOrEqualTo(events);
        }
    }

    @Test
    void restorePutsTheBackupBackAndKeepsTheCurrentFileAside() throws Exception {
        Path store = tmp.resolve("data/sidecar.db");
        try (Journal j = new Journal(store, false)) { j.appendEvent(1, "before", "{}"); }
        Path backupDir = StoreBackup.backupAll(store.getParent(), tmp.resolve("b"), T0).get(0).copy().getParent();
        try (Journal j = new Journal(store, false)) { j.appendEvent(2, "after", "{}"); j.appendEvent(3, "after", "{}"); }
        assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(3);

        List<StoreBackup.Copy> restored = StoreBackup.restoreAll(backupDir, store.getParent(), T0.plusSeconds(60));
        assertThat(restored).singleElement().extracting(StoreBackup.Copy::copy).isEqualTo(store);
        assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(1);
        Path aside = tmp.resolve("data/sidecar.db.before-restore-20261122-200100");
        assertThat(count(aside, "SELECT COUNT(*) FROM events")).isEqualTo(3);
        try (Journal j = new Journal(store, false)) {   // the sidecar opens the restored journal normally
            j.appendEvent(4, "later", "{}");
        }
        assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(2);
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingIsTouched() throws Exception {
        Path store = tmp.resolve("data/sidecar.db");
        try (Journal j = new Journal(store, false)) { for (int i = 0; i < 200; i++) j.appendEvent(i, "e", "{\"pad\":\"" + "x".repeat(200) + "\"}"); }
        Path dir = StoreBackup.backupAll(store.getParent(), tmp.resolve("b"), T0).get(0).copy().getParent();
        Path copy = dir.resolve("sidecar.db");
        byte[] b = Files.readAllBytes(copy);
        Files.write(copy, Arrays.copyOf(b, b.length / 3));          // truncated, as by a full disk
        Files.write(dir.resolve("paper.db"), "not sqlite at all, just text".repeat(100).getBytes());
        byte[] storeBefore = Files.readAllBytes(store);

        assertThatThrownBy(() -> StoreBackup.restoreAll(dir, store.getParent(), T0))
                .isInstanceOf(BackupException.class).hasMessageContaining(dir.resolve("paper.db").toString());
        assertThat(Files.readAllBytes(store)).isEqualTo(storeBefore);
        assertThat(tmp.resolve("data")).isDirectoryNotContaining("glob:**before-restore*");
        assertThatThrownBy(() -> StoreBackup.check(copy)).isInstanceOf(BackupException.class).hasMessageContaining(copy.toString());
    }

    @Test
    void badPathsAreNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> StoreBackup.backupAll(empty, tmp.resolve("b"), T0)).hasMessageContaining("no stores (*.db) in " + empty);
        assertThatThrownBy(() -> StoreBackup.backupAll(tmp.resolve("nope"), tmp.resolve("b"), T0)).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> StoreBackup.restore(tmp.resolve("x.db"), tmp.resolve("y.db"), T0)).hasMessageContaining("backup " + tmp.resolve("x.db") + " does not exist");
        Path store = tmp.resolve("d/s.db");
        try (Journal j = new Journal(store, false)) { j.appendEvent(1, "e", "{}"); }
        StoreBackup.backup(store, tmp.resolve("copy.db"));
        assertThatThrownBy(() -> StoreBackup.backup(store, tmp.resolve("copy.db"))).hasMessageContaining("already exists");
    }

    @Test
    void backupAndRestoreCommands() throws Exception {
        Path data = tmp.resolve("var");
        try (Journal j = new Journal(data.resolve("sidecar.db"), false)) { j.appendEvent(1, "e", "{}"); }
        assertThat(VpropCli.execute("backup", "--data-dir", data.toString(), "--to", tmp.resolve("bk").toString())).isZero();
        Path dir;
        try (var s = Files.list(tmp.resolve("bk"))) { dir = s.findFirst().orElseThrow(); }
        assertThat(dir.getFileName().toString()).matches("\\d{8}-\\d{6}");
        try (Journal j = new Journal(data.resolve("sidecar.db"), false)) { j.appendEvent(2, "e", "{}"); }
        assertThat(VpropCli.execute("restore", "--data-dir", data.toString(), "--from", dir.toString())).isZero();
        assertThat(count(data.resolve("sidecar.db"), "SELECT COUNT(*) FROM events")).isEqualTo(1);
        assertThat(VpropCli.execute("restore", "--data-dir", data.toString(), "--from", tmp.resolve("none").toString())).isEqualTo(1);
    }
}
