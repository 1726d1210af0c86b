package io.vprop.market.instrument;

import java.util.EnumMap;
import java.util.Map;

/**
 * Typical spread in points by {@link Session}: what a bar replay or a backtest uses when the data carry no spread
 * (the shared H4/D1 bars have SPREAD = 0). Whole points, >= 0.
 */
public record SpreadModel(int asia, int london, int overlap, int newYork, int offHours) {
    public SpreadModel {
        if (asia < 0 || london < 0 || overlap < 0 || newYork < 0 || offHours < 0) {
            throw new IllegalArgumentException("spreads must be >= 0 points, got asia=" + asia + " london=" + london
                    + " overlap=" + overlap + " new_york=" + newYork + " off_hours=" + offHours);
        }
    }

    /** The same spread at every hour. */
    public static SpreadModel constant(int points) { return new SpreadModel(points, points, points, points, points); }

    public int points(Session s) {
        return switch (s) {
            case ASIA -> asia;
            case LONDON -> london;
            case OVERLAP -> overlap;
            case NEW_YORK -> newYork;
            case OFF_HOURS -> offHours;
        };
    }

    /** Spread in points at a UTC time. */
    public int pointsAt(long utcMs) { return points(Session.at(utcMs)); }

    public Map<Session, Integer> bySession() {
        Map<Session, Integer> m = new EnumMap<>(Session.class);
        for (Session s : Session.values()) m.put(s, points(s));
        return m;
    }
}
