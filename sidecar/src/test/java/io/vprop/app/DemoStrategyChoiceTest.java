package io.vprop.app;

import io.vprop.config.VpropConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo runs the signal engine by default only if the recorded measurement shows it trading weekly. */
class DemoStrategyChoiceTest {
    private static DemoEngineMeasurement measured(int trades, int weeks) {
        return new DemoEngineMeasurement(weeks, trades, "engine.timeframes=swing, engine.edges=auto", "synthetic market",
                "vprop demo --measure-engine " + weeks);
    }

    @Test
    void fewerThanOneTradeAWeekKeepsTheStandInAndSaysWhyWithTheNumbers() {
        DemoStrategyChoice c = DemoStrategyChoice.of(null, measured(3, 12));
        assertThat(c.strategy()).isEqualTo("demo");
        assertThat(c.reason()).startsWith("Demo strategy: EMA crossover, not the signal engine — the calibrated engine made 3 "
                + "trades in 12 weeks of the demo market (needs ≥ 1 a week").contains("vprop demo --measure-engine 12")
                .contains("docs/research/edges-h4d1");
    }

    @Test
    void aWeeklyTradingEngineIsTheDefault() {
        assertThat(DemoStrategyChoice.of(null, measured(12, 12)).strategy()).isEqualTo("engine");
        assertThat(DemoStrategyChoice.of(null, measured(30, 12)).reason()).isEmpty();
    }

    @Test
    void anExplicitChoiceIsKept() {
        assertThat(DemoStrategyChoice.of("none", measured(30, 12)).strategy()).isEqualTo("none");
        DemoStrategyChoice demo = DemoStrategyChoice.of("demo", measured(30, 12));
        assertThat(demo.strategy()).isEqualTo("demo");
        assertThat(demo.reason()).contains("set by the configuration");
        assertThat(DemoStrategyChoice.bannerReason("engine", true, measured(0, 12))).isEmpty();
        assertThat(DemoStrategyChoice.bannerReason("demo", false, measured(30, 12))).contains("set by the configuration");
    }

    @Test
    void theBundledMeasurementDecidesTheDemo() {
        DemoEngineMeasurement m = DemoEngineMeasurement.bundled();
        assertThat(m.weeks()).isPositive();
        assertThat(m.command()).startsWith("vprop demo").contains("--measure-engine");
        DemoStrategyChoice c = DemoStrategyChoice.of(null, m);
        assertThat(c.strategy()).isEqualTo(m.tradesPerWeek() >= 1 ? "engine" : "demo");
        assertThat(c.reason()).contains(m.trades() + " trade");
        assertThat(DemoEngineMeasurement.parse(m.json(), "x")).isEqualTo(m);
    }

    @Test
    void theConfigurationKnowsWhichKeysWereSet() {
        VpropConfig d = VpropConfig.load(null, Map.of(), Map.of("paper.seed", "7"));
        assertThat(d.isSet("strategy")).isFalse();
        assertThat(d.isSet("paper.seed")).isTrue();
        assertThat(VpropConfig.load(null, Map.of("VPROP_STRATEGY", "demo"), Map.of()).isSet("strategy")).isTrue();
    }
}
