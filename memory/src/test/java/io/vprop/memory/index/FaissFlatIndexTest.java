package io.vprop.memory.index;

import io.vprop.memory.faiss.FaissIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

class FaissFlatIndexTest extends VectorIndexContract {
    @BeforeEach
    void requireFaiss() {
        Faiss.require();
    }

    @Override
    protected VectorIndex create(int dimension) {
        return FaissIndex.flat(dimension);
    }

    @Override
    protected VectorIndex read(Path file, int dimension) {
        return FaissIndex.read(file, FaissIndex.Type.FLAT, dimension, 0);
    }

    @Test
    void aValidFaissFileOfTheWrongStructureIsRefused() {
        Path hnswFile = dir.resolve("hnsw.index");
        try (FaissIndex hnsw = FaissIndex.hnsw(4, 8, 20, 20)) {
            hnsw.add(1, new float[] {1, 2, 3, 4});
            hnsw.writeTo(hnswFile);
        }
        assertThatThrownBy(() -> FaissIndex.read(hnswFile, FaissIndex.Type.FLAT, 4, 0)).hasMessageContaining("IndexFlatL2");
        assertThatThrownBy(() -> FaissIndex.read(hnswFile, FaissIndex.Type.HNSW, 5, 8)).hasMessageContaining("dimension 4, expected 5");
    }
}
