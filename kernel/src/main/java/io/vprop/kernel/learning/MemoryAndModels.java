package io.vprop.kernel.learning;

import io.vprop.memory.TradeRecord;
import io.vprop.memory.facade.TradeMemory;
import io.vprop.models.live.ModelService;
import io.vprop.risk.AccountGovernors;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.regime.Regime;
import io.vprop.strategy.ClosedEngineTrade;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.TradeLearning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trade memory and the served models as the signal engine strategy's {@link TradeLearning}: similar setups from
 * memory, Q* from the served model (the drift baseline where it does not answer), and every closed trade recorded in
 * memory and scored against the model's answer. One instance per strategy (per terminal): the scorer holds that
 * engine's per-symbol features.
 */
public final class MemoryAndModels implements TradeLearning {
    private final TradeMemory memory;
    private final ModelService models;
    private ModelService.Scorer scorer;

    /**
     * @param memory trade memory for similar-setup outcomes and the record of closed trades, or null
     * @param models served models for Q* (and their live track record), or null for the drift baseline only
     */
    public MemoryAndModels(TradeMemory memory, ModelService models) {
        this.memory = memory;
        this.models = models;
    }

    @Override
    public SimilarTradeOutcomes similarTrades(Supplier<SignalEngine> engine) {
        return memory == null ? null : new MemoryOutcomes(memory, engine);
    }

    @Override
    public WinProbabilityModel winModel(WinProbabilityModel baseline) {
        if (models == null) return baseline;
        scorer = models.scorer(baseline);
        return scorer;
    }

    @Override
    public Entry entered(SignalEngine engine, TradeCandidate c) {
        float[] features = memory == null ? null : EntryFeatures.of(engine, c.symbol(), c.side().sign());
        ModelService.Prediction prediction = scorer == null ? null : scorer.predictionFor(c.symbol(), c.timeMs(), c.side().sign());
        return (trade, ctx) -> {
            if (models != null) models.onOutcome(prediction, trade.outcome().win());
            if (memory != null) remember(ctx, trade, features);
        };
    }

    /** The closed trade into long-term memory (SQLite), the similarity index and the short-term rings. */
    private void remember(StrategyContext ctx, ClosedEngineTrade t, float[] features) {
        String account = AccountGovernors.accountOf(ctx.peer());
        long id = ((account.hashCode() & 0x7fffL) << 48) | (t.exit().position() & 0xffff_ffff_ffffL);
        try {
            memory.recordTrade(new TradeRecord(id, account, t.exit().symbol(), t.side(), lower(t.alpha().name()),
                    lower(t.regime().name()), t.grade(), t.timeframe(), features, Map.of(), t.entryTimeMs(),
                    Math.max(t.entryTimeMs(), t.exitTimeMs()), t.entryPrice(), t.exit().price(), t.slippage(), 0, t.pnl(),
                    t.r(), 0, 0, t.exit().reason().isEmpty() ? "close" : t.exit().reason()));
        } catch (IllegalArgumentException e) {
            ctx.decision("memory_rejected", Map.of("position", t.exit().position(), "error", e.getMessage()));
        }
    }

    /**
     * The account's closed trades in long-term memory, by exit time: what a restarted strategy learns again. A record
     * whose alpha or regime the engine does not know (another strategy's) is not the engine's and is left out.
     */
    @Override
    public List<TradeOutcome> pastOutcomes(String peer) {
        if (memory == null) return List.of();
        List<TradeOutcome> out = new ArrayList<>();
        memory.longTerm().forEachTradeOf(AccountGovernors.accountOf(peer), t -> {
            AlphaId alpha = known(AlphaId.class, t.alpha());
            Regime regime = known(Regime.class, t.regime());
            if (alpha != null && regime != null)
                out.add(new TradeOutcome(t.symbol(), alpha, regime, t.rMultiple(), t.pnl(), t.exitTimeMs()));
        });
        return out;
    }

    private static <E extends Enum<E>> E known(Class<E> type, String lowerName) {
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(lowerName)) return e;
        return null;
    }

    @Override
    public Map<String, Object> state() {
        return scorer == null ? Map.of()
                : Map.of("model_answers", Map.of("served", scorer.servedCount(), "fallback", scorer.fallbackCount()));
    }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
