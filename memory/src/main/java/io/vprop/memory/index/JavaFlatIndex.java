package io.vprop.memory.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact (brute-force) squared-L2 index in plain Java: the embedded default where FAISS is absent.
 * Vectors live in one growing row-major float array for cache-friendly scans; the k best are kept in
 * a small sorted buffer (k is ~10, so insertion beats a heap). Ties are broken by insertion order,
 * matching FAISS IndexFlat.
 */
public final class JavaFlatIndex implements VectorIndex {

    static final String KIND = "java-flat";
    private static final int MAGIC = 0x56504A49; // "VPJI"
    private static final int FORMAT = 1;

    private final int dimension;
    private float[] data = new float[0];
    private long[] ids = new long[0];
    private int size;

    public JavaFlatIndex(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized void add(long id, float[] vector) {
        VectorIndex.checkVector("vector of id " + id, vector, dimension);
        ensureCapacity(size + 1);
        System.arraycopy(vector, 0, data, size * dimension, dimension);
        ids[size++] = id;
    }

    @Override
    public synchronized void addAll(long[] newIds, float[] vectors) {
        VectorIndex.checkBatch(newIds, vectors, dimension);
        ensureCapacity(size + newIds.length);
        System.arraycopy(vectors, 0, data, size * dimension, vectors.length);
        System.arraycopy(newIds, 0, ids, size, newIds.length);
        size += newIds.length;
    }

    private void ensureCapacity(int n) {
        if (n > ids.length) {
            int cap = Math.max(n, Math.max(16, ids.length + (ids.length >> 1)));
            ids = Arrays.copyOf(ids, cap);
            data = Arrays.copyOf(data, Math.multiplyExact(cap, dimension));
        }
    }

    @Override
    public synchronized List<Neighbor> search(float[] query, int k) {
        VectorIndex.checkVector("query", query, dimension);
        VectorIndex.checkK(k);
        int kk = Math.min(k, size);
        float[] bestD = new float[kk];
        int[] bestI = new int[kk];
        int filled = 0;
        final int d = dimension;
        final float[] x = data;
        for (int row = 0, off = 0; row < size; row++, off += d) {
            float dist = 0;
            for (int j = 0; j < d; j++) {
                float diff = x[off + j] - query[j];
                dist += diff * diff;
            }
            if (filled < kk) {
                int p = filled++;
                while (p > 0 && bestD[p - 1] > dist) {
                    bestD[p] = bestD[p - 1];
                    bestI[p] = bestI[p - 1];
                    p--;
                }
                bestD[p] = dist;
                bestI[p] = row;
            } else if (dist < bestD[kk - 1]) {
                int p = kk - 1;
                while (p > 0 && bestD[p - 1] > dist) {
                    bestD[p] = bestD[p - 1];
                    bestI[p] = bestI[p - 1];
                    p--;
                }
                bestD[p] = dist;
                bestI[p] = row;
            }
        }
        List<Neighbor> out = new ArrayList<>(kk);
        for (int i = 0; i < kk; i++) {
            out.add(new Neighbor(ids[bestI[i]], bestD[i]));
        }
        return out;
    }

    /** Approximate heap bytes held by the vectors and ids. */
    public synchronized long memoryBytes() {
        return (long) data.length * Float.BYTES + (long) ids.length * Long.BYTES;
    }

    @Override
    public synchronized void writeTo(Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(dimension);
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeLong(ids[i]);
            }
            for (int i = 0; i < size * dimension; i++) {
                out.writeFloat(data[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vector index " + file, e);
        }
    }

    /** Reads a file written by {@link #writeTo}; a foreign or truncated file fails with a message naming it. */
    public static JavaFlatIndex readFrom(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalStateException(file + " is not a VProp Java vector index (magic " + Integer.toHexString(magic) + ")");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException(file + " has unsupported format version " + format);
            }
            int dim = in.readInt();
            int n = in.readInt();
            if (dim <= 0 || n < 0) {
                throw new IllegalStateException(file + " has invalid header: dimension " + dim + ", size " + n);
            }
            JavaFlatIndex index = new JavaFlatIndex(dim);
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.readLong();
            }
            float[] v = new float[Math.multiplyExact(n, dim)];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            index.addAll(ids, v);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector index " + file, e);
        }
    }

    @Override
    public void close() {
        // heap only
    }
}
