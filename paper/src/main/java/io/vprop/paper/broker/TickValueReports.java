package io.vprop.paper.broker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * When a terminal tells the sidecar a symbol's tick value ({@code symbol_update}, docs/protocol.md §4c), as the EA
 * does: every symbol once after each welcome, then a symbol whose value moved more than {@link #MOVE} since it was
 * last told, looked at on its own quotes at most once every {@link #EVERY_MS} of market time. A value is told only
 * when known (a cross's conversion pair quoted). The paper terminal sends what this says; the backtester applies it
 * at the same quotes, so a replay in exact lockstep and a backtest see the same tick values at the same moments.
 * One thread.
 */
public final class TickValueReports {
    /** Relative move of a tick value that is told again: 0.01 %, the EA's {@code InpTickValueMovePct} default. */
    public static final double MOVE = 1e-4;
    /** How often a symbol's value is looked at, at most, on its own quotes (market time, ms). */
    public static final long EVERY_MS = 1_000;

    /** Hears each value told. */
    @FunctionalInterface
    public interface Listener {
        void told(Symbol symbol, double tickValue);
    }

    /** One symbol's broker value and what was last told of it. */
    public static final class Symbol {
        private final String name;
        private final int index;
        private final DoubleSupplier value;
        private double told;
        private long checkedMs;
        private boolean checked;

        private Symbol(String name, int index, DoubleSupplier value) {
            this.name = name;
            this.index = index;
            this.value = value;
        }

        public String name() { return name; }

        /** Its place among the symbols given to the constructor (0 for the first): a caller's array index. */
        public int index() { return index; }
    }

    private final Map<String, Symbol> symbols = new TreeMap<>();   // sorted: the welcome's reports in symbol order
    private final Map<String, Symbol> byName = new HashMap<>();
    private boolean welcomeDue = true;

    /**
     * @param symbols the terminal's symbols (its hello's); those the broker does not trade are never told
     */
    public TickValueReports(PaperBroker broker, Collection<String> symbols) {
        int index = -1;
        for (String s : symbols) {
            index++;
            DoubleSupplier v;
            try {
                v = broker.tickValueOf(s);
            } catch (IllegalArgumentException e) {
                continue;                                   // a hello symbol the broker does not trade: nothing to tell
            }
            Symbol sym = new Symbol(s, index, v);
            this.symbols.put(s, sym);
            byName.put(s, sym);
        }
    }

    /** The symbol's handle (null when the broker does not trade it): a caller that quotes often keeps it. */
    public Symbol symbol(String name) { return byName.get(name); }

    /** The terminal was welcomed (again): every symbol's value is told at the next quote. */
    public void welcomed() { welcomeDue = true; }

    /** {@link #onQuote(Symbol, long, Listener)} by the symbol's name. */
    public void onQuote(String symbol, long nowMs, Listener listener) {
        onQuote(byName.get(symbol), nowMs, listener);
    }

    /**
     * A quote of {@code symbol} at market time {@code nowMs}, after the broker took it: tells the values due. After
     * a welcome, every symbol's (those known); else this symbol's, when it was not looked at in the last
     * {@link #EVERY_MS} and moved more than {@link #MOVE} since last told.
     *
     * @param symbol the quoted symbol's handle; null (a symbol the broker does not trade) tells only a welcome's values
     */
    public void onQuote(Symbol symbol, long nowMs, Listener listener) {
        if (welcomeDue) {
            welcomeDue = false;
            for (Symbol s : symbols.values()) look(s, nowMs, true, listener);
        } else if (symbol != null) {
            look(symbol, nowMs, false, listener);
        }
    }

    private static void look(Symbol s, long nowMs, boolean always, Listener listener) {
        if (!always && s.checked && nowMs - s.checkedMs < EVERY_MS) return;
        s.checked = true;
        s.checkedMs = nowMs;
        double tv = s.value.getAsDouble();
        if (!(tv > 0) || !Double.isFinite(tv)) return;  // no quote of the conversion pair yet: the sidecar keeps its value
        if (!always && Math.abs(tv - s.told) <= s.told * MOVE) return;
        s.told = tv;
        listener.told(s, tv);
    }
}
