package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only queries the analytics need from the journal (its own connection; WAL lets it read while the kernel
 * writes): every fill, every signal, and the account snapshots (balance, equity, open positions).
 */
public final class AnalyticsJournal implements AutoCloseable {
    /** A signal row: what was decided and what became of it. */
    public record SignalRow(String id, String peer, String symbol, String side, String alpha, String regime,
                            double confidence, String reason, String status, String rule, String ackReason,
                            long createdMs) {
    }

    private final Path file;
    private final Connection db;
    private final ObjectMapper json;

    public AnalyticsJournal(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        try {
            db = io.vprop.journal.JournalReader.openReadOnly(file);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open journal " + file + " for analytics: " + e.getMessage(), e);
        }
    }

    public synchronized List<PeerFill> fills() {
        List<PeerFill> out = new ArrayList<>();
        query("SELECT peer, deal, position, signal_id, symbol, side, entry, price, volume, commission, swap, profit, time_msc, reason "
                + "FROM fills ORDER BY time_msc, deal", rs -> out.add(PeerFill.ofRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getDouble(8), rs.getDouble(9),
                rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getLong(13), rs.getString(14))));
        return out;
    }

    public synchronized List<SignalRow> signals() {
        List<SignalRow> out = new ArrayList<>();
        query("SELECT id, peer, symbol, side, alpha, regime, confidence, reason, status, rule, ack_reason, created_ms "
                + "FROM signals ORDER BY created_ms", rs -> out.add(new SignalRow(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), nz(rs.getString(5)), nz(rs.getString(6)), rs.getDouble(7),
                nz(rs.getString(8)), nz(rs.getString(9)), nz(rs.getString(10)), nz(rs.getString(11)), rs.getLong(12))));
        return out;
    }

    /** One account snapshot as the terminal reported it (times are the terminal's, like the fills'). */
    public record AccountRow(String peer, long tMs, double balance, double equity, List<Position> positions) {
    }

    /** The newest {@code limit} account snapshots of every peer, oldest first. */
    public synchronized List<AccountRow> accounts(int limit) {
        List<AccountRow> out = new ArrayList<>();
        query("SELECT peer, ts_ms, body FROM (SELECT peer, ts_ms, received_ms, seq, body FROM inbound WHERE type = 'account' "
                + "ORDER BY received_ms DESC, seq DESC LIMIT " + limit + ") ORDER BY received_ms, seq", rs -> {
            AccountRow a = account(rs.getString(1), rs.getLong(2), rs.getString(3));
            if (a != null) out.add(a);
        });
        return out;
    }

    /** The newest account snapshot of each peer. */
    public synchronized List<AccountRow> latestAccounts() {
        List<AccountRow> out = new ArrayList<>();
        query("SELECT i.peer, i.ts_ms, i.body FROM inbound i JOIN (SELECT peer, MAX(seq) AS seq FROM inbound WHERE type = 'account' "
                + "GROUP BY peer) m ON i.peer = m.peer AND i.seq = m.seq", rs -> {
            AccountRow a = account(rs.getString(1), rs.getLong(2), rs.getString(3));
            if (a != null) out.add(a);
        });
        return out;
    }

    /**
     * A strategy decision the kernel journaled (events of kind "decision": the signal engine's trades, refusals and
     * skips with their reasons). Stamped with the sidecar's clock.
     */
    public record DecisionRow(long tMs, String peer, String kind, String symbol, String alpha, String regime, List<String> reasons) {
        /** The skip reasons' names ("SPREAD_TOO_WIDE: …" → "SPREAD_TOO_WIDE"); the first line describes the setup. */
        public List<String> reasonNames() {
            List<String> out = new ArrayList<>();
            for (int i = 1; i < reasons.size(); i++) {
                String r = reasons.get(i);
                int c = r.indexOf(':');
                out.add(c > 0 ? r.substring(0, c) : r);
            }
            return out;
        }
    }

    /** Decisions with from ≤ time < to, newest first, from at most {@code limit} rows (unreadable rows are dropped). */
    public synchronized List<DecisionRow> decisions(long fromMs, long toMs, int limit) {
        List<DecisionRow> out = new ArrayList<>();
        query("SELECT ts_ms, body FROM events WHERE kind = 'decision' AND ts_ms >= " + fromMs + " AND ts_ms < " + toMs
                + " ORDER BY id DESC LIMIT " + limit, rs -> {
            try {
                JsonNode b = json.readTree(rs.getString(2));
                JsonNode d = b.path("decision");
                List<String> reasons = new ArrayList<>();
                for (JsonNode r : d.path("reasons")) reasons.add(r.asText());
                out.add(new DecisionRow(rs.getLong(1), b.path("peer").asText(), b.path("kind").asText(), d.path("symbol").asText(),
                        d.path("alpha").asText(""), d.path("regime").asText(""), reasons));
            } catch (java.io.IOException e) {
                // written by the kernel as JSON; an unreadable row is damage, not a decision
            }
        });
        return out;
    }

    private AccountRow account(String peer, long ts, String body) {
        try {
            JsonNode b = json.readTree(body);
            List<Position> ps = new ArrayList<>();
            for (JsonNode p : b.path("positions"))
                ps.add(new Position(p.path("ticket").asLong(), p.path("symbol").asText(), Side.parse(p.path("side").asText()),
                        p.path("volume").asDouble(), p.path("price_open").asDouble(), p.path("sl").asDouble(),
                        p.path("tp").asDouble(), p.path("profit").asDouble(), p.path("swap").asDouble(),
                        p.path("commission").asDouble(), p.path("time_msc").asLong(), p.path("signal_id").asText("")));
            return new AccountRow(peer, ts, b.path("balance").asDouble(), b.path("equity").asDouble(), ps);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null; // the kernel validated it on the way in; an unreadable row is a damaged file, not data
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (PreparedStatement p = db.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            while (rs.next()) row.accept(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query on " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static String nz(String s) { return s == null ? "" : s; }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing analytics journal connection: " + e.getMessage(), e);
        }
    }
}
