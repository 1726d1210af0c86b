package io.vprop.signal.alpha;

import io.vprop.signal.feature.BarFeatures;
import io.vprop.signal.feature.CrossSymbolCorrelation;
import io.vprop.signal.feature.TickFeatures;
import io.vprop.signal.regime.Regime;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AlphasTest {
    static final double PT = 0.00001;
    final AlphaSignal out = new AlphaSignal();

    static AlphaContext ctx(BarFeatures bars, double mid) {
        AlphaContext c = new AlphaContext();
        c.bars = bars;
        c.mid = mid;
        c.ticks = new TickFeatures(PT, 100, 60);
        c.regime = Regime.NORMAL_TREND;
        c.baseCurrency = "EUR";
        c.quoteCurrency = "USD";
        return c;
    }

    static BarFeatures trending(double stepPerBar, int n) {
        BarFeatures f = new BarFeatures();
        double p = 1.1;
        for (int i = 0; i < n; i++) {
            double np = p + stepPerBar;
            f.update(i * 60_000L, p, Math.max(p, np) + 0.00005, Math.min(p, np) - 0.00005, np, 10);
            p = np;
        }
        return f;
    }

    static BarFeatures flat(int n) {
        BarFeatures f = new BarFeatures();
        for (int i = 0; i < n; i++) {
            double c = 1.1 + (i % 2 == 0 ? 0.0002 : -0.0002);
            f.update(i * 60_000L, 1.1, c + 0.0001, c - 0.0001, c, 10);
        }
        return f;
    }

    @Test
    void momentumFollowsTheTrendAndIsSilentInARange() {
        new MomentumAlpha().evaluate(ctx(trending(0.0003, 60), 1.118), out);
        assertThat(out.direction).isEqualTo(1);
        assertThat(out.strength).isBetween(0.25, 1.0);
        assertThat(out.edge).isCloseTo(MomentumAlpha.EDGE * out.strength, Offset.offset(1e-12));
        new MomentumAlpha().evaluate(ctx(trending(-0.0003, 60), 1.082), out);
        assertThat(out.direction).isEqualTo(-1);
        new MomentumAlpha().evaluate(ctx(flat(60), 1.1), out);
        assertThat(out.fired()).isFalse();
    }

    @Test
    void meanReversionFadesStretchedPrices() {
        BarFeatures f = flat(60); // closes ±2 pips around 1.1: σ ≈ 0.0002
        new MeanReversionAlpha().evaluate(ctx(f, 1.1 + 0.0006), out);
        assertThat(out.direction).isEqualTo(-1);
        new MeanReversionAlpha().evaluate(ctx(f, 1.1 - 0.0006), out);
        assertThat(out.direction).isEqualTo(1);
        new MeanReversionAlpha().evaluate(ctx(f, 1.1 + 0.0001), out);
        assertThat(out.fired()).isFalse();
    }

    @Test
    void breakoutFiresBeyondThePreviousChannel() {
        BarFeatures f = flat(60); // channel highs 1.1003, lows 1.0997
        new BreakoutAlpha().evaluate(ctx(f, 1.1010), out);
        assertThat(out.direction).isEqualTo(1);
        new BreakoutAlpha().evaluate(ctx(f, 1.0990), out);
        assertThat(out.direction).isEqualTo(-1);
        new BreakoutAlpha().evaluate(ctx(f, 1.1001), out);
        assertThat(out.fired()).isFalse();
    }

    @Test
    void orderFlowFollowsOneSidedQuotePressure() {
        AlphaContext c = ctx(flat(60), 1.1);
        for (int i = 0; i < 100; i++) c.ticks.update(i * 100L, 1.1 + i * PT, 1.1001 + i * PT, 0);
        new OrderFlowAlpha().evaluate(c, out);
        assertThat(out.direction).isEqualTo(1);
        AlphaContext quiet = ctx(flat(60), 1.1);
        for (int i = 0; i < 100; i++) quiet.ticks.update(i * 100L, 1.1 + (i % 2) * PT, 1.1001 + (i % 2) * PT, 0);
        new OrderFlowAlpha().evaluate(quiet, out);
        assertThat(out.fired()).isFalse();
    }

    @Test
    void sentimentBuysOnGoodBaseNewsSellsOnGoodQuoteNewsAndIsNeutralWithoutEvents() {
        AlphaContext c = ctx(flat(60), 1.1);
        c.events = (ccy, t) -> ccy.equals("EUR") ? 0.8 : 0.0;
        new SentimentAlpha().evaluate(c, out);
        assertThat(out.direction).isEqualTo(1);
        assertThat(out.strength).isEqualTo(0.8);
        c.events = (ccy, t) -> ccy.equals("USD") ? 0.8 : 0.0;
        new SentimentAlpha().evaluate(c, out);
        assertThat(out.direction).isEqualTo(-1);
        c.events = EventSource.NONE;
        new SentimentAlpha().evaluate(c, out);
        assertThat(out.fired()).isFalse();
    }

    @Test
    void correlationFollowsALeaderAndFadesAStretchedPair() {
        // symbol 1 follows symbol 0 one bar later; give 0 a big last move
        CrossSymbolCorrelation x = new CrossSymbolCorrelation(2, 60_000, 100);
        Random rnd = new Random(2);
        double prev = 0;
        long t = 0;
        for (int i = 0; i < 100; i++, t += 60_000) {
            double r0 = rnd.nextGaussian() * 1e-3;
            x.onBar(1, t, prev, 1.0);
            x.onBar(0, t, r0, 1.0);
            prev = r0;
        }
        x.onBar(1, t, prev, 1.0);
        x.onBar(0, t, 0.004, 1.0); // leader jumps up at bar t
        AlphaContext c = ctx(trending(0.00001, 60), 1.1);
        c.cross = x;
        c.symbolId = 1;
        // follower's own vol from its features: the leader's +0.004 is many σ of the tiny trend → strong long
        new CorrelationAlpha().evaluate(c, out);
        assertThat(out.direction).isEqualTo(1);
        assertThat(out.strength).isEqualTo(1.0);
    }
}
