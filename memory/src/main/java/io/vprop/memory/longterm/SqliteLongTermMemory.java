package io.vprop.memory.longterm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TradeRecord;
import io.vprop.trade.Side;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@link LongTermMemory} in one SQLite file in WAL mode with synchronous=FULL: each insert commits
 * before it returns, so an acknowledged record survives kill -9 (and power loss). Schema changes go
 * through {@link Migrations}. One connection, calls serialized: SQLite has a single writer anyway.
 */
public final class SqliteLongTermMemory implements LongTermMemory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADE_COLUMNS = "id, account, symbol, side, alpha, regime, grade, timeframe, feature_dim, features, "
            + "model_versions, entry_time_ms, exit_time_ms, entry_price, exit_price, slippage, latency_us, pnl, r_multiple, "
            + "mae, mfe, duration_ms, exit_reason";

    private final Path file;
    private final Connection connection;
    private final int schemaVersion;

    private SqliteLongTermMemory(Path file, Connection connection, int schemaVersion) {
        this.file = file;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating if needed) the database and applies pending migrations. */
    public static SqliteLongTermMemory open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory for long-term memory database " + file, e);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            int version = Migrations.apply(c);
            return new SqliteLongTermMemory(file, c, version);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open long-term memory database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public synchronized void insertTrade(TradeRecord trade) {
        try (PreparedStatement ps = connection.prepareStatement(insertTradeSql())) {
            bindTrade(ps, trade);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "trade id " + trade.id());
        }
    }

    @Override
    public synchronized void insertTrades(Collection<TradeRecord> trades) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(insertTradeSql())) {
                for (TradeRecord t : trades) {
                    bindTrade(ps, t);
                    ps.addBatch();
                }
                ps.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw translate(e, "batch of " + trades.size() + " trades");
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("long-term memory transaction failed: " + e.getMessage(), e);
        }
    }

    private static String insertTradeSql() {
        return "INSERT INTO trades (" + TRADE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }

    private static void bindTrade(PreparedStatement ps, TradeRecord t) throws SQLException {
        float[] f = t.features();
        int i = 1;
        ps.setLong(i++, t.id());
        ps.setString(i++, t.account());
        ps.setString(i++, t.symbol());
        ps.setString(i++, t.side().name());
        ps.setString(i++, t.alpha());
        ps.setString(i++, t.regime());
        ps.setString(i++, t.grade());
        ps.setString(i++, t.timeframe());
        ps.setInt(i++, f.length);
        ps.setBytes(i++, toBytes(f));
        ps.setString(i++, toJson(t.modelVersions()));
        ps.setLong(i++, t.entryTimeMs());
        ps.setLong(i++, t.exitTimeMs());
        ps.setDouble(i++, t.entryPrice());
        ps.setDouble(i++, t.exitPrice());
        ps.setDouble(i++, t.slippage());
        ps.setLong(i++, t.latencyMicros());
        ps.setDouble(i++, t.pnl());
        ps.setDouble(i++, t.rMultiple());
        ps.setDouble(i++, t.mae());
        ps.setDouble(i++, t.mfe());
        ps.setLong(i++, t.durationMs());
        ps.setString(i, t.exitReason());
    }

    private static RuntimeException translate(SQLException e, String what) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("UNIQUE") || msg.contains("PRIMARY KEY")) {
            return new IllegalArgumentException(what + " is already recorded (duplicate id): " + msg, e);
        }
        return new IllegalStateException("long-term memory write failed for " + what + ": " + msg, e);
    }

    @Override
    public synchronized void insertDecision(DecisionRecord d) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO decisions (id, account, time_ms, symbol, alpha, regime, timeframe, action, reason, quality, features) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, d.id());
            ps.setString(2, d.account());
            ps.setLong(3, d.timeMs());
            ps.setString(4, d.symbol());
            ps.setString(5, d.alpha());
            ps.setString(6, d.regime());
            ps.setString(7, d.timeframe());
            ps.setString(8, d.action().name());
            ps.setString(9, d.reason());
            ps.setDouble(10, d.quality());
            ps.setBytes(11, toBytes(d.features()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "decision id " + d.id());
        }
    }

    @Override
    public synchronized List<DecisionRecord> decisions(String account, long fromMs, long toMs) {
        List<DecisionRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, account, time_ms, symbol, alpha, regime, timeframe, action, reason, quality, features FROM decisions "
                        + "WHERE account = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, id")) {
            ps.setString(1, account);
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DecisionRecord(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), DecisionRecord.Action.valueOf(rs.getString(8)), rs.getString(9),
                            rs.getDouble(10), fromBytes(rs.getBytes(11))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read decisions of " + account + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized Optional<TradeRecord> trade(long id) {
        List<TradeRecord> found = trades(new long[] {id});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized List<TradeRecord> trades(long[] ids) {
        if (ids.length == 0) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        Map<Long, TradeRecord> byId = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + TRADE_COLUMNS + " FROM trades WHERE id IN (" + in + ")")) {
            for (int i = 0; i < ids.length; i++) {
                ps.setLong(i + 1, ids[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TradeRecord t = readTrade(rs);
                    byId.put(t.id(), t);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read trades: " + e.getMessage(), e);
        }
        List<TradeRecord> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            TradeRecord t = byId.get(id);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public synchronized long tradeCount() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM trades")) {
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count trades: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forEachTrade(Consumer<TradeRecord> consumer) {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + TRADE_COLUMNS + " FROM trades ORDER BY id")) {
            while (rs.next()) {
                consumer.accept(readTrade(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scan trades: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forEachTradeOf(String account, Consumer<TradeRecord> consumer) {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT " + TRADE_COLUMNS + " FROM trades WHERE account = ? ORDER BY exit_time_ms, id")) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) consumer.accept(readTrade(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scan the trades of " + account + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String featureFingerprint(int dimension) {
        // Hash of (id, features) in id order: detects added, removed and changed vectors alike.
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, features FROM trades WHERE feature_dim = ? ORDER BY id")) {
            ps.setInt(1, dimension);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long n = 0;
            ByteBuffer idBuf = ByteBuffer.allocate(Long.BYTES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    idBuf.clear();
                    md.update(idBuf.putLong(rs.getLong(1)).array());
                    md.update(rs.getBytes(2));
                    n++;
                }
            }
            return n + ":" + HexFormat.of().formatHex(md.digest());
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint feature vectors: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized TrainingSet trainingSet(long fromEntryMs, long asOfMs) {
        List<TrainingSet.Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, entry_time_ms, exit_time_ms, symbol, alpha, regime, features, pnl, r_multiple FROM trades "
                        + "WHERE entry_time_ms >= ? AND exit_time_ms <= ? ORDER BY entry_time_ms, id")) {
            ps.setLong(1, fromEntryMs);
            ps.setLong(2, asOfMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TrainingSet.Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), fromBytes(rs.getBytes(7)), rs.getDouble(8) > 0, rs.getDouble(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build training set: " + e.getMessage(), e);
        }
        return new TrainingSet(asOfMs, rows);
    }

    private static TradeRecord readTrade(ResultSet rs) throws SQLException {
        return new TradeRecord(rs.getLong(1), rs.getString(2), rs.getString(3), Side.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), fromBytes(rs.getBytes(10)), fromJson(rs.getString(11)),
                rs.getLong(12), rs.getLong(13), rs.getDouble(14), rs.getDouble(15), rs.getDouble(16), rs.getLong(17),
                rs.getDouble(18), rs.getDouble(19), rs.getDouble(20), rs.getDouble(21), rs.getString(23));
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static String toJson(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fromJson(String s) {
        try {
            return JSON.readValue(s, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt model_versions column: " + s, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
