package io.vprop.memory.shortterm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default ring store: rings live in a Caffeine cache in this JVM. Rings of accounts
 * untouched for a day are evicted (a sidecar runs few accounts; this bounds memory for stale ones).
 */
final class InProcessRingStore implements RingStore {

    private final int capacity;
    private final Cache<String, ArrayDeque<String>> rings;

    InProcessRingStore(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.rings = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).build();
    }

    @Override
    public synchronized void append(Map<String, List<String>> entriesByKey) {
        entriesByKey.forEach((key, entries) -> {
            ArrayDeque<String> ring = rings.get(key, k -> new ArrayDeque<>());
            for (String e : entries) {
                ring.addLast(e);
                if (ring.size() > capacity) {
                    ring.removeFirst();
                }
            }
        });
    }

    /** Replaces a ring wholesale (used when seeding the mirror from Redis). */
    synchronized void replace(String key, List<String> entries) {
        ArrayDeque<String> ring = new ArrayDeque<>();
        int from = Math.max(0, entries.size() - capacity);
        ring.addAll(entries.subList(from, entries.size()));
        rings.put(key, ring);
    }

    synchronized List<String> keys() {
        return new ArrayList<>(rings.asMap().keySet());
    }

    @Override
    public synchronized List<String> range(String key) {
        ArrayDeque<String> ring = rings.getIfPresent(key);
        return ring == null ? List.of() : List.copyOf(ring);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        rings.invalidateAll();
    }
}
