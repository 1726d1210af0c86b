package io.vprop.analytics;

import io.vprop.governors.time.FirmDayClock;
import io.vprop.journal.AccountSnapshot;
import io.vprop.journal.BarSeries;
import io.vprop.journal.JournalReader;
import io.vprop.kernel.KernelStatus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.risk.AccountGovernors;
import io.vprop.trade.Position;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trader's views of /api/analytics (docs/api.md "Analytics"): performance per firm day, week and month with the
 * cumulative profit and drawdown; candles per symbol from the journaled bars with the trades' entries and exits; the
 * accounts' money with margin and margin level. Read-only, computed from the journal at request time.
 */
final class TradingApi {
    /** Source bars read for one candle request at most (a year of M1 is about 370 000). */
    static final int MAX_SOURCE_BARS = 200_000;

    private final AnalyticsApi analytics;
    private final SidecarKernel kernel;
    private final JournalReader journal;
    private final FirmDayClock clock;

    TradingApi(AnalyticsApi analytics, SidecarKernel kernel, JournalReader journal, FirmDayClock clock) {
        this.analytics = analytics;
        this.kernel = kernel;
        this.journal = journal;
        this.clock = clock;
    }

    /** The currency every account shares; null when none is known yet or the accounts differ. */
    static String commonCurrency(Map<String, String> byPeer) {
        TreeSet<String> c = new TreeSet<>();
        for (String v : byPeer.values()) if (v != null && !v.isBlank()) c.add(v);
        return c.size() == 1 ? c.first() : null;
    }

    private Map<String, Object> clockAndCurrency() {
        Map<String, String> cur = analytics.currencies();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", clock.zone());
        m.put("reset_time", clock.resetTime().toString());
        m.put("currency", commonCurrency(cur));
        m.put("currencies", cur);
        return m;
    }

    Map<String, Object> performance(PeriodPnl.Unit unit, String peer) {
        List<PeerFill> fills = analytics.fills();
        List<Trade> trades = TradeLog.build(fills, analytics.signalInfo(journal.allSignals())).stream()
                .filter(t -> peer == null || peer.equals(t.peer())).toList();
        double start = analytics.startBalance(peer, fills);
        Map<String, Object> m = clockAndCurrency();
        m.put("peer", peer);
        m.put("period", unit.name().toLowerCase());
        m.put("start_balance", MetricSet.num(start));
        m.put("periods", PeriodPnl.of(unit, trades, clock, start));
        m.put("curve", ProfitCurve.of(trades, start));
        m.put("overall", MetricSet.of(trades, start));
        m.put("by_symbol", MetricSet.by("symbol", trades, start));
        m.put("by_alpha", MetricSet.by("alpha", trades, start));
        return m;
    }

    /**
     * Candles of {@code symbol} (default: the newest trade's, else the first with bars) in {@code timeframe} (default
     * M15), the newest {@code limit}, built from the finest journaled bars that can make them; and the entries and exits
     * of that symbol's trades within them.
     */
    Map<String, Object> candles(String symbol, String timeframe, int limit) {
        Timeframe target = timeframe == null || timeframe.isBlank() ? Timeframe.M15 : Timeframe.parse(timeframe);
        List<BarSeries> series = journal.barSeries();
        List<Trade> trades = TradeLog.build(analytics.fills(), analytics.signalInfo(journal.allSignals()));
        TreeSet<String> symbols = new TreeSet<>();
        for (BarSeries s : series) symbols.add(s.symbol());
        for (Trade t : trades) symbols.add(t.symbol());
        String sym = symbol != null && !symbol.isBlank() ? symbol : trades.stream()
                .max(Comparator.comparingLong(t -> Math.max(t.openMs(), t.closeMs()))).map(Trade::symbol)
                .orElse(series.isEmpty() ? "" : series.get(0).symbol());
        List<Timeframe> stored = new ArrayList<>();
        for (BarSeries s : series) if (s.symbol().equals(sym)) stored.add(Timeframe.parse(s.timeframe()));
        Timeframe source = Candles.source(stored, target);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", sym);
        m.put("timeframe", target.name());
        m.put("symbols", symbols);
        m.put("stored", series);
        m.put("zone", clock.zone());
        List<Candles.Candle> candles = List.of();
        String note;
        if (sym.isEmpty()) note = "no symbol yet: no bar is journaled and no trade was made";
        else if (source == null) note = stored.isEmpty()
                ? "no " + sym + " bars in the journal: candles are built from the closed bars a terminal sends (the paper "
                + "terminal sends M1, the EA the timeframes it is set to); ticks are not journaled, so nothing else can build them"
                : "the journal holds " + sym + " bars of " + stored + " only, none of which can build " + target.name() + " candles";
        else {
            long per = target == Timeframe.D1 ? Timeframe.D1.millis() / source.millis() * 25 / 24 + 1 : target.millis() / source.millis();
            int want = (int) Math.min(MAX_SOURCE_BARS, (limit + 1L) * per);
            List<Bar> bars = journal.bars(sym, source.name(), Long.MIN_VALUE, Long.MAX_VALUE, want);
            List<Candles.Candle> all = Candles.aggregate(bars, target, clock);
            candles = all.size() > limit ? all.subList(all.size() - limit, all.size()) : all;
            note = source == target ? "" : target.name() + " candles built from the journaled " + source.name() + " bars";
        }
        m.put("source_timeframe", source == null ? null : source.name());
        m.put("note", note);
        m.put("candles", candles);
        List<Map<String, Object>> markers = new ArrayList<>();
        if (!candles.isEmpty()) {
            long from = candles.get(0).tMs();
            for (Trade t : trades) {
                if (!t.symbol().equals(sym)) continue;
                if (t.openMs() >= from) markers.add(marker(t, "entry", t.openMs(), t.entryPrice()));
                if (t.closed() && t.closeMs() >= from) markers.add(marker(t, "exit", t.closeMs(), t.exitPrice()));
            }
            markers.sort(Comparator.comparingLong(x -> (Long) x.get("t_ms")));
        }
        m.put("markers", markers);
        return m;
    }

