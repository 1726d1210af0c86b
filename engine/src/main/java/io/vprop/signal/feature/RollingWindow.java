package io.vprop.signal.feature;

/**
 * Fixed-capacity window of the last n values with O(1) mean and population variance. Sums are recomputed from the
 * buffer once per n updates so floating-point drift cannot accumulate (amortised O(1)).
 */
final class RollingWindow {
    private final double[] buf;
    private int head;
    private int count;
    private int sinceRecompute;
    private double sum;
    private double sumSq;

    public RollingWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("window capacity must be >= 1, was " + capacity);
        this.buf = new double[capacity];
    }

    public void add(double x) {
        if (count == buf.length) {
            double old = buf[head];
            sum -= old;
            sumSq -= old * old;
        } else {
            count++;
        }
        buf[head] = x;
        head = head + 1 == buf.length ? 0 : head + 1;
        sum += x;
        sumSq += x * x;
        if (++sinceRecompute >= buf.length) recompute();
    }

    private void recompute() {
        double s = 0, q = 0;
        for (int i = 0; i < count; i++) {
            double v = get(i);
            s += v;
            q += v * v;
        }
        sum = s;
        sumSq = q;
        sinceRecompute = 0;
    }

    /** i-th most recent value, 0 = newest. */
    public double get(int i) {
        int idx = head - 1 - i;
        if (idx < 0) idx += buf.length;
        return buf[idx];
    }

    /** Value that the next {@link #add} will push out (the oldest), NaN when the window is not full. */
    public double oldest() { return count == buf.length ? buf[head] : (count == 0 ? Double.NaN : buf[0]); }

    /** Oldest value still inside the window (NaN when empty). */
    public double oldestInWindow() { return count == 0 ? Double.NaN : get(count - 1); }

    public int count() { return count; }

    public int capacity() { return buf.length; }

    public boolean full() { return count == buf.length; }

    public double sum() { return sum; }

    public double mean() { return count == 0 ? Double.NaN : sum / count; }

    /** Population variance (divides by n), never negative. */
    public double variance() {
        if (count == 0) return Double.NaN;
        double m = sum / count;
        double v = sumSq / count - m * m;
        return v > 0 ? v : 0.0;
    }

    public double std() { return Math.sqrt(variance()); }
}
