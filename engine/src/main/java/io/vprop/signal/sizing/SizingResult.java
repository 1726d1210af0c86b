package io.vprop.signal.sizing;

import io.vprop.signal.port.SkipReason;

/** Mutable result slot of {@link PositionSizer} (reused; no allocation per sizing). */
public final class SizingResult {
    public enum Cap { KELLY, RISK_PER_TRADE, VOL_TARGET, HEADROOM, ES_BUDGET, VOLUME_MAX }

    /** Final lots, on the volume step, within [min, max]; 0 when the trade must be skipped. */
    public double lots;
    /** Which limit decided the size. */
    public Cap binding;
    /** Kelly fraction after the fractional multiplier and entropy penalty (fraction of equity at risk). */
    public double kellyFraction;
    /** Money lost if the stop is hit with {@link #lots}, costs included. */
    public double lossAtStop;
    /** {@link SkipReason} bits when lots is 0. */
    public long skipMask;

    void reset() { lots = 0; binding = null; kellyFraction = 0; lossAtStop = 0; skipMask = 0; }
}
