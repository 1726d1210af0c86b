package io.vprop.market.synthetic;

/**
 * A scheduled release that moves one currency: around it the synthetic market widens spreads (from 2 minutes
 * before to 3 minutes after), multiplies that currency's volatility (decaying over 10 minutes) and ticks faster.
 *
 * @param timeMs   UTC epoch ms of the release
 * @param currency ISO code, e.g. "USD"
 * @param impact   volatility multiplier at the release (e.g. 6 for a payrolls-like event), at least 1
 */
record NewsEvent(long timeMs, String currency, double impact) {
    public NewsEvent {
        if (currency == null || currency.length() != 3) throw new IllegalArgumentException("news currency must be a 3-letter code, got '" + currency + "'");
        if (!(impact >= 1) || Double.isInfinite(impact)) throw new IllegalArgumentException("news impact must be >= 1, got " + impact);
    }
}
