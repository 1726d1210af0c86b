package io.vprop.signal.data;

/**
 * One row of an economic calendar. Numeric fields are NaN when the calendar has no number (speeches, future events).
 *
 * @param timeMs UTC epoch ms of the release
 */
public record CalendarEvent(long timeMs, String currency, String impact, String event,
                            double actual, double forecast, double previous) {
    public boolean hasSurprise() { return !Double.isNaN(actual) && !Double.isNaN(forecast); }
}
