package io.vprop.signal.alpha;

/**
 * Donchian breakout: the live mid beyond the previous 20 bars' high/low by at least 0.1 ATR. Breakouts out of a
 * squeeze (Bollinger width below its usual) are stronger; strength grows with the excess in ATRs.
 */
final class BreakoutAlpha implements Alpha {
    static final double MIN_EXCESS_ATR = 0.1, EDGE = 0.15;

    @Override public AlphaId id() { return AlphaId.BREAKOUT; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        double atr = c.bars.atr(), hi = c.bars.donchianHigh(), lo = c.bars.donchianLow();
        if (!(atr > 0) || Double.isNaN(hi) || Double.isNaN(lo)) return;
        double up = (c.mid - hi) / atr, down = (lo - c.mid) / atr;
        if (up >= MIN_EXCESS_ATR) out.set(1, 0.3 + up, EDGE);
        else if (down >= MIN_EXCESS_ATR) out.set(-1, 0.3 + down, EDGE);
    }
}
