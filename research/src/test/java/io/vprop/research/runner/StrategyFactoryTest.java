package io.vprop.research.runner;

import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.BacktestResult;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.select.Grade;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyFactoryTest {
    static ParamSet point(String grid) { return ParamGrid.parse(grid).points().get(0); }

    @Test
    void engineParametersAreSignalConfigFieldsOnTheDataTimeframe() {
        EngineStrategies f = new EngineStrategies(Timeframe.H4, 7);
        SignalConfig c = f.config(point("slSigma=1.2,tp1Multiple=2,horizonBars=6,minGrade=3"));
        assertThat(c.timeframes).containsExactly(Timeframe.H4);
        assertThat(c.regimeTimeframe).isEqualTo(Timeframe.H4);
        assertThat(c.slSigma).isEqualTo(1.2);
        assertThat(c.tp1Multiple).isEqualTo(2.0);
        assertThat(c.horizonBars).isEqualTo(6);
        assertThat(c.minGrade).isEqualTo(Grade.A_PLUS);
        assertThat(c.seed).isEqualTo(7);
        SignalConfig defaults = f.config(point("none"));
        assertThat(defaults.slSigma).isEqualTo(SignalConfig.defaults().slSigma);
        assertThatThrownBy(() -> f.config(point("slSigmas=1"))).hasMessageContaining("no parameter 'slSigmas'")
                .hasMessageContaining("slSigma").hasMessageContaining("tp1Multiple");
        assertThatThrownBy(() -> f.config(point("horizonBars=2.5"))).hasMessageContaining("horizonBars must be a whole number");
        assertThatThrownBy(() -> f.config(point("minGrade=4"))).hasMessageContaining("minGrade must be 0..3");
        assertThatThrownBy(() -> f.config(point("tp1Multiple=3"))).hasMessageContaining("engine parameters tp1Multiple=3")
                .hasMessageContaining("tp1Multiple <= tp2Multiple");
        assertThat(f.fingerprint()).contains("slSigma=0.8").contains("timeframes=[H4]").isEqualTo(new EngineStrategies(Timeframe.H4, 7).fingerprint());
        assertThat(new EngineStrategies(Timeframe.H4, 8).fingerprint()).isNotEqualTo(f.fingerprint());
    }

    @Test
    void theEngineRunsAUnitAndReportsWhatItDecidedInTheWindow() {
        BacktestUnitRunner r = new BacktestUnitRunner(new BarLibrary(List.of(BacktestUnitRunnerTest.H4), ServerClock.UTC),
                StrategyFactory.engine(Timeframe.H4, 1), BacktestUnitRunner.Options.defaults(Timeframe.H4));
        WorkUnit u = new WorkUnit(WorkUnit.Phase.TEST, "EURUSD", 0, point("none"), BacktestUnitRunnerTest.ms("2015-10-01"),
                BacktestUnitRunnerTest.ms("2016-01-01"), BacktestUnitRunnerTest.ms("2017-01-01"), BacktestUnitRunnerTest.ms("2017-01-01"), 100_000);
        BacktestResult res = r.run(u);
        assertThat(res.counters().get("window.engine.idle.bar_consumed")).as("a year of H4 bars reached the engine")
                .isBetween(1_550L, 1_650L);   // 2016: 52 weeks of 31 bars (Sunday 20:00 and 6 a weekday)
        assertThat(res.counters().getOrDefault("window.engine.evaluations", 0L)).as("the engine evaluated setups").isPositive();
        assertThat(res.counters().getOrDefault("window.engine.trades", 0L)).isEqualTo(res.counters().getOrDefault("window.decisions.trade", 0L)
                + res.counters().getOrDefault("window.decisions.refused", 0L));
        assertThat(res.trades()).allSatisfy(t -> assertThat(t.openMs()).isBetween(u.fromMs(), u.toMs() - 1));
    }

    @Test
    void aClassNeedsAParameterMapConstructorForParameters() {
        StrategyFactory demo = StrategyFactory.ofClass(NoArgs.class);
        assertThat(demo.create(point("none"))).isInstanceOf(NoArgs.class);
        assertThatThrownBy(() -> demo.create(point("fast=3"))).hasMessageContaining("takes no parameters")
                .hasMessageContaining("fast=3");
        assertThatThrownBy(() -> StrategyFactory.ofClass(DemoStrategy.class))
                .hasMessageContaining("neither a public (java.util.Map<String, Double> params) constructor nor a public no-argument one");
        assertThat(StrategyFactory.ofClass(NoArgs.class).fingerprint()).isEqualTo("class " + NoArgs.class.getName());
    }

    public static final class NoArgs implements Strategy {
        @Override public void onTick(io.vprop.market.Tick tick, io.vprop.strategy.StrategyContext ctx) { }
    }
}
