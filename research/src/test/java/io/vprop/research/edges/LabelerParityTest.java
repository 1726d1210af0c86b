package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labels the edges are fitted on are what the backtester makes: the engine trades EURUSD and GBPUSD on H4 + D1
 * bars through the live-code backtester, and every one of its trades is also a recorded candidate (same quote, alpha
 * and timeframe) whose label has the same exit and the same R within 0.02 (lots are rounded to the volume step and
 * money to cents in the backtest, a lot of one in the label).
 */
class LabelerParityTest {
    static final Path H4 = SharedData.dir().resolve("bars/h4_d1");

    static long ms(String iso) { return Instant.parse(iso + "T00:00:00Z").toEpochMilli(); }

    @Test
    void everyEngineTradeIsARecordedCandidateWithTheSameOutcome() {
        BarLibrary library = new BarLibrary(List.of(H4), ServerClock.UTC);
        List<Timeframe> tfs = List.of(Timeframe.H4, Timeframe.D1);
        BacktestUnitRunner.Options options = BacktestUnitRunner.Options.defaults(Timeframe.H4).withCoarser(List.of(Timeframe.D1));
        long warmFrom = ms("2015-09-01"), from = ms("2016-01-01"), to = ms("2017-01-01");
        List<Candidate> candidates = CandidateRecording.record(library, List.of("EURUSD", "GBPUSD"), tfs,
                BacktestUnitRunner.Options.defaults(Timeframe.H4), from - warmFrom, from, to, 1);
        assertThat(candidates).hasSizeGreaterThan(500);
        assertThat(candidates).extracting(Candidate::timeframe).contains(Timeframe.H4, Timeframe.D1);

        int matched = 0;
        for (String symbol : List.of("EURUSD", "GBPUSD")) {
            BacktestUnitRunner runner = new BacktestUnitRunner(library, StrategyFactory.engine(tfs, 1, null), options);
            BacktestResult r = runner.run(new WorkUnit(WorkUnit.Phase.TEST, symbol, 0, new ParamSet(0, Map.of()),
                    warmFrom, from, to, ms("2017-03-01"), 100_000));
            for (BacktestTrade t : r.trades()) {
                if (t.exitReason().contains("end_of")) continue;
                Candidate c = candidates.stream().filter(x -> x.symbol().equals(symbol) && x.entryMs() == t.openMs()
                        && x.alpha().name().toLowerCase(Locale.ROOT).equals(t.alpha())
                        && x.timeframe().name().equals(t.timeframe())).findFirst().orElse(null);
                assertThat(c).as("trade at %s %s %s is a recorded candidate", Instant.ofEpochMilli(t.openMs()), t.alpha(), t.timeframe()).isNotNull();
                assertThat(c.direction()).isEqualTo(t.side().sign());
                assertThat(c.netR()).as("R of the trade at %s (%s, label %s)", Instant.ofEpochMilli(t.openMs()), t.exitReason(), c.exit())
                        .isCloseTo(t.pnl() / t.riskMoney(), org.assertj.core.data.Offset.offset(0.02));
                matched++;
            }
        }
        assertThat(matched).isGreaterThan(20);
    }
}
