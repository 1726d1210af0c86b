package io.vprop.market;

/**
 * A closed bar. Prices are bid prices, as MT5 charts them.
 *
 * @param openTimeMs UTC epoch ms of the bar's open (MT5 stamps bars with their open time)
 * @param tickVolume number of ticks in the bar
 * @param spread     spread at the bar's close, in points
 */
public record Bar(String symbol, Timeframe timeframe, long openTimeMs,
                  double open, double high, double low, double close,
                  long tickVolume, int spread) {
}
