package io.vprop.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the journal. Migrations only ever append: version N's statements run once, in order, and
 * {@code PRAGMA user_version} records how far a file has come, so an upgraded sidecar opens an old journal in place.
 */
final class JournalSchema {
    private JournalSchema() { }

    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE peers(peer TEXT PRIMARY KEY, next_seq INTEGER NOT NULL, last_out INTEGER NOT NULL, "
                            + "last_in INTEGER NOT NULL, last_fresh_in INTEGER NOT NULL)",
                    "CREATE TABLE inbound(peer TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, ts_ms INTEGER NOT NULL, "
                            + "received_ms INTEGER NOT NULL, body TEXT NOT NULL, processed INTEGER NOT NULL, PRIMARY KEY(peer, seq))",
                    "CREATE TABLE outbound(peer TEXT NOT NULL, seq INTEGER NOT NULL, prev INTEGER NOT NULL, type TEXT NOT NULL, "
                            + "ts_ms INTEGER NOT NULL, body TEXT NOT NULL, acked INTEGER NOT NULL, PRIMARY KEY(peer, seq))",
                    "CREATE INDEX outbound_unacked ON outbound(peer, acked, seq)",
                    "CREATE TABLE signals(id TEXT PRIMARY KEY, peer TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, "
                            + "symbol TEXT NOT NULL, side TEXT NOT NULL, lots REAL, price REAL, sl REAL, tp1 REAL, tp2 REAL, "
                            + "expiry_ms INTEGER, alpha TEXT, regime TEXT, confidence REAL, reason TEXT, status TEXT NOT NULL, "
                            + "rule TEXT, ack_reason TEXT, ticket INTEGER, fill_price REAL, created_ms INTEGER, updated_ms INTEGER)",
                    "CREATE TABLE fills(peer TEXT NOT NULL, deal INTEGER NOT NULL, seq INTEGER, ord INTEGER, position INTEGER, "
                            + "signal_id TEXT, symbol TEXT, side TEXT, entry TEXT, price REAL, volume REAL, commission REAL, swap REAL, "
                            + "profit REAL, time_msc INTEGER, reason TEXT, received_ms INTEGER, PRIMARY KEY(peer, deal))",
                    "CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL)",
                    "CREATE TABLE bars(symbol TEXT NOT NULL, timeframe TEXT NOT NULL, open_ms INTEGER NOT NULL, open REAL, high REAL, "
                            + "low REAL, close REAL, tick_volume INTEGER, spread INTEGER, PRIMARY KEY(symbol, timeframe, open_ms))",
                    // The terminal side (paper terminal): every signal id it has acted on, so none runs twice.
                    "CREATE TABLE executed(signal_id TEXT PRIMARY KEY, status TEXT NOT NULL, ticket INTEGER, price REAL, "
                            + "rule TEXT, reason TEXT, ts_ms INTEGER NOT NULL)"),
            // v2: the governors' state per account, so a restarted sidecar resumes with the same floors and latches.
            List.of("CREATE TABLE governor_state(account TEXT PRIMARY KEY, profile TEXT NOT NULL, state TEXT NOT NULL, "
                    + "updated_ms INTEGER NOT NULL)"),
            // v3: events by kind and time, so the decision-event retention deletes old rows without scanning the table.
            List.of("CREATE INDEX events_kind_ts ON events(kind, ts_ms)"));

    static int latest() { return MIGRATIONS.size(); }

    static void migrate(Connection db, Path file) throws SQLException {
        int version;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > latest())
            throw new SQLException("journal " + file + " has schema version " + version + ", newer than this build's "
                    + latest() + ": upgrade VProp or restore a backup");
        for (int v = version; v < latest(); v++) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) s.execute(sql);
                s.execute("PRAGMA user_version = " + (v + 1));
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw new SQLException("migrating journal " + file + " to version " + (v + 1) + " failed: " + e.getMessage(), e);
            } finally {
                db.setAutoCommit(true);
            }
        }
    }
}
