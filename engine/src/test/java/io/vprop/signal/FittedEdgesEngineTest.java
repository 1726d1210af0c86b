package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.edge.FittedWinProbability;
import io.vprop.signal.port.Clock;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.Grade;
import io.vprop.signal.select.RecentOutcomeMemory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with fitted edges: the same market and setups trade when their cells carry an edge and are skipped as
 * LOW_GRADE when they carry a negative one; Q* is the fitted edge less the live cost; the tap sees every fired alpha
 * with the geometry the engine trades.
 */
class FittedEdgesEngineTest {
    static EdgeTable uniform(double grossR) {
        List<EdgeTable.Cell> cells = new ArrayList<>();
        for (AlphaId a : AlphaId.values())
            for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5))
                for (Regime r : Regime.values())
                    for (Session s : Session.values()) cells.add(new EdgeTable.Cell(a, tf, "usd", r, s, 500, grossR, 0.5));
        return new EdgeTable("edges-test-" + grossR, cells, List.of(), 2, 3);
    }

    static SignalEngine engine(EdgeTable t) {
        SignalConfig cfg = SignalConfig.builder().timeframes(Timeframe.M1, Timeframe.M5).regimeTimeframe(Timeframe.M1)
                .minGrade(Grade.A).commissionPerLot(0).edges(t).build();
        SignalPorts ports = new SignalPorts(PropFirmRiskBudget.typical(100_000), new RecentOutcomeMemory(50),
                new FittedWinProbability(t), EventSource.NONE, Clock.SYSTEM);
        return new SignalEngine(cfg, SignalEngineTest.SPECS, ports, 100_000);
    }

    @Test
    void aFittedEdgeTradesAndANegativeOneIsSkipped() {
        List<Decision> good = SignalEngineTest.drive(engine(uniform(0.5)), "EURUSD", 1_399_280_400_000L, 3 * 3600, 0.000004, 1);
        List<TradeCandidate> cs = good.stream().filter(d -> d instanceof TradeCandidate).map(d -> (TradeCandidate) d).toList();
        assertThat(cs).isNotEmpty();
        TradeCandidate first = cs.get(0);                     // nothing learned yet: Q* = 0.5 R − the live cost in R
        assertThat(first.qStar()).isLessThan(0.5).isGreaterThan(0.3);
        assertThat(first.confidence()).isCloseTo((0.5 + 1) / 2.5, Offset.offset(1e-9));

        List<Decision> bad = SignalEngineTest.drive(engine(uniform(-0.5)), "EURUSD", 1_399_280_400_000L, 3 * 3600, 0.000004, 1);
        assertThat(bad).noneMatch(d -> d instanceof TradeCandidate);
        assertThat(bad).anyMatch(d -> d instanceof Skip s && s.has(SkipReason.LOW_GRADE));
    }

    @Test
    void theTapSeesEveryFiredAlphaWithTheGeometryTheEngineTrades() {
        SignalEngine e = engine(uniform(0.5));
        List<double[]> fired = new ArrayList<>();   // time, alpha, tf, stop, tp1, tp2
        e.tap((symbol, tf, barOpen, alpha, dir, strength, regime, timeMs, bid, ask, sl, tp1, tp2) ->
                fired.add(new double[]{timeMs, alpha.ordinal(), tf.ordinal(), sl, tp1, tp2}));
        List<Decision> ds = SignalEngineTest.drive(e, "EURUSD", 1_399_280_400_000L, 3 * 3600, 0.000004, 1);
        List<TradeCandidate> cs = ds.stream().filter(d -> d instanceof TradeCandidate).map(d -> (TradeCandidate) d).toList();
        assertThat(fired.size()).isGreaterThan(cs.size());
        for (TradeCandidate c : cs) {
            double[] f = fired.stream().filter(x -> x[0] == c.timeMs() && x[1] == c.alpha().ordinal() && x[2] == c.timeframe().ordinal())
                    .findFirst().orElseThrow();
            assertThat(f[3]).isCloseTo(c.stopDistance(), Offset.offset(1e-12));
            assertThat(f[4]).isCloseTo(1.5 * c.stopDistance(), Offset.offset(1e-12));
            assertThat(f[5]).isCloseTo(2.4 * c.stopDistance(), Offset.offset(1e-12));
        }
    }
}
