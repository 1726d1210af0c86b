package io.vprop.market.instrument;

import io.vprop.market.Tick;
import io.vprop.market.TickSource;

import java.util.EnumMap;
import java.util.Map;

/**
 * Median spread in points by {@link Session}, measured over a tick stream: how the built-in spread defaults were
 * checked against the shared tick files, and how to calibrate an override row from one's own broker's ticks.
 * Every tick counts once (a busy hour weighs more than a quiet one).
 */
public final class SpreadSurvey {
    private static final int MAX_POINTS = 100_000;

    /**
     * @param medians median spread in points of each session that had ticks
     * @param ticks   ticks counted per session
     */
    public record Result(Map<Session, Integer> medians, Map<Session, Long> ticks) {
    }

    private SpreadSurvey() {
    }

    /** Reads {@code source} to its end (it is not closed); spreads are rounded to whole points of size {@code point}. */
    public static Result of(TickSource source, double point) {
        if (!(point > 0)) throw new IllegalArgumentException("point must be > 0, got " + point);
        Map<Session, long[]> histograms = new EnumMap<>(Session.class);
        for (Tick t; (t = source.next()) != null; ) {
            int pts = (int) Math.min(MAX_POINTS, Math.max(0, Math.round((t.ask() - t.bid()) / point)));
            histograms.computeIfAbsent(Session.at(t.timeMs()), s -> new long[MAX_POINTS + 1])[pts]++;
        }
        Map<Session, Integer> medians = new EnumMap<>(Session.class);
        Map<Session, Long> counts = new EnumMap<>(Session.class);
        for (Map.Entry<Session, long[]> e : histograms.entrySet()) {
            long[] h = e.getValue();
            long n = 0;
            for (long c : h) n += c;
            long half = (n + 1) / 2, seen = 0;
            int median = 0;
            for (int p = 0; p < h.length; p++) {
                seen += h[p];
                if (seen >= half) { median = p; break; }
            }
            medians.put(e.getKey(), median);
            counts.put(e.getKey(), n);
        }
        return new Result(medians, counts);
    }
}
