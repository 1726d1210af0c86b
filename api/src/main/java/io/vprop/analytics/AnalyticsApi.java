package io.vprop.analytics;

import java.io.IOException;
import java.util.Collections;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vprop.journal.AccountSnapshot;
import io.vprop.journal.JournalBalance;
import io.vprop.journal.JournalReader;
import io.vprop.journal.JournalSignal;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.KernelStatus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.trade.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The analytics endpoints under /api/analytics (docs/api.md "Analytics") and the "analytics" WebSocket event.
 * Every answer is computed from the journal and the live feed at request time; nothing here is cached
 * beyond a second, so the numbers always match what the journal holds. A background tick (1 s) samples quotes
 * for the correlation matrix, publishes an "analytics" event when new fills arrive and writes the daily digest
 * when the firm's day rolls over.
 */
public final class AnalyticsApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsApi.class);
    static final int QUOTE_SAMPLES = 300;
    /** Newest strategy decisions read per request (skips arrive per bar, symbol and alpha). */
    static final int MAX_DECISIONS = 50_000;

    private final SidecarKernel kernel;
    private final EventBus events;
    final JournalReader journal;
    private final LiveFeed feed;
    private final FirmDayClock clock;
    private final DigestWriter digests;
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
    private final Deque<Map<String, Double>> quoteSamples = new ArrayDeque<>();
    private final Runnable unsubscribe;
    private final ScheduledExecutorService ticker;
    private long lastFills = -1;
    private LocalDate currentDay;

    private AnalyticsApi(SidecarKernel kernel, EventBus events, Path journalFile, Path dataDir, FirmDayClock clock) {
        this.kernel = kernel;
        this.events = events;
        this.clock = clock;
        this.journal = JournalReader.open(journalFile);
        this.feed = new LiveFeed(json);
        this.digests = new DigestWriter(dataDir.resolve("digests"), json);
        this.unsubscribe = events.subscribe(feed::accept);
        this.currentDay = clock.dayOf(kernel.nowMs());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vprop-analytics");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Registers every /api/analytics route on {@code app} (before it starts) and starts the background tick.
     *
     * @param clock the firm-day clock of the configured profile (the governors' own): days, digests and sessions
     */
    public static AnalyticsApi register(Javalin app, SidecarKernel kernel, EventBus events, Path journalFile, Path dataDir,
                                        FirmDayClock clock) {
        AnalyticsApi a = new AnalyticsApi(kernel, events, journalFile, dataDir, clock);
        app.get("/api/analytics/summary", ctx -> a.send(ctx, a.summary(ctx.queryParam("peer"))));
        TradingApi trading = new TradingApi(a, kernel, a.journal, clock);
        app.get("/api/analytics/trades", ctx -> a.send(ctx, a.trades(ctx.queryParam("peer"), limit(ctx, 500))));
        app.get("/api/analytics/performance", ctx -> a.send(ctx, trading.performance(PeriodPnl.Unit.parse(ctx.queryParam("period")),
                ctx.queryParam("peer"))));
        app.get("/api/analytics/candles", ctx -> a.send(ctx, trading.candles(ctx.queryParam("symbol"), ctx.queryParam("timeframe"),
                limit(ctx, 500))));
        app.get("/api/analytics/accounts", ctx -> a.send(ctx, trading.accounts()));
        app.get("/api/analytics/equity", ctx -> a.send(ctx, a.equity(limit(ctx, 5000))));
        app.get("/api/analytics/digest", ctx -> a.send(ctx, a.digest(a.day(ctx))));
        app.get("/api/analytics/digest.csv", ctx -> ctx.contentType("text/csv; charset=utf-8").result(a.digest(a.day(ctx)).csv()));
        app.get("/api/analytics/digests", ctx -> a.send(ctx, a.writtenDigests()));
        app.get("/api/analytics/sessions", ctx -> a.send(ctx, a.sessions(a.day(ctx))));
        app.get("/api/analytics/risk", ctx -> a.send(ctx, a.risk()));
        app.get("/api/analytics/regimes", ctx -> a.send(ctx, a.regimes()));
        app.get("/api/analytics/alphas", ctx -> a.send(ctx, a.alphas()));
        app.get("/api/analytics/compliance", ctx -> a.send(ctx, a.compliance()));
        // which optional endpoints of other modules this build serves, so the panel never requests a missing one
        app.get("/api/analytics/capabilities", ctx -> {
            Map<String, Boolean> c = new LinkedHashMap<>();
            for (String p : List.of("governors", "governors/events", "models", "memory"))
                c.put(p, app.unsafeConfig().pvt.internalRouter.hasHttpHandlerEntry(io.javalin.http.HandlerType.GET, "/api/" + p));
            a.send(ctx, c);
        });
        app.events(e -> { // the analytics live and die with the HTTP server that serves them
            e.serverStopped(a::close);
            e.serverStartFailed(a::close);
        });
        return a;
    }

    public FirmDayClock clock() { return clock; }

    void send(Context ctx, Object body) throws Exception {
        ctx.contentType("application/json").result(json.writeValueAsString(body));
    }

    static int limit(Context ctx, int dflt) {
        String l = ctx.queryParam("limit");
        if (l == null) return dflt;
        try {
            int n = Integer.parseInt(l);
            if (n < 1 || n > 100_000) throw new IllegalArgumentException("limit must be 1..100000, got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + l + "'");
        }
    }

    private LocalDate day(Context ctx) {
        String d = ctx.queryParam("day");
        if (d == null || d.isBlank()) return defaultDay();
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("day must be YYYY-MM-DD, got '" + d + "'");
        }
    }

    /** The firm day of the newest fill (a replay's or paper market's clock need not be today's), else today. */
    private LocalDate defaultDay() {
        long newest = fills().stream().mapToLong(f -> f.fill().timeMs()).max().orElse(kernel.nowMs());
        return clock.dayOf(newest);
    }

    // ---- journal reads ------------------------------------------------------------------------------------

    List<PeerFill> fills() {
        return journal.allFills().stream().map(PeerFill::of).toList();
    }

    /** Decisions with from ≤ time &lt; to, newest first, from at most {@link #MAX_DECISIONS} journal rows. */
    private List<Decision> decisions(long fromMs, long toMs) {
        return Decision.of(journal.events(Decision.EVENT_KIND, fromMs, toMs, MAX_DECISIONS), json);
    }

    // ---- computations -------------------------------------------------------------------------------------

    Map<String, SignalInfo> signalInfo(List<JournalSignal> rows) {
        Map<String, SignalInfo> m = new HashMap<>();
        for (var s : rows) m.put(s.id(), new SignalInfo(s.id(), s.alpha(), s.regime(), s.confidence(), s.reason(), s.sl()));
        return m;
    }

    private List<Trade> allTrades() {
        return TradeLog.build(fills(), signalInfo(journal.allSignals()));
    }

    /**
     * The balance the analysed period started from: the terminals' current balance minus every deal's net result
     * (profit + commission + swap) and minus the balance operations (deposits, withdrawals, payouts, credit) made since
     * the terminal's first trade deal. A payout is money leaving the account, not a loss: without this the start moved
     * down by every payout and every return was measured from too low a balance. NaN when no terminal has reported a
     * balance yet.
     */
    double startBalance(String peer, List<PeerFill> fills) {
        Map<String, Double> balances = new LinkedHashMap<>();
        for (KernelStatus.Peer p : kernel.status().peers()) if (p.balance() != null) balances.put(p.id(), p.balance());
        return startBalance(peer, balances, fills, journal.balanceOperations());
    }

    /**
     * {@link #startBalance(String, List)} from its inputs: current balance per peer, the deals, the balance operations
     * (once per peer and deal). An operation counts when its deal ticket is above the peer's first trade deal: MT5
     * numbers an account's trade and balance deals in one sequence, so that is "after the period began"; one before
     * the first trade (the deposit the account started with) is part of the start.
     */
    static double startBalance(String peer, Map<String, Double> balances, List<PeerFill> fills, List<JournalBalance> ops) {
        double bal = 0;
        boolean any = false;
        for (Map.Entry<String, Double> b : balances.entrySet()) {
            if (peer != null && !peer.equals(b.getKey())) continue;
            bal += b.getValue();
            any = true;
        }
        if (!any) return Double.NaN;
        Map<String, Long> firstDeal = new HashMap<>();
        for (PeerFill f : fills) {
            if (peer != null && !peer.equals(f.peer())) continue;
            bal -= f.fill().netProfit();
            firstDeal.merge(f.peer(), f.fill().deal(), Math::min);
        }
        for (JournalBalance o : ops) {
            Long first = firstDeal.get(o.peer());
            if (first != null && o.deal() > first && balances.containsKey(o.peer())) bal -= o.amount();
        }
        return bal;
    }

    Map<String, Object> summary(String peer) {
        List<PeerFill> fills = fills();
        List<Trade> trades = TradeLog.build(fills, signalInfo(journal.allSignals())).stream()
                .filter(t -> peer == null || peer.equals(t.peer())).toList();
        double start = startBalance(peer, fills);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated_ms", kernel.nowMs());
        m.put("peer", peer);
        m.put("start_balance", MetricSet.num(start));
        m.put("closed_trades", trades.stream().filter(Trade::closed).count());
        m.put("open_trades", trades.stream().filter(t -> !t.closed()).count());
        m.put("overall", MetricSet.of(trades, start));
        for (String dim : List.of("alpha", "regime", "symbol", "session"))
            m.put("by_" + dim, MetricSet.by(dim, trades, start));
        return m;
    }

    /** Balance and equity per peer from the journal's account snapshots (terminal time), oldest first. */
    Map<String, Object> equity(int limit) {
        Map<String, List<Map<String, Object>>> peers = new TreeMap<>();
        for (AccountSnapshot a : journal.accountSnapshots(limit))
            peers.computeIfAbsent(a.peer(), k -> new ArrayList<>())
                    .add(Map.of("t_ms", a.tsMs(), "balance", a.account().balance(), "equity", a.account().equity()));
        return Map.of("peers", peers);
    }

    /** Round trips newest first (by their last deal), with money, R, % and duration (the trade list). */
    List<TradeRow> trades(String peer, int limit) {
        List<PeerFill> fills = fills();
        Map<String, SignalInfo> sigs = signalInfo(journal.allSignals());
        List<Trade> all = new ArrayList<>(TradeLog.build(fills, sigs));
        all.sort(Comparator.comparingLong((Trade t) -> Math.max(t.openMs(), t.closeMs())).reversed());
        return tradeRows(all, fills, sigs).stream().filter(r -> peer == null || peer.equals(r.trade().peer())).limit(limit).toList();
    }

    /** {@link TradeRows#of} with this sidecar's start balances, account currencies and newest account snapshots. */
    List<TradeRow> tradeRows(List<Trade> trades, List<PeerFill> fills, Map<String, SignalInfo> sigs) {
        Map<String, Double> start = new HashMap<>();
        for (PeerFill f : fills) start.computeIfAbsent(f.peer(), p -> startBalance(p, fills));
        Map<String, TradeRows.OpenMark> open = new HashMap<>();
        for (AccountSnapshot acc : journal.latestAccountSnapshots())
            for (Position p : acc.account().positions())
                open.put(TradeRows.key(acc.peer(), p.ticket()), new TradeRows.OpenMark(p.profit(), p.swap(), acc.tsMs()));
        return TradeRows.of(trades, sigs, open, start, currencies());
    }

    /** peer → its account currency, from the terminal's hello ("" until it has said hello). */
    Map<String, String> currencies() {
        Map<String, String> m = new TreeMap<>();
        for (KernelStatus.Peer p : kernel.status().peers()) m.put(p.id(), p.currency() == null ? "" : p.currency());
        return m;
    }

    DailyDigest digest(LocalDate day) {
        List<PeerFill> fills = fills();
        List<Trade> trades = TradeLog.build(fills, signalInfo(journal.allSignals()));
        // the balance at the day's start: the period's start plus everything closed before it
        double start = startBalance(null, fills);
        long dayStart = clock.startMs(day);
        for (Trade t : trades) if (t.closed() && t.closeMs() < dayStart) start += t.net();
        return DailyDigest.of(day, clock, trades, start);
    }

    private List<Map<String, Object>> writtenDigests() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(digests.dir())) return out;
        try (var s = Files.list(digests.dir())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted(Comparator.reverseOrder())
                    .forEach(n -> out.add(Map.of("day", n.substring(0, n.length() - 5), "json", n, "csv", n.replace(".json", ".csv"))));
        }
        return out;
    }

    Map<String, Object> sessions(LocalDate day) {
        long from = clock.startMs(day), to = clock.endMs(day);
        List<JournalSignal> sigs = journal.allSignals();
        List<Decision> decisions = decisions(from, to);
        List<PeerFill> fills = fills();
        Map<String, SignalInfo> info = signalInfo(sigs);
        List<Trade> all = TradeLog.build(fills, info);
        List<Trade> trades = all.stream().filter(t -> t.openMs() >= from && t.openMs() < to).toList();
        // rows of every trade (a % needs the balance before it, an R the symbol's closed trades), then the day's
        List<TradeRow> rows = tradeRows(all, fills, info).stream()
                .filter(r -> r.trade().openMs() >= from && r.trade().openMs() < to).toList();
        Map<String, Object> bySession = new LinkedHashMap<>();
        for (TradingSession s : TradingSession.values()) {
            List<Trade> ts = trades.stream().filter(t -> t.session() == s).toList();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("trades", rows.stream().filter(r -> r.trade().session() == s).toList());
            e.put("metrics", MetricSet.of(ts, Double.NaN));
            e.put("skips", skips(sigs, decisions, s, from, to));
            bySession.put(s.label(), e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", day.toString());
        m.put("zone", clock.zone());
        m.put("reset_time", clock.resetTime().toString());
        m.put("currency", TradingApi.commonCurrency(currencies()));
        m.put("start_ms", from);
        m.put("end_ms", to);
        m.put("sessions", bySession);
        m.put("day_metrics", MetricSet.of(trades, Double.NaN));
        m.put("skips", skips(sigs, decisions, null, from, to));
        return m;
    }

    /** Signals that did not trade, counted by reason: rejected by the terminal (journal) or refused before sending. */
    private Map<String, Long> skips(List<JournalSignal> sigs, List<Decision> decisions,
                                    TradingSession only, long from, long to) {
        Map<String, Long> out = new TreeMap<>();
        for (var s : sigs) {
            if (!s.status().equals("rejected") || s.createdMs() < from || s.createdMs() >= to) continue;
            if (only != null && TradingSession.of(s.createdMs()) != only) continue;
            String why = "terminal: " + (s.rule().isBlank() ? s.ackReason() : s.rule());
            out.merge(why, 1L, Long::sum);
        }
        for (var r : feed.refusals()) {
            if (r.tMs() < from || r.tMs() >= to || (only != null && TradingSession.of(r.tMs()) != only)) continue;
            out.merge("risk: " + (r.rule().isBlank() ? r.reason() : r.rule()), 1L, Long::sum);
        }
        for (var d : decisions) {
            if (!d.kind().equals("skip") || (only != null && TradingSession.of(d.tMs()) != only)) continue;
            List<String> names = d.reasonNames();
            if (names.isEmpty()) out.merge("engine: (no reason given)", 1L, Long::sum);
            for (String n : names) out.merge("engine: " + n, 1L, Long::sum);
        }
        return out;
    }

    Map<String, Object> risk() {
        List<Trade> trades = allTrades();
        Map<String, Double> value = StopRisk.moneyPerPricePerLot(trades);
        List<Map<String, Object>> rows = new ArrayList<>();
        double total = 0;
        boolean unbounded = false, unknown = false;
        for (AccountSnapshot acc : journal.latestAccountSnapshots()) for (Position p : acc.account().positions()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("peer", acc.peer());
            r.put("ticket", p.ticket());
            r.put("symbol", p.symbol());
            r.put("side", p.side().wire());
            r.put("volume", p.volume());
            r.put("price_open", p.openPrice());
            r.put("sl", p.sl());
            r.put("tp", p.tp());
            r.put("profit", p.profit());
            double atStop = StopRisk.atStop(p.openPrice(), p.sl(), p.volume(), value.get(p.symbol()));
            if (p.sl() <= 0) unbounded = true;
            else if (Double.isNaN(atStop)) unknown = true;
            else total += atStop;
            r.put("risk_at_stop", MetricSet.num(atStop));
            r.put("risk_note", p.sl() <= 0 ? "no stop: unbounded" : Double.isNaN(atStop) ? "no closed " + p.symbol()
                    + " trade yet to value a price move" : "");
            rows.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("positions", rows);
        m.put("total_risk_at_stop", unbounded || unknown ? null : total);
        m.put("unbounded", unbounded);
        m.put("incomplete", unknown);
        List<Trade> closed = TradeLog.closed(trades);
        double[] pnl = closed.stream().mapToDouble(Trade::net).toArray();
        m.put("trades_in_sample", pnl.length);
        m.put("var95_per_trade", MetricSet.num(Metrics.var95(pnl)));
        m.put("es95_per_trade", MetricSet.num(Metrics.es95(pnl)));
        m.put("correlation", correlation());
        return m;
    }

    private Correlation.Matrix correlation() {
        List<Map<String, Double>> samples;
        synchronized (quoteSamples) {
            samples = List.copyOf(quoteSamples);
        }
        Map<String, double[]> series = new TreeMap<>();
        if (!samples.isEmpty()) {
            for (String sym : samples.get(samples.size() - 1).keySet()) {
                if (!samples.stream().allMatch(s -> s.containsKey(sym))) continue;
                series.put(sym, samples.stream().mapToDouble(s -> s.get(sym)).toArray());
            }
        }
        return Correlation.matrix(series);
    }

    Map<String, Object> regimes() {
        // every signal and every engine decision (trades and skips) names the regime its symbol was in
        record Obs(long tMs, String symbol, String regime, String source) { }
        List<Obs> obs = new ArrayList<>();
        for (var s : journal.allSignals()) if (!s.regime().isBlank()) obs.add(new Obs(s.createdMs(), s.symbol(), s.regime(), "signal"));
        for (var d : decisions(0, Long.MAX_VALUE))
            if (!d.regime().isBlank() && !d.symbol().isBlank()) obs.add(new Obs(d.tMs(), d.symbol(), d.regime(), "decision " + d.kind()));
        obs.sort(Comparator.comparingLong(Obs::tMs));
        Map<String, Object> current = new TreeMap<>();
        List<Map<String, Object>> history = new ArrayList<>();
        Map<String, String> last = new HashMap<>();
        for (Obs o : obs) {
            String prev = last.put(o.symbol(), o.regime());
            current.put(o.symbol(), Map.of("regime", o.regime(), "seen_ms", o.tMs(), "source", o.source()));
            if (!o.regime().equals(prev))
                history.add(Map.of("t_ms", o.tMs(), "symbol", o.symbol(), "regime", o.regime(), "from", prev == null ? "" : prev));
        }
        List<Trade> trades = allTrades().stream().filter(t -> !t.regime().isBlank()).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", !current.isEmpty());
        m.put("note", current.isEmpty() ? "no signal or strategy decision carries a regime yet: the signal engine sets it (strategy=engine); the demo strategy does not" : "");
        m.put("current", current);
        m.put("history", history.size() > 500 ? history.subList(history.size() - 500, history.size()) : history);
        m.put("by_regime", MetricSet.by("regime", trades, Double.NaN));
        return m;
    }

    Map<String, Object> alphas() {
        List<Trade> closed = TradeLog.closed(allTrades());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by_alpha_regime", cells(closed, "regime"));
        m.put("by_alpha_symbol", cells(closed, "symbol"));
        // Thompson posteriors (per regime) and adaptive weights live in the signal engine of each terminal
        Map<String, Object> posteriors = null, weights = null;
        try {
            for (Map<String, Object> st : kernel.call(SidecarKernel::strategyStates).get(2, TimeUnit.SECONDS).values()) {
                if (st.get("weights") instanceof Map<?, ?> w && st.get("posteriors") instanceof Map<?, ?> p) {
                    weights = new LinkedHashMap<>();
                    posteriors = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : w.entrySet()) weights.put(String.valueOf(e.getKey()), e.getValue());
                    for (Map.Entry<?, ?> e : p.entrySet()) posteriors.put(String.valueOf(e.getKey()), regimeMeans(e.getValue()));
                    break;                                   // the first terminal running the engine
                }
            }
        } catch (Exception e) {
            // the kernel did not answer in time: say so rather than show stale numbers
        }
        m.put("posteriors", posteriors);
        m.put("weights", weights);
        m.put("note", weights == null ? "Thompson posterior means and alpha weights come from the signal engine, which is not running "
                + "(strategy=engine runs it; the demo strategy has none)" : "");
        return m;
    }

    /** "regime mean · regime mean …" for the panel's one-line cell. */
    private static String regimeMeans(Object byRegime) {
        if (!(byRegime instanceof Map<?, ?> m)) return String.valueOf(byRegime);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : m.entrySet()) b.append(b.length() == 0 ? "" : " · ").append(e.getKey()).append(' ').append(e.getValue());
        return b.toString();
    }

    private static Map<String, Map<String, Map<String, Object>>> cells(List<Trade> closed, String dim) {
        Map<String, Map<String, List<Trade>>> g = new TreeMap<>();
        for (Trade t : closed) g.computeIfAbsent(t.key("alpha"), k -> new TreeMap<>()).computeIfAbsent(t.key(dim), k -> new ArrayList<>()).add(t);
        Map<String, Map<String, Map<String, Object>>> out = new TreeMap<>();
        g.forEach((alpha, row) -> row.forEach((col, ts) -> {
            double[] pnl = ts.stream().mapToDouble(Trade::net).toArray();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("trades", pnl.length);
            c.put("win_rate", MetricSet.num(Metrics.winRate(pnl)));
            c.put("expectancy", MetricSet.num(Metrics.expectancy(pnl)));
            out.computeIfAbsent(alpha, k -> new TreeMap<>()).put(col, c);
        }));
        return out;
    }

    /** The terminals' own governor reports and their history; the firm-day clock is in GET /api/governors. */
    Map<String, Object> compliance() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> states = new TreeMap<>();
        Map<String, Long> times = feed.governorStateTimes();
        feed.governorStates().forEach((peer, st) -> states.put(peer, Map.of("ts_ms", times.getOrDefault(peer, 0L), "state", st)));
        m.put("terminal_states", states);
        List<LiveFeed.RuleEvent> h = new ArrayList<>(feed.ruleEvents());
        Collections.reverse(h);
        m.put("history", h);
        return m;
    }

    // ---- background tick ----------------------------------------------------------------------------------

    private void tick() {
        try {
            KernelStatus s = kernel.status();
            Map<String, Double> mids = new TreeMap<>();
            for (KernelStatus.SymbolQuote q : s.symbols())
                if (q.bid() > 0 && q.ask() > 0) mids.putIfAbsent(q.symbol(), (q.bid() + q.ask()) / 2);
            if (!mids.isEmpty()) synchronized (quoteSamples) {
                quoteSamples.addLast(mids);
                while (quoteSamples.size() > QUOTE_SAMPLES) quoteSamples.removeFirst();
            }
            if (s.fillsRecorded() != lastFills) {
                lastFills = s.fillsRecorded();
                Map<String, Object> sum = summary(null);
                events.publish("analytics", kernel.nowMs(), Map.of("overall", json.convertValue(sum.get("overall"), Map.class),
                        "closed_trades", sum.get("closed_trades"), "open_trades", sum.get("open_trades")));
            }
            LocalDate today = clock.dayOf(kernel.nowMs());
            if (!today.equals(currentDay)) {
                LocalDate finished = currentDay;
                currentDay = today;
                digests.write(digest(finished));
                log.info("daily digest for {} written to {}", finished, digests.dir());
            }
        } catch (RuntimeException e) {
            log.warn("analytics tick failed (will retry in 1 s): {}", e.toString());
        }
    }

    /** Writes the digest of {@code day} now (the CLI and tests; the tick does it at each reset). */
    public DailyDigest writeDigest(LocalDate day) {
        DailyDigest d = digest(day);
        digests.write(d);
        return d;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        unsubscribe.run();
        journal.close();
    }
}
