package io.vprop.ops.notify;

/**
 * One message for the trader. {@code key} groups messages for rate limiting (e.g. "rule_warning:peer:daily_loss"):
 * a flood of one key is throttled without silencing the others.
 */
record Notification(String key, Severity severity, String text, long tsMs) {

    public enum Severity {
        INFO("ℹ️"), WARNING("⚠️"), CRITICAL("🛑");

        public final String icon;

        Severity(String icon) { this.icon = icon; }
    }

    public Notification withText(String t) { return new Notification(key, severity, t, tsMs); }
}
