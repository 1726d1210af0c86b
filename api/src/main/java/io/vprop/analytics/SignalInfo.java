package io.vprop.analytics;

/**
 * What a trade inherits from the signal that opened it (journal signals table). Empty strings when unknown;
 * {@code stop} is the signal's stop-loss price, 0 when it had none (the protocol's "not set").
 */
record SignalInfo(String id, String alpha, String regime, double confidence, String reason, double stop) {
    public static final SignalInfo NONE = new SignalInfo("", "", "", Double.NaN, "", 0);

    public SignalInfo(String id, String alpha, String regime, double confidence, String reason) {
        this(id, alpha, regime, confidence, reason, 0);
    }
}
