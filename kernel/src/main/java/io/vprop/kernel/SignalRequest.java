package io.vprop.kernel;

/**
 * A trade a strategy wants: everything of a protocol {@code signal} but its id, which the kernel assigns when the
 * risk engine lets it through. Prices in the symbol's quote currency, {@code expiryMs} UTC.
 */
public record SignalRequest(String kind, String symbol, String side, double lots, double price, double maxDeviation,
                            double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                            double confidence, String reason, long position) {

    public static SignalRequest open(String symbol, String side, double lots, double price, double maxDeviation,
                                     double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                                     double confidence, String reason) {
        return new SignalRequest("open", symbol, side, lots, price, maxDeviation, sl, tp1, tp2, expiryMs, alpha, regime,
                confidence, reason, 0);
    }

    public static SignalRequest close(String symbol, String side, long position, long expiryMs, String reason) {
        return new SignalRequest("close", symbol, side, 0, 0, 0, 0, 0, 0, expiryMs, "", "", 0, reason, position);
    }
}
