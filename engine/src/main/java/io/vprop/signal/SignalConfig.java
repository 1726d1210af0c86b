package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.select.Grade;

import java.util.List;

/**
 * Every tunable of the signal engine, validated once at construction: a bad value fails with its name and value.
 * Build with {@code SignalConfig.builder()...build()}; {@link #defaults()} is the documented configuration
 * (docs/signal-engine.md).
 */
public final class SignalConfig {
    public final List<Timeframe> timeframes;
    public final Timeframe regimeTimeframe;
    public final int warmupBars;
    public final double slSigma, tp1Multiple, tp2Multiple;
    public final int horizonBars;
    public final double spreadPercentile;
    public final int spreadWindow;
    public final double maxSlippageFractionOfSl;
    public final long maxRoundTripMs;
    public final int goodRoundTripsToResume;
    public final int flickerReversals;
    public final long flickerWindowMs, flickerQuietMs;
    public final double kellyMultiplier, entropyPenalty, dailyVolTarget, headroomFraction, esBudgetFraction;
    /** Largest loss at the stop (costs included) per trade, a fraction of equity: the sidecar's risk per trade. */
    public final double riskPerTrade;
    public final double correlationCap;
    public final double commissionPerLot;
    public final Grade minGrade;
    public final double gradeAPlus, gradeA, gradeB, modelWeight;
    public final long signalTtlMs;
    public final double maxDeviationFractionOfSl;
    public final double banditPriorA, banditPriorB;
    public final long seed;
    public final double weightEta, weightLambda, weightFloor, weightDecay;
    public final int correlationWindow;
    /** Fitted edges (quality score, bandit priors, Kelly inputs), or null for the hand-set priors. */
    public final EdgeTable edges;

