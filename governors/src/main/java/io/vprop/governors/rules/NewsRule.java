package io.vprop.governors.rules;

import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.NewsConfig;
import io.vprop.trade.Position;

import java.util.List;
import java.util.Map;

/**
 * News embargo: from {@code minutesBefore} before to {@code minutesAfter} after a high-impact release for one of
 * the instrument's currencies. BLOCK mode: no entries, and any fill (entry, exit, SL/TP hit, pending fill) on an
 * affected symbol inside the window counts as a violation unless the position was opened long enough before the
 * release. HAIRCUT mode: trading is allowed but only {@code haircutKeepPct}% of such a trade's profit counts.
 *
 * <p>Pending orders, where the firm's text makes a pending fill inside the window a violation ({@code pendingOrders}
 * CANCEL): a pending order that could still rest when a known window opens (no expiry, or one at or after the window's
 * start) is refused when placed, and a resting one is cancelled from {@code cancelPendingMinutesBefore} before the
 * window until its end (rule {@value #PENDING_ID}; the tickets are in {@link Ledger#cancelTickets}, which the EA
 * executes). Under KEEP a pending fill is judged as any entry fill (HAIRCUT firms: a trade opened in the window).
 */
public final class NewsRule implements GovernorRule {
    static final String ID = "news-embargo";
    static final String PENDING_ID = "news-pending";
    private static final long KEEP_MS = 24 * 3_600_000L; // releases are kept a day so that exits can look back
    private final NewsConfig config;
    private final Map<String, List<String>> symbolCurrencies;
    private final long beforeMs;
    private final long afterMs;
    private final long exemptMs;
    private final long cancelLeadMs;
    private final boolean cancelPending;

    public NewsRule(NewsConfig config, Map<String, List<String>> symbolCurrencies) {
        this.config = config;
        this.symbolCurrencies = symbolCurrencies;
        this.beforeMs = config.minutesBefore() * 60_000L;
        this.afterMs = config.minutesAfter() * 60_000L;
        this.exemptMs = config.exemptIfOpenedMinutesBefore() * 60_000L;
        this.cancelPending = config.pendingOrders() == NewsConfig.PendingPolicy.CANCEL;
        this.cancelLeadMs = config.cancelPendingMinutesBefore() * 60_000L;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (e instanceof NewsEvent n) {
            if (n.impact() == NewsEvent.Impact.HIGH) l.addNews(n);
            l.pruneNews(l.nowMs - KEEP_MS);
            return;
        }
        if (l.newsCount == 0) return;
        if (e instanceof OrderCheck o) {
            String symbol = o.order().symbol();
            int i = windowAt(l, symbol, o.timeMs());
            if (i >= 0 && config.mode() == NewsConfig.Mode.BLOCK) {
                hits.add(Action.BLOCK_NEW_ENTRIES, ID, o.timeMs(), l.newsRelease[i], l.newsRelease[i] + afterMs,
                        "No entries on " + symbol + " from " + config.minutesBefore() + " min before to "
                                + config.minutesAfter() + " min after the " + l.newsCurrency[i] + " release at "
                                + Fmt.time(l.newsRelease[i]) + ".");
            } else if (o.pending() && cancelPending) {
                checkPlacement(l, o, hits);
            }
        } else if (e instanceof FillEvent f) {
            checkFill(l, f, hits);
        } else {
            checkHeld(l, hits);
        }
        if (cancelPending && !(e instanceof NewsEvent)) checkResting(l, hits);
    }

    /** A pending order that could still rest when a known window opens would fill inside it: refused. */
    private void checkPlacement(Ledger l, OrderCheck o, HitList hits) {
        String symbol = o.order().symbol();
        long expiry = o.order().expiryMs();
        for (int i = 0; i < l.newsCount; i++) {
            long start = l.newsRelease[i] - beforeMs, end = l.newsRelease[i] + afterMs;
            if (o.timeMs() > end || (expiry > 0 && expiry < start) || !affects(symbol, l.newsCurrency[i])) continue;
            String currency = l.newsCurrency[i];
            long release = l.newsRelease[i];
            hits.add(Action.BLOCK_NEW_ENTRIES, PENDING_ID, o.timeMs(), release, end, "A " + o.type().wire() + " on "
                    + symbol + (expiry > 0 ? " expiring at " + Fmt.time(expiry) : " without an expiry")
                    + " could fill inside the embargo around the " + currency + " release at " + Fmt.time(release)
                    + " (a pending fill there is a violation): give it an expiry before " + Fmt.time(start) + ".");
            return;
        }
    }

