package io.vprop.memory.index;

import io.vprop.memory.TestTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Behaviour every VectorIndex must have, exact or approximate (on tiny data HNSW is exact too). */
abstract class VectorIndexContract {

    @TempDir
    Path dir;

    private VectorIndex index;

    protected abstract VectorIndex create(int dimension);

    protected abstract VectorIndex read(Path file, int dimension);

    VectorIndex index(int dimension) {
        index = create(dimension);
        return index;
    }

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void findsTheNearestVectorsWithSquaredL2Distances() {
        VectorIndex idx = index(2);
        idx.add(10, new float[] {0, 0});
        idx.add(20, new float[] {3, 4});
        idx.add(30, new float[] {1, 1});
        idx.addAll(new long[] {40, 50}, new float[] {10, 10, -1, 0});
        List<Neighbor> hits = idx.search(new float[] {0, 0}, 3);
        assertThat(hits).extracting(Neighbor::id).containsExactly(10L, 50L, 30L);
        assertThat(hits.get(0).distance()).isEqualTo(0f);
        assertThat(hits.get(1).distance()).isCloseTo(1f, within(1e-6f));
        assertThat(hits.get(2).distance()).isCloseTo(2f, within(1e-6f));
        assertThat(idx.size()).isEqualTo(5);
    }

    @Test
    void returnsFewerThanKWhenTheIndexIsSmall() {
        VectorIndex idx = index(3);
        assertThat(idx.search(new float[] {1, 2, 3}, 10)).isEmpty();
        idx.add(1, new float[] {1, 2, 3});
        assertThat(idx.search(new float[] {1, 2, 3}, 10)).extracting(Neighbor::id).containsExactly(1L);
    }

    @Test
    void rejectsWrongDimensionsAndNonFiniteComponentsWithAClearMessage() {
        VectorIndex idx = index(4);
        assertThatThrownBy(() -> idx.add(7, new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vector of id 7 has 3 components, index dimension is 4");
        assertThatThrownBy(() -> idx.add(8, new float[] {1, Float.NaN, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vector of id 8 component 1 is NaN (must be finite)");
        assertThatThrownBy(() -> idx.search(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query component 3 is Infinity");
        assertThatThrownBy(() -> idx.search(new float[] {1, 2, 3, 4, 5}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query has 5 components");
        assertThatThrownBy(() -> idx.search(new float[] {1, 2, 3, 4}, 0)).hasMessage("k must be > 0, was 0");
        assertThatThrownBy(() -> idx.addAll(new long[] {1, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, Float.NaN}))
                .hasMessageContaining("vector of id 2 component 3 is NaN");
        assertThat(idx.size()).as("nothing was added by rejected calls").isZero();
    }

    @Test
    void writesAndReadsBackTheSameIndex() {
        Random rnd = new Random(3);
        VectorIndex idx = index(8);
        for (long id = 100; id < 400; id++) {
            idx.add(id, TestTrades.randomVector(rnd, 8));
        }
        Path file = dir.resolve("x.index");
        idx.writeTo(file);
        float[] q = TestTrades.randomVector(rnd, 8);
        try (VectorIndex back = read(file, 8)) {
            assertThat(back.size()).isEqualTo(300);
            assertThat(back.search(q, 10)).isEqualTo(idx.search(q, 10));
        }
    }
}
