package io.vprop.memory.similar;

import io.vprop.memory.TradeRecord;
import io.vprop.memory.index.IndexFiles;
import io.vprop.memory.index.VectorIndex;
import io.vprop.memory.longterm.LongTermMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Optional;

/**
 * Opens the similarity index at start: loads the persisted files when their header matches the
 * configured kind, dimension, checksum and the current SQLite contents; otherwise rebuilds the index
 * from the trades in SQLite and saves it. The long-term store is the source of truth; the index is a
 * cache of it.
 */
public final class IndexLoader {

    private static final Logger log = LoggerFactory.getLogger(IndexLoader.class);
    private static final int BATCH = 4096;

    private IndexLoader() {}

    /** What happened at open, for logs, the panel and tests. */
    public record Opened(VectorIndex index, boolean rebuilt, String reason) {}

    public static Opened open(IndexSpec spec, IndexFiles files, LongTermMemory store) {
        String source = store.featureFingerprint(spec.dimension());
        Optional<String> problem = files.verify(spec.kind(), spec.dimension(), source);
        if (problem.isEmpty()) {
            try {
                VectorIndex loaded = spec.read(files.indexFile());
                return new Opened(loaded, false, "loaded " + files.indexFile());
            } catch (RuntimeException e) {
                problem = Optional.of("index file could not be read: " + e.getMessage());
            }
        }
        log.warn("rebuilding similarity index from the long-term store: {}", problem.get());
        VectorIndex index = rebuild(spec, store);
        files.save(index, source);
        return new Opened(index, true, problem.get());
    }

    /** Adds every trade whose feature vector has the index dimension, in id order, in batches. */
    static VectorIndex rebuild(IndexSpec spec, LongTermMemory store) {
        VectorIndex index = spec.create();
        int d = spec.dimension();
        long[] ids = new long[BATCH];
        float[] vectors = new float[BATCH * d];
        int[] n = {0};
        store.forEachTrade((TradeRecord t) -> {
            float[] f = t.features();
            if (f.length != d) {
                return; // other feature layouts (older model versions) are not comparable
            }
            ids[n[0]] = t.id();
            System.arraycopy(f, 0, vectors, n[0] * d, d);
            if (++n[0] == BATCH) {
                index.addAll(ids.clone(), vectors.clone());
                n[0] = 0;
            }
        });
        if (n[0] > 0) {
            index.addAll(Arrays.copyOf(ids, n[0]), Arrays.copyOf(vectors, n[0] * d));
        }
        return index;
    }
}
