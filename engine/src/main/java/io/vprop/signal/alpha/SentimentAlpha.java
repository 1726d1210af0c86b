package io.vprop.signal.alpha;

/**
 * Macro surprise: good news for the base currency or bad news for the quote currency → buy the pair.
 * Reads the {@link EventSource}; neutral when there is no recent event (or no source at all).
 */
final class SentimentAlpha implements Alpha {
    static final double MIN_SURPRISE = 0.2, EDGE = 0.2;

    @Override public AlphaId id() { return AlphaId.SENTIMENT; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        if (c.baseCurrency == null || c.quoteCurrency == null) return;
        double x = c.events.surprise(c.baseCurrency, c.timeMs) - c.events.surprise(c.quoteCurrency, c.timeMs);
        if (Double.isNaN(x) || Math.abs(x) < MIN_SURPRISE) return;
        out.set(x > 0 ? 1 : -1, Math.abs(x), EDGE);
    }
}
