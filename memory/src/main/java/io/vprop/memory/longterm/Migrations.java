package io.vprop.memory.longterm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ordered schema history of the long-term store. Never edit an applied migration: append a new one.
 */
final class Migrations {

    static final List<Migration> ALL = List.of(
            new Migration(1, "trades: entry context, execution, outcome", List.of("""
                    CREATE TABLE trades (
                      id INTEGER PRIMARY KEY,
                      account TEXT NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
                      alpha TEXT NOT NULL, regime TEXT NOT NULL, grade TEXT NOT NULL, timeframe TEXT NOT NULL,
                      feature_dim INTEGER NOT NULL, features BLOB NOT NULL, model_versions TEXT NOT NULL,
                      entry_time_ms INTEGER NOT NULL, exit_time_ms INTEGER NOT NULL,
                      entry_price REAL NOT NULL, exit_price REAL NOT NULL, slippage REAL NOT NULL, latency_us INTEGER NOT NULL,
                      pnl REAL NOT NULL, r_multiple REAL NOT NULL, mae REAL NOT NULL, mfe REAL NOT NULL,
                      duration_ms INTEGER NOT NULL, exit_reason TEXT NOT NULL)""",
                    "CREATE INDEX trades_entry_time ON trades(entry_time_ms)")),
            new Migration(2, "decisions (taken and skipped signals)", List.of("""
                    CREATE TABLE decisions (
                      id INTEGER PRIMARY KEY,
                      account TEXT NOT NULL, time_ms INTEGER NOT NULL, symbol TEXT NOT NULL,
                      alpha TEXT NOT NULL, regime TEXT NOT NULL, timeframe TEXT NOT NULL,
                      action TEXT NOT NULL, reason TEXT NOT NULL, quality REAL NOT NULL, features BLOB NOT NULL)""",
                    "CREATE INDEX decisions_account_time ON decisions(account, time_ms)")),
            new Migration(3, "exit-time index for as-of training sets", List.of(
                    "CREATE INDEX trades_exit_time ON trades(exit_time_ms)")));

    private Migrations() {}

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** Brings the database to the latest version; refuses a database newer than this build. */
    static int apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    + "applied_at_ms INTEGER NOT NULL)");
        }
        int current = current(c);
        if (current > latest()) {
            throw new IllegalStateException("database schema version " + current + " is newer than this build supports ("
                    + latest() + "): upgrade VProp before opening it");
        }
        for (Migration m : ALL) {
            if (m.version() <= current) {
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 PreparedStatement log = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                log.setInt(1, m.version());
                log.setString(2, m.description());
                log.setLong(3, System.currentTimeMillis());
                log.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("migration " + m.version() + " (" + m.description() + ") failed", e);
            } finally {
                c.setAutoCommit(true);
            }
            current = m.version();
        }
        return current;
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.getInt(1);
        }
    }
}
