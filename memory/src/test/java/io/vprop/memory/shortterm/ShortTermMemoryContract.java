package io.vprop.memory.shortterm;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TestTrades;
import io.vprop.memory.TradeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One behaviour suite that every ShortTermMemory backend must pass. */
abstract class ShortTermMemoryContract {

    private ShortTermMemory memory;

    protected abstract ShortTermMemory create(int capacity) throws Exception;

    protected ShortTermMemory memory(int capacity) throws Exception {
        memory = create(capacity);
        return memory;
    }

    @AfterEach
    void closeMemory() {
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void keepsOnlyTheNewestCapacityTradesOldestFirst() throws Exception {
        ShortTermMemory m = memory(5);
        for (long id = 1; id <= 12; id++) {
            m.recordTrade(TestTrades.trade(id, "acc-1", id % 3 == 0 ? -40 : 25));
        }
        assertThat(m.recentTrades("acc-1")).extracting(TradeRecord::id).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(m.capacity()).isEqualTo(5);
    }

    @Test
    void roundTripsEveryFieldOfATrade() throws Exception {
        ShortTermMemory m = memory(10);
        TradeRecord t = TestTrades.trade(42, "acc-rt", "meanrev", "range", "NZDUSD", -12.5, new float[] {0.25f, -1.5f, 3e-7f});
        m.recordTrade(t);
        assertThat(m.recentTrades("acc-rt")).containsExactly(t);
    }

    @Test
    void accountsAreIsolated() throws Exception {
        ShortTermMemory m = memory(10);
        m.recordTrade(TestTrades.trade(1, "acc-a", 10));
        m.recordTrade(TestTrades.trade(2, "acc-b", -10));
        assertThat(m.recentTrades("acc-a")).extracting(TradeRecord::id).containsExactly(1L);
        assertThat(m.recentTrades("acc-b")).extracting(TradeRecord::id).containsExactly(2L);
        assertThat(m.recentTrades("acc-none")).isEmpty();
    }

    @Test
    void rollingStatsPerAlphaOverTheWindow() throws Exception {
        ShortTermMemory m = memory(4);
        // The first trade falls out of the 4-trade window and must not count.
        m.recordTrades(List.of(
                TestTrades.trade(1, "acc-s", "breakout", "trend", "EURUSD", -1000, new float[] {1}),
                TestTrades.trade(2, "acc-s", "breakout", "trend", "EURUSD", 100, new float[] {1}),
                TestTrades.trade(3, "acc-s", "breakout", "range", "EURUSD", -50, new float[] {1}),
                TestTrades.trade(4, "acc-s", "meanrev", "range", "NZDUSD", 20, new float[] {1}),
                TestTrades.trade(5, "acc-s", "breakout", "trend", "NZDUSD", 40, new float[] {1})));
        Map<String, RollingStats> byAlpha = m.statsBy("acc-s", Dimension.ALPHA);
        assertThat(byAlpha).containsOnlyKeys("breakout", "meanrev");
        RollingStats b = byAlpha.get("breakout"); // pnl 100, -50, 40
        assertThat(b.trades()).isEqualTo(3);
        assertThat(b.wins()).isEqualTo(2);
        assertThat(b.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(b.meanPnl()).isCloseTo(30.0, within(1e-12));
        assertThat(b.expectancyR()).isCloseTo(30.0 / 50, within(1e-12));
        double sd = Math.sqrt(((70 * 70) + (80 * 80) + (10 * 10)) / 2.0);
        assertThat(b.sharpe()).isCloseTo(30.0 / sd, within(1e-12));
        assertThat(b.meanMae()).isCloseTo((0 + 55 + 0 + 5 * 2) / 3.0, within(1e-12));
        assertThat(b.meanMfe()).isCloseTo((103 + 3 + 43) / 3.0, within(1e-12));

        assertThat(m.stats("acc-s", Dimension.REGIME, "range").trades()).isEqualTo(2);
        assertThat(m.stats("acc-s", Dimension.SYMBOL, "NZDUSD").trades()).isEqualTo(2);
        assertThat(m.stats("acc-s", Dimension.SYMBOL, "GBPUSD")).isEqualTo(RollingStats.EMPTY);
    }

    @Test
    void decisionsAreKeptInTheirOwnRing() throws Exception {
        ShortTermMemory m = memory(3);
        List<DecisionRecord> all = new ArrayList<>();
        for (long i = 1; i <= 4; i++) {
            DecisionRecord d = new DecisionRecord(i, "acc-d", 1_000 * i, "EURUSD", "breakout", "trend", "M5",
                    i % 2 == 0 ? DecisionRecord.Action.SKIP : DecisionRecord.Action.TAKE, "quality " + i, 0.1 * i, new float[] {1, 2});
            all.add(d);
            m.recordDecision(d);
        }
        assertThat(m.recentDecisions("acc-d")).containsExactlyElementsOf(all.subList(1, 4));
        assertThat(m.recentTrades("acc-d")).isEmpty();
    }
}
