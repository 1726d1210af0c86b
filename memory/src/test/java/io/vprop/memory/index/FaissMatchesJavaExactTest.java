package io.vprop.memory.index;

import io.vprop.memory.TestTrades;
import io.vprop.memory.faiss.FaissIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One interface, identical results: FAISS IndexFlatL2 and the Java index agree on exact search. */
class FaissMatchesJavaExactTest {

    @BeforeEach
    void requireFaiss() {
        Faiss.require();
    }

    @Test
    void sameIdsAndDistancesOnRandomVectors() {
        int d = 32, n = 20_000;
        Random rnd = new Random(42);
        try (FaissIndex faiss = FaissIndex.flat(d); JavaFlatIndex java = new JavaFlatIndex(d)) {
            for (int i = 0; i < n; i++) {
                float[] v = TestTrades.randomVector(rnd, d);
                long id = 7L * i + 3; // non-contiguous ids exercise the IDMap
                faiss.add(id, v);
                java.add(id, v);
            }
            for (int q = 0; q < 200; q++) {
                float[] query = TestTrades.randomVector(rnd, d);
                List<Neighbor> f = faiss.search(query, 10);
                List<Neighbor> j = java.search(query, 10);
                assertThat(f).extracting(Neighbor::id).as("query %d", q).containsExactlyElementsOf(j.stream().map(Neighbor::id).toList());
                for (int i = 0; i < 10; i++) {
                    assertThat(f.get(i).distance()).isCloseTo(j.get(i).distance(), within(1e-4f * Math.max(1f, j.get(i).distance())));
                }
            }
        }
    }
}
