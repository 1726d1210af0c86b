package io.vprop.journal;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.protocol.TradeMessages;
import org.sqlite.SQLiteConfig;

import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;

/**
 * Read-only queries on the journal from threads other than the kernel's (HTTP handlers, analytics). WAL mode lets
 * it read while the kernel writes. Two kinds of answers: rows as ordered maps, ready to serialize as JSON (the
 * {@code /api/fills}, {@code /api/signals} shapes), and records for code that computes with them ({@link #allFills},
 * {@link #allSignals}, {@link #accountSnapshots}, {@link #latestAccountSnapshots}, {@link #events(String, long, long, int)},
 * {@link #bars}, {@link #barSeries}).
 */
public final class JournalReader implements AutoCloseable {
    private final Path file;
    private final Connection db;
    private final ProtocolCodec codec = new ProtocolCodec();

    JournalReader(Path file) {
        this.file = file;
        try {
            db = openReadOnly(file);
        } catch (SQLException e) {
            throw new JournalException("cannot open journal " + file + " for reading: " + e.getMessage(), e);
        }
    }

    /** A reader on its own read-only connection to the journal file a {@link Journal} keeps (the file must exist). */
    public static JournalReader open(Path file) {
        return new JournalReader(file);
    }

    /** A read-only connection to a journal file that waits (up to 5 s) rather than fail while the kernel writes. */
    private static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
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
        Map<String, Long> kinds = new TreeMap<>(), reasons = new TreeMap<>();
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

    /** The journal file this reader reads. */
    public Path file() { return file; }

    // ------------------------------------------------------------------ records

    /** Every fill, in terminal time order (then by deal). */
    public synchronized List<JournalFill> allFills() {
        List<JournalFill> out = new ArrayList<>();
        each("SELECT peer, deal, ord, position, signal_id, symbol, side, entry, price, volume, commission, swap, profit, "
                + "time_msc, reason FROM fills ORDER BY time_msc, deal", rs -> out.add(JournalFill.ofRow(rs.getString(1),
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getLong(14),
                rs.getString(15))));
        return out;
    }

    /**
     * Every balance operation journaled, once per (peer, deal) whatever the resends, oldest first. A row without a peer,
     * deal or amount (not written by this sidecar) is left out.
     */
    public synchronized List<JournalBalance> balanceOperations() {
        List<JournalBalance> out = new ArrayList<>();
        each("SELECT json_extract(body, '$.peer') AS peer, json_extract(body, '$.balance.deal') AS deal, "
                + "json_extract(body, '$.balance.kind') AS kind, json_extract(body, '$.balance.amount') AS amount "
                + "FROM events WHERE id IN (SELECT MIN(id) FROM events WHERE kind = 'balance' "
                + "GROUP BY json_extract(body, '$.peer'), json_extract(body, '$.balance.deal')) "
                + "AND peer IS NOT NULL AND deal IS NOT NULL AND amount IS NOT NULL ORDER BY id", rs -> out.add(new JournalBalance(rs.getString(1),
                rs.getLong(2), rs.getString(3) == null ? "" : rs.getString(3), rs.getDouble(4))));
        return out;
    }

    /**
     * The fills of one peer numbered above {@code afterDeal}, by deal number: on the terminal side its own deal history
     * (a paper terminal keeps it here, on disk as MT5's is, not in memory).
     */
    public synchronized List<JournalFill> fillsOf(String peer, long afterDeal) {
        List<JournalFill> out = new ArrayList<>();
        each("SELECT peer, deal, ord, position, signal_id, symbol, side, entry, price, volume, commission, swap, profit, "
                + "time_msc, reason FROM fills WHERE peer = ? AND deal > ? ORDER BY deal", rs -> out.add(JournalFill.ofRow(rs.getString(1),
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getLong(14),
                rs.getString(15))), peer, afterDeal);
        return out;
    }

