package io.vprop.challenge.sim;

import java.util.Arrays;

/**
 * A binary min-heap of pending path events on primitive arrays: ordered by time, then by insertion order, so that
 * equal times replay in a fixed order (a trade's open before its own worst point and close).
 */
final class EventHeap {
    private long[] time = new long[64];
    private long[] seq = new long[64];
    private int[] payload = new int[64];
    private int size;
    private long counter;

    void clear() {
        size = 0;
        counter = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peekTime() {
        return time[0];
    }

    int peekPayload() {
        return payload[0];
    }

    void push(long t, int p) {
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            seq = Arrays.copyOf(seq, size * 2);
            payload = Arrays.copyOf(payload, size * 2);
        }
        int i = size++;
        long s = counter++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(t, s, time[parent], seq[parent])) break;
            time[i] = time[parent];
            seq[i] = seq[parent];
            payload[i] = payload[parent];
            i = parent;
        }
        time[i] = t;
        seq[i] = s;
        payload[i] = p;
    }

    /** Removes the first event; read it with {@link #peekTime()} / {@link #peekPayload()} before. */
    void pop() {
        size--;
        if (size == 0) return;
        long t = time[size], s = seq[size];
        int p = payload[size];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && less(time[c + 1], seq[c + 1], time[c], seq[c])) c++;
            if (!less(time[c], seq[c], t, s)) break;
            time[i] = time[c];
            seq[i] = seq[c];
            payload[i] = payload[c];
            i = c;
        }
        time[i] = t;
        seq[i] = s;
        payload[i] = p;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
