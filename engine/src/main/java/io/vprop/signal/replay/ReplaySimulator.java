package io.vprop.signal.replay;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.signal.Decision;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.Skip;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Engine-only replay: ticks (merged across symbols, in time order) go to the engine; trade candidates become market
 * orders filled by an {@link ExecutionModel} on the symbol's next quote; positions are managed tick by tick:
 * half closes at TP1 and the stop moves to break-even, the rest closes at TP2, the stop, or after
 * {@code maxHoldMs}. Closed trades feed back into the engine (learning) and the account into the risk budget
 * (daily loss measured from the UTC-midnight balance). Deterministic for a given input and config.
 */
public final class ReplaySimulator {
    private final SignalEngine engine;
    private final PropFirmRiskBudget risk;
    private final ExecutionModel model;
    private final Map<String, SymbolSpec> specs = new HashMap<>();
    private final long maxHoldMs;
    private final double initialEquity;

    private final Map<String, TradeCandidate> pending = new HashMap<>();
    private final Map<String, SimulatedTrade> open = new LinkedHashMap<>();
    private final List<ReplayTrade> closed = new ArrayList<>();
    private final Map<String, Long> tradesByAlpha = new TreeMap<>();
    private final Map<String, Long> tradesBySymbol = new TreeMap<>();
    private double balance, peak, maxDd, maxDdPct, dayStartBalance, commission, slippageCost, spreadCost;
    private long currentDay = Long.MIN_VALUE, ticks, decisions, notFilled;

    private static final class SimulatedTrade {
        TradeCandidate c;
        SymbolSpec spec;
        double lots, remaining, entry, sl, riskMoney, realised, commission;
        boolean tp1Hit;
        long entryTime, deadline;
        double markPrice = Double.NaN;
    }

    public ReplaySimulator(SignalEngine engine, PropFirmRiskBudget risk, ExecutionModel model, List<SymbolSpec> symbols,
                           double initialEquity, long maxHoldMs) {
        this.engine = engine;
        this.risk = risk;
        this.model = model;
        for (SymbolSpec s : symbols) specs.put(s.symbol(), s);
        this.initialEquity = initialEquity;
        this.balance = initialEquity;
        this.peak = initialEquity;
        this.dayStartBalance = initialEquity;
        this.maxHoldMs = maxHoldMs;
    }

    public void feed(Tick t) {
        ticks++;
        SymbolSpec spec = specs.get(t.symbol());
        long day = Math.floorDiv(t.timeMs(), 86_400_000L);
        if (day != currentDay) { currentDay = day; dayStartBalance = balance; }
        boolean quoteOk = spec != null && Double.isFinite(t.bid()) && Double.isFinite(t.ask()) && t.bid() > 0 && t.ask() > t.bid();
        if (quoteOk) {
            SimulatedTrade p = open.get(t.symbol());
            if (p != null) manage(p, t);
            TradeCandidate c = pending.remove(t.symbol());
            if (c != null) enter(c, spec, t);
        }
        updateAccount(t);
        Decision d = engine.onTick(t);
        if (d instanceof TradeCandidate c) {
            decisions++;
            if (!open.containsKey(c.symbol()) && !pending.containsKey(c.symbol())) pending.put(c.symbol(), c);
        } else if (d instanceof Skip) {
            decisions++;
        }
    }

    private void enter(TradeCandidate c, SymbolSpec spec, Tick t) {
        double price = model.entryPrice(c, spec, t.timeMs(), t.bid(), t.ask());
        if (Double.isNaN(price)) { notFilled++; return; }
        SimulatedTrade p = new SimulatedTrade();
        p.c = c;
        p.spec = spec;
        p.lots = p.remaining = c.lots();
        p.entry = price;
        p.sl = c.stopLoss();
        p.riskMoney = spec.moneyPerPriceMove(Math.abs(price - c.stopLoss()), c.lots());
        p.entryTime = t.timeMs();
        p.deadline = t.timeMs() + maxHoldMs;
        p.commission = model.commission(c.lots());
        commission += p.commission;
        spreadCost += spec.moneyPerPriceMove(t.ask() - t.bid(), c.lots());
        slippageCost += spec.moneyPerPriceMove(Math.abs(price - (c.side() == Side.BUY ? t.ask() : t.bid())), c.lots());
        open.put(c.symbol(), p);
        tradesByAlpha.merge(c.alpha().name(), 1L, Long::sum);
        tradesBySymbol.merge(c.symbol(), 1L, Long::sum);
        engine.onFill(c.symbol(), c.side(), c.referencePrice(), price);
        pushAccount();
    }

