package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Shrinkage toward zero by evidence, overlap, and the training window's purge, on constructed candidates. */
class EdgeFitTest {
    static final long H = 3_600_000L;

    /** n candidates of one cell, one every 8 hours, each flat 4 hours later (no overlap), gross R drawn around mu. */
    static List<Candidate> cell(AlphaId a, Regime r, int n, double mu, double sd, Random rnd, long start) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = start + i * 8 * H;
            double g = mu + sd * rnd.nextGaussian();
            out.add(new Candidate("EURUSD", Timeframe.H4, a, 1, 0.5, r, Session.ASIA, t, t + 4 * H, 0.001, g - 0.05, 0.05, g, "sl"));
        }
        return out;
    }

    @Test
    void cellsOfPureNoiseAreShrunkToZero() {
        Random rnd = new Random(7);
        List<Candidate> all = new ArrayList<>();
        for (AlphaId a : List.of(AlphaId.MOMENTUM, AlphaId.BREAKOUT, AlphaId.MEAN_REVERSION))
            for (Regime r : Regime.values()) all.addAll(cell(a, r, 200, 0, 1.2, rnd, 0));
        EdgeFit.Result fit = EdgeFit.fit(all, EdgeFit.Params.defaults());
        assertThat(fit.cells()).hasSize(18);
        double noise = 1.2 * 1.2 / 200;                         // the variance of a cell's mean
        assertThat(fit.tau2()).isLessThan(noise);                // the cells spread no more than their noise
        for (EdgeFit.FittedCell c : fit.cells())                 // so each keeps less than half of its mean
            assertThat(Math.abs(c.shrunkGrossR())).isLessThanOrEqualTo(0.5 * Math.abs(c.meanGrossR()) + 1e-6);
    }

    @Test
    void aRealEdgeWithMuchEvidenceSurvivesAndTheSameMeanOnLittleEvidenceShrinksMore() {
        Random rnd = new Random(11);
        List<Candidate> all = new ArrayList<>();
        for (Regime r : Regime.values()) all.addAll(cell(AlphaId.MOMENTUM, r, 400, 0, 1, rnd, 0));
        all.addAll(cell(AlphaId.BREAKOUT, Regime.LOW_TREND, 4000, 0.3, 1, rnd, 0));
        all.addAll(cell(AlphaId.BREAKOUT, Regime.HIGH_TREND, 4000, -0.3, 1, rnd, 0));
        List<Candidate> few = cell(AlphaId.BREAKOUT, Regime.NORMAL_TREND, 12, 0.3, 1, rnd, 0);
        all.addAll(few);
        EdgeFit.Result fit = EdgeFit.fit(all, EdgeFit.Params.defaults());
        EdgeFit.FittedCell big = find(fit, AlphaId.BREAKOUT, Regime.LOW_TREND), small = find(fit, AlphaId.BREAKOUT, Regime.NORMAL_TREND);
        assertThat(fit.tau2()).isGreaterThan(0);
        assertThat(big.shrunkGrossR()).isCloseTo(big.meanGrossR(), within(0.01)).isGreaterThan(0.25);
        assertThat(small.shrunkGrossR() / small.meanGrossR()).isLessThan(big.shrunkGrossR() / big.meanGrossR());
        assertThat(find(fit, AlphaId.BREAKOUT, Regime.HIGH_TREND).shrunkNetR()).isLessThan(-0.3);
        // the bandit's prior: evidence capped at 30 pseudo-trades on top of Beta(2, 3)
        EdgeFit.PriorCell p = fit.priors().stream().filter(x -> x.alpha() == AlphaId.BREAKOUT && x.regime() == Regime.LOW_TREND).findFirst().orElseThrow();
        assertThat(p.a() + p.b()).isCloseTo(5 + 30, within(1e-6));
        assertThat(p.a() / (p.a() + p.b())).isGreaterThan(0.4);
    }

    @Test
    void theLowerBoundGateKeepsOnlyCellsWhoseLowerBoundAfterCostsIsPositive() {
        Random rnd = new Random(3);
        List<Candidate> all = new ArrayList<>();
        all.addAll(cell(AlphaId.BREAKOUT, Regime.LOW_TREND, 4000, 0.3, 1, rnd, 0));     // clearly positive
        all.addAll(cell(AlphaId.BREAKOUT, Regime.NORMAL_TREND, 30, 0.3, 1, rnd, 0));    // same mean, little evidence
        for (Regime r : List.of(Regime.HIGH_TREND, Regime.LOW_RANGE, Regime.HIGH_RANGE)) all.addAll(cell(AlphaId.MOMENTUM, r, 400, -0.2, 1, rnd, 0));
        EdgeFit.Result loose = EdgeFit.fit(all, EdgeFit.Params.defaults()), strict = EdgeFit.fit(all, new EdgeFit.Params(30, true));
        assertThat(find(strict, AlphaId.BREAKOUT, Regime.LOW_TREND).shrunkGrossR()).isEqualTo(find(loose, AlphaId.BREAKOUT, Regime.LOW_TREND).shrunkGrossR());
        assertThat(find(loose, AlphaId.BREAKOUT, Regime.NORMAL_TREND).shrunkGrossR()).isPositive();
        assertThat(find(strict, AlphaId.BREAKOUT, Regime.NORMAL_TREND).lower95GrossR()).isLessThan(0.05);
        assertThat(find(strict, AlphaId.BREAKOUT, Regime.NORMAL_TREND).shrunkGrossR()).isZero();
    }

    @Test
    void overlappingCandidatesCountOnceInTheEvidence() {
        List<Candidate> c = new ArrayList<>();
        for (int i = 0; i < 10; i++)   // ten entries an hour apart, each open 24 hours: they overlap
            c.add(new Candidate("EURUSD", Timeframe.H4, AlphaId.MOMENTUM, 1, 1, Regime.LOW_TREND, Session.ASIA, i * H, i * H + 24 * H, 0.001, 1, 0, 1, "tp"));
        c.add(new Candidate("GBPUSD", Timeframe.H4, AlphaId.MOMENTUM, 1, 1, Regime.LOW_TREND, Session.ASIA, 0, 24 * H, 0.001, 1, 0, 1, "tp"));
        assertThat(EdgeFit.nonOverlapping(c)).hasSize(2);   // the first of each symbol
        EdgeFit.FittedCell cell = EdgeFit.fit(c, EdgeFit.Params.defaults()).cells().get(0);
        assertThat(cell.n()).isEqualTo(11);
        assertThat(cell.nEff()).isEqualTo(2);
    }

    @Test
    void theTrainingWindowDropsWhatIsStillOpenAtItsCutoff() {
        Candidate before = new Candidate("EURUSD", Timeframe.H4, AlphaId.MOMENTUM, 1, 1, Regime.LOW_TREND, Session.ASIA, 0, 10 * H, 0.001, 1, 0, 1, "tp");
        Candidate across = new Candidate("EURUSD", Timeframe.H4, AlphaId.MOMENTUM, 1, 1, Regime.LOW_TREND, Session.ASIA, 5 * H, 30 * H, 0.001, 1, 0, 1, "tp");
        Candidate early = new Candidate("EURUSD", Timeframe.H4, AlphaId.MOMENTUM, 1, 1, Regime.LOW_TREND, Session.ASIA, -5 * H, H, 0.001, 1, 0, 1, "tp");
        assertThat(EdgeFit.window(List.of(early, before, across), 0, 20 * H)).containsExactly(before);
    }

    @Test
    void theOneSidedTQuantileIsStudents() {
        assertThat(EdgeFit.tQuantile95(10)).isCloseTo(1.812, within(0.003));
        assertThat(EdgeFit.tQuantile95(1e6)).isCloseTo(1.645, within(0.001));
    }

    static EdgeFit.FittedCell find(EdgeFit.Result fit, AlphaId a, Regime r) {
        return fit.cells().stream().filter(c -> c.alpha() == a && c.regime() == r).findFirst().orElseThrow();
    }

    /**
     * One trade seen on many overlapping quotes (as on two weeks of M1: n 189, n_eff 2) has a variance near 0: with
     * the cell's own variance it keeps its raw +2 R; with the pooled floor it is shrunk like any cell of 2 trades.
     */
    @Test
    void oneTradeSeenOnManyOverlappingQuotesIsShrunkOnlyWithThePooledFloor() {
        Random rnd = new Random(3);
        List<Candidate> all = new ArrayList<>();
        for (Regime r : List.of(Regime.LOW_TREND, Regime.LOW_RANGE, Regime.NORMAL_TREND, Regime.NORMAL_RANGE))
            for (AlphaId a : List.of(AlphaId.MOMENTUM, AlphaId.BREAKOUT)) all.addAll(cell(a, r, 300, 0, 1.2, rnd, 0));
        for (int i = 0; i < 100; i++) {                          // 100 quotes, one 4-hour trade: all overlap
            long t = 1000 * H + i * 60_000L;
            all.add(new Candidate("EURUSD", Timeframe.H4, AlphaId.MEAN_REVERSION, 1, 0.5, Regime.HIGH_TREND, Session.ASIA,
                    t, 1004 * H, 0.001, 2.0 + 1e-4 * (i % 3) - 0.05, 0.05, 2.0 + 1e-4 * (i % 3), "tp"));
        }
        EdgeFit.FittedCell own = find(EdgeFit.fit(all, EdgeFit.Params.defaults()), AlphaId.MEAN_REVERSION, Regime.HIGH_TREND);
        EdgeFit.FittedCell floored = find(EdgeFit.fit(all, new EdgeFit.Params(30, false, true)), AlphaId.MEAN_REVERSION, Regime.HIGH_TREND);
        assertThat(own.nEff()).isEqualTo(1);
        assertThat(own.shrunkGrossR()).isGreaterThan(1.9);
        assertThat(floored.shrunkGrossR()).isLessThan(0.5 * own.shrunkGrossR());
    }
}
