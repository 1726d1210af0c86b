package io.vprop.memory.faiss;

import io.vprop.memory.index.JavaFlatIndex;
import io.vprop.memory.index.Neighbor;
import io.vprop.memory.index.VectorIndex;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link VectorIndex} on native FAISS through the JavaCPP binding: an IndexIDMap over either an
 * IndexFlatL2 (exact) or an IndexHNSWFlat (approximate). Query and result buffers are allocated once
 * and reused, so a search crosses JNI once without allocating native memory.
 */
public final class FaissIndex implements VectorIndex {

    /** The wrapped FAISS structure. */
    public enum Type {
        FLAT,
        HNSW
    }

    private final Type type;
    private final int dimension;
    private final int hnswM;
    private FaissNative.IndexIDMap map;
    private FaissNative.IndexHNSWFlat hnsw; // null for FLAT; kept to tune efSearch
    private final FloatPointer query;
    private FloatPointer distances = new FloatPointer(16);
    private LongPointer labels = new LongPointer(16);
    private int bufferK = 16;

    private FaissIndex(Type type, int dimension, int hnswM, FaissNative.IndexIDMap map, FaissNative.IndexHNSWFlat hnsw) {
        this.type = type;
        this.dimension = dimension;
        this.hnswM = hnswM;
        this.map = map;
        this.hnsw = hnsw;
        this.query = new FloatPointer(dimension);
    }

    /** Exact search (IndexFlatL2): results identical to {@link JavaFlatIndex}. */
    public static FaissIndex flat(int dimension) {
        FaissIndexes.requireAvailable();
        checkDimension(dimension);
        FaissNative.IndexFlatL2 inner = new FaissNative.IndexFlatL2(dimension);
        return new FaissIndex(Type.FLAT, dimension, 0, wrap(inner), null);
    }

    /** Approximate search on an HNSW graph with {@code m} links per node. */
    public static FaissIndex hnsw(int dimension, int m, int efConstruction, int efSearch) {
        FaissIndexes.requireAvailable();
        checkDimension(dimension);
        if (m < 2 || efConstruction < 1 || efSearch < 1) {
            throw new IllegalArgumentException("HNSW needs m >= 2, efConstruction >= 1, efSearch >= 1; got m=" + m
                    + ", efConstruction=" + efConstruction + ", efSearch=" + efSearch);
        }
        FaissNative.IndexHNSWFlat inner = new FaissNative.IndexHNSWFlat(dimension, m);
        FaissNative.vprop_hnsw_set_ef_construction(inner, efConstruction);
        FaissNative.vprop_hnsw_set_ef_search(inner, efSearch);
        return new FaissIndex(Type.HNSW, dimension, m, wrap(inner), inner);
    }

    private static FaissNative.IndexIDMap wrap(FaissNative.Index inner) {
        FaissNative.IndexIDMap map = new FaissNative.IndexIDMap(inner);
        // The map becomes the single C++ owner; the Java peer must not free the inner index again.
        FaissNative.vprop_idmap_own_inner(map);
        inner.deallocate(false);
        return map;
    }

    private static void checkDimension(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
    }

    /** Reads an index written by {@link #writeTo}; the caller has verified the checksum (see IndexFiles). */
    public static FaissIndex read(Path file, Type type, int dimension, int hnswM) {
        FaissIndexes.requireAvailable();
        FaissNative.Index raw = FaissNative.read_index(file.toString(), 0);
        if (raw == null || raw.isNull()) {
            throw new IllegalStateException("FAISS returned no index for " + file);
        }
        int storedDimension = raw.d();
        if (storedDimension != dimension) {
            FaissNative.vprop_delete_index(raw);
            throw new IllegalStateException(file + " holds a FAISS index of dimension " + storedDimension + ", expected " + dimension);
        }
        if (!FaissNative.vprop_is_idmap(raw)) {
            FaissNative.vprop_delete_index(raw);
            throw new IllegalStateException(file + " is a FAISS index but not an IndexIDMap written by VProp");
        }
        // read_index built an IndexIDMap owning its inner index; we only re-type the pointer.
        FaissNative.IndexIDMap map = new FaissNative.IndexIDMap((org.bytedeco.javacpp.Pointer) raw);
        FaissNative.Index inner = FaissNative.vprop_idmap_inner(map);
        boolean innerOk = type == Type.HNSW ? FaissNative.vprop_is_hnsw_flat(inner) : FaissNative.vprop_is_flat_l2(inner);
        if (!innerOk) {
            FaissNative.vprop_delete_index(raw);
            throw new IllegalStateException(file + " does not wrap the expected " + (type == Type.HNSW ? "IndexHNSWFlat" : "IndexFlatL2"));
        }
        FaissNative.IndexHNSWFlat hnsw = type == Type.HNSW ? new FaissNative.IndexHNSWFlat(inner) : null;
        return new FaissIndex(type, dimension, hnswM, map, hnsw);
    }

    public Type type() {
        return type;
    }

    @Override
    public String kind() {
        return type == Type.FLAT ? "faiss-flat" : "faiss-hnsw-m" + hnswM;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized long size() {
        return live().ntotal();
    }

    public synchronized void setEfSearch(int efSearch) {
        if (hnsw == null) {
            throw new IllegalStateException("efSearch applies to HNSW indexes only; this is " + kind());
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("efSearch must be >= 1, was " + efSearch);
        }
        FaissNative.vprop_hnsw_set_ef_search(hnsw, efSearch);
    }

    @Override
    public synchronized void add(long id, float[] vector) {
        VectorIndex.checkVector("vector of id " + id, vector, dimension);
        query.put(vector);
        labels.put(0, id);
        live().add_with_ids(1, query, labels);
    }

    @Override
    public synchronized void addAll(long[] ids, float[] vectors) {
        VectorIndex.checkBatch(ids, vectors, dimension);
        if (ids.length == 0) {
            return;
        }
        try (FloatPointer x = new FloatPointer(vectors); LongPointer xids = new LongPointer(ids)) {
            live().add_with_ids(ids.length, x, xids);
        }
    }

    @Override
    public synchronized List<Neighbor> search(float[] q, int k) {
        VectorIndex.checkVector("query", q, dimension);
        VectorIndex.checkK(k);
        ensureBuffers(k);
        query.put(q);
        live().search(1, query, k, distances, labels);
        List<Neighbor> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            long id = labels.get(i);
            if (id < 0) { // FAISS pads with -1 when fewer than k vectors are stored
                break;
            }
            out.add(new Neighbor(id, distances.get(i)));
        }
        return out;
    }

    private void ensureBuffers(int k) {
        if (k > bufferK) {
            distances.close();
            labels.close();
            distances = new FloatPointer(k);
            labels = new LongPointer(k);
            bufferK = k;
        }
    }

    @Override
    public synchronized void writeTo(Path file) {
        FaissNative.write_index(live(), file.toString());
    }

    private FaissNative.IndexIDMap live() {
        if (map == null) {
            throw new IllegalStateException("FAISS index " + kind() + " is closed");
        }
        return map;
    }

    @Override
    public synchronized void close() {
        if (map != null) {
            map.deallocate(false);
            FaissNative.vprop_delete_index(map);
            map = null;
            hnsw = null;
            query.close();
            distances.close();
            labels.close();
        }
    }
}
