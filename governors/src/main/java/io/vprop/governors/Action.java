package io.vprop.governors;

/** What the trading side must do. Declared from least to most severe; the most severe hit wins. */
public enum Action {
    /** Nothing to do. */
    ALLOW,
    /** Keep open positions, send no new entries (for an order request: do not send it). */
    BLOCK_NEW_ENTRIES,
    /** Close everything now and send nothing new until {@link RuleVerdict#untilMs()} (usually the next daily reset). */
    PAUSE_UNTIL_RESET,
    /** Close everything now and stop trading for good: a hard limit is breached. */
    FLATTEN_AND_HALT;

    public boolean moreSevereThan(Action other) {
        return ordinal() > other.ordinal();
    }
}
