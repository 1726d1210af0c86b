package io.vprop.research.backtest;

import io.vprop.governors.event.NewsEvent;

import java.util.Locale;

/**
 * A scheduled economic release of the calendar a backtest plays (the sidecar's {@code calendar.file}): the governors
 * learn it 24 h ahead, as the kernel pushes it live, and its news rule blocks entries and cancels resting orders
 * around it.
 *
 * @param releaseMs when it is released, UTC ms
 * @param currency  the currency it moves (ISO code), or "ALL"
 * @param impact    the calendar's impact level
 */
public record NewsRelease(long releaseMs, String currency, NewsEvent.Impact impact) {
    public NewsRelease {
        if (releaseMs < 0) throw new IllegalArgumentException("news release time " + releaseMs + " is before 1970");
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException("news release at " + releaseMs + ": no currency");
        if (impact == null) throw new IllegalArgumentException("news release at " + releaseMs + ": no impact");
        currency = currency.strip().toUpperCase(Locale.ROOT);
    }
}
