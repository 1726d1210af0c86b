package io.vprop.paper.broker;

import io.vprop.market.Tick;
import io.vprop.market.instrument.ConversionRoute;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.QuoteLookup;
import io.vprop.trade.AccountState;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Position;
import io.vprop.trade.OrderType;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The execution simulator standing in for the MT5 trade server: quotes, market orders with slippage and latency,
 * SL/TP, swaps at rollover, margin and stop-out, netting or hedging. Pure domain code: no clock, no I/O — time is
 * whatever the ticks and requests say. Not thread-safe; drive it from one thread. Rules are in
 * docs/paper-broker.md; the short version:
 * <ul>
 *   <li>BUY fills at the ask, SELL at the bid, plus slippage of 0..maxSlippagePoints against the trader;</li>
 *   <li>BUY positions close (and trigger SL/TP) at the bid, SELL positions at the ask;</li>
 *   <li>SL fills at the quote that touched it (= the SL, or worse when the market gapped through); TP fills at the
 *       TP price (no positive slippage);</li>
 *   <li>money is in the account currency: profits, commission (the instrument's model) and swaps in points are
 *       converted from the profit currency at the current mid of the conversion pair (or a fixed rate);</li>
 *   <li>swap is charged on every open position at each 21:00 UTC rollover Monday–Friday, triple on the
 *       instrument's triple-swap day (Wednesday for FX, covering the weekend);</li>
 *   <li>stop-out: while equity / margin × 100 &lt; stopOutLevelPercent, the position with the largest loss is
 *       closed at market.</li>
 * </ul>
 */
public final class PaperBroker {
    private static final double EPS = 1e-9;
    private static final long DAY = 86_400_000L, ROLLOVER = 21 * 3_600_000L;

    private final BrokerConfig config;
    private final SplittableRandom slippage;
    /** Each symbol's last quote, in a slot that positions and conversions hold on to (no lookup per use). */
    private final Map<String, QuoteSlot> quotes = new HashMap<>();
    private QuoteSlot[] slots = new QuoteSlot[0];      // the same slots, in creation order
    /** The same slots by their name's hash (open addressing, at most half full), for {@link #knownSlot}. */
    private QuoteSlot[] byName = new QuoteSlot[16];
    /** The slot of the last tick {@link #onTick} took (the executor's TP1 rule reads it right after). */
    private QuoteSlot ticked;
    private final Map<String, ConversionRoute> routes = new HashMap<>();
    private final Map<String, Rate> rates = new HashMap<>();
    /**
     * The open positions in opening order, the one place they are kept: indexed, the loops of every quote make no
     * iterator, and a ticket is found by a walk of a few positions (a map by ticket boxed the ticket and walked its
     * buckets at every close and modification: a backtest's SL/TP closes spent more there than in their money).
     */
    private final List<OpenPosition> open = new ArrayList<>();
    private final List<PendingOrder> pending = new ArrayList<>();
    private final List<ExecutionResult> delayedResults = new ArrayList<>();
    /** Limit and stop orders resting at the server, in placing order, and their steps not drained yet. */
    private final List<Resting> resting = new ArrayList<>();
    private final List<OrderEvent> orderEvents = new ArrayList<>();
    private double balance;
    private long nextOrder = 1, nextDeal = 1;
    private long lastTimeMs = Long.MIN_VALUE;
    /** The first rollover after {@link #lastTimeMs} (as {@link #chargeSwaps} finds it; {@code MIN_VALUE}: none yet). */
    private long rolloverAfterLast = Long.MIN_VALUE;
    /** The last snapshot, and the raw balance and (with positions) the margin sum it was taken at. */
    private AccountState lastSnapshot;
    private double lastSnapshotBalance, lastSnapshotMargin;
    /**
     * The views the last snapshot shows, one per open position in their order, while {@link #shownValid} (the open
     * positions are still those, in that order): a new snapshot looks again only at the {@link #unshownCount} positions
     * in {@link #unshown}, those a quote or a change may have moved since (each once, {@link OpenPosition#unshown}),
     * where walking every position cost more than the one or two new views of a quote.
     */
    private Position[] shown = new Position[0];
    private boolean shownValid;
    private OpenPosition[] unshown = new OpenPosition[4];
    private int unshownCount;
    /**
     * Counts the changes of what the account's numbers are made of: a fill, a close, a swap, a modification, and a
     * quote of a slot an open position reads (its own symbol or its conversion pair). While it stands still the
     * positions' profits, swaps and margins, the balance and so every sum of them are what they were.
     */
    private long moves;
    /** {@link #moves} when the sums below and {@link #lastSnapshot} were worked out ({@code -1}: never). */
    private long sumsAt = -1, snapshotAt = -1;
    /**
     * The account's sums as of {@link #sumsAt}, each in the order of the open positions as every loop here adds them:
     * balance + each (profit + swap) (stop-out's equity), 0 + each (profit + swap) (a snapshot's floating profit),
     * 0 + each margin.
     */
    private double sumEquity, sumFloating, sumMargin;
    /** {@link #moves} when stop-out last found the margin level at or above its level ({@code -1}: never). */
    private long safeAt = -1;

    private record PendingOrder(long order, TradeRequest request, long dueMs) {
    }

    /** A limit or stop order and the market request it becomes when its trigger is reached. */
    private record Resting(io.vprop.trade.PendingOrder order, TradeRequest request) {
    }

    /**
     * Numbers the next orders, deals and positions above {@code ticket}, as a real server never reuses one: a paper
     * terminal restarted after a crash continues above what its journal has sent (a reused deal number is a fill the
     * sidecar drops as already known). Never lowers the counters.
     */
    public void continueAbove(long ticket) {
        nextOrder = Math.max(nextOrder, ticket + 1);
        nextDeal = Math.max(nextDeal, ticket + 1);
    }

    public PaperBroker(BrokerConfig config) {
        if (config == null) throw new IllegalArgumentException("config is required");
        this.config = config;
        this.balance = config.initialBalance();
        this.slippage = new SplittableRandom(config.slippageSeed());
        CurrencyConverter converter = CurrencyConverter.forInstruments(config.currency(), config.instruments().values(),
                config.fixedRates());
        for (Instrument i : config.instruments().values()) {
            ConversionRoute route = converter.route(i.profitCurrency());
            routes.put(i.symbol(), route);
            Map<String, QuoteSlot> pairs = new HashMap<>();
            for (String pair : route.symbols()) pairs.put(pair, slot(pair));
            rates.put(i.symbol(), new Rate(i, route, pairs));
            slot(i.symbol());
        }
    }

    /** A symbol's last quote (null before its first). */
    static final class QuoteSlot {
        final String symbol;
        final int index;    // in creation order
        Tick tick;
        String seenAs;      // the String instance the symbol was last asked for with
        /** The rates whose route reads this slot: a new quote here is the only thing that changes their value. */
        Rate[] readers = new Rate[0];
        /** Open positions of this symbol. */
        int held;
        /**
         * The first {@link #held} are those positions, in opening order (the order of {@link #open} among them): a
         * quote's SL/TP scan and a bar path's levels walk the symbol's own positions only.
         */
        OpenPosition[] mine = new OpenPosition[0];
        /** The first {@link #read} are the open positions whose money reads this slot ({@link #users} counts them). */
        OpenPosition[] readBy = new OpenPosition[0];
        int read;
        /** Open positions whose money reads this slot (as their symbol's quote or a leg of their conversion rate). */
        int users;

        QuoteSlot(String symbol, int index) {
            this.symbol = symbol;
            this.seenAs = symbol;
            this.index = index;
        }

        void quote(Tick t) {
            tick = t;
            for (Rate r : readers) r.known = false;
        }
    }

    /**
     * Units of the account currency per unit of one instrument's profit currency: its conversion route read from
     * the conversion pair's slot ({@link ConversionRoute#rate} itself, so the arithmetic is the route's). The value is
     * kept until a slot the route reads gets a new quote ({@link QuoteSlot#quote} drops it): until then the route gives
     * the same number, so it is not worked out again (a snapshot, the stop-out check, the margin and a backtest's tick
     * value ask for it several times a quote; reading a flag beats comparing every slot's quote each time).
     */
    static final class Rate {
        final Instrument instrument;
        private final ConversionRoute route;
        private final QuoteLookup mid;
        final QuoteSlot[] slots;                   // every slot the route reads, in the route's order
        private boolean known;                     // value holds for the slots' quotes (cleared by QuoteSlot#quote)
        private double value;

        /** @param pairs the slots of every symbol the route reads (one for a direct pair, two for a cross) */
        Rate(Instrument instrument, ConversionRoute route, Map<String, QuoteSlot> pairs) {
            this.instrument = instrument;
            this.route = route;
            String[] names = pairs.keySet().toArray(String[]::new);
            this.slots = pairs.values().toArray(QuoteSlot[]::new);
            for (QuoteSlot s : slots) {
                s.readers = Arrays.copyOf(s.readers, s.readers.length + 1);
                s.readers[s.readers.length - 1] = this;
            }
            if (slots.length == 0) {
                this.mid = QuoteLookup.NONE;
            } else if (slots.length == 1) {
                QuoteSlot pair = slots[0];                                     // the common case: no lookup per use
                this.mid = symbol -> mid(pair);
            } else {
                QuoteSlot[] legs = slots;
                this.mid = symbol -> {                                         // two or three legs: no map per use
                    for (int i = 0; i < names.length; i++) if (names[i].equals(symbol)) return mid(legs[i]);
                    return Double.NaN;
                };
            }
        }

        private static double mid(QuoteSlot slot) {
            Tick t = slot == null ? null : slot.tick;
            return t == null ? Double.NaN : t.mid();
        }

        double value() {
            if (known) return value;
            value = route.rate(mid);
            known = true;
            return value;
        }
    }

    QuoteSlot slot(String symbol) {
        QuoteSlot s = quotes.get(symbol);
        if (s == null) {
            quotes.put(symbol, s = new QuoteSlot(symbol, slots.length));
            slots = Arrays.copyOf(slots, slots.length + 1);
            slots[slots.length - 1] = s;
            if (2 * slots.length > byName.length) byName = new QuoteSlot[2 * byName.length];
            Arrays.fill(byName, null);
            for (QuoteSlot x : slots) byName[free(byName, x.symbol)] = x;
        }
        return s;
    }

    private static int free(QuoteSlot[] table, String symbol) {
        int mask = table.length - 1;
        int i = spread(symbol.hashCode()) & mask;
        while (table[i] != null) i = (i + 1) & mask;
        return i;
    }

    private static int spread(int h) { return h ^ (h >>> 16); }

    /**
     * The slot of {@code symbol}, or null for a symbol never quoted nor configured. By its hash (a String keeps it)
     * and then the String instance: a feed passes the same one quote after quote, whose reference finds its slot at
     * the first probe or two (an equal name of another instance becomes the one compared next time). The last tick's
     * slot is tried before the table.
     */
    QuoteSlot knownSlot(String symbol) {
        QuoteSlot last = ticked;                           // a bar's path quotes one symbol several times running
        if (last != null && last.seenAs == symbol) return last;
        QuoteSlot[] table = byName;
        int mask = table.length - 1, start = spread(symbol.hashCode()) & mask;
        for (int i = start; ; i = (i + 1) & mask) {        // the instance (names of equal length differ late)
            QuoteSlot s = table[i];
            if (s == null) break;
            if (s.seenAs == symbol) return s;
        }
        for (int i = start; ; i = (i + 1) & mask) {        // the name
            QuoteSlot s = table[i];
            if (s == null) return null;
            if (s.symbol.equals(symbol)) {
                s.seenAs = symbol;
                return s;
            }
        }
    }

    /** {@link #slot} of a tick's symbol, {@link #knownSlot} first. */
    private QuoteSlot slotOfTick(String symbol) {
        QuoteSlot s = knownSlot(symbol);
        return s != null ? s : slot(symbol);
    }

    /** The slot of the last tick given to {@link #onTick} (null before the first). */
    QuoteSlot ticked() { return ticked; }

    private Tick lastQuote(String symbol) {
        QuoteSlot s = knownSlot(symbol);
        return s == null ? null : s.tick;
    }

    public BrokerConfig config() { return config; }

    /** The last quote of a symbol, or null before its first tick. */
    public Tick quote(String symbol) { return lastQuote(symbol); }

    public double balance() { return balance; }

    /**
     * MT5's SYMBOL_TRADE_TICK_VALUE now: account-currency value of one tick-size move of 1.0 lot of {@code symbol}
     * at the current rate of its profit currency; NaN while the conversion pair has no quote yet.
     */
    public double tickValue(String symbol) {
        Rate r = rates.get(symbol);
        if (r == null) throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        return r.instrument.tickValue(r.value());
    }

    /**
     * {@link #tickValue} of one symbol as a function, the symbol looked up once: a backtest asks for the tick value of
     * every open position at every evaluation of the governors.
     */
    public DoubleSupplier tickValueOf(String symbol) {
        Rate r = rates.get(symbol);
        if (r == null) throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        return () -> r.instrument.tickValue(r.value());
    }

    /** How {@code symbol}'s profit currency becomes the account currency (a quoted pair or a fixed rate). */
    public ConversionRoute conversion(String symbol) {
        ConversionRoute r = routes.get(symbol);
        if (r == null) throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        return r;
    }

    /**
     * Feeds one quote: charges swaps for rollovers passed since the previous tick, fills delayed orders that are
     * due on this symbol, closes positions whose SL/TP the quote reached, then applies stop-out.
     *
     * @return the deals this tick produced, in the order they happened (empty list most of the time)
     */
    public List<Deal> onTick(Tick t) {
        checkTick(t);
        List<Deal> deals = null;
        long now = t.timeMs();
        if (now > lastTimeMs) {
            // no rollover in (lastTimeMs, now] before the first after lastTimeMs: most ticks pass none
            if (now >= rolloverAfterLast && !open.isEmpty() && lastTimeMs != Long.MIN_VALUE) chargeSwaps(lastTimeMs, now);
            lastTimeMs = now;
            if (now >= rolloverAfterLast) rolloverAfterLast = (Math.floorDiv(now - ROLLOVER, DAY) + 1) * DAY + ROLLOVER;
        }
        QuoteSlot slot = slotOfTick(t.symbol());
        ticked = slot;
        slot.quote(t);
        if (slot.users > 0) {                               // an open position's profit or rate may have moved
            moves++;
            OpenPosition[] readBy = slot.readBy;
            for (int i = 0, n = slot.read; i < n; i++) {
                OpenPosition p = readBy[i];
                p.moved = true;
                if (shownValid && !p.unshown) unshown(p);
            }
        }

        if (!resting.isEmpty()) deals = triggerResting(t, deals);
        if (!pending.isEmpty()) {
            for (Iterator<PendingOrder> it = pending.iterator(); it.hasNext(); ) {
                PendingOrder p = it.next();
                if (p.request().symbol().equals(t.symbol()) && p.dueMs() <= t.timeMs()) {
                    it.remove();
                    ExecutionResult r = fill(p.order(), p.request(), t, t.timeMs());
                    delayedResults.add(r);
                    if (!r.deals().isEmpty()) (deals == null ? deals = new ArrayList<>() : deals).addAll(r.deals());
                }
            }
        }
        if (!open.isEmpty()) {
            List<OpenPosition> hit = null;
            // (a position's slot is its symbol's: the same test as comparing the names, and none when none is held)
            OpenPosition[] mine = slot.mine;
            for (int i = 0, n = slot.held; i < n; i++) {
                OpenPosition p = mine[i];
                if (slHit(p, t) || tpHit(p, t)) {
                    (hit == null ? hit = new ArrayList<>() : hit).add(p);
                }
            }
            if (hit != null) {
                if (deals == null) deals = new ArrayList<>();
                for (OpenPosition p : hit) {
                    boolean sl = slHit(p, t);
                    double price = sl ? p.closePrice(t.bid(), t.ask()) : p.tp;
                    deals.add(closeWhole(p, price, t.timeMs(), sl ? DealReason.SL : DealReason.TP));
                }
            }
            List<Deal> stopOuts = stopOut(t.timeMs());
            if (!stopOuts.isEmpty()) (deals == null ? deals = new ArrayList<>() : deals).addAll(stopOuts);
        }
        return deals == null ? List.of() : deals;
    }

    /**
     * Resting orders of this tick's symbol: one past its expiry leaves (expired); one whose trigger the quote reached
     * (buy limit: ask at or below; buy stop: ask at or above; sell limit: bid at or above; sell stop: bid at or below,
     * as MT5) fills as a market order at this quote, its position taking the order's ticket (filled), or is rejected
     * (no money, stops) as a market order would be.
     */
    private List<Deal> triggerResting(Tick t, List<Deal> deals) {
        for (Iterator<Resting> it = resting.iterator(); it.hasNext(); ) {
            Resting r = it.next();
            var o = r.order();
            if (!o.symbol().equals(t.symbol())) continue;
            if (!o.liveAt(t.timeMs())) {
                it.remove();
                orderStep("expired", o, t.timeMs(), "");
                continue;
            }
            if (!o.type().triggers(o.price(), t.bid(), t.ask())) continue;
            it.remove();
            ExecutionResult x = fill(o.ticket(), r.request(), t, t.timeMs());
            orderStep(x.ok() ? "filled" : "rejected", o, t.timeMs(), x.ok() ? "" : x.comment());
            if (!x.deals().isEmpty()) (deals == null ? deals = new ArrayList<>() : deals).addAll(x.deals());
        }
        return deals;
    }

    private void orderStep(String state, io.vprop.trade.PendingOrder o, long timeMs, String reason) {
        orderEvents.add(new OrderEvent(state, o, timeMs, reason));
    }

    /**
     * Places a limit or stop order ({@code r}'s side must be the type's; its referencePrice is the trigger) resting
     * until its trigger is reached or {@code expiryMs} (0 = good till cancelled). The trigger must be on its side of
     * the market (a buy limit below the ask ...) and the stops on the losing/winning side of it: else INVALID_PRICE or
     * INVALID_STOPS, as an MT5 server answers. DONE with the order's ticket; the step is in {@link #drainOrderEvents}.
     */
    public ExecutionResult place(OrderType type, TradeRequest r, long expiryMs) {
        if (type == null || !type.pending()) return reject(Retcode.INVALID, 0, "not a pending order type: " + type);
        if (r == null || r.side() != type.side()) return reject(Retcode.INVALID, 0, "a " + type.wire() + " needs side " + type.side());
        Instrument spec = config.instrument(r.symbol());
        if (spec == null) return reject(Retcode.INVALID, 0, "unknown symbol '" + r.symbol() + "'");
        String volumeProblem = volumeProblem(spec, r.volume());
        if (volumeProblem != null) return reject(Retcode.INVALID_VOLUME, 0, volumeProblem);
        Tick q = lastQuote(r.symbol());
        if (q == null) return reject(Retcode.MARKET_CLOSED, 0, "no quote for " + r.symbol() + " yet");
        double trigger = r.referencePrice();
        if (!(trigger > 0) || type.triggers(trigger, q.bid(), q.ask())) {
            return reject(Retcode.INVALID_PRICE, 0, type.wire() + " at " + trigger + " is not on its side of the market (bid "
                    + q.bid() + ", ask " + q.ask() + ")");
        }
        boolean buy = r.side() == Side.BUY;
        if (!Double.isFinite(r.sl()) || r.sl() < 0 || !Double.isFinite(r.tp()) || r.tp() < 0
                || (r.sl() > 0 && (buy ? r.sl() >= trigger : r.sl() <= trigger))
                || (r.tp() > 0 && (buy ? r.tp() <= trigger : r.tp() >= trigger))) {
            return reject(Retcode.INVALID_STOPS, 0, "sl " + r.sl() + " / tp " + r.tp() + " do not fit a " + type.wire() + " at " + trigger);
        }
        long now = Math.max(r.timeMs(), q.timeMs());
        if (expiryMs != 0 && expiryMs <= now) return reject(Retcode.INVALID, 0, "expiry " + expiryMs + " is not after now " + now);
        long ticket = nextOrder++;
        var o = new io.vprop.trade.PendingOrder(ticket, r.symbol(), type, r.volume(), trigger, r.sl(), r.tp(), expiryMs,
                r.comment() == null ? "" : r.comment());
        // when triggered it is a market order at that quote: no deviation bound, a limit may fill better than its price
        resting.add(new Resting(o, new TradeRequest(r.symbol(), r.side(), r.volume(), 0, 0, r.sl(), r.tp(), 0, r.comment(), now)));
        orderStep("placed", o, now, "");
        return new ExecutionResult(Retcode.DONE, ticket, List.of(), trigger, "placed");
    }

    /** Deletes a resting order (cancelled); INVALID when no order has that ticket. */
    public ExecutionResult cancel(long ticket, long timeMs) {
        for (Iterator<Resting> it = resting.iterator(); it.hasNext(); ) {
            Resting r = it.next();
            if (r.order().ticket() != ticket) continue;
            it.remove();
            orderStep("cancelled", r.order(), timeMs, "");
            return new ExecutionResult(Retcode.DONE, ticket, List.of(), 0, "cancelled");
        }
        return reject(Retcode.INVALID, 0, "no resting order #" + ticket);
    }

    /** The resting limit and stop orders, in placing order. */
    public List<io.vprop.trade.PendingOrder> restingOrders() {
        if (resting.isEmpty()) return List.of();
        List<io.vprop.trade.PendingOrder> out = new ArrayList<>(resting.size());
        for (Resting r : resting) out.add(r.order());
        return out;
    }

    /** The pending orders' steps since the last call (placed, cancelled, expired, filled, rejected), in order. */
    public List<OrderEvent> drainOrderEvents() {
        if (orderEvents.isEmpty()) return List.of();
        List<OrderEvent> out = List.copyOf(orderEvents);
        orderEvents.clear();
        return out;
    }

    /** Results of latency-delayed orders completed since the last call (filled or rejected at their fill tick). */
    public List<ExecutionResult> drainDelayedResults() {
        if (delayedResults.isEmpty()) return List.of();     // every tick asks
        List<ExecutionResult> out = List.copyOf(delayedResults);
        delayedResults.clear();
        return out;
    }

    /**
     * Sends a market order. With latencyMs = 0 it fills now at the last quote (DONE) or is rejected; with latency
     * it is checked for symbol/volume now and returns PLACED, then fills at the first tick of its symbol at or
     * after request time + latency (the deal comes out of {@link #onTick}, the result out of
     * {@link #drainDelayedResults}).
     */
    public ExecutionResult execute(TradeRequest r) {
        if (r == null) return reject(Retcode.INVALID, 0, "request is null");
        Instrument spec = config.instrument(r.symbol());
        if (spec == null) return reject(Retcode.INVALID, 0, "unknown symbol '" + r.symbol() + "'");
        if (r.side() == null) return reject(Retcode.INVALID, 0, "side is required");
        String volumeProblem = volumeProblem(spec, r.volume());
        if (volumeProblem != null) return reject(Retcode.INVALID_VOLUME, 0, volumeProblem);
        if (!Double.isFinite(r.sl()) || r.sl() < 0 || !Double.isFinite(r.tp()) || r.tp() < 0) {
            return reject(Retcode.INVALID_STOPS, 0, "sl/tp must be finite and >= 0 (0 = none), got sl=" + r.sl() + " tp=" + r.tp());
        }
        if (!Double.isFinite(r.maxDeviation()) || r.maxDeviation() < 0 || !Double.isFinite(r.referencePrice())) {
            return reject(Retcode.INVALID, 0, "referencePrice/maxDeviation must be finite and maxDeviation >= 0");
        }
        Tick q = lastQuote(r.symbol());
        if (q == null) return reject(Retcode.MARKET_CLOSED, 0, "no quote for " + r.symbol() + " yet");
        long order = nextOrder++;
        if (config.latencyMs() > 0) {
            long due = r.timeMs() + config.latencyMs();
            pending.add(new PendingOrder(order, r, due));
            return new ExecutionResult(Retcode.PLACED, order, List.of(), 0, "fills at the first tick at or after " + due);
        }
        return fill(order, r, q, Math.max(r.timeMs(), q.timeMs()));
    }

    /** Changes a position's SL/TP (0 = none), subject to the stops level and, for the existing ones, the freeze level. */
    public ExecutionResult modify(long positionTicket, double sl, double tp) {
        OpenPosition p = openPosition(positionTicket);
        if (p == null) return reject(Retcode.POSITION_CLOSED, 0, "position #" + positionTicket + " is not open");
        if (!Double.isFinite(sl) || sl < 0 || !Double.isFinite(tp) || tp < 0) {
            return reject(Retcode.INVALID_STOPS, 0, "sl/tp must be finite and >= 0, got sl=" + sl + " tp=" + tp);
        }
        Tick q = p.quote.tick;
        if (frozen(p, q)) return reject(Retcode.FROZEN, 0, frozenMessage(p));
        String stops = stopsProblem(p.instrument, p.side, sl, tp, q);
        if (stops != null) return reject(Retcode.INVALID_STOPS, 0, stops);
        p.sl = sl;
        p.tp = tp;
        changed(p);
        return new ExecutionResult(Retcode.DONE, 0, List.of(), 0, "modified");
    }

    /**
     * Whether a position of {@code symbol} is open (without a snapshot: a backtest asks for every leg of a bar): its
     * slot counts them.
     */
    public boolean hasPosition(String symbol) {
        QuoteSlot s = knownSlot(symbol);
        return s != null && s.held > 0;
    }

    /**
     * Balance, equity (balance + floating profit + swap), margin, free margin and the open positions. The same
     * (immutable) snapshot as last time while the balance and every position's view are the same: the numbers are
     * worked out from nothing else, and a backtest asks at almost every quote.
     */
    public AccountState snapshot() {
        AccountState a = positionsSnapshot();
        if (resting.isEmpty()) return a;
        return new AccountState(a.balance(), a.equity(), a.margin(), a.freeMargin(), a.positions(), restingOrders());
    }

    private AccountState positionsSnapshot() {
        int n = open.size();
        if (n == 0) {
            if (lastSnapshot != null && lastSnapshot.positions().isEmpty() && Double.compare(balance, lastSnapshotBalance) == 0)
                return lastSnapshot;
            double equity = Money.cents(balance + 0.0), margin = Money.cents(0.0);   // as below with nothing open
            return remember(new AccountState(Money.cents(balance), equity, margin, Money.cents(equity - margin), List.of()));
        }
        if (snapshotAt == moves) return lastSnapshot;     // nothing moved since: every view below would be the same
        boolean viewsMoved = false;
        if (shownValid) {
            // the last snapshot's positions in its order: only the positions listed since can show another view
            OpenPosition[] look = unshown;
            for (int i = 0, k = unshownCount; i < k; i++) {
                OpenPosition p = look[i];
                look[i] = null;
                p.unshown = false;
                Position v = p.view(p.quote.tick, p.rate.value());
                if (shown[p.index] != v) {
                    shown[p.index] = v;
                    viewsMoved = true;
                }
            }
            unshownCount = 0;
        } else {
            // other positions than the last snapshot's (or none yet): every view, compared with the last snapshot's
            if (shown.length != n) shown = new Position[n];   // (exactly n: see listOf)
            List<Position> before = lastSnapshot == null ? List.of() : lastSnapshot.positions();
            viewsMoved = before.size() != n;
            for (int i = 0; i < n; i++) {
                OpenPosition p = open.get(i);
                Position v = p.view(p.quote.tick, p.rate.value());
                shown[i] = v;
                if (!viewsMoved && before.get(i) != v) viewsMoved = true;
            }
            shownValid = true;
        }
        // the views' profit + swap and the margins, summed in their order (stop-out has mostly done it this quote)
        sums();
        // (the balance's and the margin's cents as the last snapshot's while the raw numbers stand: it rounded them)
        AccountState before = lastSnapshot;
        boolean kept = before != null && !before.positions().isEmpty();
        double cents = kept && Double.compare(balance, lastSnapshotBalance) == 0 ? before.balance() : Money.cents(balance);
        double margin = kept && Double.compare(sumMargin, lastSnapshotMargin) == 0 ? before.margin() : Money.cents(sumMargin);
        double equity = Money.cents(balance + sumFloating);
        List<Position> list;
        if (viewsMoved) {
            // an immutable list as AccountState keeps it: its List.copyOf takes it as it is instead of copying it again
            list = listOf(shown, n);
        } else {
            // the last snapshot's views: the same snapshot when its numbers are too (a view outlives a quote that
            // leaves its profit in cents where it was, the margin of the rate need not stand still), else its list
            if (Double.compare(cents, before.balance()) == 0 && Double.compare(equity, before.equity()) == 0
                    && Double.compare(margin, before.margin()) == 0) {
                snapshotAt = moves;
                return before;
            }
            list = before.positions();
        }
        return remember(new AccountState(cents, equity, margin, Money.cents(equity - margin), list));
    }

    /** Lists {@code p} for the next snapshot to look at (its view may have moved since the last one). */
    private void unshown(OpenPosition p) {
        p.unshown = true;
        if (unshownCount == unshown.length) unshown = Arrays.copyOf(unshown, 2 * unshownCount);
        unshown[unshownCount++] = p;
    }

    /**
     * The first {@code n} views as an immutable list made in one step: up to ten positions List.of's fixed arities keep
     * the elements in the one array they make; its varargs form copies the array given, which is then {@link #shown}
     * itself (sized to {@code n}: no second copy per snapshot). Either way the list shares no array with the broker.
     */
    private static List<Position> listOf(Position[] v, int n) {
        return switch (n) {
            case 1 -> List.of(v[0]);
            case 2 -> List.of(v[0], v[1]);
            case 3 -> List.of(v[0], v[1], v[2]);
            case 4 -> List.of(v[0], v[1], v[2], v[3]);
            case 5 -> List.of(v[0], v[1], v[2], v[3], v[4]);
            case 6 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5]);
            case 7 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
            case 8 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
            case 9 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
            case 10 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            default -> List.of(v.length == n ? v : Arrays.copyOf(v, n));
        };
    }

    /**
     * {@code snapshot().equity()} without making the snapshot (the same sums in the same order): the backtest's equity
     * curve asks at every sampling step, mostly when no snapshot is due.
     */
    public double snapshotEquity() {
        if (open.isEmpty()) return Money.cents(balance + 0.0);
        sums();
        return Money.cents(balance + sumFloating);
    }

    /**
     * Works out {@link #sumEquity}, {@link #sumFloating} and {@link #sumMargin} unless nothing moved since the last
     * time: each position's profit + swap and margin in opening order, one pass for the three sums (each adds in the
     * same order as its own loop would, so the doubles are the same to the last bit). A position works its numbers out
     * again only when they may have moved ({@link OpenPosition#moved}): a quote moves the few that read its slot.
     */
    private void sums() {
        if (sumsAt == moves) return;
        double e = balance, floating = 0, margin = 0;
        for (int i = 0, n = open.size(); i < n; i++) {
            OpenPosition p = open.get(i);
            if (p.moved) p.money(config.leverage(), config.currency());   // (else the numbers of last time stand)
            double pl = p.pl;
            e += pl;
            floating += pl;
            margin += p.mg;
        }
        sumEquity = e;
        sumFloating = floating;
        sumMargin = margin;
        sumsAt = moves;
    }

    /** {@code snapshot().balance()}: the balance rounded to cents as a snapshot reports it. */
    public double snapshotBalance() { return Money.cents(balance); }

    /** How many positions are open (tests compare it with a snapshot's). */
    int openCount() { return open.size(); }

    /** The open position with this ticket as it is now, or null (read only: the EA's TP1 rule reads it). */
    OpenPosition openPosition(long ticket) {
        for (int i = 0, n = open.size(); i < n; i++) if (open.get(i).ticket == ticket) return open.get(i);
        return null;
    }

    private AccountState remember(AccountState a) {
        lastSnapshot = a;
        lastSnapshotBalance = balance;
        lastSnapshotMargin = a.positions().isEmpty() ? 0 : sumMargin;
        snapshotAt = moves;
        return a;
    }

    /** Every change of a position's fields goes through here: its views are taken anew, and the sums. */
    private void changed(OpenPosition p) {
        p.changed();
        if (shownValid && !p.unshown) unshown(p);
        moves++;
    }

    /**
     * Counts a position opening ({@code +1}) or going ({@code -1}) in the slots it reads: its symbol's (held and
     * users) and its conversion rate's legs (users).
     */
    private void hold(OpenPosition p, int d) {
        QuoteSlot q = p.quote;
        q.held += d;
        q.users += d;
        for (QuoteSlot s : p.rate.slots) s.users += d;
        moves++;
        // the symbol's positions as they stand in the list (the caller has changed it): rare next to the quotes
        if (q.mine.length < q.held) q.mine = new OpenPosition[Math.max(4, 2 * q.held)];
        int k = 0;
        for (int i = 0, n = open.size(); i < n; i++) if (open.get(i).quote == q) q.mine[k++] = open.get(i);
        Arrays.fill(q.mine, k, q.mine.length, null);
        // other positions, or in other places: the next snapshot looks at every view again
        for (int i = 0, n = open.size(); i < n; i++) open.get(i).index = i;
        for (int i = 0; i < unshownCount; i++) {
            unshown[i].unshown = false;
            unshown[i] = null;
        }
        unshownCount = 0;
        shownValid = false;
        readers(q);
        for (QuoteSlot s : p.rate.slots) readers(s);
    }

    /** Lays out {@link QuoteSlot#readBy} of {@code s} again from the open positions. */
    private void readers(QuoteSlot s) {
        int k = 0;
        for (int i = 0, n = open.size(); i < n; i++) if (reads(open.get(i), s)) k++;
        if (s.readBy.length < k) s.readBy = new OpenPosition[Math.max(4, 2 * k)];
        k = 0;
        for (int i = 0, n = open.size(); i < n; i++) if (reads(open.get(i), s)) s.readBy[k++] = open.get(i);
        Arrays.fill(s.readBy, k, s.readBy.length, null);
        s.read = k;
    }

    private static boolean reads(OpenPosition p, QuoteSlot s) {
        if (p.quote == s) return true;
        for (QuoteSlot x : p.rate.slots) if (x == s) return true;
        return false;
    }

    // ---------------------------------------------------------------- execution

    private ExecutionResult fill(long order, TradeRequest r, Tick q, long timeMs) {
        Instrument spec = config.instrument(r.symbol());
        double rate = rate(r.symbol());
        if (!(rate > 0)) {
            ConversionRoute route = routes.get(r.symbol());
            return reject(Retcode.MARKET_CLOSED, order, "no " + route.quotes() + " quote yet to convert " + route.from()
                    + " to " + route.to());
        }
        OpenPosition target;
        if (r.positionTicket() != 0) {
            target = openPosition(r.positionTicket());
            if (target == null) return reject(Retcode.POSITION_CLOSED, order, "position #" + r.positionTicket() + " is not open");
            if (!target.symbol.equals(r.symbol())) {
                return reject(Retcode.INVALID, order, "position #" + target.ticket + " is " + target.symbol + ", not " + r.symbol());
            }
            if (target.side == r.side()) {
                return reject(Retcode.INVALID, order, "closing " + target.side + " position #" + target.ticket
                        + " needs a " + target.side.opposite() + " order");
            }
            if (r.volume() > target.volume + EPS) {
                return reject(Retcode.INVALID_VOLUME, order, "close volume " + r.volume() + " exceeds position #"
                        + target.ticket + " volume " + target.volume);
            }
        } else {
            target = config.mode() == AccountMode.NETTING ? netPosition(r.symbol()) : null;
        }

        double market = r.side() == Side.BUY ? q.ask() : q.bid();
        int slipPoints = config.maxSlippagePoints() == 0 ? 0 : slippage.nextInt(config.maxSlippagePoints() + 1);
        double price = roundToDigits(market + r.side().sign() * slipPoints * spec.point(), spec.digits());
        if (r.maxDeviation() > 0 && r.referencePrice() > 0
                && Math.abs(price - r.referencePrice()) > r.maxDeviation() + spec.point() * 1e-3) {
            return new ExecutionResult(Retcode.REQUOTE, order, List.of(), price, "fill " + price + " is "
                    + roundToDigits(Math.abs(price - r.referencePrice()), spec.digits() + 1) + " from reference "
                    + r.referencePrice() + ", more than maxDeviation " + r.maxDeviation());
        }

        boolean reducing = target != null && target.side != r.side();
        double closeVolume = reducing ? Math.min(r.volume(), target.volume) : 0;
        double openVolume = Math.round((r.volume() - closeVolume) * 1e8) / 1e8;
        if (reducing && frozen(target, q)) return reject(Retcode.FROZEN, order, frozenMessage(target));
        if (openVolume > 0) {
            String stops = stopsProblem(spec, r.side(), r.sl(), r.tp(), q);
            if (stops != null) return reject(Retcode.INVALID_STOPS, order, stops);
        }
        double commission = -commission(spec, r.volume(), price, rate);
        if (openVolume > 0) {
            double marginBefore = totalMargin();
            double released = reducing ? Margin.of(spec, closeVolume, target.priceOpen, config.leverage(), rate, config.currency()) : 0;
            double marginAfter = marginBefore - released + Margin.of(spec, openVolume, price, config.leverage(), rate, config.currency());
            double equity = equity();
            if (marginAfter > marginBefore && equity + commission - marginAfter < 0) {
                return reject(Retcode.NO_MONEY, order, String.format(Locale.ROOT,
                        "margin %.2f needed, free margin %.2f", marginAfter - marginBefore + released,
                        equity - marginBefore));
            }
        }

        String comment = r.comment() == null ? "" : r.comment();
        Deal deal;
        if (!reducing) {
            deal = open(order, r, spec, target, openVolume, price, commission, timeMs, comment);
        } else {
            deal = reduce(order, r, target, closeVolume, openVolume, price, commission, rate, timeMs, comment);
        }
        return new ExecutionResult(Retcode.DONE, order, List.of(deal), price, "done");
    }

    /** Opens a new position, or (netting) adds to the same-side one at the volume-weighted average price. */
    private Deal open(long order, TradeRequest r, Instrument spec, OpenPosition same, double volume, double price,
                      double commission, long timeMs, String comment) {
        balance += commission;
        moves++;
        OpenPosition p;
        if (same != null) {
            p = same;
            double total = p.volume + volume;
            p.priceOpen = (p.priceOpen * p.volume + price * volume) / total;
            p.volume = Math.round(total * 1e8) / 1e8;
            p.commission = Money.cents(p.commission + commission);
            if (r.sl() > 0) p.sl = r.sl();
            if (r.tp() > 0) p.tp = r.tp();
            changed(p);
        } else {
            p = new OpenPosition(order, r.symbol(), spec, r.side(), volume, price, r.sl(), r.tp(), commission, timeMs, comment,
                    slot(r.symbol()), rates.get(r.symbol()));
            OpenPosition before = openPosition(p.ticket);
            if (before == null) open.add(p);
            else open.set(open.indexOf(before), p);             // (a replaced ticket keeps its place)
            if (before != null) hold(before, -1);
            hold(p, +1);
        }
        return new Deal(nextDeal++, order, p.ticket, r.symbol(), r.side(), FillEntry.IN, price, volume, commission,
                0, 0, timeMs, DealReason.EXPERT, comment);
    }

    /** Closes (part of) a position; on a netting account a larger opposite order reverses it (INOUT deal). */
    private Deal reduce(long order, TradeRequest r, OpenPosition p, double closeVolume, double openVolume,
                        double price, double commission, double rate, long timeMs, String comment) {
        double fraction = closeVolume / p.volume;
        double profit = p.profitAt(price, closeVolume, rate);
        double swap = Money.cents(p.swap * fraction);
        balance += profit + swap + commission;
        p.swap = Money.cents(p.swap - swap);
        p.commission = Money.cents(p.commission * (1 - fraction));
        p.volume = Math.round((p.volume - closeVolume) * 1e8) / 1e8;
        FillEntry entry = FillEntry.OUT;
        if (openVolume > 0) {
            // netting reversal: the same position ticket continues on the other side with the remaining volume
            entry = FillEntry.INOUT;
            p.side = r.side();
            p.volume = openVolume;
            p.priceOpen = price;
            p.sl = r.sl();
            p.tp = r.tp();
            p.swap = 0;
            p.commission = Money.cents(commission * openVolume / r.volume());
            p.timeMs = timeMs;
            p.comment = comment;
        } else if (p.volume <= EPS) {
            open.remove(p);
            hold(p, -1);
        }
        changed(p);
        return new Deal(nextDeal++, order, p.ticket, p.symbol, r.side(), entry, price, r.volume(), commission, swap,
                profit, timeMs, DealReason.EXPERT, comment);
    }

    /** Closes a whole position by the broker (SL, TP, stop-out): a new order ticket, the position's comment. */
    private Deal closeWhole(OpenPosition p, double price, long timeMs, DealReason reason) {
        long order = nextOrder++;
        double rate = p.rate.value();
        double profit = p.profitAt(price, p.volume, rate);
        double commission = -commission(p.instrument, p.volume, price, rate);
        double swap = p.swap;
        balance += profit + swap + commission;
        open.remove(p);
        hold(p, -1);
        return new Deal(nextDeal++, order, p.ticket, p.symbol, p.side.opposite(), FillEntry.OUT, price, p.volume,
                commission, swap, profit, timeMs, reason, p.comment);
    }

    // ---------------------------------------------------------------- rules

    private static boolean slHit(OpenPosition p, Tick t) {
        if (p.sl <= 0) return false;
        return p.side == Side.BUY ? t.bid() <= p.sl : t.ask() >= p.sl;
    }

    private static boolean tpHit(OpenPosition p, Tick t) {
        if (p.tp <= 0) return false;
        return p.side == Side.BUY ? t.bid() >= p.tp : t.ask() <= p.tp;
    }

    /**
     * MT5's stops rule: a BUY's SL must be at least stopsLevel points below the bid and its TP as far above it;
     * a SELL's SL above the ask and TP below it. With stopsLevel 0 they must still be strictly on the right side.
     */
    private static String stopsProblem(Instrument s, Side side, double sl, double tp, Tick q) {
        double min = s.stopsLevel() * s.point() - s.point() * 1e-3;
        double ref = side == Side.BUY ? q.bid() : q.ask();
        String where = side == Side.BUY ? "bid " : "ask ";
        if (sl > 0) {
            double dist = side.sign() * (ref - sl);
            if (dist <= 0 || dist < min) {
                return side + " sl " + sl + " must be " + (side == Side.BUY ? "below " : "above ") + where + ref
                        + " by at least " + s.stopsLevel() + " points";
            }
        }
        if (tp > 0) {
            double dist = side.sign() * (tp - ref);
            if (dist <= 0 || dist < min) {
                return side + " tp " + tp + " must be " + (side == Side.BUY ? "above " : "below ") + where + ref
                        + " by at least " + s.stopsLevel() + " points";
            }
        }
        return null;
    }

    /** MT5's freeze rule: a position whose SL or TP is within freezeLevel points of its close price is frozen. */
    private static boolean frozen(OpenPosition p, Tick q) {
        int level = p.instrument.freezeLevel();
        if (level == 0 || q == null) return false;
        double dist = level * p.instrument.point() - p.instrument.point() * 1e-3;
        double price = p.closePrice(q.bid(), q.ask());
        return (p.sl > 0 && Math.abs(price - p.sl) < dist) || (p.tp > 0 && Math.abs(price - p.tp) < dist);
    }

    private static String frozenMessage(OpenPosition p) {
        return "position #" + p.ticket + " is frozen: price within " + p.instrument.freezeLevel() + " points of its sl/tp";
    }

    private static String volumeProblem(Instrument s, double v) {
        if (!Double.isFinite(v) || v <= 0) return "volume must be a positive number, got " + v;
        if (v < s.volumeMin() - EPS) return "volume " + v + " is below the minimum " + s.volumeMin();
        if (v > s.volumeMax() + EPS) return "volume " + v + " is above the maximum " + s.volumeMax();
        double steps = v / s.volumeStep();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) return "volume " + v + " is not a multiple of the step " + s.volumeStep();
        return null;
    }

    /**
     * Swap at every 21:00 UTC rollover in (from, to], Monday–Friday only, the instrument's triple-swap day counting
     * three days. Swaps in points are converted at the rate of the tick that passes the rollover.
     */
    private void chargeSwaps(long from, long to) {
        if (open.isEmpty()) return;
        long first = Math.floorDiv(from - ROLLOVER, DAY) + 1; // first day whose rollover is after `from`
        for (long day = first; day * DAY + ROLLOVER <= to; day++) {
            DayOfWeek dow = DayOfWeek.of((int) Math.floorMod(day + 3, 7) + 1); // epoch day 0 was a Thursday
            for (int i = 0, n = open.size(); i < n; i++) {
                OpenPosition p = open.get(i);
                int days = p.instrument.swap().daysCharged(dow);
                if (days == 0) continue;
                p.swap = Money.cents(p.swap + swapPerLotPerDay(p) * p.volume * days);
                changed(p);
            }
        }
    }

    /** Account-currency swap of one lot of {@code p} for one day, signed. */
    private double swapPerLotPerDay(OpenPosition p) {
        double r = p.instrument.swap().rate(p.side);
        return switch (p.instrument.swap().unit()) {
            case MONEY -> r;
            case POINTS -> r * p.instrument.swapPointMoney() * p.rate.value();
        };
    }

    /** Commission of one side of a deal, in the account currency, >= 0, rounded to cents. */
    private static double commission(Instrument i, double volume, double price, double rate) {
        return Money.cents(i.commission().money(volume, i.notional(volume, price) * rate));
    }

    /** Units of the account currency per unit of {@code symbol}'s profit currency now; NaN before the pair's first quote. */
    private double rate(String symbol) {
        return rates.get(symbol).value();
    }

    private List<Deal> stopOut(long timeMs) {
        if (safeAt == moves) return List.of();        // nothing moved since the level was found safe: it still is
        List<Deal> out = List.of();
        while (!open.isEmpty()) {
            // equity and margin (the same sums, in the same order, as equity() and totalMargin()), from the positions'
            // profits, not their views: no Position is made on a quote that no snapshot asks for
            sums();
            double e = sumEquity, margin = sumMargin;
            if (margin <= 0 || e / margin * 100 >= config.stopOutLevelPercent()) {
                safeAt = moves;
                break;
            }
            OpenPosition worst = null;
            double worstProfit = Double.POSITIVE_INFINITY;
            for (int i = 0, n = open.size(); i < n; i++) {
                OpenPosition p = open.get(i);
                double pl = p.profit(p.quote.tick, p.rate.value()) + p.swap;
                if (pl < worstProfit) { worstProfit = pl; worst = p; }
            }
            Tick q = worst.quote.tick;
            if (out.isEmpty()) out = new ArrayList<>();
            out.add(closeWhole(worst, worst.closePrice(q.bid(), q.ask()), timeMs, DealReason.STOP_OUT));
        }
        return out;
    }

    /** Balance + each position's profit + swap, in opening order. */
    private double equity() {
        sums();
        return sumEquity;
    }

    private double totalMargin() {
        sums();
        return sumMargin;
    }

    private OpenPosition netPosition(String symbol) {
        for (int i = 0, n = open.size(); i < n; i++) if (open.get(i).symbol.equals(symbol)) return open.get(i);
        return null;
    }

    private static ExecutionResult reject(Retcode code, long order, String why) {
        return new ExecutionResult(code, order, List.of(), 0, why);
    }

    private static double roundToDigits(double price, int digits) {
        double p = Math.pow(10, digits);
        return Math.round(price * p) / p;
    }

    private static void checkTick(Tick t) {
        if (t == null) throw new IllegalArgumentException("tick is null");
        if (!(t.bid() > 0) || !Double.isFinite(t.bid())) throw new IllegalArgumentException(t.symbol() + " tick bid must be positive and finite, got " + t.bid());
        if (!(t.ask() >= t.bid()) || !Double.isFinite(t.ask())) throw new IllegalArgumentException(t.symbol() + " tick ask " + t.ask() + " must be finite and >= bid " + t.bid());
    }
}
