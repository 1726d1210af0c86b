package io.vprop.memory.index;

import io.vprop.memory.faiss.FaissIndexes;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gate for FAISS tests: when the build compiled the binding (vprop.faiss.expected=true, set by the
 * Maven 'faiss' profile) the library MUST load and the tests run; only builds without FAISS skip them.
 */
public final class Faiss {
    private Faiss() {}

    public static void require() {
        boolean expected = Boolean.getBoolean("vprop.faiss.expected");
        if (expected) {
            assertThat(FaissIndexes.available())
                    .as("FAISS binding was built but does not load: %s", FaissIndexes.loadFailure())
                    .isTrue();
        }
        Assumptions.assumeTrue(FaissIndexes.available(), "FAISS not built on this platform (no libfaiss-dev headers)");
    }
}
