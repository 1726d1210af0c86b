package io.vprop.market.instrument;

import java.util.List;

/**
 * A symbol the instrument table does not know. VProp never falls back to another instrument's spec (gold sized as
 * EURUSD is off by a factor of 1,000): the message names the symbol and its close matches.
 */
public final class UnknownInstrumentException extends IllegalArgumentException {
    private final String symbol;
    private final List<String> closeMatches;

    UnknownInstrumentException(String symbol, List<String> closeMatches, int known) {
        super("unknown instrument '" + symbol + "': not in the instrument table (" + known + " symbols)"
                + (closeMatches.isEmpty() ? "" : "; close matches: " + String.join(", ", closeMatches))
                + ". Add a row for it to an instruments override file (docs/instruments.md)");
        this.symbol = symbol;
        this.closeMatches = List.copyOf(closeMatches);
    }

    public String symbol() { return symbol; }

    public List<String> closeMatches() { return closeMatches; }
}
