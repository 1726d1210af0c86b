package io.vprop.signal.edge;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.QualityScorer;
import io.vprop.signal.select.ThompsonSampler;
import io.vprop.signal.sizing.PositionSizer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fitted edges as the engine reads them: quality score, Kelly input and bandit priors. */
class FittedEdgesTest {
    static final long LONDON_9 = Instant.parse("2020-03-04T09:00:00Z").toEpochMilli();

    static EdgeTable table() {
        return new EdgeTable("edges-test", List.of(
                new EdgeTable.Cell(AlphaId.BREAKOUT, Timeframe.D1, "jpy", Regime.HIGH_RANGE, Session.LONDON, 120, 0.30, 0.5),
                new EdgeTable.Cell(AlphaId.MOMENTUM, Timeframe.H4, "usd", Regime.LOW_TREND, Session.LONDON, 900, -0.15, 0.33)),
                List.of(new EdgeTable.Prior(Regime.HIGH_RANGE, AlphaId.BREAKOUT, 14, 21)), 2, 3);
    }

    static WinQuery query(String symbol, AlphaId a, Timeframe tf, Regime r) {
        return new WinQuery(symbol, 1, tf, LONDON_9, a, r, 0.5, 0.15, 0.8, 1.2, 0.4, 0, null);
    }

    @Test
    void theScoreBeforeCostsIsTheCellsShrunkEdgeAndAnUnseenSetupHasNone() {
        FittedWinProbability m = new FittedWinProbability(table());
        double b = 1.2 / 0.8;
        double p = m.pTp1BeforeSl(query("USDJPY", AlphaId.BREAKOUT, Timeframe.D1, Regime.HIGH_RANGE));
        assertThat(QualityScorer.qStar(p, b, 0)).isCloseTo(0.30, within(1e-12));
        assertThat(QualityScorer.qStar(p, b, 0.05)).isCloseTo(0.25, within(1e-12));
        double neg = m.pTp1BeforeSl(query("EURUSD", AlphaId.MOMENTUM, Timeframe.H4, Regime.LOW_TREND));
        assertThat(QualityScorer.qStar(neg, b, 0)).isCloseTo(-0.15, within(1e-12));
        assertThat(PositionSizer.kelly(neg, b)).isNegative();     // no size for a negative edge
        assertThat(PositionSizer.kelly(p, b)).isPositive();
        // another class, timeframe, regime or session: not fitted → zero edge, the random entry's 1/(b+1)
        assertThat(m.pTp1BeforeSl(query("EURUSD", AlphaId.BREAKOUT, Timeframe.D1, Regime.HIGH_RANGE))).isCloseTo(0.4, within(1e-12));
        assertThat(m.pTp1BeforeSl(query("USDJPY", AlphaId.BREAKOUT, Timeframe.H4, Regime.HIGH_RANGE))).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void theBanditStartsFromTheFittedPriorPerRegimeAndAlphaAndCountsOnlyLiveOutcomes() {
        EdgeTable t = table();
        double[] a = new double[Regime.COUNT * AlphaId.COUNT], b = new double[a.length];
        for (Regime r : Regime.values())
            for (AlphaId x : AlphaId.values()) {
                a[r.ordinal() * AlphaId.COUNT + x.ordinal()] = t.priorA(r, x);
                b[r.ordinal() * AlphaId.COUNT + x.ordinal()] = t.priorB(r, x);
            }
        ThompsonSampler s = new ThompsonSampler(Regime.COUNT, AlphaId.COUNT, a, b, 1);
        int hr = Regime.HIGH_RANGE.ordinal(), bo = AlphaId.BREAKOUT.ordinal(), mo = AlphaId.MOMENTUM.ordinal();
        assertThat(s.posteriorMean(hr, bo)).isCloseTo(14.0 / 35, within(1e-12));
        assertThat(s.posteriorMean(hr, mo)).isCloseTo(0.4, within(1e-12));           // not fitted: Beta(2, 3)
        assertThat(s.observations(hr, bo)).isZero();
        s.update(hr, bo, true);
        assertThat(s.observations(hr, bo)).isEqualTo(1);
        assertThat(s.posteriorMean(hr, bo)).isCloseTo(15.0 / 36, within(1e-12));
    }

    @Test
    void symbolClassesPoolPairsByQuoteAndUsd() {
        assertThat(EdgeTable.symbolClass("USDJPY")).isEqualTo("jpy");
        assertThat(EdgeTable.symbolClass("EURJPY")).isEqualTo("jpy");
        assertThat(EdgeTable.symbolClass("EURUSD")).isEqualTo("usd");
        assertThat(EdgeTable.symbolClass("USDCHF")).isEqualTo("usd");
        assertThat(EdgeTable.symbolClass("GBPAUD")).isEqualTo("cross");
        assertThat(EdgeTable.symbolClass("XAU")).isEqualTo("other");
    }

    @Test
    void aCellTwiceOrABadPriorIsRefused() {
        EdgeTable.Cell c = new EdgeTable.Cell(AlphaId.BREAKOUT, Timeframe.D1, "jpy", Regime.HIGH_RANGE, Session.LONDON, 1, 0, 0.4);
        assertThatThrownBy(() -> new EdgeTable("v", List.of(c, c), List.of(), 2, 3)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new EdgeTable.Prior(Regime.LOW_TREND, AlphaId.MOMENTUM, 0, 3)).hasMessageContaining("> 0");
    }

    @Test
    void swingDataGetH4AndD1AndIntradayDataKeepTheIntradayTimeframes() {
        SignalConfig swing = SignalConfig.builder().timeframesFor(Timeframe.H4).build();
        assertThat(swing.timeframes).containsExactly(Timeframe.H4, Timeframe.D1);
        assertThat(swing.regimeTimeframe).isEqualTo(Timeframe.H4);
        assertThat(SignalConfig.builder().timeframesFor(Timeframe.D1).build().timeframes).containsExactly(Timeframe.D1);
        SignalConfig ticks = SignalConfig.builder().timeframesFor(Timeframe.M1).build();
        assertThat(ticks.timeframes).containsExactlyElementsOf(SignalConfig.INTRADAY);
        assertThat(ticks.regimeTimeframe).isEqualTo(Timeframe.M15);
        assertThat(SignalConfig.builder().timeframesFor(Timeframe.H1).build().timeframes).containsExactly(Timeframe.H1);
    }
}
