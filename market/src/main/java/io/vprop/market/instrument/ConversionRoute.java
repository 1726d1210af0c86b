package io.vprop.market.instrument;

/**
 * How one unit of {@code from} becomes {@code to}: itself ({@link Kind#SAME}), the mid of a quoted symbol whose base
 * is {@code from} ({@link Kind#DIRECT}: GBPUSD for GBP → USD), one over the mid of a symbol whose base is {@code to}
 * ({@link Kind#INVERSE}: USDJPY for JPY → USD), or a configured {@link Kind#FIXED} rate.
 *
 * @param symbol    the quoted symbol (DIRECT, INVERSE), else null
 * @param fixedRate the rate of a FIXED route, else NaN
 */
public record ConversionRoute(String from, String to, Kind kind, String symbol, double fixedRate) {
    public enum Kind { SAME, DIRECT, INVERSE, FIXED }

    static ConversionRoute same(String currency) { return new ConversionRoute(currency, currency, Kind.SAME, null, Double.NaN); }

    /** Units of {@code to} per unit of {@code from}; NaN when the route's symbol has no quote yet. */
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
        };
    }

    /** Whether the route needs a quote (DIRECT, INVERSE). */
    public boolean needsQuote() { return kind == Kind.DIRECT || kind == Kind.INVERSE; }

    /** In words, e.g. "JPY→USD: 1 / USDJPY mid". */
    public String describe() {
        String head = from + "→" + to + ": ";
        return switch (kind) {
            case SAME -> head + "1";
            case FIXED -> head + "fixed " + fixedRate;
            case DIRECT -> head + symbol + " mid";
            case INVERSE -> head + "1 / " + symbol + " mid";
        };
    }
}
