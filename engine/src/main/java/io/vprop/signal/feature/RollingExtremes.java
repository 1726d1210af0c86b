package io.vprop.signal.feature;

/**
 * Rolling maximum and minimum of the last n values with monotonic deques over primitive ring buffers:
 * amortised O(1) per update, no allocation. Used for Donchian breakout levels.
 */
final class RollingExtremes {
    private final int n;
    private final double[] maxVal, minVal;
    private final long[] maxIdx, minIdx;
    private int maxHead, maxSize, minHead, minSize;
    private long index;

    public RollingExtremes(int n) {
        if (n < 1) throw new IllegalArgumentException("extremes window must be >= 1, was " + n);
        this.n = n;
        maxVal = new double[n + 1]; minVal = new double[n + 1];
        maxIdx = new long[n + 1]; minIdx = new long[n + 1];
    }

    public void add(double high, double low) {
        long i = index++;
        int cap = maxVal.length;
        while (maxSize > 0 && maxVal[(maxHead + maxSize - 1) % cap] <= high) maxSize--;
        maxVal[(maxHead + maxSize) % cap] = high; maxIdx[(maxHead + maxSize) % cap] = i; maxSize++;
        while (maxIdx[maxHead] <= i - n) { maxHead = (maxHead + 1) % cap; maxSize--; }
        while (minSize > 0 && minVal[(minHead + minSize - 1) % cap] >= low) minSize--;
        minVal[(minHead + minSize) % cap] = low; minIdx[(minHead + minSize) % cap] = i; minSize++;
        while (minIdx[minHead] <= i - n) { minHead = (minHead + 1) % cap; minSize--; }
    }

    public double max() { return maxSize == 0 ? Double.NaN : maxVal[maxHead]; }

    public double min() { return minSize == 0 ? Double.NaN : minVal[minHead]; }

    public long count() { return Math.min(index, n); }
}
