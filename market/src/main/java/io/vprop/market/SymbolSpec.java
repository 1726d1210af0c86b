package io.vprop.market;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the broker says about a symbol (MT5 SymbolInfo*), sent by the EA in its hello.
 *
 * @param digits        price digits (5 for EURUSD)
 * @param point         smallest price increment, 10^-digits
 * @param tickSize      SYMBOL_TRADE_TICK_SIZE
 * @param tickValue     account-currency value of one tickSize move for 1.0 lot (SYMBOL_TRADE_TICK_VALUE)
 * @param contractSize  units per 1.0 lot (100000 for FX)
 * @param volumeMin     smallest order volume in lots
 * @param volumeStep    volume granularity in lots
 * @param volumeMax     largest single order volume in lots
 * @param stopsLevel    minimum SL/TP distance from the price, in points
 * @param freezeLevel   distance in points inside which orders cannot be modified or closed
 * @param baseCurrency  e.g. "EUR"
 * @param profitCurrency e.g. "USD"
 */
public record SymbolSpec(String symbol, int digits, double point, double tickSize, double tickValue,
                         double contractSize, double volumeMin, double volumeStep, double volumeMax,
                         int stopsLevel, int freezeLevel, String baseCurrency, String profitCurrency) {

    /** Account-currency value of a price move of {@code priceDistance} for {@code lots}. */
    public double moneyPerPriceMove(double priceDistance, double lots) {
        return priceDistance / tickSize * tickValue * lots;
    }

    /** This spec with another tick value (for crosses and JPY pairs it moves with the exchange rate, as in MT5). */
    public SymbolSpec withTickValue(double newTickValue) {
        return new SymbolSpec(symbol, digits, point, tickSize, newTickValue, contractSize, volumeMin, volumeStep, volumeMax,
                stopsLevel, freezeLevel, baseCurrency, profitCurrency);
    }

    /** Rounds {@code lots} down to the volume step; 0 when below the minimum. */
    public double floorVolume(double lots) {
        if (!(lots >= volumeMin)) return 0.0;
        double steps = Math.floor((Math.min(lots, volumeMax) + 1e-9) / volumeStep);
        return Math.round(steps * volumeStep * 1e8) / 1e8;
    }

    /**
     * The currencies whose news move this symbol: its base and profit currency, upper case (else, when the broker gave
     * neither, the two halves of a six-letter name). The one rule for which calendar releases concern a symbol: the
     * kernel pushes those of a terminal's symbols, a backtest plays those of its data's.
     */
    public Set<String> newsCurrencies() {
        Set<String> out = new TreeSet<>();
        addNewsCurrencies(out);
        return out;
    }

    /** {@link #newsCurrencies()} of every spec, together. */
    public static Set<String> newsCurrencies(Collection<SymbolSpec> specs) {
        Set<String> out = new TreeSet<>();
        for (SymbolSpec s : specs) s.addNewsCurrencies(out);
        return out;
    }

    private void addNewsCurrencies(Set<String> out) {
        boolean base = baseCurrency != null && !baseCurrency.isBlank(), profit = profitCurrency != null && !profitCurrency.isBlank();
        if (base) out.add(baseCurrency.strip().toUpperCase(Locale.ROOT));
        if (profit) out.add(profitCurrency.strip().toUpperCase(Locale.ROOT));
        if (!base && !profit && symbol.length() >= 6) {
            out.add(symbol.substring(0, 3).toUpperCase(Locale.ROOT));
            out.add(symbol.substring(3, 6).toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A stand-in for tests and benchmarks only: a 5-digit (3 for JPY-quoted) FX pair, 100k contract, tick value for a
     * USD account at a fixed rate. Production code takes specs from the instrument table
     * ({@code io.vprop.market.instrument.InstrumentTable}) or the EA; this is wrong for anything but FX.
     */
    public static SymbolSpec fxMajor(String symbol) {
        boolean jpy = symbol.endsWith("JPY");
        int digits = jpy ? 3 : 5;
        double point = jpy ? 0.001 : 0.00001;
        double tickValue = jpy ? 0.67 : 1.0;
        return new SymbolSpec(symbol, digits, point, point, tickValue, 100_000, 0.01, 0.01, 50.0, 0, 0,
                symbol.substring(0, 3), symbol.substring(3, 6));
    }
}
