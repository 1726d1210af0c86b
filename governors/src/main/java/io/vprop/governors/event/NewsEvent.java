package io.vprop.governors.event;

import java.util.Locale;

/**
 * A scheduled economic release learnt at {@code timeMs}, happening at {@code releaseMs}.
 *
 * @param currency ISO currency the release affects (e.g. "USD"), or "ALL"
 * @param impact   as the calendar states it: HIGH, MEDIUM or LOW
 */
public record NewsEvent(long timeMs, long releaseMs, String currency, Impact impact) implements GovernorEvent {
    public enum Impact { LOW, MEDIUM, HIGH }

    public NewsEvent {
        Checks.symbol("news.currency", currency);
        Checks.required("news.impact", impact);
        currency = currency.toUpperCase(Locale.ROOT);
    }
}
