package io.vprop.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only queries on the journal from threads other than the kernel's (HTTP handlers). WAL mode lets it read
 * while the kernel writes. Rows come back as ordered maps, ready to serialize as JSON.
 */
public final class JournalReader implements AutoCloseable {
    private final Path file;
    private final Connection db;

    JournalReader(Path file) {
        this.file = file;
        try {
            db = openReadOnly(file);
        } catch (SQLException e) {
            throw new JournalException("cannot open journal " + file + " for reading: " + e.getMessage(), e);
        }
    }

    /** A read-only connection to a journal file that waits (up to 5 s) rather than fail while the kernel writes. */
    public static Connection openReadOnly(Path file) throws SQLException {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(5000);
        return cfg.createConnection("jdbc:sqlite:" + file);
    }

    public synchronized List<Map<String, Object>> fills(int limit) {
        return query("SELECT peer, deal, ord AS \"order\", position, signal_id, symbol, side, entry, price, volume, commission, swap, "
                + "profit, time_msc, reason, received_ms FROM fills ORDER BY received_ms DESC, deal DESC LIMIT ?", limit);
    }

    public synchronized List<Map<String, Object>> signals(int limit) {
        return query("SELECT id, peer, kind, symbol, side, lots, price, sl, tp1, tp2, expiry_ms, alpha, regime, confidence, reason, "
                + "status, rule, ack_reason, ticket, fill_price, created_ms, updated_ms FROM signals ORDER BY created_ms DESC LIMIT ?", limit);
    }

    public synchronized List<Map<String, Object>> events(String kind, int limit) {
        return query("SELECT id, ts_ms, kind, body FROM events WHERE kind = ? ORDER BY id DESC LIMIT ?", kind, limit);
    }

    /** Strategy decisions by kind (trade, skip, refused) and skip reasons by code (LOW_GRADE, WIDE_SPREAD …). */
    public synchronized Map<String, Map<String, Long>> decisionCounts() {
        Map<String, Long> kinds = new java.util.TreeMap<>(), reasons = new java.util.TreeMap<>();
        for (Map<String, Object> r : query("SELECT json_extract(body, '$.kind') AS k, COUNT(*) AS n FROM events "
                + "WHERE kind = 'decision' GROUP BY k")) kinds.put(String.valueOf(r.get("k")), ((Number) r.get("n")).longValue());
        for (Map<String, Object> r : query("SELECT substr(j.value, 1, instr(j.value, ':') - 1) AS code, COUNT(*) AS n "
                + "FROM events e, json_each(json_extract(e.body, '$.decision.reasons')) j "
                + "WHERE e.kind = 'decision' AND json_extract(e.body, '$.kind') = 'skip' AND instr(j.value, ':') > 0 "
                + "AND substr(j.value, 1, instr(j.value, ':') - 1) NOT LIKE '% %' GROUP BY code"))
            reasons.put(String.valueOf(r.get("code")), ((Number) r.get("n")).longValue());
        return Map.of("kinds", kinds, "skip_reasons", reasons);
    }

    public synchronized long count(String table) {
        if (!List.of("inbound", "outbound", "fills", "signals", "events", "bars").contains(table))
            throw new IllegalArgumentException("unknown journal table " + table);
        List<Map<String, Object>> r = query("SELECT COUNT(*) AS n FROM " + table);
        return ((Number) r.get(0).get("n")).longValue();
    }

    /** Bytes on disk: the database plus its WAL. */
    public long sizeBytes() { return Journal.sizeOnDisk(file); }

    private List<Map<String, Object>> query(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) row.put(md.getColumnLabel(c), rs.getObject(c));
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("journal query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new JournalException("closing journal reader: " + e.getMessage(), e);
        }
    }
}
