package io.vprop.signal.alpha;

/** Fades stretched prices: z-score of the live mid against the 20-bar close window beyond ±2 → trade back. */
final class MeanReversionAlpha implements Alpha {
    static final double ENTRY_Z = 2.0, FULL_Z = 4.0, EDGE = 0.2;

    @Override public AlphaId id() { return AlphaId.MEAN_REVERSION; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        double z = c.bars.zScore(c.mid);
        if (Math.abs(z) < ENTRY_Z) return;
        out.set(z > 0 ? -1 : 1, 0.25 + 0.75 * (Math.abs(z) - ENTRY_Z) / (FULL_Z - ENTRY_Z), EDGE);
    }
}
