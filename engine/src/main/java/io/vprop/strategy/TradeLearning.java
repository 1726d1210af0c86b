package io.vprop.strategy;

import io.vprop.signal.SignalEngine;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.port.WinProbabilityModel;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@link SignalEngineStrategy} learns from outside the engine: how similar past setups ended (trade memory),
 * the win model Q* asks (served models), and the record of every closed trade. The sidecar's kernel supplies trade
 * memory and the served models through this port (the engine module knows neither); a backtest, or a sidecar
 * without them, uses {@link #NONE}: the engine's own baselines.
 */
public interface TradeLearning {

    /**
     * "How did setups like this one end?", reading the entry's features from the engine (which exists only once
     * the strategy has built it, hence the supplier); null = the engine's baseline (its recent outcomes).
     */
    default SimilarTradeOutcomes similarTrades(Supplier<SignalEngine> engine) { return null; }

    /** The win model Q* asks, given the engine's baseline: a served model falling back to it, or the baseline. */
    default WinProbabilityModel winModel(WinProbabilityModel baseline) { return baseline; }

    /**
     * A candidate went out as a signal: read now what must be kept of its entry (features, the model's answer) and
     * say what to do once its trade has closed.
     */
    default Entry entered(SignalEngine engine, TradeCandidate candidate) { return Entry.NONE; }

    /**
     * The trades the terminal's account closed before this strategy started, oldest first: the engine learns them again
     * when it is built, so a restarted sidecar's bandit and alpha weights are what a sidecar running all along would
     * have (they live in memory; the record of closed trades is durable). Empty without a record.
     */
    default List<TradeOutcome> pastOutcomes(String peer) { return List.of(); }

    /** What this learning adds to the strategy's state for the panel (plain maps and numbers). */
    default Map<String, Object> state() { return Map.of(); }

    /** What is kept of one sent candidate until its trade has closed. */
    @FunctionalInterface
    interface Entry {
        void closed(ClosedEngineTrade trade, StrategyContext ctx);

        Entry NONE = (trade, ctx) -> { };
    }

    /** The engine's baselines only. */
    TradeLearning NONE = new TradeLearning() { };
}
