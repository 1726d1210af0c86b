package io.vprop.signal.feature;

/**
 * Volume-synchronised probability of informed trading (Easley, López de Prado, O'Hara): volume is cut into buckets of
 * equal size, each unit is classified buy or sell by the tick rule, and VPIN is the mean of |buy − sell| / bucket size
 * over the last n buckets. FX feeds carry no volume, so the engine passes 1 per tick (tick-volume buckets).
 * A tick's volume that overflows a bucket is split across buckets. O(1) amortised, no allocation.
 */
final class Vpin {
    private final double bucketSize;
    private final RollingWindow imbalances;
    private double buy;
    private double sell;

    public Vpin(double bucketSize, int buckets) {
        if (!(bucketSize > 0)) throw new IllegalArgumentException("VPIN bucket size must be > 0, was " + bucketSize);
        this.bucketSize = bucketSize;
        this.imbalances = new RollingWindow(buckets);
    }

    /** @param sign +1 buy, −1 sell (tick rule), 0 treated as half/half */
    public void add(double volume, int sign) {
        double remaining = volume;
        while (remaining > 0) {
            double room = bucketSize - buy - sell;
            double take = Math.min(room, remaining);
            if (sign > 0) buy += take;
            else if (sign < 0) sell += take;
            else { buy += take / 2; sell += take / 2; }
            remaining -= take;
            if (buy + sell >= bucketSize - 1e-12) {
                imbalances.add(Math.abs(buy - sell) / bucketSize);
                buy = 0;
                sell = 0;
            }
        }
    }

    public int completedBuckets() { return imbalances.count(); }

    /** NaN until a bucket has completed. */
    public double value() { return imbalances.count() == 0 ? Double.NaN : imbalances.mean(); }
}
