package io.vprop.research.backtest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed-ups of the backtester (the broker's cached rates and snapshots, the legs that skip a snapshot when their
 * symbol has no position, a unit's spread rows by identity) change no result: the same trades, the same breaches at
 * the same instants with the same words, the same counters and equity curve as the backtester before them, on real
 * bars under a profile tight enough to breach ({@link ParityScenarios}).
 */
class SpeedUpsChangeNoResultTest {
    @Test
    void realBarsUnderATightProfileGiveTheSameTradesBreachesAndEquityAsBeforeTheSpeedUps() throws Exception {
        List<String> expected = Files.readAllLines(ParityScenarios.EXPECTED, StandardCharsets.UTF_8);
        List<String> now = ParityScenarios.lines();
        assertThat(expected.stream().filter(l -> l.startsWith("Breach[")).count()).as("the profile does breach").isGreaterThan(5);
        assertThat(expected.stream().filter(l -> l.startsWith("BacktestTrade[")).count()).isGreaterThan(50);
        assertThat(now).containsExactlyElementsOf(expected);
    }
}
