package io.vprop.research.walkforward;

import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.BacktestResult;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.sweep.SweepException;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole pipeline on the shared H4 bars with the backtester and the SMA crossover: thread count, resume and stale
 * inputs. EURAUD's AUD profits are converted through EURUSD and EURAUD, USDJPY's through itself.
 */
class WalkForwardOnRealBarsTest {
    static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURAUD");
    static BacktestUnitRunner runner;
    static WalkForwardSpec spec;
    static WalkForwardResult reference;

    @BeforeAll
    static void referenceRun() {
        runner = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4));
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2014-01-01"), LocalDate.parse("2019-01-01"),
                Period.ofYears(2), Period.ofYears(1), Duration.ofDays(3));
        spec = new WalkForwardSpec(SYMBOLS, plan, ParamGrid.parse("fast=10..30:10,slow=60,100"), Objective.SHARPE,
                Period.ofDays(60), 100_000, 0, "vprop walkforward --test");
        reference = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(1));
    }

    static BacktestUnitRunner runner(BacktestUnitRunner.Options options) {
        return new BacktestUnitRunner(new BarLibrary(List.of(SharedData.dir().resolve("bars/h4_d1")), ServerClock.UTC),
                StrategyFactory.ofClass(SmaCrossStrategy.class), options);
    }

    @Test
    void theReferenceRunTradesEverySymbolOutOfSample() {
        assertThat(reference.folds()).hasSize(3);
        assertThat(reference.run().trainUnits()).isEqualTo(3 * 3 * 6);
        assertThat(reference.symbols()).allSatisfy(s -> assertThat(s.stats().trade().trades()).isPositive());
        assertThat(reference.trades()).allSatisfy(t -> {
            assertThat(t.openMs()).isGreaterThanOrEqualTo(reference.folds().get(0).fold().testFromMs());
            assertThat(t.closeMs()).isLessThanOrEqualTo(reference.folds().get(2).fold().testToMs());
        });
        double pnl = reference.trades().stream().mapToDouble(t -> t.pnl()).sum();
        assertThat(reference.overall().endEquityUsd() - reference.overall().startEquityUsd()).isCloseTo(pnl,
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(reference.overall().psr()).isBetween(0.0, 1.0);
        assertThat(reference.overall().dsr()).isLessThanOrEqualTo(reference.overall().psr());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads(@TempDir Path dir) {
        WalkForwardResult three = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(3)
                .withCheckpoint(dir.resolve("cp.jsonl")));
        assertThat(three.withoutRunInfo()).isEqualTo(reference.withoutRunInfo());
        assertThat(three.run().computed()).isEqualTo(three.run().trainUnits() + three.run().testUnits());
    }

    @Test
    void anInterruptedSweepResumesFromItsCheckpointWithTheSameResult(@TempDir Path dir) throws Exception {
        Path cp = dir.resolve("cp.jsonl");
        AtomicInteger runs = new AtomicInteger();
        UnitRunner dying = new UnitRunner() {
            @Override
            public BacktestResult run(WorkUnit u) {
                if (runs.incrementAndGet() > 20) throw new IllegalStateException("simulated Ctrl-C");
                return runner.run(u);
            }

            @Override public String description() { return runner.description(); }

            @Override public String fingerprint() { return runner.fingerprint(); }
        };
        assertThatThrownBy(() -> WalkForward.run(spec, dying, SweepOptions.quiet().withThreads(2).withCheckpoint(cp)))
                .isInstanceOf(SweepException.class).hasMessageContaining("simulated Ctrl-C").hasMessageContaining("train/");
        long saved = Files.readAllLines(cp).size();
        assertThat(saved).isBetween(1L, 20L);
        // a kill in the middle of a write leaves half a line: ignored on resume
        Files.writeString(cp, "{\"id\":\"train/EURUSD/f0", StandardOpenOption.APPEND);

        WalkForwardResult resumed = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(2).withCheckpoint(cp));
        assertThat(resumed.withoutRunInfo()).isEqualTo(reference.withoutRunInfo());
        assertThat(resumed.run().reused()).isEqualTo(saved);
        assertThat(resumed.run().computed() + resumed.run().reused())
                .isEqualTo(resumed.run().trainUnits() + resumed.run().testUnits());

        WalkForwardResult again = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(2).withCheckpoint(cp));
        assertThat(again.run().computed()).isZero();
        assertThat(again.withoutRunInfo()).isEqualTo(reference.withoutRunInfo());
    }

    @Test
    void changedCostsMakeCheckpointedUnitsStale(@TempDir Path dir) {
        Path cp = dir.resolve("cp.jsonl");
        WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(2).withCheckpoint(cp));
        BacktestUnitRunner dearer = runner(BacktestUnitRunner.Options.defaults(Timeframe.H4).withCosts(null, 7.0, 0, 1));
        WalkForwardResult r = WalkForward.run(spec, dearer, SweepOptions.quiet().withThreads(2).withCheckpoint(cp));
        assertThat(r.run().reused()).isZero();
        assertThat(r.run().stale()).isEqualTo(r.run().trainUnits() + r.run().testUnits() - newSelections(r));
        assertThat(r.overall().trade().commissionUsd()).isNotNaN();
        assertThat(r.withoutRunInfo()).isNotEqualTo(reference.withoutRunInfo());
    }

    /** Test units whose parameter set differs from the first run's have no stored entry at all (new, not stale). */
    private static int newSelections(WalkForwardResult r) {
        int n = 0;
        for (int f = 0; f < r.folds().size(); f++) {
            for (int s = 0; s < SYMBOLS.size(); s++) {
                var a = r.folds().get(f).selections().get(s).params();
                var b = reference.folds().get(f).selections().get(s).params();
                if (a != null && (b == null || a.index() != b.index())) n++;
            }
        }
        return n;
    }
}
