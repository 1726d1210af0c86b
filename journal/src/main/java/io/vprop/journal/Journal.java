package io.vprop.journal;

import java.io.IOException;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.market.Bar;
import io.vprop.transport.ChannelStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar's (and the paper terminal's) write-ahead journal: an SQLite file in WAL mode. Every state-changing
 * protocol message is written here before it is sent or acted on ({@link ChannelStore}); fills and signals are
 * keyed by their business ids so that replays and resends cannot double them.
 *
 * <p>Durability: {@code synchronous=NORMAL} in WAL mode survives a crash of the process (kill -9) — the WAL is in
 * the OS page cache — but not a power loss; set {@code durable=true} (synchronous=FULL) where that matters.
 *
 * <p>One connection, used by one thread (the kernel's); readers on other threads open {@link #reader()}.
 */
public final class Journal implements KernelJournal, AutoCloseable {
    private final Path file;
    private final Connection db;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private int txDepth;
    private boolean txOpen; // inside inTransaction, after its first write

    public Journal(Path file, boolean durable) {
        this.file = file;
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (durable ? "FULL" : "NORMAL"));
                s.execute("PRAGMA busy_timeout=5000");
            }
            JournalSchema.migrate(db, file);
        } catch (SQLException | IOException e) {
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }

    /** A read-only view on its own connection, for threads other than the owner (HTTP handlers). */
    public JournalReader reader() { return new JournalReader(file); }

    @Override
    public long sizeBytes() { return sizeOnDisk(file); }

    /** Bytes on disk of a journal file: the database plus its WAL. */
    static long sizeOnDisk(Path file) {
        long n = 0;
        for (String suffix : new String[]{"", "-wal"}) {
            try {
                Path p = Path.of(file + suffix);
                if (Files.exists(p)) n += Files.size(p);
            } catch (IOException ignored) {
                // a WAL checkpointed away between exists and size: counts as 0
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Runs {@code body} in one transaction (nested calls join the outer one). The transaction begins at the body's first
     * write, not before: the kernel wraps every batch of inbound messages in one (group commit), and most batches are
     * ticks that write nothing — BEGIN, COMMIT and the driver's statements around them were a tenth of the kernel's
     * CPU per tick in an exact-lockstep replay (issue 19). Every write goes through {@link #update}, which begins it.
     */
    @Override
    public void inTransaction(Runnable body) {
        try {
            txDepth++;
            body.run();
            if (txDepth == 1 && txOpen) db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new JournalException("journal commit failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (txDepth == 1 && txOpen) rollbackQuietly();
            throw e;
        } finally {
            if (--txDepth == 0 && txOpen) {
                txOpen = false;
                try {
                    db.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is unusable; the next statement reports it
                }
            }
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // nothing more to do: the original failure is reported
        }
    }

    private PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = db.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    private int update(String sql, Object... args) {
        try {
            if (txDepth > 0 && !txOpen) { // the first write inside inTransaction opens it
                db.setAutoCommit(false);
                txOpen = true;
            }
            PreparedStatement p = ps(sql);
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("journal write failed (" + sql.split(" ")[0] + "): " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ ChannelStore

    @Override
    public Resume load(String peer) {
        try {
            PreparedStatement p = ps("SELECT next_seq, last_out, last_in, last_fresh_in FROM peers WHERE peer = ?");
            p.setString(1, peer);
            long nextSeq = 1, lastOut = 0, lastIn = 0, lastFresh = 0;
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    nextSeq = rs.getLong(1);
                    lastOut = rs.getLong(2);
                    lastIn = rs.getLong(3);
                    lastFresh = rs.getLong(4);
                }
            }
            // Outbound messages are journaled with their seq: never reuse one even if the reservation lagged.
            PreparedStatement q = ps("SELECT COALESCE(MAX(seq), 0) FROM outbound WHERE peer = ?");
            q.setString(1, peer);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long maxOut = rs.getLong(1);
                nextSeq = Math.max(nextSeq, maxOut + 1);
                lastOut = Math.max(lastOut, maxOut);
            }
            return new Resume(nextSeq, lastOut, lastIn, lastFresh);
        } catch (SQLException e) {
            throw new JournalException("cannot load channel state of " + peer + ": " + e.getMessage(), e);
        }
    }

    private void ensurePeer(String peer) {
        update("INSERT OR IGNORE INTO peers(peer, next_seq, last_out, last_in, last_fresh_in) VALUES (?, 1, 0, 0, 0)", peer);
    }

    @Override
    public void reserveSeq(String peer, long upTo) {
        inTransaction(() -> {
            ensurePeer(peer);
            update("UPDATE peers SET next_seq = MAX(next_seq, ?) WHERE peer = ?", upTo, peer);
        });
    }

    @Override
    public void appendOutbound(String peer, Envelope e, byte[] wire) {
        inTransaction(() -> {
            ensurePeer(peer);
            update("INSERT INTO outbound(peer, seq, prev, type, ts_ms, body, acked) VALUES (?, ?, ?, ?, ?, ?, 0)",
                    peer, e.seq(), e.prev(), e.type().wire, e.tsMs(), new String(wire, StandardCharsets.UTF_8));
            update("UPDATE peers SET last_out = MAX(last_out, ?) WHERE peer = ?", e.seq(), peer);
            if (e.payload() instanceof Payload.Signal s) recordSignal(peer, s, e.seq(), e.tsMs());
        });
    }

    @Override
    public void ackOutbound(String peer, long ackSeq) {
        update("UPDATE outbound SET acked = 1 WHERE peer = ? AND seq <= ? AND acked = 0", peer, ackSeq);
    }

    @Override
    public List<byte[]> unackedOutbound(String peer, long afterSeq) {
        try {
            PreparedStatement p = ps("SELECT body FROM outbound WHERE peer = ? AND seq > ? AND acked = 0 ORDER BY seq");
            p.setString(1, peer);
            p.setLong(2, afterSeq);
            List<byte[]> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1).getBytes(StandardCharsets.UTF_8));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read unacked messages of " + peer + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void appendInbound(String peer, Envelope e, byte[] wire, long receivedMs) {
        inTransaction(() -> {
            ensurePeer(peer);
            update("INSERT OR IGNORE INTO inbound(peer, seq, type, ts_ms, received_ms, body, processed) VALUES (?, ?, ?, ?, ?, ?, 0)",
                    peer, e.seq(), e.type().wire, e.tsMs(), receivedMs, new String(wire, StandardCharsets.UTF_8));
            update("UPDATE peers SET last_in = MAX(last_in, ?) WHERE peer = ?", e.seq(), peer);
        });
    }

    @Override
    public void saveLastFreshIn(String peer, long seq) {
        inTransaction(() -> {
            ensurePeer(peer);
            update("UPDATE peers SET last_fresh_in = ? WHERE peer = ?", seq, peer);
        });
    }

    // ------------------------------------------------------------------ recovery

    /** Inbound messages journaled but not marked processed: a crash hit between journaling and acting. */
    @Override
    public List<PendingInbound> unprocessedInbound() {
        try {
            List<PendingInbound> out = new ArrayList<>();
            try (ResultSet rs = ps("SELECT peer, seq, body FROM inbound WHERE processed = 0 ORDER BY received_ms, seq").executeQuery()) {
                while (rs.next()) out.add(new PendingInbound(rs.getString(1), rs.getLong(2), rs.getString(3).getBytes(StandardCharsets.UTF_8)));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read unprocessed messages: " + e.getMessage(), e);
        }
    }

    @Override
    public void markProcessed(String peer, long seq) {
        update("UPDATE inbound SET processed = 1 WHERE peer = ? AND seq = ?", peer, seq);
    }

    @Override
    public List<AwaitingSignal> awaitingSignals(String peer) {
        try {
            List<AwaitingSignal> out = new ArrayList<>();
            PreparedStatement p = ps("SELECT id, kind, symbol, COALESCE(expiry_ms, 0) FROM signals "
                    + "WHERE peer = ? AND status IN ('sent', 'accepted') ORDER BY created_ms, seq");
            p.setString(1, peer);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(new AwaitingSignal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read the signals awaiting an answer: " + e.getMessage(), e);
        }
    }

    /** Every peer the journal knows, so a restarted sidecar can resend to them. */
    public List<String> peers() {
        try {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps("SELECT peer FROM peers ORDER BY peer").executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot list peers: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ business records

    private void recordSignal(String peer, Payload.Signal s, long seq, long nowMs) {
        update("INSERT OR IGNORE INTO signals(id, peer, seq, kind, symbol, side, lots, price, sl, tp1, tp2, expiry_ms, alpha, regime, "
                        + "confidence, reason, status, created_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'sent',?,?)",
                s.id(), peer, seq, s.kind(), s.symbol(), s.side(), s.lots(), s.price(), s.sl(), s.tp1(), s.tp2(), s.expiryMs(),
                s.alpha(), s.regime(), s.confidence(), s.reason(), nowMs, nowMs);
    }

    /** Applies a signal_ack; an "executed" is never downgraded by a late "accepted". */
    @Override
    public void updateSignal(Payload.SignalAck a, long nowMs) {
        update("UPDATE signals SET status = ?, rule = ?, ack_reason = ?, ticket = CASE WHEN ? > 0 THEN ? ELSE ticket END, "
                        + "fill_price = CASE WHEN ? > 0 THEN ? ELSE fill_price END, updated_ms = ? "
                        + "WHERE id = ? AND NOT (status IN ('executed', 'rejected') AND ? = 'accepted')",
                a.status(), a.rule(), a.reason(), a.ticket(), a.ticket(), a.price(), a.price(), nowMs, a.signalId(), a.status());
    }

    /** Records a fill once per (peer, deal); returns false when it was already known. */
    @Override
    public boolean recordFill(String peer, Payload.Fill f, long seq, long receivedMs) {
        return update("INSERT OR IGNORE INTO fills(peer, deal, seq, ord, position, signal_id, symbol, side, entry, price, volume, "
                        + "commission, swap, profit, time_msc, reason, received_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                peer, f.deal(), seq, f.order(), f.position(), f.signalId(), f.symbol(), f.side(), f.entry(), f.price(), f.volume(),
                f.commission(), f.swap(), f.profit(), f.timeMsc(), f.reason(), receivedMs) == 1;
    }

    /** The terminal's record of a signal it acted on, or null if it never saw that id. */
    public Payload.SignalAck executed(String signalId) {
        try {
            PreparedStatement p = ps("SELECT status, rule, reason, ticket, price FROM executed WHERE signal_id = ?");
            p.setString(1, signalId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) return null;
                return new Payload.SignalAck(signalId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5));
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read executed signal " + signalId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The terminal side: a control it applied (or refused), kept so a resent control is answered again instead of
     * applied again, and so a restart finds its pause of entries (the EA keeps the same in its Store).
     */
    public void recordControl(Payload.ControlAck ack, String action, long nowMs) {
        update("INSERT INTO events(ts_ms, kind, body) VALUES (?, 'control_applied', json_object('control_id', ?, 'action', ?, "
                        + "'status', ?, 'reason', ?, 'closed', ?, 'cancelled', ?))",
                nowMs, ack.controlId(), action, ack.status(), ack.reason(), ack.closed(), ack.cancelled());
    }

    /** The terminal side's answer to a control it already handled, or null. */
    public Payload.ControlAck controlApplied(String controlId) {
        try {
            PreparedStatement p = ps("SELECT json_extract(body, '$.status'), json_extract(body, '$.reason'), "
                    + "json_extract(body, '$.closed'), json_extract(body, '$.cancelled') FROM events "
                    + "WHERE kind = 'control_applied' AND json_extract(body, '$.control_id') = ? ORDER BY id LIMIT 1");
            p.setString(1, controlId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) return null;
                return new Payload.ControlAck(controlId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4));
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read control " + controlId + ": " + e.getMessage(), e);
        }
    }

    /** The terminal side: whether the newest applied pause_entries / resume control left new entries paused. */
    public boolean entriesPaused() {
        try (ResultSet rs = ps("SELECT json_extract(body, '$.action') FROM events WHERE kind = 'control_applied' "
                + "AND json_extract(body, '$.status') = 'applied' AND json_extract(body, '$.action') IN ('pause_entries', 'resume') "
                + "ORDER BY id DESC LIMIT 1").executeQuery()) {
            return rs.next() && "pause_entries".equals(rs.getString(1));
        } catch (SQLException e) {
            throw new JournalException("cannot read the pause of entries: " + e.getMessage(), e);
        }
    }

    /**
     * The terminal side's highest broker number so far — deal, order or position of every fill it journaled for
     * sending, and the ticket of every signal it executed — or 0. A restarted paper terminal numbers its deals above
     * it: the sidecar keeps one fill per (terminal, deal), so a deal number used again would be dropped as a resend.
     */
    public long highestTicket() {
        try {
            PreparedStatement p = ps("SELECT MAX((SELECT COALESCE(MAX(MAX(COALESCE(json_extract(body, '$.deal'), 0), "
                    + "COALESCE(json_extract(body, '$.order'), 0), COALESCE(json_extract(body, '$.position'), 0))), 0) "
                    + "FROM outbound WHERE type = 'fill'), (SELECT COALESCE(MAX(ticket), 0) FROM executed))");
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read the highest ticket: " + e.getMessage(), e);
        }
    }

    /** Remembers the outcome of a signal on the terminal side (first outcome wins). */
    public void recordExecuted(Payload.SignalAck a, long tsMs) {
        update("INSERT OR IGNORE INTO executed(signal_id, status, ticket, price, rule, reason, ts_ms) VALUES (?,?,?,?,?,?,?)",
                a.signalId(), a.status(), a.ticket(), a.price(), a.rule(), a.reason(), tsMs);
    }

    /** Saves an account's governor state (JSON) — after every event that may have changed it. */
    public void saveGovernorState(String account, String profile, String stateJson, long nowMs) {
        update("INSERT INTO governor_state(account, profile, state, updated_ms) VALUES (?,?,?,?) "
                + "ON CONFLICT(account) DO UPDATE SET profile = excluded.profile, state = excluded.state, updated_ms = excluded.updated_ms",
                account, profile, stateJson, nowMs);
    }

    /** The saved governor state of an account as {profile, state JSON}, or null. */
    public String[] governorState(String account) {
        try {
            PreparedStatement p = ps("SELECT profile, state FROM governor_state WHERE account = ?");
            p.setString(1, account);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new String[]{rs.getString(1), rs.getString(2)} : null;
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read the governor state of " + account + ": " + e.getMessage(), e);
        }
    }

    /** Appends a free-form event (decisions, governor verdicts) for the panel and post-mortems. */
    @Override
    public void appendEvent(long tsMs, String kind, String json) {
        update("INSERT INTO events(ts_ms, kind, body) VALUES (?, ?, ?)", tsMs, kind, json);
    }

    @Override
    public List<String> eventBodies(String kind) {
        try {
            PreparedStatement p = ps("SELECT body FROM events WHERE kind = ? ORDER BY id");
            p.setString(1, kind);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read " + kind + " events: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes at most {@code maxRows} of the oldest events of {@code kind} stamped before {@code beforeMs} (retention:
     * bounded batches, so a backlog is worked off over several calls instead of stalling the caller once).
     *
     * @return rows deleted
     */
    @Override
    public int pruneEvents(String kind, long beforeMs, int maxRows) {
        return update("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE kind = ? AND ts_ms < ? ORDER BY ts_ms LIMIT ?)",
                kind, beforeMs, maxRows);
    }

    /** Journals closed bars in one transaction (replays). */
    @Override
    public void appendBars(List<Bar> bars) {
        if (bars.isEmpty()) return;
        inTransaction(() -> {
            for (Bar b : bars)
                update("INSERT OR REPLACE INTO bars(symbol, timeframe, open_ms, open, high, low, close, tick_volume, spread) VALUES (?,?,?,?,?,?,?,?,?)",
                        b.symbol(), b.timeframe().name(), b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume(), b.spread());
        });
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement p : statements.values()) p.close();
            db.close();
        } catch (SQLException e) {
            throw new JournalException("closing journal " + file + ": " + e.getMessage(), e);
        }
    }
}