    private void manage(SimulatedTrade p, Tick t) {
        int sign = p.c.side().sign();
        double touch = sign > 0 ? t.bid() : t.ask();
        if ((touch - p.sl) * sign <= 0) {
            double px = model.marketExitPrice(p.c.side(), p.spec, t.bid(), t.ask());
            slippageCost += p.spec.moneyPerPriceMove(Math.abs(px - touch), p.remaining);
            close(p, px, t.timeMs(), p.tp1Hit ? "BE" : "SL");
        } else if (!p.tp1Hit && (touch - p.c.takeProfit1()) * sign >= 0) {
            double half = p.spec.floorVolume(p.lots / 2);
            if (half <= 0 || p.lots - half < p.spec.volumeMin() - 1e-9) {
                close(p, p.c.takeProfit1(), t.timeMs(), "TP1");
                return;
            }
            p.realised += p.spec.moneyPerPriceMove((p.c.takeProfit1() - p.entry) * sign, half);
            p.remaining = Math.round((p.lots - half) * 1e8) / 1e8;
            p.tp1Hit = true;
            p.sl = p.entry;
            pushAccount();
        } else if (p.tp1Hit && (touch - p.c.takeProfit2()) * sign >= 0) {
            close(p, p.c.takeProfit2(), t.timeMs(), "TP2");
        } else if (t.timeMs() >= p.deadline) {
            close(p, model.marketExitPrice(p.c.side(), p.spec, t.bid(), t.ask()), t.timeMs(), "TIME");
        }
    }

    private void close(SimulatedTrade p, double price, long timeMs, String how) {
        int sign = p.c.side().sign();
        double pnl = p.realised + p.spec.moneyPerPriceMove((price - p.entry) * sign, p.remaining) - p.commission;
        balance += pnl;
        open.remove(p.c.symbol());
        double r = p.riskMoney > 0 ? pnl / p.riskMoney : 0;
        closed.add(new ReplayTrade(p.c.symbol(), p.c.side(), p.lots, p.entryTime, p.entry, timeMs, how, p.tp1Hit, pnl,
                p.commission, r, p.c.alpha().name(), p.c.timeframe().name(), p.c.regime().name(), p.c.grade().label()));
        engine.onTradeClosed(new TradeOutcome(p.c.symbol(), p.c.alpha(), p.c.regime(), r, pnl, timeMs));
        pushAccount();
    }

    private double unrealised(Tick t) {
        double u = 0;
        for (SimulatedTrade p : open.values()) {
            if (!p.c.symbol().equals(t.symbol())) continue; // other symbols: valued at their own last tick (below)
            int sign = p.c.side().sign();
            double touch = sign > 0 ? t.bid() : t.ask();
            p.markPrice = touch;
        }
        for (SimulatedTrade p : open.values()) {
            if (Double.isNaN(p.markPrice)) continue;
            u += p.realised + p.spec.moneyPerPriceMove((p.markPrice - p.entry) * p.c.side().sign(), p.remaining);
        }
        return u;
    }

    private void updateAccount(Tick t) {
        double equity = balance + unrealised(t);
        if (equity > peak) peak = equity;
        double dd = peak - equity;
        if (dd > maxDd) maxDd = dd;
        if (peak > 0 && dd / peak > maxDdPct) maxDdPct = dd / peak;
        double openRisk = 0;
        for (SimulatedTrade p : open.values())
            openRisk += p.spec.moneyPerPriceMove(Math.max(0, (p.entry - p.sl) * p.c.side().sign()), p.remaining);
        risk.update(equity, dayStartBalance, openRisk, open.size());
        lastEquity = equity;
    }

    private double lastEquity;

    private void pushAccount() {
        List<Position> ps = new ArrayList<>(open.size());
        for (SimulatedTrade p : open.values())
            ps.add(new Position(0, p.c.symbol(), p.c.side(), p.remaining, p.entry, p.sl, 0, 0, 0, 0, p.entryTime, ""));
        engine.onAccount(Math.max(lastEquity > 0 ? lastEquity : balance, 1e-9), ps);
    }

    public ReplayReport report(List<String> symbols) {
        SignalEngine.Stats st = engine.stats();
        Map<String, Long> rejected = new TreeMap<>();
        st.rejected().forEach((k, v) -> rejected.put(k.name(), v));
        Map<String, Long> skipsBy = new TreeMap<>();
        st.skipsByReason().forEach((k, v) -> skipsBy.put(k.name(), v));
        Map<String, Long> idleBy = new TreeMap<>();
        st.idle().forEach((k, v) -> idleBy.put(k.name(), v));
        int wins = 0;
        double net = 0, sumR = 0;
        for (ReplayTrade tr : closed) {
            if (tr.pnl() > 0) wins++;
            net += tr.pnl();
            sumR += tr.rMultiple();
        }
        int n = closed.size();
        return new ReplayReport(symbols, ticks, st.accepted(), rejected, decisions, st.trades(), notFilled, st.skips(),
                st.skipRate(), skipsBy, idleBy, n, wins, n == 0 ? Double.NaN : (double) wins / n, net, commission,
                slippageCost, spreadCost, maxDd, maxDdPct, balance, initialEquity, n == 0 ? Double.NaN : sumR / n,
                tradesByAlpha, tradesBySymbol, List.copyOf(closed));
    }

    public List<ReplayTrade> closedTrades() { return List.copyOf(closed); }

    public double balance() { return balance; }

    public int openPositions() { return open.size(); }

}
