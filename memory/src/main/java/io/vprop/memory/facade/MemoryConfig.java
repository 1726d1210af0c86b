package io.vprop.memory.facade;

import io.vprop.memory.similar.IndexSpec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of {@link TradeMemory}.
 *
 * @param dataDir    directory of the SQLite file and the persisted index
 * @param redisHost  null for the embedded in-process short-term store
 * @param capacity   short-term ring length per account (default 1000)
 * @param index      similarity index type and dimension of the entry feature vectors
 */
public record MemoryConfig(Path dataDir, String redisHost, int redisPort, int capacity, IndexSpec index) {

    public MemoryConfig {
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        Objects.requireNonNull(index, "index must not be null");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        if (redisHost != null && (redisHost.isBlank() || redisPort <= 0 || redisPort > 65535)) {
            throw new IllegalArgumentException("redis host/port invalid: '" + redisHost + "':" + redisPort);
        }
    }

    /** Embedded defaults: in-process rings of 1000, FAISS HNSW if available else the Java index. */
    public static MemoryConfig embedded(Path dataDir, int featureDimension) {
        return new MemoryConfig(dataDir, null, 0, 1000, IndexSpec.defaultFor(featureDimension));
    }

    public MemoryConfig withRedis(String host, int port) {
        return new MemoryConfig(dataDir, host, port, capacity, index);
    }
}
