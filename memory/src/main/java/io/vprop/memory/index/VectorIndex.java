package io.vprop.memory.index;

import java.nio.file.Path;
import java.util.List;

/**
 * k-nearest-neighbour index over fixed-dimension float vectors keyed by 64-bit ids (trade ids).
 * Implementations: {@link JavaFlatIndex} (exact, pure Java, the embedded default) and
 * {@code faiss.FaissIndex} (FAISS exact or HNSW through JavaCPP).
 *
 * <p>Vectors with the wrong dimension or non-finite components are rejected with
 * {@link IllegalArgumentException}. Implementations are thread-safe for single calls (synchronized).
 */
public interface VectorIndex extends AutoCloseable {

    /** A stable name of the implementation and its parameters, stored beside the persisted file. */
    String kind();

    int dimension();

    long size();

    void add(long id, float[] vector);

    /** Adds {@code ids.length} vectors stored row-major in {@code vectors} (length ids.length * dimension). */
    void addAll(long[] ids, float[] vectors);

    /** The {@code k} nearest stored vectors, nearest first (fewer if the index holds fewer). */
    List<Neighbor> search(float[] query, int k);

    /** Writes the index to {@code file} (the caller handles atomicity and checksums, see {@link IndexFiles}). */
    void writeTo(Path file);

    @Override
    void close();

    /** Shared input validation so every implementation rejects the same inputs with the same message. */
    static void checkVector(String what, float[] v, int dimension) {
        if (v == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " components, index dimension is " + dimension);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " component " + i + " is " + v[i] + " (must be finite)");
            }
        }
    }

    static void checkBatch(long[] ids, float[] vectors, int dimension) {
        if (ids == null || vectors == null) {
            throw new IllegalArgumentException("ids and vectors must not be null");
        }
        if (vectors.length != (long) ids.length * dimension) {
            throw new IllegalArgumentException("vectors has " + vectors.length + " floats, expected ids.length * dimension = "
                    + ids.length + " * " + dimension);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new IllegalArgumentException("vector of id " + ids[i / dimension] + " component " + (i % dimension)
                        + " is " + vectors[i] + " (must be finite)");
            }
        }
    }

    static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
    }
}
