package io.vprop.signal.alpha;

/** The six alphas. The ordinal indexes per-alpha arrays (weights, bandit arms). */
public enum AlphaId {
    MOMENTUM, MEAN_REVERSION, BREAKOUT, ORDER_FLOW, SENTIMENT, CORRELATION;

    public static final int COUNT = values().length;
}
