package io.vprop.signal;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.execution.PauseEvent;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.Grade;
import io.vprop.signal.select.RecentOutcomeMemory;
import io.vprop.signal.select.Rng;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalEngineTest {
    static final List<SymbolSpec> SPECS = List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("GBPUSD"));

    static SignalConfig fastConfig(Grade minGrade) {
        return SignalConfig.builder().timeframes(Timeframe.M1, Timeframe.M5).regimeTimeframe(Timeframe.M1)
                .minGrade(minGrade).commissionPerLot(0).build();
    }

    static SignalEngine engine(SignalConfig cfg, PropFirmRiskBudget risk) {
        return new SignalEngine(cfg, SPECS, SignalPorts.baseline(risk, EventSource.NONE), 100_000);
    }

    /** One tick per second, a random walk with a 0.3-pip spread... and a steady trend so alphas fire. */
    static List<Decision> drive(SignalEngine e, String symbol, long startMs, int seconds, double drift, long seed) {
        Rng rng = new Rng(seed);
        double mid = 1.1;
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            mid += drift + rng.nextGaussian() * 0.00003;
            out.add(e.onTick(new Tick(symbol, startMs + i * 1000L, mid - 0.000015, mid + 0.000015, 0, 0, 6)));
        }
        return out;
    }

    @Test
    void badInputsAreRejectedCountedAndNeverReachTheFeatures() {
        SignalEngine e = engine(fastConfig(Grade.A), PropFirmRiskBudget.typical(100_000));
        assertThat(e.onTick(new Tick("EURUSD", 1000, 1.1, 1.1001, 0, 0, 6))).isEqualTo(Idle.WARMING_UP);
        var f = e.tickFeatures("EURUSD");
        double mid = f.mid();
        assertThat(e.onTick(new Tick("EURUSD", 2000, Double.NaN, 1.1, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.NOT_FINITE));
        assertThat(e.onTick(new Tick("EURUSD", 2000, 1.1, Double.POSITIVE_INFINITY, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.NOT_FINITE));
        assertThat(e.onTick(new Tick("EURUSD", 2000, 1.1, 1.1, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.ZERO_SPREAD));
        assertThat(e.onTick(new Tick("EURUSD", 2000, 1.1002, 1.1, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.CROSSED_QUOTE));
        assertThat(e.onTick(new Tick("EURUSD", 2000, -1.1, 1.1, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.NON_POSITIVE_PRICE));
        assertThat(e.onTick(new Tick("EURUSD", 999, 1.2, 1.2001, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.TIME_BACKWARDS));
        assertThat(e.onTick(new Tick("EURUSD", 2000, 1.2, 1.2001, 0, -5, 6))).isEqualTo(InputRejected.of(InputRejection.NEGATIVE_VOLUME));
        assertThat(e.onTick(new Tick("USDXXX", 2000, 1.2, 1.2001, 0, 0, 6))).isEqualTo(InputRejected.of(InputRejection.UNKNOWN_SYMBOL));
        assertThat(e.onTick(null)).isEqualTo(InputRejected.of(InputRejection.UNKNOWN_SYMBOL));
        assertThat(f.ticks()).isEqualTo(1);
        assertThat(f.mid()).isEqualTo(mid);
        assertThat(e.acceptedInputs()).isEqualTo(1);
        for (InputRejection r : List.of(InputRejection.ZERO_SPREAD, InputRejection.CROSSED_QUOTE, InputRejection.NON_POSITIVE_PRICE,
                InputRejection.TIME_BACKWARDS, InputRejection.NEGATIVE_VOLUME))
            assertThat(e.rejectedCount(r)).as(r.name()).isEqualTo(1);
        assertThat(e.rejectedCount(InputRejection.NOT_FINITE)).isEqualTo(2);
        assertThat(e.rejectedCount(InputRejection.UNKNOWN_SYMBOL)).isEqualTo(2);
        // same-millisecond ticks are legal (the shared data has thousands)
        assertThat(e.onTick(new Tick("EURUSD", 1000, 1.1, 1.1001, 0, 0, 6))).isNotInstanceOf(InputRejected.class);
        // bad bars too
        assertThat(e.onBar(new Bar("EURUSD", Timeframe.M1, 0, 1.1, 1.09, 1.1, 1.1, 1, 10))).isEqualTo(InputRejected.of(InputRejection.BAD_BAR));
        assertThat(e.onBar(new Bar("EURUSD", Timeframe.M1, 0, 1.1, Double.NaN, 1.1, 1.1, 1, 10))).isEqualTo(InputRejected.of(InputRejection.NOT_FINITE));
        assertThat(e.barFeatures("EURUSD", Timeframe.M1).bars()).isZero();
    }

    @Test
    void aTrendingMarketProducesCandidatesThatCarryReasonsAndConsistentLevels() {
        PropFirmRiskBudget risk = PropFirmRiskBudget.typical(100_000);
        SignalEngine e = engine(fastConfig(Grade.C), risk);
        List<Decision> ds = drive(e, "EURUSD", 1_399_280_400_000L, 4 * 3600, 0.000004, 1);
        List<TradeCandidate> cs = ds.stream().filter(d -> d instanceof TradeCandidate).map(d -> (TradeCandidate) d).toList();
        assertThat(cs).isNotEmpty();
        for (TradeCandidate c : cs) {
            int s = c.side().sign();
            assertThat((c.referencePrice() - c.stopLoss()) * s).isPositive();
            assertThat((c.takeProfit1() - c.referencePrice()) * s).isCloseTo(1.5 * c.stopDistance(), Offset.offset(1e-9));
            assertThat((c.takeProfit2() - c.referencePrice()) * s).isCloseTo(2.4 * c.stopDistance(), Offset.offset(1e-9));
            assertThat(c.expiryMs()).isEqualTo(c.timeMs() + 5000);
            assertThat(c.lots()).isBetween(0.01, 50.0);
            assertThat(c.reasons()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(String.join(" ", c.reasons())).contains(c.alpha().name()).contains("Q*").contains("lots bound by");
            assertThat(c.confidence()).isBetween(0.0, 1.0);
        }
        assertThat(cs.stream().filter(c -> c.side() == Side.BUY).count()).isGreaterThan(cs.size() / 2);
        assertThat(e.tradeCount()).isEqualTo(cs.size());
    }

    @Test
    void defaultGradeSkipsWeakSetupsWithReasonsAndReportsTheSkipRate() {
        SignalEngine e = engine(fastConfig(Grade.A_PLUS), PropFirmRiskBudget.typical(100_000));
        List<Decision> ds = drive(e, "EURUSD", 1_399_280_400_000L, 3 * 3600, 0.0, 2);
        List<Skip> skips = ds.stream().filter(d -> d instanceof Skip).map(d -> (Skip) d).toList();
        assertThat(skips).isNotEmpty();
        assertThat(skips).allMatch(s -> !s.reasons().isEmpty());
        assertThat(skips).anyMatch(s -> s.has(SkipReason.LOW_GRADE));
        Skip low = skips.stream().filter(s -> s.has(SkipReason.LOW_GRADE)).findFirst().orElseThrow();
        assertThat(low.describe()).anyMatch(line -> line.startsWith("LOW_GRADE: Quality grade below"))
                .first().asString().contains(low.alpha().name()).contains("grade");
        assertThat(e.skipRate()).isEqualTo((double) e.skipCount() / (e.skipCount() + e.tradeCount()));
        assertThat(e.stats().skipsByReason()).containsKey(SkipReason.LOW_GRADE);
        assertThat(e.idleCount(Idle.WARMING_UP)).isPositive();
        // at most one decision per (symbol, timeframe, alpha, bar)
        long distinct = skips.stream().map(s -> s.timeframe() + "/" + s.alpha() + "/" + s.timeframe().openTime(s.timeMs())).distinct().count();
        assertThat(distinct).isEqualTo(skips.size());
    }

    @Test
    void wideSpreadIsSkippedWithItsReason() {
        SignalEngine e = engine(fastConfig(Grade.C), PropFirmRiskBudget.typical(100_000));
        List<Decision> ds = drive(e, "EURUSD", 1_399_280_400_000L, 2 * 3600, 0.000004, 3);
        assertThat(ds).anyMatch(d -> d instanceof TradeCandidate);
        // now quote with a spread far above the rolling 60th percentile, still trending
        long t = 1_399_280_400_000L + 2 * 3600 * 1000L;
        double mid = e.tickFeatures("EURUSD").mid();
        List<Decision> wide = new ArrayList<>();
        // 100 wide quotes: still a minority of the 1000-quote window, so the 60th percentile stays narrow
        for (int i = 0; i < 100; i++) {
            mid += 0.000004;
            wide.add(e.onTick(new Tick("EURUSD", t + i * 1000L, mid - 0.0002, mid + 0.0002, 0, 0, 6)));
        }
        assertThat(wide).noneMatch(d -> d instanceof TradeCandidate);
        assertThat(wide).anyMatch(d -> d instanceof Skip s && s.has(SkipReason.WIDE_SPREAD));
    }

    @Test
    void latencyPausesEverythingUntilRoundTripsRecover() {
        AtomicLong now = new AtomicLong(0);
        PropFirmRiskBudget risk = PropFirmRiskBudget.typical(100_000);
        SignalEngine e = new SignalEngine(fastConfig(Grade.C), SPECS,
                new SignalPorts(risk, new RecentOutcomeMemory(10),
                        new DriftWinProbability(), EventSource.NONE, now::get), 100_000);
        drive(e, "EURUSD", 1_399_280_400_000L, 3600, 0.000004, 4);
        e.onRoundTrip(650);
        List<Decision> paused = drive(e, "GBPUSD", 1_399_284_000_000L, 60, 0.0, 5);
        assertThat(paused).allMatch(d -> d == Idle.PAUSED);
        e.onRoundTrip(50); e.onRoundTrip(60); e.onRoundTrip(70);
        assertThat(e.onTick(new Tick("GBPUSD", 1_399_284_100_000L, 1.3, 1.3001, 0, 0, 6))).isNotEqualTo(Idle.PAUSED);
        List<PauseEvent> ev = e.drainPauseEvents().stream().filter(p -> p.symbol().equals("*")).toList();
        assertThat(ev).extracting(PauseEvent::paused).containsExactly(true, false);
        assertThat(ev.get(0).reason()).contains("650 ms");
    }

    @Test
    void openPositionsBlockPyramidingAndCorrelatedExposure() {
        SignalEngine e = engine(fastConfig(Grade.C), PropFirmRiskBudget.typical(100_000));
        e.onAccount(100_000, List.of(new Position(1, "EURUSD", Side.BUY, 1, 1.1, 0, 0, 0, 0, 0, 0, "")));
        assertThat(drive(e, "EURUSD", 1_399_280_400_000L, 600, 0, 6)).allMatch(d -> d == Idle.POSITION_OPEN);
        assertThatThrownBy(() -> e.onAccount(Double.NaN, List.of())).hasMessageContaining("equity");
        assertThatThrownBy(() -> new Position(1, "EURUSD", Side.BUY, -1, 1.1, 0, 0, 0, 0, 0, 0, "")).hasMessageContaining("volume");
    }

    @Test
    void aSameDirectionTradeInAHighlyCorrelatedSymbolIsSkipped() {
        SignalEngine e = engine(fastConfig(Grade.C), PropFirmRiskBudget.typical(100_000));
        Rng rng = new Rng(12);
        double eu = 1.1, gu = 1.3;
        long t0 = 1_399_280_400_000L;
        int seconds = 3 * 3600;
        for (int i = 0; i < seconds; i++) { // GBPUSD moves with EURUSD: ρ ≈ 1 on M1 returns
            double step = 0.000004 + rng.nextGaussian() * 0.00003;
            eu += step;
            gu += step * 1.2 + rng.nextGaussian() * 0.000002;
            e.onTick(new Tick("EURUSD", t0 + i * 1000L, eu - 0.000015, eu + 0.000015, 0, 0, 6));
            e.onTick(new Tick("GBPUSD", t0 + i * 1000L + 1, gu - 0.000015, gu + 0.000015, 0, 0, 6));
        }
        assertThat(e.correlation("EURUSD", "GBPUSD")).isGreaterThan(0.9);
        e.onAccount(100_000, List.of(new Position(1, "EURUSD", Side.BUY, 1, eu, 0, 0, 0, 0, 0, 0, "")));
        List<Decision> ds = new ArrayList<>();
        for (int i = seconds; i < seconds + 3600; i++) {
            double step = 0.000006 + rng.nextGaussian() * 0.00003;
            eu += step;
            gu += step * 1.2;
            e.onTick(new Tick("EURUSD", t0 + i * 1000L, eu - 0.000015, eu + 0.000015, 0, 0, 6));
            ds.add(e.onTick(new Tick("GBPUSD", t0 + i * 1000L + 1, gu - 0.000015, gu + 0.000015, 0, 0, 6)));
        }
        assertThat(ds).noneMatch(d -> d instanceof TradeCandidate c && c.side() == Side.BUY);
        assertThat(ds).anyMatch(d -> d instanceof Skip s && s.direction() > 0 && s.has(SkipReason.CORRELATED_EXPOSURE));
    }

    @Test
    void outcomesTeachTheBanditAndWeights() {
        SignalEngine e = engine(fastConfig(Grade.A), PropFirmRiskBudget.typical(100_000));
        double before = e.banditMean(Regime.LOW_TREND, AlphaId.BREAKOUT);
        for (int i = 0; i < 20; i++)
            e.onTradeClosed(new TradeOutcome("EURUSD", AlphaId.BREAKOUT, Regime.LOW_TREND, 1.5, 150, i));
        assertThat(e.banditMean(Regime.LOW_TREND, AlphaId.BREAKOUT)).isGreaterThan(before + 0.3);
        assertThat(e.banditMean(Regime.HIGH_TREND, AlphaId.BREAKOUT)).isEqualTo(before);
        assertThatThrownBy(() -> e.onTradeClosed(new TradeOutcome("EURUSD", AlphaId.BREAKOUT, Regime.LOW_TREND, Double.NaN, 0, 0)))
                .hasMessageContaining("rMultiple");
    }

    @Test
    void eaBarsReplaceTickBuiltBarsForThatTimeframe() {
        SignalEngine e = engine(fastConfig(Grade.A), PropFirmRiskBudget.typical(100_000));
        for (int i = 0; i < 40; i++)
            assertThat(e.onBar(new Bar("EURUSD", Timeframe.M5, i * 300_000L, 1.1, 1.1005, 1.0995, 1.1 + i * 1e-5, 100, 10)))
                    .isEqualTo(Idle.BAR_CONSUMED);
        assertThat(e.barFeatures("EURUSD", Timeframe.M5).bars()).isEqualTo(40);
        assertThat(e.onBar(new Bar("EURUSD", Timeframe.M5, 0, 1.1, 1.1005, 1.0995, 1.1, 100, 10)))
                .isEqualTo(InputRejected.of(InputRejection.TIME_BACKWARDS));
        e.onTick(new Tick("EURUSD", 40 * 300_000L + 5, 1.1, 1.1001, 0, 0, 6));
        e.onTick(new Tick("EURUSD", 41 * 300_000L + 5, 1.1, 1.1001, 0, 0, 6));
        assertThat(e.barFeatures("EURUSD", Timeframe.M5).bars()).as("ticks do not add M5 bars any more").isEqualTo(40);
        assertThat(e.barFeatures("EURUSD", Timeframe.M1).bars()).isEqualTo(1);
    }

    @Test
    void configErrorsNameTheFieldAndValue() {
        assertThatThrownBy(() -> SignalConfig.builder().timeframes(Timeframe.M1).build()).hasMessageContaining("regimeTimeframe");
        SignalConfig.Builder b = SignalConfig.builder();
        b.slSigma = -1;
        assertThatThrownBy(b::build).hasMessageContaining("slSigma").hasMessageContaining("-1");
        SignalConfig.Builder c = SignalConfig.builder();
        c.spreadPercentile = Double.NaN;
        assertThatThrownBy(c::build).hasMessageContaining("spreadPercentile");
        assertThatThrownBy(() -> new SignalEngine(SignalConfig.defaults(), List.of(), SignalPorts.baseline(
                PropFirmRiskBudget.typical(1), EventSource.NONE), 1)).hasMessageContaining("no symbols");
        assertThatThrownBy(() -> new SignalEngine(SignalConfig.defaults(), SPECS, SignalPorts.baseline(
                PropFirmRiskBudget.typical(1), EventSource.NONE), 0)).hasMessageContaining("initialEquity");
    }
}