    /** Every signal sent, oldest first, with what became of it. */
    public synchronized List<JournalSignal> allSignals() {
        List<JournalSignal> out = new ArrayList<>();
        each("SELECT id, peer, kind, symbol, side, lots, price, sl, tp1, tp2, alpha, regime, confidence, reason, status, rule, "
                + "ack_reason, created_ms FROM signals ORDER BY created_ms", rs -> out.add(new JournalSignal(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7),
                rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), nz(rs.getString(11)), nz(rs.getString(12)), rs.getDouble(13),
                nz(rs.getString(14)), nz(rs.getString(15)), nz(rs.getString(16)), nz(rs.getString(17)), rs.getLong(18))));
        return out;
    }

    /**
     * The newest {@code limit} bars of {@code symbol} and {@code timeframe} (the MT5 name, "M1") opened within
     * [{@code fromMs}, {@code toMs}), oldest first: the closed bars the terminals sent, as journaled.
     *
     * @throws IllegalArgumentException naming a stored timeframe this build does not know (a damaged row)
     */
    public synchronized List<Bar> bars(String symbol, String timeframe, long fromMs, long toMs, int limit) {
        List<Bar> out = new ArrayList<>();
        each("SELECT symbol, timeframe, open_ms, open, high, low, close, tick_volume, spread FROM (SELECT * FROM bars "
                + "WHERE symbol = ? AND timeframe = ? AND open_ms >= ? AND open_ms < ? ORDER BY open_ms DESC LIMIT ?) ORDER BY open_ms",
                rs -> out.add(new Bar(rs.getString(1), Timeframe.parse(rs.getString(2)), rs.getLong(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getInt(9))),
                symbol, timeframe, fromMs, toMs, limit);
        return out;
    }

    /** Every (symbol, timeframe) the bars table holds, with its count and first and last open time, by symbol. */
    public synchronized List<BarSeries> barSeries() {
        List<BarSeries> out = new ArrayList<>();
        each("SELECT symbol, timeframe, COUNT(*), MIN(open_ms), MAX(open_ms) FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe",
                rs -> out.add(new BarSeries(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))));
        return out;
    }

    /** The newest {@code limit} account snapshots of all peers together, oldest first (by arrival). */
    public synchronized List<AccountSnapshot> accountSnapshots(int limit) {
        List<AccountSnapshot> out = new ArrayList<>();
        each("SELECT peer, ts_ms, body FROM (SELECT peer, ts_ms, received_ms, seq, body FROM inbound WHERE type = 'account' "
                + "ORDER BY received_ms DESC, seq DESC LIMIT ?) ORDER BY received_ms, seq", rs -> {
            AccountSnapshot a = account(rs.getString(1), rs.getLong(2), rs.getString(3));
            if (a != null) out.add(a);
        }, limit);
        return out;
    }

    /** The newest account snapshot of each peer that has reported one. */
    public synchronized List<AccountSnapshot> latestAccountSnapshots() {
        List<AccountSnapshot> out = new ArrayList<>();
        each("SELECT i.peer, i.ts_ms, i.body FROM inbound i JOIN (SELECT peer, MAX(seq) AS seq FROM inbound WHERE type = 'account' "
                + "GROUP BY peer) m ON i.peer = m.peer AND i.seq = m.seq", rs -> {
            AccountSnapshot a = account(rs.getString(1), rs.getLong(2), rs.getString(3));
            if (a != null) out.add(a);
        });
        return out;
    }

    /**
     * Events of {@code kind} stamped {@code fromMs <= ts < toMs}, newest first, at most {@code limit} rows. Bodies come
     * back as written: reading them is the business of whoever wrote that kind.
     */
    public synchronized List<JournalEvent> events(String kind, long fromMs, long toMs, int limit) {
        List<JournalEvent> out = new ArrayList<>();
        each("SELECT id, ts_ms, kind, body FROM events WHERE kind = ? AND ts_ms >= ? AND ts_ms < ? ORDER BY id DESC LIMIT ?",
                rs -> out.add(new JournalEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))),
                kind, fromMs, toMs, limit);
        return out;
    }

    /** An account message as journaled, decoded with the protocol's codec; null for a row that does not decode. */
    private AccountSnapshot account(String peer, long tsMs, String wire) {
        try {
            Envelope e = codec.decode(wire.getBytes(StandardCharsets.UTF_8));
            if (!(e.payload() instanceof Payload.Account a)) return null;
            // offset 0: position open times stay in the terminal's server time, as journaled
            return new AccountSnapshot(peer, tsMs, TradeMessages.toAccount(a, 0));
        } catch (ProtocolException | IllegalArgumentException e) {
            return null; // the kernel validated it on the way in; an unreadable row is a damaged file, not data
        }
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void each(String sql, Row row, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) row.accept(rs);
            }
        } catch (SQLException e) {
            throw new JournalException("journal query on " + file + " failed: " + e.getMessage(), e);
        }
    }

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