    /** Resting orders that could fill inside a window opening within the lead: cancel them now. */
    private void checkResting(Ledger l, HitList hits) {
        List<ValuedOrder> os = l.orders;
        long until = 0;
        for (int k = 0, n = os.size(); k < n; k++) {
            var o = os.get(k).order();
            for (int i = 0; i < l.newsCount; i++) {
                long start = l.newsRelease[i] - beforeMs, end = l.newsRelease[i] + afterMs;
                if (l.nowMs < start - cancelLeadMs || l.nowMs > end || (o.expiryMs() > 0 && o.expiryMs() < start)
                        || !affects(o.symbol(), l.newsCurrency[i])) continue;
                l.cancelTickets.add(o.ticket());
                if (until == 0) until = end;
                break;
            }
        }
        if (l.cancelTickets.isEmpty()) return;
        long first = l.cancelTickets.get(0);
        int count = l.cancelTickets.size();
        hits.add(Action.BLOCK_NEW_ENTRIES, PENDING_ID, count, 0, until,
                () -> "Cancel " + count + " resting pending order(s) (first ticket " + first + ") before the news embargo:"
                        + " a pending fill inside it is a violation.");
    }

    private void checkFill(Ledger l, FillEvent f, HitList hits) {
        String symbol = f.fill().symbol();
        int i = windowAt(l, symbol, f.timeMs());
        if (i >= 0 && !f.entry() && exemptMs > 0 && f.positionOpenMs() <= l.newsRelease[i] - exemptMs) i = -1;
        if (i < 0 && !f.entry()) i = windowAt(l, symbol, f.positionOpenMs()); // opened inside a window
        if (i < 0) return;
        if (config.mode() == NewsConfig.Mode.BLOCK) {
            l.newsViolations++;
            hits.add(Action.BLOCK_NEW_ENTRIES, ID, f.timeMs(), l.newsRelease[i], l.newsRelease[i] + afterMs,
                    "A " + (f.entry() ? "fill opening" : "fill closing") + " a position on " + symbol
                            + " happened inside the embargo around the " + l.newsCurrency[i] + " release at "
                            + Fmt.time(l.newsRelease[i]) + ": the firm counts this as a news violation.");
        } else if (!f.entry() && f.netProfit() > 0) {
            // exact cents: the kept share is rounded down, so the share removed is rounded up
            long profit = Cents.of(f.netProfit());
            double removed = Cents.toDouble(profit - Cents.pctOf(profit, config.haircutKeepPct(), false));
            l.haircut += removed;
            l.dayProfit -= removed;
        }
    }

    /** Inside a window with affected positions open: remind that nothing may be closed or added. */
    private void checkHeld(Ledger l, HitList hits) {
        if (config.mode() != NewsConfig.Mode.BLOCK) return;
        List<ValuedPosition> ps = l.positions;
        for (int k = 0, n = ps.size(); k < n; k++) {
            Position p = ps.get(k).position();
            int i = windowAt(l, p.symbol(), l.nowMs);
            if (i >= 0 && !(exemptMs > 0 && p.openTimeMs() <= l.newsRelease[i] - exemptMs)) {
                long until = l.newsRelease[i] + afterMs;
                String symbol = p.symbol();
                hits.add(Action.BLOCK_NEW_ENTRIES, ID, l.nowMs, l.newsRelease[i], until,
                        () -> "News embargo on " + symbol + " until " + Fmt.time(until)
                                + ": hold, do not close or add; a stop-loss or take-profit hit inside the window counts too.");
                return;
            }
        }
    }

    /** Index of a stored release whose window contains {@code t} and that affects {@code symbol}, or -1. */
    int windowAt(Ledger l, String symbol, long t) {
        for (int i = 0; i < l.newsCount; i++) {
            long r = l.newsRelease[i];
            if (t >= r - beforeMs && t <= r + afterMs && affects(symbol, l.newsCurrency[i])) return i;
        }
        return -1;
    }

    boolean affects(String symbol, String currency) {
        if ("ALL".equals(currency)) return true;
        List<String> mapped = symbolCurrencies.get(symbol);
        if (mapped != null) return mapped.contains(currency);
        return symbol.length() >= 6 && (symbol.regionMatches(true, 0, currency, 0, 3)
                || symbol.regionMatches(true, 3, currency, 0, 3));
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < l.newsCount; i++) {
            if (l.newsRelease[i] + afterMs >= l.nowMs) next = Math.min(next, l.newsRelease[i]);
        }
        out.add(new RuleStatus(ID, l.newsViolations, 0, next == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                : (next - beforeMs - l.nowMs) / 60_000.0, 100, l.newsViolations > 0 ? RuleStatus.Status.BREACH : RuleStatus.Status.OK,
                next == Long.MAX_VALUE ? "No high-impact release scheduled." : "Next high-impact release at " + Fmt.time(next)
                        + " (distance in minutes to the embargo); " + l.newsViolations + " violation(s)."));
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        out.add(l.newsViolations > 0 ? RuleStatus.Status.BREACH : RuleStatus.Status.OK);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /**
     * The held positions' reminder comes only inside a window: none may be open now (whatever it affects), and it holds
     * until the next one opens. The resting orders' cancel needs resting orders (none, in a steady account).
     */
    @Override
    public void steady(Ledger l, Steady s) {
        for (int i = 0; i < l.newsCount; i++) {
            long start = l.newsRelease[i] - beforeMs, end = l.newsRelease[i] + afterMs;
            if (l.nowMs > end) continue;
            if (l.nowMs >= start) {
                s.until(l.nowMs);
                return;
            }
            s.until(start);
        }
    }
}
