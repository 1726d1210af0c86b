package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.ActivityConfig;

import java.util.List;

/**
 * Anti-HFT and activity caps on order requests: orders per second, requests, positions and trades per day,
 * cooldown after consecutive losses. The share of trades held long enough is reported, not blocked (blocking
 * entries cannot make past trades longer).
 */
public final class ActivityRule implements GovernorRule {
    static final String ORDERS_PER_SECOND = "orders-per-second";
    static final String REQUESTS_PER_DAY = "requests-per-day";
    static final String POSITIONS_PER_DAY = "positions-per-day";
    static final String TRADES_PER_DAY = "trades-per-day";
    static final String COOLDOWN = "loss-cooldown";
    static final String HOLD_TIME = "hold-time";
    private final ActivityConfig c;

    public ActivityRule(ActivityConfig config) {
        this.c = config;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (!(e instanceof OrderCheck o)) return;
        long t = o.timeMs();
        if (c.maxOrdersPerSecond() > 0) {
            int n = l.ordersInLastSecond(t);
            if (n >= c.maxOrdersPerSecond()) {
                hits.add(Action.BLOCK_NEW_ENTRIES, ORDERS_PER_SECOND, n + 1, c.maxOrdersPerSecond(), 0,
                        "This would be order " + (n + 1) + " within one second; the limit is " + c.maxOrdersPerSecond() + ".");
            }
        }
        cap(hits, REQUESTS_PER_DAY, l.requestsToday, c.maxRequestsPerDay(), "server requests");
        cap(hits, POSITIONS_PER_DAY, l.positionsToday, c.maxPositionsPerDay(), "positions opened");
        cap(hits, TRADES_PER_DAY, l.tradesToday, c.maxTradesPerDay(), "trades closed");
        if (t < l.cooldownUntilMs) {
            hits.add(Action.BLOCK_NEW_ENTRIES, COOLDOWN, c.cooldownAfterLosses(), c.cooldownAfterLosses(), l.cooldownUntilMs,
                    c.cooldownAfterLosses() + " losing trades in a row: cooling down until " + Fmt.time(l.cooldownUntilMs) + ".");
        }
    }

    private static void cap(HitList hits, String id, int count, int max, String what) {
        if (max > 0 && count >= max) {
            hits.add(Action.BLOCK_NEW_ENTRIES, id, count, max, 0,
                    count + " " + what + " today already; the daily limit is " + max + ".");
        }
    }

    /** Share of closed trades held at least minHoldSeconds, in %; 100 before any trade. */
    public static double heldSharePct(Ledger l) {
        return l.closedTrades == 0 ? 100 : 100.0 * l.heldTrades / l.closedTrades;
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        if (c.minShareHeldPct() > 0) {
            double share = heldSharePct(l);
            out.add(new RuleStatus(HOLD_TIME, share, c.minShareHeldPct(), share - c.minShareHeldPct(), 0,
                    share < c.minShareHeldPct() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK,
                    Fmt.num(share) + "% of trades held at least " + c.minHoldSeconds() + " s; required "
                            + Fmt.num(c.minShareHeldPct()) + "%."));
        }
        line(out, REQUESTS_PER_DAY, l.requestsToday, c.maxRequestsPerDay());
        line(out, POSITIONS_PER_DAY, l.positionsToday, c.maxPositionsPerDay());
        line(out, TRADES_PER_DAY, l.tradesToday, c.maxTradesPerDay());
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        if (c.minShareHeldPct() > 0) out.add(heldSharePct(l) < c.minShareHeldPct() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
        level(out, l.requestsToday, c.maxRequestsPerDay());
        level(out, l.positionsToday, c.maxPositionsPerDay());
        level(out, l.tradesToday, c.maxTradesPerDay());
    }

    private static void level(StatusLevels out, int v, int max) {
        if (max > 0) out.add(v >= max ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
    }

    private static void line(List<RuleStatus> out, String id, int v, int max) {
        if (max <= 0) return;
        out.add(new RuleStatus(id, v, max, max - v, 100.0 * (max - v) / max,
                v >= max ? RuleStatus.Status.WARNING : RuleStatus.Status.OK, v + " of " + max + " today."));
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /** Checks only orders; its statuses count what only orders, fills and the day change. */
    @Override
    public void steady(Ledger l, Steady s) { }
}
