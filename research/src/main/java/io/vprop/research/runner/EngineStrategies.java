package io.vprop.research.runner;

import io.vprop.market.Timeframe;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.signal.Idle;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.select.Grade;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.TradeLearning;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The signal engine per unit: {@code SignalConfig} with the data's timeframe (and the regime on it), the seed, and the
 * parameter set written onto the builder's public fields of the same name (numbers; {@code minGrade} as the grade's
 * index 0–3 = C, B, A, A+). No news calendar is fed (EventSource.NONE) and nothing is learned across units: each unit
 * starts the engine afresh.
 */
final class EngineStrategies implements StrategyFactory {
    private final List<Timeframe> timeframes;
    private final Timeframe regime;
    private final long seed;
    private final EdgeTable edges;
    private final Supplier<TradeLearning> learning;
    private final String learningLabel;

    EngineStrategies(Timeframe timeframe, long seed) {
        this(timeframe == null ? null : List.of(timeframe), seed, null);
    }

    EngineStrategies(List<Timeframe> timeframes, long seed, EdgeTable edges) {
        this(timeframes, seed, edges, () -> TradeLearning.NONE, "");
    }

    /**
     * @param learning      a fresh {@link TradeLearning} per unit (e.g. served models wrapping the win-probability port);
     *                      called from several threads
     * @param learningLabel what it is, for the description and the fingerprint ("" = the engine's baselines)
     */
    EngineStrategies(List<Timeframe> timeframes, long seed, EdgeTable edges, Supplier<TradeLearning> learning,
                     String learningLabel) {
        if (timeframes == null || timeframes.isEmpty()) throw new IllegalArgumentException("the engine needs the data's timeframe");
        this.timeframes = timeframes.stream().sorted(java.util.Comparator.comparingLong(Timeframe::millis)).toList();
        this.regime = this.timeframes.get(0);
        this.seed = seed;
        this.edges = edges;
        if (learning == null || learningLabel == null) throw new IllegalArgumentException("learning and its label are required");
        this.learning = learning;
        this.learningLabel = learningLabel;
    }

    private SignalConfig.Builder base() {
        return SignalConfig.builder().timeframes(timeframes.toArray(new Timeframe[0])).regimeTimeframe(regime).seed(seed)
                .edges(edges);
    }

    SignalConfig config(ParamSet p) {
        SignalConfig.Builder b = base();
        for (Map.Entry<String, Double> e : p.values().entrySet()) set(b, e.getKey(), e.getValue());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("engine parameters " + p.key() + ": " + e.getMessage(), e);
        }
    }

    private static void set(SignalConfig.Builder b, String name, double v) {
        Field f = tunable(name);
        try {
            if (f.getType() == double.class) {
                f.setDouble(b, v);
            } else if (f.getType() == int.class || f.getType() == long.class) {
                if (v != Math.rint(v)) throw new IllegalArgumentException("engine parameter " + name + " must be a whole number, got " + v);
                if (f.getType() == int.class) f.setInt(b, (int) v);
                else f.setLong(b, (long) v);
            } else if (f.getType() == Grade.class) {
                int i = (int) v;
                if (v != i || i < 0 || i >= Grade.values().length)
                    throw new IllegalArgumentException("engine parameter minGrade must be 0..3 (C, B, A, A+), got " + v);
                f.set(b, Grade.values()[i]);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field tunable(String name) {
        for (Field f : SignalConfig.Builder.class.getFields())
            if (f.getName().equals(name) && isTunable(f)) return f;
        throw new IllegalArgumentException("the signal engine has no parameter '" + name + "'; its parameters: " + tunables());
    }

    private static boolean isTunable(Field f) {
        Class<?> t = f.getType();
        return !Modifier.isStatic(f.getModifiers()) && (t == double.class || t == int.class || t == long.class || t == Grade.class)
                && !f.getName().equals("seed");
    }

    static List<String> tunables() {
        List<String> names = new ArrayList<>();
        for (Field f : SignalConfig.Builder.class.getFields()) if (isTunable(f)) names.add(f.getName());
        return names;
    }

    @Override
    public Strategy create(ParamSet params) {
        return new SignalEngineStrategy(config(params), EventSource.NONE, learning.get());
    }

    @Override
    public String description() {
        return "the signal engine (SignalEngineStrategy) on " + timeframes.stream().map(Enum::name)
                .collect(java.util.stream.Collectors.joining("+")) + " bars, regime on " + regime
                + ", " + (edges == null ? "hand-set edges" : "fitted edges " + edges.version())
                + (learningLabel.isEmpty() ? "" : ", " + learningLabel)
                + ", defaults otherwise, seed " + seed + ", no news calendar";
    }

    /** The engine's whole configuration at the grid's origin (its code: the runner's code version). */
    @Override
    public String fingerprint() {
        SignalConfig.Builder b = base();
        StringJoiner j = new StringJoiner(",", "engine{", "}");
        for (Field f : SignalConfig.Builder.class.getFields()) {
            try {
                Object v = f.get(b);
                j.add(f.getName() + "=" + (v instanceof EdgeTable t ? t.version() : v));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return learningLabel.isEmpty() ? j.toString() : j + "|learning=" + learningLabel;
    }

    /** Evaluations, trades, skips by reason and idle decisions by kind (the engine's running totals). */
    @Override
    public Map<String, Long> counters(Strategy s) {
        SignalEngine e = ((SignalEngineStrategy) s).engine();
        Map<String, Long> m = new TreeMap<>();
        if (e == null) return m;
        SignalEngine.Stats st = e.stats();
        m.put("engine.evaluations", st.evaluations());
        m.put("engine.trades", st.trades());
        m.put("engine.skips", st.skips());
        for (SkipReason r : SkipReason.values()) m.put("engine.skip." + lower(r.name()), e.skipCount(r));
        for (Idle i : Idle.values()) m.put("engine.idle." + lower(i.name()), e.idleCount(i));
        return m;
    }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
