package io.vprop.kernel.learning;

import io.vprop.memory.TradeRecord;
import io.vprop.memory.facade.MemoryConfig;
import io.vprop.memory.facade.TradeMemory;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.regime.Regime;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What a restarted strategy learns again: the account's closed trades in long-term memory, by exit time. */
class MemoryAndModelsPastOutcomesTest {
    private static final String PEER = "mt5-1/2002/all";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static TradeRecord trade(long id, String account, String symbol, String alpha, String regime, long exitMs, double r) {
        return new TradeRecord(id, account, symbol, Side.BUY, alpha, regime, "A", "H1", new float[]{1, 2, 3, 4}, Map.of(),
                exitMs - 60_000, exitMs, 1.1, 1.101, 0, 0, 100 * r, r, 0, 0, r > 0 ? "tp" : "sl");
    }

    @Test
    void theAccountsEngineTradesOldestExitFirst() {
        try (TradeMemory memory = TradeMemory.open(MemoryConfig.embedded(dir, 4))) {
            memory.recordTrade(trade(1, "mt5-1/2002", "EURUSD", "momentum", "normal_trend", T0 + 3_000, 1.5));
            memory.recordTrade(trade(2, "mt5-1/2002", "GBPUSD", "breakout", "high_range", T0 + 1_000, -1.0));
            memory.recordTrade(trade(3, "mt5-1/9999", "EURUSD", "momentum", "normal_trend", T0 + 2_000, 2.0));   // another account
            memory.recordTrade(trade(4, "mt5-1/2002", "EURUSD", "sma_cross", "vol_expanding", T0 + 2_500, 1.0)); // not the engine's
            memory.recordTrade(trade(5, "mt5-1/2002", "USDJPY", "mean_reversion", "low_range", T0 + 2_000, 0.5));

            assertThat(new MemoryAndModels(memory, null).pastOutcomes(PEER))
                    .extracting(TradeOutcome::symbol, TradeOutcome::alpha, TradeOutcome::regime, TradeOutcome::rMultiple,
                            TradeOutcome::closeTimeMs)
                    .containsExactly(
                            tuple("GBPUSD", AlphaId.BREAKOUT, Regime.HIGH_RANGE, -1.0, T0 + 1_000),
                            tuple("USDJPY", AlphaId.MEAN_REVERSION, Regime.LOW_RANGE, 0.5, T0 + 2_000),
                            tuple("EURUSD", AlphaId.MOMENTUM, Regime.NORMAL_TREND, 1.5, T0 + 3_000));
        }
        assertThat(new MemoryAndModels(null, null).pastOutcomes(PEER)).as("no memory, no record").isEmpty();
    }
}
