package io.vprop.signal.alpha;

/**
 * Mutable output slot an alpha writes into (reused, so evaluating an alpha allocates nothing).
 * direction ∈ {−1, 0, +1}; strength ∈ [0, 1]; edge = expected drift over the stop horizon in units of the horizon σ.
 */
public final class AlphaSignal {
    public int direction;
    public double strength;
    public double edge;

    public void clear() { direction = 0; strength = 0; edge = 0; }

    public void set(int direction, double strength, double edgePerStrength) {
        double s = strength < 0 ? 0 : (strength > 1 ? 1 : strength);
        this.direction = direction;
        this.strength = s;
        this.edge = edgePerStrength * s;
    }

    public boolean fired() { return direction != 0 && strength > 0; }
}
