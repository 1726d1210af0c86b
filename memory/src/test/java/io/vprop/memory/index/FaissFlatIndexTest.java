package io.vprop.memory.index;

import io.vprop.memory.faiss.FaissIndex;
import org.junit.jupiter.api.BeforeEach;

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
}
