package io.vprop.signal.alpha;

/**
 * Port for the sentiment alpha: macro-event surprises per currency. Baseline:
 * {@code data.CalendarEventSource} over the shared ForexFactory-format calendar.
 */
public interface EventSource {
    /**
     * Signed surprise in [-1, 1] of the most recent event for {@code currency} released in the look-back window
     * before {@code timeMs}: positive means good news for the currency. 0 when there is none. Must not allocate.
     */
    double surprise(String currency, long timeMs);

    /** No events: the sentiment alpha stays neutral. */
    EventSource NONE = (currency, timeMs) -> 0.0;
}
