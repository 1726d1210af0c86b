package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.SizeConfig;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;

import java.util.List;

/** Size and risk caps: lots per ticket and per symbol, open positions and orders, % risk per trade, stop loss. */
public final class SizeRule implements GovernorRule {
    static final String LOTS_PER_TICKET = "lots-per-ticket";
    static final String LOTS_PER_SYMBOL = "lots-per-symbol";
    static final String OPEN_POSITIONS = "open-positions";
    static final String OPEN_ORDERS = "open-orders";
    static final String RISK_PER_TRADE = "risk-per-trade";
    static final String STOP_LOSS = "stop-loss-required";
    private final SizeConfig c;

    public SizeRule(SizeConfig config) {
        this.c = config;
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (e instanceof OrderCheck o) {
            checkOrder(l, o, hits);
        } else if (c.stopLossRequired() && c.stopLossWithinSeconds() > 0) {
            long graceMs = c.stopLossWithinSeconds() * 1000L;
            List<ValuedPosition> ps = l.positions;
            for (int i = 0, n = ps.size(); i < n; i++) {
                Position p = ps.get(i).position();
                if (!p.hasStopLoss() && l.nowMs - p.openTimeMs() > graceMs) {
                    String symbol = p.symbol();
                    hits.add(Action.BLOCK_NEW_ENTRIES, STOP_LOSS, (l.nowMs - p.openTimeMs()) / 1000.0, c.stopLossWithinSeconds(), 0,
                            () -> "Position on " + symbol + " has had no stop loss for more than "
                                    + c.stopLossWithinSeconds() + " s: set one or close it; no new entries meanwhile.");
                    return;
                }
            }
        }
    }

    private void checkOrder(Ledger l, OrderCheck check, HitList hits) {
        OrderIntent o = check.order();
        double perTicket = c.maxLotsPerTicket(o.symbol());
        if (perTicket > 0 && o.lots() > perTicket) {
            hits.add(Action.BLOCK_NEW_ENTRIES, LOTS_PER_TICKET, o.lots(), perTicket, 0,
                    Fmt.num(o.lots()) + " lots on " + o.symbol() + " exceeds the " + Fmt.num(perTicket) + " lots allowed per ticket.");
        }
        if (c.maxLotsPerSymbol() > 0) {
            double open = 0;
            for (int i = 0, n = l.positions.size(); i < n; i++) {
                Position p = l.positions.get(i).position();
                if (p.symbol().equals(o.symbol())) open += p.volume();
            }
            if (open + o.lots() > c.maxLotsPerSymbol() + 1e-9) {
                hits.add(Action.BLOCK_NEW_ENTRIES, LOTS_PER_SYMBOL, open + o.lots(), c.maxLotsPerSymbol(), 0,
                        Fmt.num(open + o.lots()) + " lots open on " + o.symbol() + " would exceed " + Fmt.num(c.maxLotsPerSymbol()) + ".");
            }
        }
        if (c.maxOpenPositions() > 0 && l.positions.size() + 1 > c.maxOpenPositions()) {
            hits.add(Action.BLOCK_NEW_ENTRIES, OPEN_POSITIONS, l.positions.size() + 1, c.maxOpenPositions(), 0,
                    "A new position would make " + (l.positions.size() + 1) + " open; the limit is " + c.maxOpenPositions() + ".");
        }
        int orders = l.positions.size() + l.pendingOrders + 1;
        if (c.maxOpenOrders() > 0 && orders > c.maxOpenOrders()) {
            hits.add(Action.BLOCK_NEW_ENTRIES, OPEN_ORDERS, orders, c.maxOpenOrders(), 0,
                    orders + " open orders and positions would exceed the limit of " + c.maxOpenOrders() + ".");
        }
        if (c.stopLossRequired() && c.stopLossWithinSeconds() == 0 && !check.hasStopLoss()) {
            hits.add(Action.BLOCK_NEW_ENTRIES, STOP_LOSS, 0, 1, 0, "Order on " + o.symbol() + " has no stop loss; the firm requires one.");
        }
        if (c.maxRiskPctPerTrade() > 0 && check.hasStopLoss()) {
            double pct = check.lossAtStop() / l.initialBalance * 100;
            if (pct > c.maxRiskPctPerTrade()) {
                hits.add(Action.BLOCK_NEW_ENTRIES, RISK_PER_TRADE, pct, c.maxRiskPctPerTrade(), 0, "Order risks "
                        + Fmt.num(pct) + "% of the initial balance at its stop; the limit is " + Fmt.num(c.maxRiskPctPerTrade()) + "%.");
            }
        }
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        if (c.maxOpenPositions() > 0) {
            int n = l.positions.size();
            out.add(new RuleStatus(OPEN_POSITIONS, n, c.maxOpenPositions(), c.maxOpenPositions() - n,
                    100.0 * (c.maxOpenPositions() - n) / c.maxOpenPositions(),
                    n >= c.maxOpenPositions() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK, n + " positions open."));
        }
        if (c.maxOpenOrders() > 0) {
            int n = l.positions.size() + l.pendingOrders;
            out.add(new RuleStatus(OPEN_ORDERS, n, c.maxOpenOrders(), c.maxOpenOrders() - n,
                    100.0 * (c.maxOpenOrders() - n) / c.maxOpenOrders(),
                    n >= c.maxOpenOrders() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK, n + " orders and positions open."));
        }
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        if (c.maxOpenPositions() > 0) out.add(l.positions.size() >= c.maxOpenPositions() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
        if (c.maxOpenOrders() > 0)
            out.add(l.positions.size() + l.pendingOrders >= c.maxOpenOrders() ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
    }

    /** Flat and unchanged, nothing this rule reads moves with the time alone. */
    @Override
    public long quietUntil(Ledger l) { return Long.MAX_VALUE; }

    /**
     * The statuses count positions and orders (unchanged); a position without a stop is reminded of once its grace
     * has passed ({@code nowMs - openTimeMs > grace}): until the first such time.
     */
    @Override
    public void steady(Ledger l, Steady s) {
        if (!(c.stopLossRequired() && c.stopLossWithinSeconds() > 0)) return;
        long graceMs = c.stopLossWithinSeconds() * 1000L;
        for (int i = 0, n = l.positions.size(); i < n; i++) {
            Position p = l.positions.get(i).position();
            if (!p.hasStopLoss()) s.until(l.nowMs - p.openTimeMs() > graceMs ? l.nowMs : p.openTimeMs() + graceMs + 1);
        }
    }
}
