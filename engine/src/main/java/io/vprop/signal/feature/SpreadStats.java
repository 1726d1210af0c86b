package io.vprop.signal.feature;

/**
 * Rolling spread statistics over the last n quotes, in points: mean and any percentile. The percentile comes from a
 * histogram of integer points (spreads above the last bucket go into it), maintained with a ring buffer so adding a
 * quote is O(1); a percentile query walks the histogram (bounded by the bucket count, no allocation).
 */
public final class SpreadStats {
    private final int[] ring;
    private final int[] histogram;
    private int head;
    private int count;
    private long sum;

    public SpreadStats(int window, int maxPoints) {
        if (window < 1) throw new IllegalArgumentException("spread window must be >= 1, was " + window);
        if (maxPoints < 1) throw new IllegalArgumentException("spread maxPoints must be >= 1, was " + maxPoints);
        ring = new int[window];
        histogram = new int[maxPoints + 1];
    }

    /** @param points spread in points, rounded; must be ≥ 1 (zero and negative spreads are rejected upstream) */
    public void add(int points) {
        int b = Math.min(points, histogram.length - 1);
        if (count == ring.length) {
            int old = ring[head];
            histogram[old]--;
            sum -= old;
        } else {
            count++;
        }
        ring[head] = b;
        head = head + 1 == ring.length ? 0 : head + 1;
        histogram[b]++;
        sum += b;
    }

    public int count() { return count; }

    public double mean() { return count == 0 ? Double.NaN : (double) sum / count; }

    /**
     * Smallest spread s such that at least {@code q} of the window is ≤ s (nearest-rank percentile), q in (0, 1].
     */
    public int percentile(double q) {
        if (count == 0) return Integer.MAX_VALUE;
        long rank = (long) Math.ceil(q * count);
        if (rank < 1) rank = 1;
        long cum = 0;
        for (int i = 0; i < histogram.length; i++) {
            cum += histogram[i];
            if (cum >= rank) return i;
        }
        return histogram.length - 1;
    }
}
