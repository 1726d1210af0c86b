package io.vprop.signal.alpha;

/**
 * Trend following: the fast/slow EMA gap measured in ATRs, confirmed by the fast EMA's slope pointing the same way.
 * Fires when the gap exceeds 0.5 ATR; strength saturates at 2 ATR.
 */
final class MomentumAlpha implements Alpha {
    static final double MIN_GAP_ATR = 0.5, FULL_GAP_ATR = 2.0, EDGE = 0.15;

    @Override public AlphaId id() { return AlphaId.MOMENTUM; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        double atr = c.bars.atr();
        if (!(atr > 0)) return;
        double gap = (c.bars.emaFast() - c.bars.emaSlow()) / atr;
        double slope = c.bars.emaSlopeAtr();
        if (Math.abs(gap) < MIN_GAP_ATR || Math.signum(slope) != Math.signum(gap)) return;
        out.set(gap > 0 ? 1 : -1, Math.abs(gap) / FULL_GAP_ATR, EDGE);
    }
}
