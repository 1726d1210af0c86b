package io.vprop.journal;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole journal files, with SQLite's online backup API: a copy is a snapshot of one committed state even while a
 * {@link Journal} writes (WAL readers never block the writer); a restore copies a file back page by page. What to
 * copy where, and when a copy counts as a backup, is the caller's (io.vprop.ops.backup). Failures are
 * {@link IOException}s carrying SQLite's message.
 */
public final class JournalFiles {
    private JournalFiles() { }

    /** What a journal file says about itself: its schema version ({@code PRAGMA user_version}) and size in pages. */
    public record Info(int schemaVersion, long pages) {
    }

    /** Copies {@code store} to {@code target} as one consistent snapshot; whether target may exist is the caller's call. */
    public static void backup(Path store, Path target) throws IOException {
        onStore(store, "backup to " + quote(target));
    }

    /** Replaces the content of {@code store} (created if missing) with that of {@code backup}. Nothing may have it open. */
    public static void restore(Path backup, Path store) throws IOException {
        onStore(store, "restore from " + quote(backup));
    }

    /** Runs one of SQLite's whole-file commands (backup to, restore from) on a connection to {@code store}. */
    private static void onStore(Path store, String command) throws IOException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.executeUpdate(command);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** SQLite's integrity check of a file, opened read-only: the problems it lists, empty when the file is sound. */
    public static List<String> integrityProblems(Path file) throws IOException {
        try (Connection db = readOnly(file);
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) if (!"ok".equals(rs.getString(1))) problems.add(rs.getString(1));
            return problems;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The schema version and page count of a file, opened read-only. */
    public static Info info(Path file) throws IOException {
        try (Connection db = readOnly(file);
             Statement s = db.createStatement()) {
            int version;
            long pages;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) { version = rs.next() ? rs.getInt(1) : 0; }
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) { pages = rs.next() ? rs.getLong(1) : 0; }
            return new Info(version, pages);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig c = new SQLiteConfig();
        c.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), c.toProperties());
    }

    private static String quote(Path p) throws IOException {
        String s = p.toAbsolutePath().toString();
        if (s.contains("\"")) throw new IOException("path " + s + " contains a double quote");
        return "\"" + s + "\"";
    }
}