    /** The engine's timeframes on intraday data (ticks, M1–H1 bars): the defaults. */
    public static final List<Timeframe> INTRADAY = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1);
    /** The engine's timeframes on swing data (H4 and D1 bars), the regime read on H4. */
    public static final List<Timeframe> SWING = List.of(Timeframe.H4, Timeframe.D1);

    private SignalConfig(Builder b) {
        if (b.timeframes == null || b.timeframes.isEmpty()) throw new IllegalArgumentException("timeframes must not be empty");
        if (b.timeframes.size() != b.timeframes.stream().distinct().count())
            throw new IllegalArgumentException("timeframes must be distinct, got " + b.timeframes);
        if (!b.timeframes.contains(b.regimeTimeframe))
            throw new IllegalArgumentException("regimeTimeframe " + b.regimeTimeframe + " must be one of " + b.timeframes);
        positive("warmupBars", b.warmupBars);
        if (b.warmupBars < 25) throw new IllegalArgumentException("warmupBars must be >= 25 (slow EMA), was " + b.warmupBars);
        positive("slSigma", b.slSigma);
        if (!(b.tp1Multiple > 0 && b.tp2Multiple >= b.tp1Multiple))
            throw new IllegalArgumentException("need 0 < tp1Multiple <= tp2Multiple, got " + b.tp1Multiple + ", " + b.tp2Multiple);
        positive("horizonBars", b.horizonBars);
        if (!(b.spreadPercentile > 0 && b.spreadPercentile <= 1))
            throw new IllegalArgumentException("spreadPercentile must be in (0,1], was " + b.spreadPercentile);
        positive("spreadWindow", b.spreadWindow);
        positive("maxSlippageFractionOfSl", b.maxSlippageFractionOfSl);
        positive("maxRoundTripMs", b.maxRoundTripMs);
        positive("goodRoundTripsToResume", b.goodRoundTripsToResume);
        positive("flickerWindowMs", b.flickerWindowMs);
        positive("flickerQuietMs", b.flickerQuietMs);
        if (!(b.correlationCap > 0 && b.correlationCap <= 1))
            throw new IllegalArgumentException("correlationCap must be in (0,1], was " + b.correlationCap);
        if (!(b.commissionPerLot >= 0) || !Double.isFinite(b.commissionPerLot))
            throw new IllegalArgumentException("commissionPerLot must be >= 0, was " + b.commissionPerLot);
        if (b.minGrade == null) throw new IllegalArgumentException("minGrade is missing");
        positive("signalTtlMs", b.signalTtlMs);
        positive("maxDeviationFractionOfSl", b.maxDeviationFractionOfSl);
        positive("correlationWindow", b.correlationWindow);
        timeframes = List.copyOf(b.timeframes);
        regimeTimeframe = b.regimeTimeframe;
        warmupBars = b.warmupBars;
        slSigma = b.slSigma; tp1Multiple = b.tp1Multiple; tp2Multiple = b.tp2Multiple;
        horizonBars = b.horizonBars;
        spreadPercentile = b.spreadPercentile; spreadWindow = b.spreadWindow;
        maxSlippageFractionOfSl = b.maxSlippageFractionOfSl;
        maxRoundTripMs = b.maxRoundTripMs; goodRoundTripsToResume = b.goodRoundTripsToResume;
        flickerReversals = b.flickerReversals; flickerWindowMs = b.flickerWindowMs; flickerQuietMs = b.flickerQuietMs;
        kellyMultiplier = b.kellyMultiplier; entropyPenalty = b.entropyPenalty; dailyVolTarget = b.dailyVolTarget;
        headroomFraction = b.headroomFraction; esBudgetFraction = b.esBudgetFraction; riskPerTrade = b.riskPerTrade;
        correlationCap = b.correlationCap; commissionPerLot = b.commissionPerLot;
        minGrade = b.minGrade; gradeAPlus = b.gradeAPlus; gradeA = b.gradeA; gradeB = b.gradeB; modelWeight = b.modelWeight;
        signalTtlMs = b.signalTtlMs; maxDeviationFractionOfSl = b.maxDeviationFractionOfSl;
        banditPriorA = b.banditPriorA; banditPriorB = b.banditPriorB; seed = b.seed;
        weightEta = b.weightEta; weightLambda = b.weightLambda; weightFloor = b.weightFloor; weightDecay = b.weightDecay;
        correlationWindow = b.correlationWindow;
        edges = b.edges;
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    public static SignalConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        public List<Timeframe> timeframes = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1);
        public Timeframe regimeTimeframe = Timeframe.M15;
        public int warmupBars = 30;
        /** SL = slSigma × σ over horizonBars bars of the signal's timeframe; TP1/TP2 are multiples of SL. */
        public double slSigma = 0.8, tp1Multiple = 1.5, tp2Multiple = 2.4;
        public int horizonBars = 4;
        public double spreadPercentile = 0.60;
        public int spreadWindow = 1000;
        public double maxSlippageFractionOfSl = 0.25;
        public long maxRoundTripMs = 400;
        public int goodRoundTripsToResume = 3;
        public int flickerReversals = 8;
        public long flickerWindowMs = 1000, flickerQuietMs = 3000;
        public double kellyMultiplier = 0.25, entropyPenalty = 0.5, dailyVolTarget = 0.01;
        public double headroomFraction = 0.5, esBudgetFraction = 0.02;
        /** 1 = no cap beyond the others (the engine's own sizing); the sidecar sets risk.per.trade.pct. */
        public double riskPerTrade = 1.0;
        public double correlationCap = 0.7;
        /** Round-trip commission in account money per 1.0 lot. */
        public double commissionPerLot = 7.0;
        public Grade minGrade = Grade.A;
        public double gradeAPlus = 0.20, gradeA = 0.10, gradeB = 0.0, modelWeight = 20;
        public long signalTtlMs = 5000;
        public double maxDeviationFractionOfSl = 0.1;
        public double banditPriorA = 2, banditPriorB = 3;
        public long seed = 42;
        public double weightEta = 0.05, weightLambda = 0.01, weightFloor = 0.05, weightDecay = 0.1;
        public int correlationWindow = 100;
        public EdgeTable edges;

        public Builder timeframes(Timeframe... tfs) { timeframes = List.of(tfs); return this; }
        public Builder regimeTimeframe(Timeframe tf) { regimeTimeframe = tf; return this; }
        public Builder minGrade(Grade g) { minGrade = g; return this; }
        public Builder warmupBars(int n) { warmupBars = n; return this; }
        public Builder commissionPerLot(double c) { commissionPerLot = c; return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder edges(EdgeTable e) { edges = e; return this; }
        public Builder riskPerTrade(double fractionOfEquity) { riskPerTrade = fractionOfEquity; return this; }

        /**
         * The timeframes for the data: {@link #SWING} (H4, D1; regime on H4) when the finest data are H4 or coarser,
         * else those of {@link #INTRADAY} the data can feed (no finer than the data), the regime on the finest of them.
         */
        public Builder timeframesFor(Timeframe finestData) {
            if (finestData.millis() >= Timeframe.H4.millis()) {
                List<Timeframe> s = SWING.stream().filter(t -> t.millis() >= finestData.millis()).toList();
                timeframes = s; regimeTimeframe = s.get(0);
                return this;
            }
            List<Timeframe> i = INTRADAY.stream().filter(t -> t.millis() >= finestData.millis()).toList();
            timeframes = i.isEmpty() ? List.of(finestData) : i;
            regimeTimeframe = timeframes.contains(Timeframe.M15) ? Timeframe.M15 : timeframes.get(0);
            return this;
        }

        public SignalConfig build() { return new SignalConfig(this); }
    }
}
