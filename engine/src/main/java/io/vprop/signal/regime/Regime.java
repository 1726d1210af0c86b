package io.vprop.signal.regime;

/** Volatility level (low / normal / high) crossed with market character (trend / range). Ordinal indexes arrays. */
public enum Regime {
    LOW_TREND, LOW_RANGE, NORMAL_TREND, NORMAL_RANGE, HIGH_TREND, HIGH_RANGE;

    public static final int COUNT = values().length;
    private static final Regime[] ALL = values();

    /** @param volLevel 0 low, 1 normal, 2 high */
    public static Regime of(int volLevel, boolean trending) {
        return ALL[volLevel * 2 + (trending ? 0 : 1)];
    }

    public int volLevel() { return ordinal() / 2; }

    public boolean trending() { return ordinal() % 2 == 0; }
}
