package io.vprop.research.testrunner;

/**
 * USD per unit of a currency at a time, from the bar closes of the library: CCYUSD, 1 / USDCCY, or EURUSD / EURCCY
 * (the 12 pairs of the shared H4 set cover USD, EUR, GBP, NZD, JPY, CHF, CAD and AUD). The last close at or before
 * the time is used.
 */
final class UsdRates {
    private final BarLibrary bars;

    UsdRates(BarLibrary bars) {
        this.bars = bars;
    }

    double usdPer(String currency, long timeMs) {
        if (currency.equals("USD")) return 1.0;
        if (bars.has(currency + "USD")) return bars.series(currency + "USD").lastPrice(timeMs);
        if (bars.has("USD" + currency)) return 1.0 / bars.series("USD" + currency).lastPrice(timeMs);
        if (bars.has("EUR" + currency) && bars.has("EURUSD")) {
            return bars.series("EURUSD").lastPrice(timeMs) / bars.series("EUR" + currency).lastPrice(timeMs);
        }
        throw new IllegalArgumentException("cannot convert " + currency + " to USD: the bar folder has none of "
                + currency + "USD, USD" + currency + ", EUR" + currency + " with EURUSD");
    }

    /** Fails now, naming the currency, if a symbol's profit currency cannot be converted. */
    void check(String symbol) {
        usdPer(symbol.substring(3, 6), bars.series(symbol).openMs[0]);
        usdPer(symbol.substring(0, 3), bars.series(symbol).openMs[0]);
    }
}
