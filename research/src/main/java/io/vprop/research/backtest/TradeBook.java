package io.vprop.research.backtest;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.paper.broker.Deal;
import io.vprop.research.BacktestTrade;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the broker's deals into round trips ({@link BacktestTrade}): an entry deal opens one, exit deals (TP1
 * partial, SL, TP, closes) reduce it, the last closes it. It also follows each open trade's floating P&L on every
 * quote of its symbol for the worst excursion. Money in the account currency.
 */
final class TradeBook {
    private static final double EPS = 1e-9;

    private final Function<String, SymbolSpec> specs;  // with the tick value at the current rate (cross and JPY pairs)
    private final Map<String, OrderIntent> orders = new HashMap<>();
    private final Map<String, String> timeframes = new HashMap<>();
    private final Map<Long, Open> open = new LinkedHashMap<>();
    /** The open trades by symbol: a quote looks at its own symbol's only, and most symbols have none. */
    private final Map<String, Symbol> bySymbol = new HashMap<>();
    private final List<BacktestTrade> closed = new ArrayList<>();

    /**
     * One symbol's open trades, in the order they opened: the backtest holds it with the symbol's state, so a quote
     * finds them with no lookup (and a symbol without a trade costs a test of the count).
     */
    static final class Symbol {
        private Open[] open = new Open[2];
        private int count;

        boolean hasOpen() { return count > 0; }

        private void add(Open o) {
            if (count == open.length) open = java.util.Arrays.copyOf(open, 2 * count);
            open[count++] = o;
        }

        private void remove(Open o) {
            for (int i = 0; i < count; i++) {
                if (open[i] != o) continue;
                System.arraycopy(open, i + 1, open, i, count - i - 1);
                open[--count] = null;
                return;
            }
        }
    }

    /** One round trip while it is open. */
    private static final class Open {
        final long position;
        final String symbol;
        final Symbol trades;           // the symbol's open trades, this one among them
        final SymbolSpec spec;
        final long openMs;
        final String alpha, regime, timeframe, session;
        Side side;
        double lots, volume, entryPrice, riskMoney;
        double profit, commission, swap, exitValue, exitVolume;
        double worst;
        /**
         * The most adverse price {@link #onQuote} has valued the trade at since its numbers last changed (NaN: none).
         * {@link #runningPnl} only falls as the price moves against the trade (each step of it rounds monotonically,
         * with a positive tick size and value): a quote no worse than this one cannot lower {@link #worst}, and most
         * quotes are such, so they are not valued at all.
         */
        double adverse = Double.NaN;
        final boolean monotone;
        final List<String> reasons = new ArrayList<>();

        Open(long position, String symbol, Symbol trades, SymbolSpec spec, Side side, long openMs, OrderIntent order,
             String timeframe) {
            this.position = position;
            this.symbol = symbol;
            this.trades = trades;
            this.spec = spec;
            this.side = side;
            this.openMs = openMs;
            this.alpha = order == null ? "" : order.alpha();
            this.regime = order == null ? "" : order.regime();
            this.timeframe = timeframe == null ? "" : timeframe;
            this.session = session(openMs);
            this.monotone = spec.tickSize() > 0 && spec.tickValue() > 0;
        }

        /** What closing the rest at {@code price} would leave: realized net so far plus the floating price P&L. */
        double runningPnl(double price) {
            return profit + commission + swap + side.sign() * spec.moneyPerPriceMove(price - entryPrice, volume);
        }
    }

    /** @param specs each symbol's spec with its tick value now: a trade's money at risk is valued at its entry's rate */
    TradeBook(Function<String, SymbolSpec> specs) { this.specs = specs; }

    /**
     * An order that went out under {@code signalId}: its setup names and stop, for the trade it opens. Kept until its
     * entry deal (a signal's order fills once), so the orders of a long run do not pile up; its timeframe too.
     */
    void ordered(String signalId, OrderIntent order) {
        if (order.opens()) orders.put(signalId, order);
    }

    /** The timeframe a strategy stated for a signal (the signal engine says it in its decision). */
    void timeframe(String signalId, String timeframe) { timeframes.put(signalId, timeframe); }

    /** The open trades of {@code symbol} (none yet: an empty holder, the same one from then on). */
    Symbol symbol(String symbol) { return bySymbol.computeIfAbsent(symbol, s -> new Symbol()); }

    int openCount() { return open.size(); }

