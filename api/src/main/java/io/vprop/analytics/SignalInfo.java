package io.vprop.analytics;

/** What a trade inherits from the signal that opened it (journal signals table). Empty strings when unknown. */
record SignalInfo(String id, String alpha, String regime, double confidence, String reason) {
    public static final SignalInfo NONE = new SignalInfo("", "", "", Double.NaN, "");
}
