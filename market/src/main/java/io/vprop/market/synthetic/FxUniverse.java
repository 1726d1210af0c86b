package io.vprop.market.synthetic;

import io.vprop.market.SymbolSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 8 major currencies and the 28 pairs between them, named in market convention (the currency earlier in
 * EUR GBP AUD NZD USD CAD CHF JPY is the base), with plausible late-2024 USD values and typical raw spreads.
 */
public final class FxUniverse {
    /** Market-convention priority: a pair's base is the currency that comes first here. */
    public static final List<String> CURRENCIES = List.of("EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "JPY");

    /** USD value of one unit of each currency at the start of a simulation. */
    static final Map<String, Double> USD_VALUE = Map.of(
            "EUR", 1.0850, "GBP", 1.2650, "AUD", 0.6550, "NZD", 0.6050, "USD", 1.0,
            "CAD", 1 / 1.3550, "CHF", 1 / 0.8850, "JPY", 1 / 150.0);

    /** Annualised volatility against USD of each currency's own (idiosyncratic + USD factor) returns. */
    static final Map<String, Double> ANNUAL_VOL = Map.of(
            "EUR", 0.075, "GBP", 0.085, "AUD", 0.105, "NZD", 0.11, "USD", 0.0,
            "CAD", 0.065, "CHF", 0.08, "JPY", 0.10);

    private static final Map<String, Integer> MAJOR_SPREAD_POINTS = Map.of(
            "EURUSD", 6, "GBPUSD", 9, "USDJPY", 8, "AUDUSD", 9, "USDCAD", 12, "USDCHF", 12, "NZDUSD", 14,
            "EURGBP", 10, "EURJPY", 14, "GBPJPY", 22);

    /** All 28 pairs in market convention. */
    public static final List<String> SYMBOLS;
    static {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < CURRENCIES.size(); i++)
            for (int j = i + 1; j < CURRENCIES.size(); j++) s.add(CURRENCIES.get(i) + CURRENCIES.get(j));
        SYMBOLS = List.copyOf(s);
    }

    private FxUniverse() {
    }

    /** Typical raw spread in points outside news and rollover. */
    public static int baseSpreadPoints(String symbol) {
        return MAJOR_SPREAD_POINTS.getOrDefault(symbol, 18);
    }

    /** Starting mid price of a pair from the currencies' USD values. */
    public static double startPrice(String symbol) {
        return usdValue(symbol.substring(0, 3)) / usdValue(symbol.substring(3, 6));
    }

    static double usdValue(String ccy) {
        Double v = USD_VALUE.get(ccy);
        if (v == null) throw new IllegalArgumentException("unknown currency '" + ccy + "' (known: " + CURRENCIES + ")");
        return v;
    }

    /**
     * Broker-like spec: 5 digits (3 for JPY-quoted), 100,000 contract, 0.01–100 lots, no stops/freeze level; tick
     * value in USD at the starting price of the quote currency (static, as MT5 testers approximate it).
     */
    public static SymbolSpec spec(String symbol) {
        if (!SYMBOLS.contains(symbol)) throw new IllegalArgumentException("unknown synthetic symbol '" + symbol + "'");
        String base = symbol.substring(0, 3), quote = symbol.substring(3, 6);
        int digits = quote.equals("JPY") ? 3 : 5;
        double point = digits == 3 ? 0.001 : 0.00001;
        double tickValue = point * 100_000 * usdValue(quote);
        return new SymbolSpec(symbol, digits, point, point, tickValue, 100_000, 0.01, 0.01, 100.0, 0, 0, base, quote);
    }
}
