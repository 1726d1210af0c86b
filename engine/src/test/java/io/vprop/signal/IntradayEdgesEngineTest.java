package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.edge.FittedWinProbability;
import io.vprop.signal.port.Clock;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intraday engine (M5, M15, H1; regime on M15) reads the fitted cells of its own timeframes, as the swing engine
 * reads H4/D1 ones, and keeps its hand-set priors where the artefact saw neither the timeframe nor the symbol class:
 * an artefact with only swing cells leaves every intraday decision exactly as the hand-set engine makes it.
 */
class IntradayEdgesEngineTest {
    static final long START = 1_399_280_400_000L;   // 2014-05-05 09:00 UTC, London session
    static final int SECONDS = 4 * 3600;             // M5 warm after 30 bars (2.5 h)

    static EdgeTable table(List<Timeframe> tfs, double grossR, Timeframe regimeTf) {
        List<EdgeTable.Cell> cells = new ArrayList<>();
        List<EdgeTable.Prior> priors = new ArrayList<>();
        for (AlphaId a : AlphaId.values())
            for (Regime r : Regime.values()) {
                priors.add(new EdgeTable.Prior(regimeTf, r, a, 3, 27));
                for (Timeframe tf : tfs)
                    for (Session s : Session.values()) cells.add(new EdgeTable.Cell(a, tf, "usd", r, s, 500, grossR, 0.5));
            }
        return new EdgeTable("edges-intraday-test-" + grossR, cells, priors, 2, 3);
    }

    /** The engine as SignalEngineStrategy builds it: fitted cells, the hand-set model where the artefact has none. */
    static SignalEngine intraday(EdgeTable t) {
        SignalConfig cfg = SignalConfig.builder().timeframes(SignalConfig.INTRADAY.toArray(new Timeframe[0]))
                .regimeTimeframe(Timeframe.M15).commissionPerLot(0).edges(t).build();
        WinProbabilityModel win = t == null ? new DriftWinProbability() : new FittedWinProbability(t, new DriftWinProbability());
        return new SignalEngine(cfg, SignalEngineTest.SPECS, new SignalPorts(PropFirmRiskBudget.typical(100_000),
                new RecentOutcomeMemory(50), win, EventSource.NONE, Clock.SYSTEM), 100_000);
    }

    static List<Decision> drive(SignalEngine e) { return SignalEngineTest.drive(e, "EURUSD", START, SECONDS, 0.000004, 1); }

    static List<TradeCandidate> trades(List<Decision> ds) {
        return ds.stream().filter(d -> d instanceof TradeCandidate).map(d -> (TradeCandidate) d).toList();
    }

    @Test
    void intradayTimeframesTradeOnTheirFittedCells() {
        List<TradeCandidate> good = trades(drive(intraday(table(SignalConfig.INTRADAY, 0.5, Timeframe.M15))));
        assertThat(good).isNotEmpty();
        assertThat(good).allMatch(c -> SignalConfig.INTRADAY.contains(c.timeframe()));
        // the confidence is the fitted cell's p = (E + 1) / (b + 1), not the hand-set drift model's
        assertThat(good.get(0).confidence()).isCloseTo((0.5 + 1) / 2.5, Offset.offset(1e-9));

        List<Decision> bad = drive(intraday(table(SignalConfig.INTRADAY, -0.5, Timeframe.M15)));
        assertThat(trades(bad)).isEmpty();
        assertThat(bad).anyMatch(d -> d instanceof Skip s && s.has(SkipReason.LOW_GRADE));
    }

    @Test
    void whereTheArtefactHasNoIntradayCellsTheHandSetPriorsDecide() {
        List<Decision> handset = drive(intraday(null));
        assertThat(trades(handset)).isNotEmpty();
        // swing cells only (+0.5 R on H4/D1, priors for an H4 regime): nothing of it applies to M5/M15/H1
        List<Decision> swingOnly = drive(intraday(table(SignalConfig.SWING, 0.5, Timeframe.H4)));
        assertThat(swingOnly).isEqualTo(handset);
        // intraday cells on another symbol class only (jpy): EURUSD still decides on its hand-set priors
        EdgeTable jpy = new EdgeTable("jpy-only", List.of(new EdgeTable.Cell(AlphaId.MOMENTUM, Timeframe.M5, "jpy",
                Regime.NORMAL_TREND, Session.LONDON, 100, -1, 0.1)), List.of(), 2, 3);
        assertThat(drive(intraday(jpy))).isEqualTo(handset);
    }
}
