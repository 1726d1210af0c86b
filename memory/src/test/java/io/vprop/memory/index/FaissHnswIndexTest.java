package io.vprop.memory.index;

import io.vprop.memory.TestTrades;
import io.vprop.memory.faiss.FaissIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaissHnswIndexTest extends VectorIndexContract {
    @BeforeEach
    void requireFaiss() {
        Faiss.require();
    }

    @Override
    protected VectorIndex create(int dimension) {
        return FaissIndex.hnsw(dimension, 16, 40, 64);
    }

    @Override
    protected VectorIndex read(Path file, int dimension) {
        FaissIndex index = FaissIndex.read(file, FaissIndex.Type.HNSW, dimension, 16);
        index.setEfSearch(64);
        return index;
    }

    @Test
    void approximateSearchFindsMostTrueNeighboursAndEfSearchMatters() {
        int d = 16, n = 5000, queries = 100;
        Random rnd = new Random(11);
        long[] ids = new long[n];
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            System.arraycopy(TestTrades.randomVector(rnd, d), 0, data, i * d, d);
        }
        try (FaissIndex hnsw = FaissIndex.hnsw(d, 16, 40, 1); JavaFlatIndex exact = new JavaFlatIndex(d)) {
            hnsw.addAll(ids, data);
            exact.addAll(ids, data);
            float[][] qs = new float[queries][];
            for (int i = 0; i < queries; i++) {
                qs[i] = TestTrades.randomVector(rnd, d);
            }
            double lowEf = recall(hnsw, exact, qs);
            hnsw.setEfSearch(128);
            double highEf = recall(hnsw, exact, qs);
            assertThat(highEf).isGreaterThanOrEqualTo(0.95);
            assertThat(highEf).isGreaterThan(lowEf);
        }
    }

    @Test
    void efSearchIsOnlyForHnsw() {
        try (FaissIndex flat = FaissIndex.flat(4)) {
            assertThatThrownBy(() -> flat.setEfSearch(10)).hasMessageContaining("HNSW indexes only");
        }
    }

    private static double recall(VectorIndex approx, VectorIndex exact, float[][] qs) {
        int found = 0;
        for (float[] q : qs) {
            Set<Long> truth = new HashSet<>();
            exact.search(q, 10).forEach(nb -> truth.add(nb.id()));
            List<Neighbor> got = approx.search(q, 10);
            found += (int) got.stream().filter(nb -> truth.contains(nb.id())).count();
        }
        return found / (10.0 * qs.length);
    }
}
