package io.vprop.research.runner;

import io.vprop.market.Timeframe;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.strategy.Strategy;

import java.util.List;
import java.util.Map;

/**
 * Makes a fresh {@link Strategy} for each walk-forward unit from the unit's parameter set. Called from several
 * threads: keeps no state between calls. Built-in: {@link #engine} (the signal engine), {@link #ofClass} (any class
 * with a parameter-map constructor, e.g. {@link io.vprop.research.strategies.SmaCrossStrategy}).
 */
public interface StrategyFactory {

    /** A new strategy for one unit; a parameter it does not know is an error naming it. */
    Strategy create(ParamSet params);

    /** For people: what runs, shown in the report. */
    String description();

    /**
     * What else the strategy's results depend on (its configuration; its code is the runner's code version): part of
     * every unit's checkpoint hash.
     */
    String fingerprint();

    /**
     * Running totals the strategy keeps (e.g. the signal engine's skips by reason), read at the start and the end of
     * the unit's window; the differences are reported as the unit's "window." counters. None by default.
     */
    default Map<String, Long> counters(Strategy strategy) { return Map.of(); }

    /**
     * The signal engine on {@code timeframe} bars (the regime read there too), its other settings the documented
     * defaults with {@code seed}; a parameter set names {@code SignalConfig} builder fields (slSigma, tp1Multiple,
     * minGrade as 0–3 = C, B, A, A+ …) and overrides them.
     */
    static StrategyFactory engine(Timeframe timeframe, long seed) {
        return new EngineStrategies(List.of(timeframe), seed, null);
    }

    /**
     * The signal engine on several timeframes (the finest plays the quotes and reads the regime; e.g. H4 and D1),
     * with fitted edges ({@code edges}, null for the hand-set priors).
     */
    static StrategyFactory engine(List<Timeframe> timeframes, long seed, EdgeTable edges) {
        return new EngineStrategies(timeframes, seed, edges);
    }

    /**
     * As {@link #engine(List, long, EdgeTable)}, each unit's engine with a fresh {@code learning.get()} (served models
     * wrapping its win-probability port, say); {@code label} names it in the description and the fingerprint.
     */
    static StrategyFactory engine(List<Timeframe> timeframes, long seed, EdgeTable edges,
                                  java.util.function.Supplier<io.vprop.strategy.TradeLearning> learning, String label) {
        return new EngineStrategies(timeframes, seed, edges, learning, label);
    }

    /**
     * Instances of {@code type}: a public class implementing {@link Strategy} with a public constructor taking the
     * parameter set as a {@code Map<String, Double>} (name → value, in the grid's order, unmodifiable); a class with
     * only a no-argument constructor serves a grid without parameters ({@code none}). The class must refuse names it
     * does not know and be deterministic (seed any randomness from its parameters).
     */
    static StrategyFactory ofClass(Class<? extends Strategy> type) {
        return new ClassStrategies(type);
    }
}
