package io.vprop.memory.faiss;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the native FAISS binding could be loaded. The JNI library exists only when the build found
 * the FAISS headers (Maven profile {@code faiss}); elsewhere (e.g. Windows) the pure-Java index is used.
 */
public final class FaissIndexes {

    private static final Logger log = LoggerFactory.getLogger(FaissIndexes.class);
    private static final Throwable LOAD_FAILURE = tryLoad();

    private FaissIndexes() {}

    private static Throwable tryLoad() {
        try {
            Loader.load(FaissNative.class);
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: no native library on this build
            log.info("FAISS binding not available, using the pure-Java vector index: {}", t.toString());
            return t;
        }
    }

    public static boolean available() {
        return LOAD_FAILURE == null;
    }

    /** Why the binding is unavailable (null if available). */
    public static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    static void requireAvailable() {
        if (LOAD_FAILURE != null) {
            throw new IllegalStateException("FAISS native binding is not available on this build/platform", LOAD_FAILURE);
        }
    }

    /** FAISS uses OpenMP; benchmarks pin it to one thread to compare like with like. */
    public static void setThreads(int n) {
        requireAvailable();
        FaissNative.vprop_set_omp_threads(n);
    }
}
