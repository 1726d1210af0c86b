package io.vprop.ops.notify;

import java.util.HashMap;
import java.util.Map;

/**
 * Rate limit per key: a bucket of {@code burst} tokens refilled at {@code perMinute}; a message takes one token or
 * is suppressed. Suppressed messages are counted per key so the next one that passes can say how many were held
 * back. Time comes from the caller (milliseconds), so tests need no sleeping. Synchronized: the event thread and the
 * digest timer both take tokens.
 */
final class TokenBucket {
    private final double capacity;
    private final double perMs;
    private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, lastMs}
    private final Map<String, Integer> suppressed = new HashMap<>();

    public TokenBucket(int burst, int perMinute) {
        if (burst < 1) throw new IllegalArgumentException("notify.burst: " + burst + " must be at least 1");
        if (perMinute < 1) throw new IllegalArgumentException("notify.rate.per.minute: " + perMinute + " must be at least 1");
        this.capacity = burst;
        this.perMs = perMinute / 60_000.0;
    }

    /**
     * Takes a token for {@code key} at {@code nowMs}.
     *
     * @return -1 when suppressed, else how many messages of this key were suppressed since the last one passed
     */
    public synchronized int acquire(String key, long nowMs) {
        double[] b = buckets.computeIfAbsent(key, k -> new double[]{capacity, nowMs});
        b[0] = Math.min(capacity, b[0] + Math.max(0, nowMs - (long) b[1]) * perMs);
        b[1] = nowMs;
        if (b[0] < 1) {
            suppressed.merge(key, 1, Integer::sum);
            return -1;
        }
        b[0] -= 1;
        Integer s = suppressed.remove(key);
        return s == null ? 0 : s;
    }
}
