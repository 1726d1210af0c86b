package io.vprop.market.instrument;

/** The current mid price of a symbol, or NaN when there is no quote of it yet. */
@FunctionalInterface
public interface QuoteLookup {
    double mid(String symbol);

    /** No quotes at all: only identity and fixed-rate routes give a rate. */
    QuoteLookup NONE = symbol -> Double.NaN;
}
