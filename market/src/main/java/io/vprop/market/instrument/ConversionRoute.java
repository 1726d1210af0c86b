package io.vprop.market.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * How one unit of {@code from} becomes {@code to}: itself ({@link Kind#SAME}), the mid of a quoted symbol whose base
 * is {@code from} ({@link Kind#DIRECT}: GBPUSD for GBP → USD), one over the mid of a symbol whose base is {@code to}
 * ({@link Kind#INVERSE}: USDJPY for JPY → USD), a configured {@link Kind#FIXED} rate, or two quoted legs through a
 * third currency ({@link Kind#CROSS}: AUD → EUR at 1 / EURAUD, then EUR → USD at EURUSD).
 *
 * @param symbol    the quoted symbol (DIRECT, INVERSE), else null
 * @param fixedRate the rate of a FIXED route, else NaN
 * @param first     a CROSS route's first leg ({@code from} → the third currency), else null
 * @param second    a CROSS route's second leg (the third currency → {@code to}), else null
 */
public record ConversionRoute(String from, String to, Kind kind, String symbol, double fixedRate, ConversionRoute first,
                              ConversionRoute second) {
    public enum Kind { SAME, DIRECT, INVERSE, FIXED, CROSS }

    public ConversionRoute {
        if ((kind == Kind.CROSS) != (first != null && second != null))
            throw new IllegalArgumentException("a CROSS route, and only it, has two legs: " + kind);
        if (kind == Kind.CROSS && (!first.from.equals(from) || !first.to.equals(second.from) || !second.to.equals(to)
                || !first.needsQuote() || !second.needsQuote() || first.kind == Kind.CROSS || second.kind == Kind.CROSS))
            throw new IllegalArgumentException("the legs " + first + " and " + second + " do not make " + from + "→" + to);
    }

    /** A one-hop route (SAME, DIRECT, INVERSE, FIXED). */
    public ConversionRoute(String from, String to, Kind kind, String symbol, double fixedRate) {
        this(from, to, kind, symbol, fixedRate, null, null);
    }

    static ConversionRoute same(String currency) { return new ConversionRoute(currency, currency, Kind.SAME, null, Double.NaN); }

    /** {@code first} then {@code second}, both quoted one-hop routes, {@code first.to()} = {@code second.from()}. */
    static ConversionRoute cross(ConversionRoute first, ConversionRoute second) {
        return new ConversionRoute(first.from, second.to, Kind.CROSS, null, Double.NaN, first, second);
    }

    /** Units of {@code to} per unit of {@code from}; NaN when a symbol of the route has no quote yet. */
    public double rate(QuoteLookup quotes) {
        return switch (kind) {
            case SAME -> 1.0;
            case FIXED -> fixedRate;
            case DIRECT -> {
                double m = quotes.mid(symbol);
                yield m > 0 ? m : Double.NaN;
            }
            case INVERSE -> {
                double m = quotes.mid(symbol);
                yield m > 0 ? 1.0 / m : Double.NaN;
            }
            case CROSS -> first.rate(quotes) * second.rate(quotes);   // NaN when either leg has no quote
        };
    }

    /** Whether the route needs quotes (DIRECT, INVERSE, CROSS). */
    public boolean needsQuote() { return kind == Kind.DIRECT || kind == Kind.INVERSE || kind == Kind.CROSS; }

    /** The symbols whose quotes the route reads, in order (empty for SAME and FIXED). */
    public List<String> symbols() {
        List<String> s = new ArrayList<>(2);
        if (kind == Kind.CROSS) {
            s.addAll(first.symbols());
            s.addAll(second.symbols());
        } else if (symbol != null) {
            s.add(symbol);
        }
        return List.copyOf(s);
    }

    /** The quoted symbols in words, for messages: "USDJPY", "EURAUD and EURUSD". */
    public String quotes() { return String.join(" and ", symbols()); }

    /** In words, e.g. "JPY→USD: 1 / USDJPY mid", "AUD→USD: 1 / EURAUD mid × EURUSD mid". */
    public String describe() {
        return from + "→" + to + ": " + formula();
    }

    private String formula() {
        return switch (kind) {
            case SAME -> "1";
            case FIXED -> "fixed " + fixedRate;
            case DIRECT -> symbol + " mid";
            case INVERSE -> "1 / " + symbol + " mid";
            case CROSS -> first.formula() + " × " + second.formula();
        };
    }
}
