package io.vprop.signal.execution;

/**
 * Quote flicker: the mid reversing direction again and again within a short time (a feed stuttering between two
 * prices, or a market maker pulling quotes). Flickering when the last {@code reversals} direction reversals all fall
 * within {@code windowMs}; it stops flickering once {@code quietMs} pass without meeting that condition.
 */
final class FlickerDetector {
    private final long[] times;
    private final long windowMs, quietMs;
    private int head, count;
    private int lastDir;
    private boolean flickering;
    private long lastFlickerMs = Long.MIN_VALUE;

    public FlickerDetector(int reversals, long windowMs, long quietMs) {
        if (reversals < 2) throw new IllegalArgumentException("reversals must be >= 2, was " + reversals);
        times = new long[reversals];
        this.windowMs = windowMs;
        this.quietMs = quietMs;
    }

    /** @return whether the symbol is flickering after this mid change */
    public boolean onMidChange(long timeMs, double dMid) {
        int dir = dMid > 0 ? 1 : (dMid < 0 ? -1 : 0);
        if (dir != 0) {
            if (lastDir != 0 && dir != lastDir) {
                times[head] = timeMs;
                head = (head + 1) % times.length;
                if (count < times.length) count++;
                if (count == times.length && timeMs - times[head] <= windowMs) lastFlickerMs = timeMs;
            }
            lastDir = dir;
        }
        flickering = lastFlickerMs != Long.MIN_VALUE && timeMs - lastFlickerMs < quietMs;
        return flickering;
    }

    public boolean flickering() { return flickering; }
}
