package io.vprop.research.backtest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tick path's speed-ups change no result: the same trades, breaches (instants and words), counters, equity curve
 * and listener calls (orders, answers, fills, every decision the strategies published) as the backtester before them,
 * on two weeks of real EURUSD + NZDUSD ticks ({@link TickParityScenarios}).
 */
class TickSpeedUpsChangeNoResultTest {
    @Test
    void realTicksGiveTheSameTradesBreachesCountersEquityAndListenerCallsAsBeforeTheSpeedUps() throws Exception {
        List<String> expected = Files.readAllLines(TickParityScenarios.EXPECTED, StandardCharsets.UTF_8);
        List<String> now = TickParityScenarios.lines();
        assertThat(expected.stream().filter(l -> l.startsWith("Breach[")).count()).as("the tight profile does breach").isGreaterThan(0);
        assertThat(expected.stream().filter(l -> l.startsWith("BacktestTrade[")).count()).isGreaterThan(50);
        assertThat(now).containsExactlyElementsOf(expected);
    }
}
