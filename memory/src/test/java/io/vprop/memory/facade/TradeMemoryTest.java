package io.vprop.memory.facade;

import io.vprop.memory.TestTrades;
import io.vprop.memory.shortterm.Dimension;
import io.vprop.memory.similar.IndexSpec;
import io.vprop.memory.similar.SimilarOutcomes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TradeMemoryTest {

    @TempDir
    Path dir;

    private static float[] around(float x) {
        return new float[] {x, x, x, x};
    }

    @Test
    void similarSetupsReportTheirOutcomesAndSurviveRestart() {
        MemoryConfig cfg = MemoryConfig.embedded(dir, 4);
        try (TradeMemory m = TradeMemory.open(cfg)) {
            // Cluster near 0 mostly won, cluster near 10 lost.
            m.recordTrade(TestTrades.trade(1, "acc", "a", "r", "EURUSD", 50, around(0.0f)));
            m.recordTrade(TestTrades.trade(2, "acc", "a", "r", "EURUSD", 100, around(0.1f)));
            m.recordTrade(TestTrades.trade(3, "acc", "a", "r", "EURUSD", -50, around(0.2f)));
            m.recordTrade(TestTrades.trade(4, "acc", "b", "r", "EURUSD", -50, around(10f)));
            m.recordTrade(TestTrades.trade(5, "acc", "b", "r", "EURUSD", -50, around(10.1f)));
            SimilarOutcomes near0 = m.similarTo(around(0.05f), 3);
            assertThat(near0.neighbours()).extracting(SimilarOutcomes.SimilarTrade::tradeId).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(near0.n()).isEqualTo(3);
            assertThat(near0.winRate()).isCloseTo(2 / 3.0, within(1e-12));
            assertThat(near0.meanR()).isCloseTo((1 + 2 - 1) / 3.0, within(1e-12));
            assertThat(m.shortTerm().stats("acc", Dimension.ALPHA, "b").winRate()).isZero();
        }
        try (TradeMemory again = TradeMemory.open(cfg)) {
            assertThat(again.indexOpenResult().rebuilt()).as(again.indexOpenResult().reason()).isFalse();
            assertThat(again.similarTo(around(10f), 2).winRate()).isZero();
            assertThat(again.longTerm().tradeCount()).isEqualTo(5);
        }
    }

    @Test
    void wrongDimensionIsRejectedBeforeAnythingIsWritten() {
        try (TradeMemory m = TradeMemory.open(new MemoryConfig(dir, null, 0, 10, IndexSpec.javaFlat(4)))) {
            assertThatThrownBy(() -> m.recordTrade(TestTrades.trade(1, "acc", 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("features of trade 1 has 3 components, index dimension is 4");
            assertThat(m.longTerm().tradeCount()).isZero();
            assertThat(m.shortTerm().recentTrades("acc")).isEmpty();
            assertThatThrownBy(() -> m.similarTo(new float[] {1, 2, Float.NaN, 4}, 5)).hasMessageContaining("component 2 is NaN");
        }
    }

    @Test
    void crashWithoutSavingTheIndexMeansARebuildNotALoss() {
        MemoryConfig cfg = new MemoryConfig(dir, null, 0, 10, IndexSpec.javaFlat(4));
        TradeMemory m = TradeMemory.open(cfg);
        m.recordTrade(TestTrades.trade(1, "acc", "a", "r", "EURUSD", 5, around(1)));
        m.saveIndex();
        m.recordTrade(TestTrades.trade(2, "acc", "a", "r", "EURUSD", 5, around(2)));
        // no close(): simulate a crash after trade 2 was acknowledged but before the index was saved
        try (TradeMemory again = TradeMemory.open(cfg)) {
            assertThat(again.indexOpenResult().rebuilt()).isTrue();
            assertThat(again.indexOpenResult().reason()).contains("stale");
            assertThat(again.similarTo(around(2), 1).neighbours().get(0).tradeId()).isEqualTo(2L);
        }
        m.longTerm().close();
    }
}