    /** The worst excursion of every open trade of this quote's symbol ({@code trades}: {@link #symbol} of it). */
    void onQuote(Symbol trades, Tick t) {
        Open[] list = trades.open;
        for (int i = 0, n = trades.count; i < n; i++) {
            Open o = list[i];
            boolean buy = o.side == Side.BUY;
            double price = buy ? t.bid() : t.ask();
            if (buy ? price >= o.adverse : price <= o.adverse) continue;   // (false while NaN)
            o.worst = Math.min(o.worst, o.runningPnl(price));
            if (o.monotone) o.adverse = price;
        }
    }

    /** @param label the exit's name in the trade's exit reason (sl, tp1, tp2, close, governors, end_of_data…) */
    void onDeal(Deal d, String label) {
        Open o = open.get(d.position());
        if (d.entry() == FillEntry.IN) {
            OrderIntent order = orders.remove(d.comment());      // (a signal fills once: its order is done with)
            String timeframe = timeframes.remove(d.comment());
            if (o == null) {
                o = new Open(d.position(), d.symbol(), symbol(d.symbol()), specs.apply(d.symbol()), d.side(), d.timeMs(),
                        order, timeframe);
                open.put(o.position, o);
                o.trades.add(o);
            }
            enter(o, d, d.volume(), d.commission(), order);
            return;
        }
        if (o == null) return;                                    // a position from before the run: not ours
        o.worst = Math.min(o.worst, o.runningPnl(d.price()));  // the exit's own quote (a stop's loss) counts too
        double closing = d.entry() == FillEntry.INOUT ? o.volume : d.volume();
        double share = closing / d.volume();
        o.profit += d.profit();
        o.commission += d.commission() * share;
        o.swap += d.swap();
        o.exitValue += d.price() * closing;
        o.exitVolume += closing;
        o.volume = Math.round((o.volume - closing) * 1e8) / 1e8;
        o.adverse = Double.NaN;                                   // its running P&L is another line now
        if (o.reasons.isEmpty() || !o.reasons.get(o.reasons.size() - 1).equals(label)) o.reasons.add(label);
        if (o.volume > EPS) return;
        open.remove(o.position);
        o.trades.remove(o);
        closed.add(finish(o, d.timeMs()));
        if (d.entry() == FillEntry.INOUT) {                        // a netting reversal: the rest opens the other way
            OrderIntent order = orders.remove(d.comment());
            Open r = new Open(d.position(), d.symbol(), o.trades, o.spec, d.side(), d.timeMs(), order,
                    timeframes.remove(d.comment()));
            open.put(r.position, r);
            r.trades.add(r);
            enter(r, d, d.volume() - closing, d.commission() * (1 - share), order);
        }
    }

    /** @param order the order of the deal's signal (null when not ours) */
    private void enter(Open o, Deal d, double volume, double commission, OrderIntent order) {
        double total = o.volume + volume;
        o.entryPrice = (o.entryPrice * o.volume + d.price() * volume) / total;
        o.volume = Math.round(total * 1e8) / 1e8;
        o.lots = Math.round((o.lots + volume) * 1e8) / 1e8;
        o.commission += commission;
        if (order != null && order.sl() > 0) o.riskMoney += o.spec.moneyPerPriceMove(Math.abs(d.price() - order.sl()), volume);
        o.worst = Math.min(o.worst, o.runningPnl(d.price()));
        o.adverse = Double.NaN;
    }

    private static BacktestTrade finish(Open o, long closeMs) {
        return new BacktestTrade(o.position, o.symbol, o.side, o.lots, o.openMs, closeMs, o.entryPrice,
                o.exitVolume > 0 ? o.exitValue / o.exitVolume : o.entryPrice, cents(o.profit + o.commission + o.swap),
                cents(o.commission), cents(o.swap), cents(o.riskMoney), cents(Math.min(0, o.worst)), o.alpha, o.regime,
                o.session, o.timeframe, String.join("+", o.reasons));
    }

    List<BacktestTrade> trades() { return List.copyOf(closed); }

    /**
     * The trading session of an entry by its UTC hour, one name each (the overlap wins over London and New York,
     * London over Asia): asia 23:00–07:00, london 07:00–12:00, overlap 12:00–16:00, newyork 16:00–21:00,
     * off 21:00–23:00 (fixed UTC hours, as the signal engine's session feature).
     */
    static String session(long utcMs) {
        int hour = (int) (Math.floorMod(utcMs, 86_400_000L) / 3_600_000L);
        if (hour >= 12 && hour < 16) return "overlap";
        if (hour >= 7 && hour < 12) return "london";
        if (hour >= 16 && hour < 21) return "newyork";
        if (hour >= 23 || hour < 7) return "asia";
        return "off";
    }

    private static double cents(double v) { return Math.round(v * 100) / 100.0; }
}
