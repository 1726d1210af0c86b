package io.vprop.memory.shortterm;

import java.util.List;
import java.util.Map;

/**
 * Storage port for the short-term rings: per key, an append-only list of encoded entries trimmed to
 * the newest {@code capacity}. Kept to strings so Redis and the in-process store are interchangeable.
 */
interface RingStore extends AutoCloseable {

    /** Appends the entries (per key, in order) and trims every touched ring to its capacity. */
    void append(Map<String, List<String>> entriesByKey);

    /** Entries of the ring, oldest first. */
    List<String> range(String key);

    int capacity();

    @Override
    void close();
}
