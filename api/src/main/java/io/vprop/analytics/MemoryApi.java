package io.vprop.analytics;

import io.vprop.http.FiniteJson;
import io.javalin.Javalin;
import io.vprop.memory.facade.TradeMemory;
import io.vprop.memory.TradeRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/memory}: what the trade memory holds, for the panel's Learning page — short-term rings (per account,
 * the newest N trades and decisions), the long-term SQLite store, the similarity index, and the last few stored trades.
 * Registered only when a memory is open (strategy=engine), so /api/analytics/capabilities reports it truthfully.
 */
public final class MemoryApi {
    /** How many of the newest trades the answer lists. */
    static final int LAST_TRADES = 10;

    private MemoryApi() {
    }

    /** @param accounts the accounts to read the short-term rings of (those of the connected terminals) */
    public static void register(Javalin app, TradeMemory memory, Supplier<Collection<String>> accounts) {
        app.get("/api/memory", ctx -> ctx.json(FiniteJson.map(state(memory, accounts.get()))));
    }

    static Map<String, Object> state(TradeMemory memory, Collection<String> accounts) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<TradeRecord> recent = new ArrayList<>();
        Map<String, Object> perAccount = new LinkedHashMap<>();
        long shortTrades = 0, shortDecisions = 0;
        for (String a : new LinkedHashSet<>(accounts)) {
            if (a == null || a.isBlank()) continue;
            List<TradeRecord> t = memory.shortTerm().recentTrades(a);
            int d = memory.shortTerm().recentDecisions(a).size();
            perAccount.put(a, Map.of("trades", t.size(), "decisions", d));
            shortTrades += t.size();
            shortDecisions += d;
            recent.addAll(t);
        }
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("backend", memory.config().redisHost() == null ? "in-process"
                : "redis " + memory.config().redisHost() + ":" + memory.config().redisPort());
        st.put("capacity", memory.shortTerm().capacity());
        st.put("trades", shortTrades);
        st.put("decisions", shortDecisions);
        st.put("accounts", perAccount);
        m.put("short_term", st);
        m.put("long_term", Map.of("trades", memory.longTerm().tradeCount(), "schema_version", memory.longTerm().schemaVersion()));
        Map<String, Object> ix = new LinkedHashMap<>();
        ix.put("kind", memory.index().kind());
        ix.put("size", memory.index().size());
        ix.put("dimension", memory.index().dimension());
        ix.put("rebuilt_at_open", memory.indexOpenResult().rebuilt());
        ix.put("open_note", memory.indexOpenResult().reason());
        m.put("index", ix);
        recent.sort(Comparator.comparingLong(TradeRecord::exitTimeMs).thenComparingLong(TradeRecord::id).reversed());
        List<Map<String, Object>> last = new ArrayList<>();
        for (TradeRecord t : recent.subList(0, Math.min(LAST_TRADES, recent.size()))) last.add(row(t));
        m.put("last_trades", last);
        return m;
    }

    private static Map<String, Object> row(TradeRecord t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", t.id());
        r.put("account", t.account());
        r.put("symbol", t.symbol());
        r.put("side", t.side().name());
        r.put("alpha", t.alpha());
        r.put("regime", t.regime());
        r.put("grade", t.grade());
        r.put("timeframe", t.timeframe());
        r.put("entry_ms", t.entryTimeMs());
        r.put("exit_ms", t.exitTimeMs());
        r.put("pnl", t.pnl());
        r.put("r_multiple", t.rMultiple());
        r.put("exit_reason", t.exitReason());
        return r;
    }
}
