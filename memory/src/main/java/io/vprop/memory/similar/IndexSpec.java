package io.vprop.memory.similar;

import io.vprop.memory.faiss.FaissIndex;
import io.vprop.memory.faiss.FaissIndexes;
import io.vprop.memory.index.JavaFlatIndex;
import io.vprop.memory.index.VectorIndex;

import java.nio.file.Path;

/**
 * Which similarity index to build and how to load it back. {@link #defaultFor} picks FAISS HNSW when
 * the native binding is present and the exact Java index otherwise.
 */
public record IndexSpec(Type type, int dimension, int hnswM, int efConstruction, int efSearch) {

    public enum Type {
        JAVA_FLAT,
        FAISS_FLAT,
        FAISS_HNSW
    }

    public IndexSpec {
        if (type == null) {
            throw new IllegalArgumentException("index type must not be null");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("index dimension must be > 0, was " + dimension);
        }
        if (type == Type.FAISS_HNSW && (hnswM < 2 || efConstruction < 1 || efSearch < 1)) {
            throw new IllegalArgumentException("HNSW needs hnswM >= 2, efConstruction >= 1, efSearch >= 1; got " + hnswM + ", "
                    + efConstruction + ", " + efSearch);
        }
    }

    public static IndexSpec javaFlat(int dimension) {
        return new IndexSpec(Type.JAVA_FLAT, dimension, 0, 0, 0);
    }

    public static IndexSpec faissFlat(int dimension) {
        return new IndexSpec(Type.FAISS_FLAT, dimension, 0, 0, 0);
    }

    public static IndexSpec faissHnsw(int dimension, int m, int efConstruction, int efSearch) {
        return new IndexSpec(Type.FAISS_HNSW, dimension, m, efConstruction, efSearch);
    }

    /** FAISS HNSW (M=32, efConstruction=80, efSearch=128) where available, exact Java search otherwise. */
    public static IndexSpec defaultFor(int dimension) {
        return FaissIndexes.available() ? faissHnsw(dimension, 32, 80, 128) : javaFlat(dimension);
    }

    public VectorIndex create() {
        return switch (type) {
            case JAVA_FLAT -> new JavaFlatIndex(dimension);
            case FAISS_FLAT -> FaissIndex.flat(dimension);
            case FAISS_HNSW -> FaissIndex.hnsw(dimension, hnswM, efConstruction, efSearch);
        };
    }

    /** The kind string the created index reports (stored in the header). */
    public String kind() {
        return switch (type) {
            case JAVA_FLAT -> "java-flat";
            case FAISS_FLAT -> "faiss-flat";
            case FAISS_HNSW -> "faiss-hnsw-m" + hnswM;
        };
    }

    VectorIndex read(Path file) {
        return switch (type) {
            case JAVA_FLAT -> JavaFlatIndex.readFrom(file);
            case FAISS_FLAT -> FaissIndex.read(file, FaissIndex.Type.FLAT, dimension, 0);
            case FAISS_HNSW -> {
                FaissIndex index = FaissIndex.read(file, FaissIndex.Type.HNSW, dimension, hnswM);
                index.setEfSearch(efSearch);
                yield index;
            }
        };
    }
}
