package io.vprop.ops.backup;

import io.vprop.journal.JournalFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Online, consistent backup and restore of the SQLite stores (journals) with SQLite's backup API: the copy is a
 * snapshot of one committed state even while the sidecar writes (WAL readers never block the writer), and every
 * copy is opened and checked ({@code PRAGMA integrity_check}) before it is called a backup. Restore checks the
 * backup the same way, keeps the current file aside, then copies the backup into place page by page. The SQLite
 * work is the journal module's ({@link JournalFiles}); this class decides what is copied where and when a copy counts.
 */
public final class StoreBackup {
    private StoreBackup() { }

    /** One verified copy. */
    public record Copy(Path source, Path copy, long bytes, int schemaVersion, long pages) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Copies one store to {@code target} (which must not exist) and verifies the copy. */
    public static Copy backup(Path store, Path target) {
        if (!Files.isRegularFile(store)) throw new BackupException("store " + store + " does not exist");
        if (Files.exists(target)) throw new BackupException("backup target " + target + " already exists: not overwritten");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            JournalFiles.backup(store, target);
            return verify(store, target);
        } catch (IOException e) {
            throw new BackupException("backup of " + store + " to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Backs up every store ({@code *.db}) of {@code dataDir} into a new time-stamped folder under {@code backupRoot}. */
    public static List<Copy> backupAll(Path dataDir, Path backupRoot, Instant now) {
        List<Path> stores = stores(dataDir);
        if (stores.isEmpty()) throw new BackupException("no stores (*.db) in " + dataDir + ": is --data-dir right?");
        Path dir = backupRoot.resolve(STAMP.format(now));
        List<Copy> out = new ArrayList<>();
        for (Path s : stores) out.add(backup(s, dir.resolve(s.getFileName().toString())));
        return out;
    }

    /**
     * Replaces {@code store} with the backup's content. The sidecar must be stopped (it keeps state in memory).
     * The current file, if any, is first backed up beside itself as {@code <name>.before-restore-<time>}.
     */
    public static Copy restore(Path backup, Path store, Instant now) {
        if (!Files.isRegularFile(backup)) throw new BackupException("backup " + backup + " does not exist");
        check(backup);
        try {
            if (Files.exists(store))
                backup(store, store.resolveSibling(store.getFileName() + ".before-restore-" + STAMP.format(now)));
            Files.createDirectories(store.toAbsolutePath().getParent());
            JournalFiles.restore(backup, store);
            return verify(backup, store);
        } catch (IOException e) {
            throw new BackupException("restore of " + store + " from " + backup + " failed: " + e.getMessage(), e);
        }
    }

    /** Restores every store of a backup folder into {@code dataDir}. */
    public static List<Copy> restoreAll(Path backupDir, Path dataDir, Instant now) {
        List<Path> backups = stores(backupDir);
        if (backups.isEmpty()) throw new BackupException("no stores (*.db) in backup folder " + backupDir);
        for (Path b : backups) check(b); // all or nothing: verify every file before touching any store
        List<Copy> out = new ArrayList<>();
        for (Path b : backups) out.add(restore(b, dataDir.resolve(b.getFileName().toString()), now));
        return out;
    }

    static List<Path> stores(Path dir) {
        if (!Files.isDirectory(dir)) throw new BackupException(dir + " is not a directory");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".db") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new BackupException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens a file as SQLite and runs the integrity check; the error says what is wrong. */
    public static void check(Path file) {
        List<String> problems;
        try {
            problems = JournalFiles.integrityProblems(file);
        } catch (IOException e) {
            throw new BackupException(file + " is not a readable SQLite store: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) throw new BackupException(file + " fails the integrity check: " + problems);
    }

    private static Copy verify(Path source, Path copy) throws IOException {
        check(copy);
        JournalFiles.Info info = JournalFiles.info(copy);
        return new Copy(source, copy, Files.size(copy), info.schemaVersion(), info.pages());
    }
}
