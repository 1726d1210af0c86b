package io.vprop.market.instrument;

/** Money in {@code from} cannot be converted to {@code to}: no quoted symbol links them and no fixed rate is set. */
public final class NoConversionRouteException extends IllegalArgumentException {
    private final String from, to, pairNeeded;

    NoConversionRouteException(String from, String to, String pairNeeded, String context) {
        super((context == null ? "" : context + ": ") + "no way to convert " + from + " to " + to + ": quotes of "
                + pairNeeded + " are needed (add the symbol to the market), or a fixed rate such as " + pairNeeded
                + "=<price>; VProp never assumes 1.0");
        this.from = from;
        this.to = to;
        this.pairNeeded = pairNeeded;
    }

    /** The same failure, its message starting with what needed the conversion (e.g. "EURGBP profits"). */
    public NoConversionRouteException in(String context) {
        return new NoConversionRouteException(from, to, pairNeeded, context);
    }

    public String from() { return from; }

    public String to() { return to; }

    /** The pair, in market convention, whose quotes or fixed rate would make the conversion possible (e.g. USDJPY). */
    public String pairNeeded() { return pairNeeded; }
}