    private static Map<String, Object> marker(Trade t, String kind, long tMs, double price) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t_ms", tMs);
        m.put("kind", kind);
        m.put("side", t.side().wire());
        m.put("price", price);
        m.put("peer", t.peer());
        m.put("position", t.position());
        m.put("volume", t.volume());
        m.put("net", kind.equals("exit") ? t.net() : null);
        m.put("exit_reason", kind.equals("exit") ? t.exitReason() : "");
        return m;
    }

    /**
     * Each trading account's money from its newest account snapshot: balance, equity, margin, free margin, margin
     * level (equity / margin × 100, null without margin in use), floating P&L, in the account's currency. One row per
     * account ({@code terminal/account}, the governors' key): every chart of an account reports the same account, and
     * an EA moved to another chart or timeframe comes back under a new routing id; listed per routing id the same
     * account appeared once per chart, its money counted as often. {@code charts} names the routing ids seen.
     */
    Map<String, Object> accounts() {
        Map<String, Object> m = clockAndCurrency();
        Map<String, KernelStatus.Peer> peers = new HashMap<>();
        for (KernelStatus.Peer p : kernel.status().peers()) peers.put(p.id(), p);
        Map<String, List<AccountSnapshot>> byAccount = new TreeMap<>();
        for (AccountSnapshot a : journal.latestAccountSnapshots())
            byAccount.computeIfAbsent(AccountGovernors.accountOf(a.peer()), k -> new ArrayList<>()).add(a);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<AccountSnapshot>> e : byAccount.entrySet()) {
            List<AccountSnapshot> charts = e.getValue();
            charts.sort(Comparator.comparingLong(AccountSnapshot::tsMs).reversed().thenComparing(AccountSnapshot::peer));
            AccountSnapshot a = charts.get(0);
            boolean connected = false;
            String currency = "";
            List<String> ids = new ArrayList<>();
            for (AccountSnapshot c : charts) {
                ids.add(c.peer());
                KernelStatus.Peer p = peers.get(c.peer());
                if (p == null) continue;
                connected |= !p.stale();
                if (currency.isEmpty() && p.currency() != null) currency = p.currency();
            }
            var acc = a.account();
            double floating = 0;
            for (Position pos : acc.positions()) floating += pos.netProfit();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("account", e.getKey());
            r.put("peer", a.peer());
            r.put("charts", ids);
            r.put("currency", currency);
            r.put("connected", connected);
            r.put("ts_ms", a.tsMs());
            r.put("balance", acc.balance());
            r.put("equity", acc.equity());
            r.put("margin", acc.margin());
            r.put("free_margin", acc.freeMargin());
            r.put("margin_level_pct", acc.margin() > 0 ? MetricSet.num(acc.equity() / acc.margin() * 100) : null);
            r.put("floating", floating);
            r.put("positions", acc.positions().size());
            rows.add(r);
        }
        m.put("accounts", rows);
        return m;
    }
}
