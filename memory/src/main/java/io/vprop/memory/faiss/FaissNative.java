package io.vprop.memory.faiss;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.MemberGetter;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * Hand-written JavaCPP binding for the few FAISS C++ classes the memory module needs. The JavaCPP
 * Builder (Maven profile {@code faiss}) generates the JNI glue from these declarations and compiles it
 * against the system FAISS (Debian libfaiss-dev, a static library, hence the explicit BLAS/OpenMP links).
 *
 * <p>Package-private: use {@link FaissIndex}, which owns the native memory and validates inputs.
 */
@Platform(
        include = {"faiss/Index.h", "faiss/IndexFlat.h", "faiss/IndexHNSW.h", "faiss/IndexIDMap.h", "faiss/index_io.h", "vprop_faiss.h"},
        link = {"faiss", "lapack", "blas", "gomp"})
@Namespace("faiss")
class FaissNative {

    static {
        Loader.load();
    }

    private FaissNative() {}

    /** faiss::Index, the abstract base of all indexes. */
    @Name("Index")
    public static class Index extends Pointer {
        static {
            Loader.load();
        }

        public Index(Pointer p) {
            super(p);
        }

        @MemberGetter public native int d();

        @MemberGetter public native @Cast("int64_t") long ntotal();

        public native void add(@Cast("int64_t") long n, @Const FloatPointer x);

        public native void add_with_ids(@Cast("int64_t") long n, @Const FloatPointer x, @Cast("const int64_t*") LongPointer xids);

        public native void search(@Cast("int64_t") long n, @Const FloatPointer x, @Cast("int64_t") long k,
                                  FloatPointer distances, @Cast("int64_t*") LongPointer labels);

        public native void reset();
    }

    /** faiss::IndexFlatL2: exact search, squared L2 distances. */
    @Name("IndexFlatL2")
    public static class IndexFlatL2 extends Index {
        static {
            Loader.load();
        }

        public IndexFlatL2(long d) {
            super((Pointer) null);
            allocate(d);
        }

        private native void allocate(@Cast("int64_t") long d);
    }

    /** faiss::IndexHNSWFlat: approximate search on an HNSW graph over flat storage. */
    @Name("IndexHNSWFlat")
    public static class IndexHNSWFlat extends Index {
        static {
            Loader.load();
        }

        public IndexHNSWFlat(int d, int m) {
            super((Pointer) null);
            allocate(d, m);
        }

        public IndexHNSWFlat(Pointer p) {
            super(p);
        }

        private native void allocate(int d, int m);
    }

    /** faiss::IndexIDMap: maps the inner index's sequential positions to caller-chosen 64-bit ids. */
    @Name("IndexIDMap")
    public static class IndexIDMap extends Index {
        static {
            Loader.load();
        }

        public IndexIDMap(Pointer p) {
            super(p);
        }

        public IndexIDMap(Index inner) {
            super((Pointer) null);
            allocate(inner);
        }

        private native void allocate(Index inner);
    }

    public static native void write_index(@Const Index index, String fname);

    /** Returns a new index owned by the caller; free it with {@link #vprop_delete_index}. */
    public static native Index read_index(String fname, int ioFlags);

    @Namespace("")
    public static native void vprop_hnsw_set_ef_search(IndexHNSWFlat index, int ef);

    @Namespace("")
    public static native int vprop_hnsw_get_ef_search(IndexHNSWFlat index);

    @Namespace("")
    public static native void vprop_hnsw_set_ef_construction(IndexHNSWFlat index, int ef);

    @Namespace("")
    public static native void vprop_idmap_own_inner(IndexIDMap map);

    @Namespace("")
    public static native void vprop_delete_index(Index index);

    @Namespace("")
    public static native Index vprop_idmap_inner(IndexIDMap map);

    @Namespace("")
    public static native void vprop_set_omp_threads(int n);

    @Namespace("")
    public static native boolean vprop_is_idmap(Index index);

    @Namespace("")
    public static native boolean vprop_is_hnsw_flat(Index index);

    @Namespace("")
    public static native boolean vprop_is_flat_l2(Index index);

}
