package io.vprop.journal;

/** What the journal's bars table holds for one symbol and timeframe: how many bars, the first and last open times. */
public record BarSeries(String symbol, String timeframe, long bars, long firstOpenMs, long lastOpenMs) {
}
