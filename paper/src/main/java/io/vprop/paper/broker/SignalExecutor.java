package io.vprop.paper.broker;

import io.vprop.market.instrument.Instrument;
import io.vprop.market.Tick;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the VProp EA does with the sidecar's signals on the trade server (mt5-ea's Include/VProp/Execution.mqh), over a
 * {@link PaperBroker}: the checks before an order (expiry, the terminal's own gate, a quote, the price still within
 * the signal's deviation), the market order with TP2 as the broker's take profit, the partial close at TP1 (then the
 * stop to break-even), closing orders and flattening. The paper terminal and the backtester both execute through
 * this one class, so a backtest fills exactly as the paper terminal does. Single-threaded, no clock: times come in.
 */
public final class SignalExecutor {

    /** A terminal's own refusal before the broker sees an order (a silent sidecar, the EA's governors). */
    @FunctionalInterface
    public interface Gate {
        /**
         * @param order what the signal asks for
         * @param quote the symbol's last quote, or null before its first
         * @return the refusal, or null to let the order go on
         */
        Refusal check(OrderIntent order, Tick quote);

        Gate NONE = (order, quote) -> null;
    }

    /** Why the terminal refused a signal: the rule (e.g. "signal.expired") and the reason in words. */
    public record Refusal(String rule, String reason) {
    }

    /** The terminal's answer to one signal, and the deals it made, in the order they happened. */
    public record Outcome(OrderUpdate update, List<Deal> deals) {
    }

    /** @param slot the index of the symbol's quote slot at the broker (a tick of another symbol cannot reach TP1) */
    private record Tp1Plan(long ticket, String signalId, String symbol, int slot, double tp1, Side side, double closeVolume) {
    }

    private record Placed(String signalId, OrderIntent order) {
    }

    private final PaperBroker broker;
    private final boolean breakEvenAfterTp1;
    private final Consumer<String> warnings;
    /**
     * The TP1 plans by position ticket, in the order they were made (a plan made again for its ticket keeps its place),
     * as a list: every quote and every leg of a bar's path reads them, by index and by ticket without a boxed key.
     */
    private final List<Tp1Plan> tp1Plans = new ArrayList<>();
    /** The plans' tickets and TP1 prices in the same order, for {@link #tp1Of} (a bar's path asks at every leg). */
    private long[] planTickets = new long[0];
    private double[] planTp1s = new double[0];
    /** How many plans each quote slot of the broker has, by slot index: a tick of a symbol without one needs no pass. */
    private int[] plansBySlot = new int[0];
    /** The indexes in {@link #tp1Plans} of each slot's plans, in their order (the first {@link #plansBySlot} of each). */
    private int[][] planIndexesBySlot = new int[0][];
    /** Counts the changes of the plans (each {@link #plansChanged}): a position's kept {@link #tp1Of} holds while it stands. */
    private long plansAt;
    private final Map<Long, Placed> placed = new HashMap<>();
    private boolean positionsChanged = true;
    private long ticks;

    /**
     * @param breakEvenAfterTp1 move the stop to the entry price once TP1 is taken
     * @param warnings          what went wrong without a signal to answer (a failed TP1 close), in words
     */
    public SignalExecutor(PaperBroker broker, boolean breakEvenAfterTp1, Consumer<String> warnings) {
        if (broker == null || warnings == null) throw new IllegalArgumentException("broker and warnings are required");
        this.broker = broker;
        this.breakEvenAfterTp1 = breakEvenAfterTp1;
        this.warnings = warnings;
    }

    public PaperBroker broker() { return broker; }

    /**
     * One quote: the broker's own deals (delayed fills, SL, TP, stop-out), then the EA's TP1 partial closes.
     *
     * @return the deals in the order they happened (usually none)
     */
    public List<Deal> onTick(Tick t) {
        ticks++;
        List<Deal> deals = broker.onTick(t);
        if (!deals.isEmpty()) positionsChanged = true;
        // a delayed order's deals already came out of onTick; its result only tells whether it got a TP1 plan
        List<ExecutionResult> delayed = broker.drainDelayedResults();
        for (int i = 0, n = delayed.size(); i < n; i++) {
            ExecutionResult r = delayed.get(i);
            Placed p = placed.remove(r.order());
            if (p != null && r.ok()) planTp1(p.signalId(), p.order(), r.deals());
        }
        if (tp1Plans.isEmpty()) return deals;
        // (a pass that neither sweeps nor finds a plan of this symbol does nothing: most ticks are of other symbols)
        int slot = broker.ticked().index;
        if (!positionsChanged && (ticks & 1023) != 0 && (slot >= plansBySlot.length || plansBySlot[slot] == 0)) return deals;
        List<Deal> partials = manageTp1(t, slot);
        if (partials.isEmpty()) return deals;
        List<Deal> all = new ArrayList<>(deals);
        all.addAll(partials);
        return all;
    }

    /** Executes one signal at the broker's current quote (or, with latency, at the first tick after it). */
    public Outcome execute(String signalId, OrderIntent order, long nowMs, Gate gate) {
        return execute(signalId, order, nowMs, nowMs, gate);
    }

    /**
     * As {@link #execute(String, OrderIntent, long, Gate)}, the signal's validity judged at market time
     * {@code validAtMs} (at most {@code nowMs}): a batched replay passes the market time the sidecar had surely reached
     * when it decided, so running ahead of the sidecar never expires a signal (its validity runs on market time).
     */
    public Outcome execute(String signalId, OrderIntent order, long nowMs, long validAtMs, Gate gate) {
        if (order.expiryMs() < validAtMs)
            return reject(signalId, "signal.expired", "expired " + (validAtMs - order.expiryMs()) + " ms ago");
        Tick q = broker.quote(order.symbol());
        Refusal refused = gate.check(order, q);
        if (refused != null) return reject(signalId, refused.rule(), refused.reason());
        if (q == null) return reject(signalId, "market.no_quote", "no quote for " + order.symbol());
        if (!order.opens()) return close(signalId, order, nowMs);
        Side side = order.side();
        if (order.type().pending()) {
            // a limit or stop order rests at its trigger until it fills or the signal's expiry: executed = placed
            ExecutionResult r = broker.place(order.type(), new TradeRequest(order.symbol(), side, order.lots(), order.price(),
                    0, order.sl(), order.tp2() > 0 ? order.tp2() : order.tp1(), 0, signalId, nowMs), order.expiryMs());
            if (!r.ok()) return reject(signalId, brokerRule(r), r.comment());
            return new Outcome(new OrderUpdate(signalId, OrderStatus.EXECUTED, "", "pending order placed", r.order(), r.price()), List.of());
        }
        double px = side == Side.BUY ? q.ask() : q.bid();
        if (order.maxDeviation() > 0 && Math.abs(px - order.price()) > order.maxDeviation())
            return reject(signalId, "execution.off_price", "price " + px + " is " + Math.abs(px - order.price()) + " from "
                    + order.price());
        ExecutionResult r = broker.execute(new TradeRequest(order.symbol(), side, order.lots(), order.price(),
                order.maxDeviation(), order.sl(), order.tp2(), 0, signalId, nowMs));
        if (!r.ok()) return reject(signalId, brokerRule(r), r.comment());
        if (r.retcode() == Retcode.PLACED) placed.put(r.order(), new Placed(signalId, order));
        if (!r.deals().isEmpty()) positionsChanged = true;
        long ticket = planTp1(signalId, order, r.deals());
        return new Outcome(new OrderUpdate(signalId, OrderStatus.EXECUTED, "", "", ticket, r.price()), r.deals());
    }

    /** Closes every position at market, the deals labelled with {@code reason} (a pause or halt of the governors). */
    public List<Deal> closeAll(long nowMs, DealReason reason) {
        return closeWhere(nowMs, reason, p -> true);
    }

    /** Closes at market the positions {@code which} selects (a trader's flatten or close of one position). */
    public List<Deal> closeWhere(long nowMs, DealReason reason, java.util.function.Predicate<Position> which) {
        List<Deal> out = new ArrayList<>();
        for (Position p : broker.snapshot().positions()) {
            if (!which.test(p)) continue;
            ExecutionResult r = broker.execute(new TradeRequest(p.symbol(), p.side().opposite(), p.volume(), 0, 0, 0, 0,
                    p.ticket(), p.signalId(), nowMs));
            if (r.ok()) for (Deal d : r.deals()) out.add(relabel(d, reason));
            else warnings.accept("closing #" + p.ticket() + " failed: " + r.retcode() + " " + r.comment());
        }
        if (!out.isEmpty()) positionsChanged = true;
        return out;
    }

    /** The TP1 price planned for an open position, or 0 when it has no plan (no TP1, or taken already). */
    public double tp1Of(long ticket) {
        long[] tickets = planTickets;                        // (a bar's path asks at every leg: a few plans at most)
        for (int i = 0; i < tickets.length; i++) if (tickets[i] == ticket) return planTp1s[i];
        return 0;
    }

    /**
     * {@link #tp1Of(long)} of a broker's position, kept on the position until the plans change ({@link #plansAt}): a
     * bar's path asks at every leg of a symbol with a position, and the plans change only with a fill or a TP1.
     */
    double tp1Of(OpenPosition p) {
        if (p.tp1Of == this && p.tp1At == plansAt) return p.tp1;
        double tp1 = tp1Of(p.ticket);
        p.tp1Of = this;
        p.tp1At = plansAt;
        p.tp1 = tp1;
        return tp1;
    }

    // ------------------------------------------------------------------ the EA's rules

    /** The position a fill opened gets a TP1 plan for half its volume (when half is a tradable volume). */
    private long planTp1(String signalId, OrderIntent order, List<Deal> deals) {
        long ticket = 0;
        for (Deal d : deals) ticket = d.position();
        if (order.tp1() > 0 && ticket > 0) {
            Instrument instrument = broker.config().instrument(order.symbol());
            double half = instrument.floorVolume(order.lots() / 2);
            if (half >= instrument.volumeMin() && half < order.lots()) {
                Tp1Plan plan = new Tp1Plan(ticket, signalId, order.symbol(), broker.slot(order.symbol()).index, order.tp1(),
                        order.side(), half);
                int at = planIndex(ticket);
                if (at < 0) tp1Plans.add(plan);
                else tp1Plans.set(at, plan);
                plansChanged();
            }
        }
        return ticket;
    }

    private Outcome close(String signalId, OrderIntent order, long nowMs) {
        long ticket = 0;
        double price = 0;
        List<Deal> deals = new ArrayList<>();
        for (Position p : broker.snapshot().positions()) {
            if (!p.symbol().equals(order.symbol()) || (order.position() != 0 && p.ticket() != order.position())) continue;
            ExecutionResult r = broker.execute(new TradeRequest(p.symbol(), p.side().opposite(), p.volume(), 0, 0, 0, 0,
                    p.ticket(), signalId, nowMs));
            if (!r.ok()) return new Outcome(rejection(signalId, brokerRule(r), r.comment()), deals);
            deals.addAll(r.deals());
            positionsChanged = true;
            ticket = p.ticket();
            price = r.price();
        }
        if (ticket == 0) return reject(signalId, "execution.no_position", "no matching open position");
        return new Outcome(new OrderUpdate(signalId, OrderStatus.EXECUTED, "", "", ticket, price), deals);
    }

    /**
     * Partial close at TP1 for positions that have a plan, once the exit price reaches TP1; then (optionally) the stop
     * to break-even. The plans whose position is gone are dropped when deals happened (or every 1,024 ticks); the
     * positions are read from the broker as they are (no snapshot: a backtest has plans open at most quotes).
     */
    private List<Deal> manageTp1(Tick t, int slot) {
        boolean sweep = positionsChanged || (ticks & 1023) == 0;   // drop the plans whose position is gone
        if (sweep) positionsChanged = false;
        boolean looked = sweep;
        List<Deal> out = List.of();
        List<Tp1Plan> done = null;                             // plans to drop (rarely any)
        // without a sweep only this slot's plans can do anything: those, in their order (the list is not changed here)
        int[] mine = sweep ? null : planIndexesBySlot[slot];   // (the caller saw plans of this slot without a sweep)
        for (int i = 0, n = sweep ? tp1Plans.size() : plansBySlot[slot]; i < n; i++) {
            Tp1Plan plan = tp1Plans.get(sweep ? i : mine[i]);
            if (sweep && broker.openPosition(plan.ticket()) == null) {
                (done == null ? done = new ArrayList<>() : done).add(plan);
                continue;
            }
            if (plan.slot() != slot) continue;                 // (the slot is the symbol's: as comparing the names)
            boolean hit = plan.side() == Side.BUY ? t.bid() >= plan.tp1() : t.ask() <= plan.tp1();
            if (!hit) continue;
            if (!looked) {
                looked = true;
                positionsChanged = false;
            }
            OpenPosition pos = broker.openPosition(plan.ticket());
            if (pos == null) {
                (done == null ? done = new ArrayList<>() : done).add(plan);
                continue;
            }
            long ticket = pos.ticket;
            double openPrice = pos.priceOpen, tp = pos.tp;     // as they were before the partial close
            ExecutionResult r = broker.execute(new TradeRequest(pos.symbol, plan.side().opposite(), plan.closeVolume(), 0, 0,
                    0, 0, ticket, plan.signalId(), t.timeMs()));
            if (r.ok()) {
                if (out.isEmpty()) out = new ArrayList<>();
                for (Deal d : r.deals()) out.add(relabel(d, DealReason.TP1_PARTIAL));
                positionsChanged = true;
                if (breakEvenAfterTp1) broker.modify(ticket, openPrice, tp);
            } else {
                warnings.accept("TP1 partial close of #" + ticket + " failed: " + r.retcode() + " " + r.comment());
            }
            (done == null ? done = new ArrayList<>() : done).add(plan);
        }
        if (done != null) {
            // each its own plan, by identity (as equals: the plans' tickets differ), without a record's equals per pair
            for (int i = 0, n = done.size(); i < n; i++) tp1Plans.remove(planIndex(done.get(i).ticket()));
            plansChanged();
        }
        return out;
    }

    /** Lays the plans out again for {@link #tp1Of} and the pass of each tick (after a plan is made or dropped). */
    private void plansChanged() {
        plansAt++;
        int n = tp1Plans.size();
        planTickets = new long[n];
        planTp1s = new double[n];
        Arrays.fill(plansBySlot, 0);
        for (int i = 0; i < n; i++) {
            Tp1Plan p = tp1Plans.get(i);
            planTickets[i] = p.ticket();
            planTp1s[i] = p.tp1();
            if (p.slot() >= plansBySlot.length) {
                plansBySlot = Arrays.copyOf(plansBySlot, p.slot() + 1);
                planIndexesBySlot = Arrays.copyOf(planIndexesBySlot, p.slot() + 1);
            }
            int[] at = planIndexesBySlot[p.slot()];
            if (at == null || at.length == plansBySlot[p.slot()])
                planIndexesBySlot[p.slot()] = at = Arrays.copyOf(at == null ? new int[0] : at, Math.max(4, 2 * plansBySlot[p.slot()]));
            at[plansBySlot[p.slot()]++] = i;
        }
    }

    private int planIndex(long ticket) {
        for (int i = 0, n = tp1Plans.size(); i < n; i++) if (tp1Plans.get(i).ticket() == ticket) return i;
        return -1;
    }

    private static Deal relabel(Deal d, DealReason reason) {
        return new Deal(d.ticket(), d.order(), d.position(), d.symbol(), d.side(), d.entry(), d.price(), d.volume(),
                d.commission(), d.swap(), d.profit(), d.timeMs(), reason, d.comment());
    }

    private static String brokerRule(ExecutionResult r) { return "broker." + r.retcode().name().toLowerCase(Locale.ROOT); }

    private static Outcome reject(String signalId, String rule, String reason) {
        return new Outcome(rejection(signalId, rule, reason), List.of());
    }

    private static OrderUpdate rejection(String signalId, String rule, String reason) {
        return new OrderUpdate(signalId, OrderStatus.REJECTED, rule, reason, 0, 0);
    }
}
