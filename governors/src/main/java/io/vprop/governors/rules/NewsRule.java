package io.vprop.governors.rules;

import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderCheck;
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
 */
public final class NewsRule implements GovernorRule {
    static final String ID = "news-embargo";
    private static final long KEEP_MS = 24 * 3_600_000L; // releases are kept a day so that exits can look back
    private final NewsConfig config;
    private final Map<String, List<String>> symbolCurrencies;
    private final long beforeMs;
    private final long afterMs;
    private final long exemptMs;

    public NewsRule(NewsConfig config, Map<String, List<String>> symbolCurrencies) {
        this.config = config;
        this.symbolCurrencies = symbolCurrencies;
        this.beforeMs = config.minutesBefore() * 60_000L;
        this.afterMs = config.minutesAfter() * 60_000L;
        this.exemptMs = config.exemptIfOpenedMinutesBefore() * 60_000L;
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
            }
        } else if (e instanceof FillEvent f) {
            checkFill(l, f, hits);
        } else {
            checkHeld(l, hits);
        }
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
}
