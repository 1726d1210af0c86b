package io.vprop.strategy;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.regime.Regime;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted sidecar's strategy learns again the trades its account closed before (TradeLearning#pastOutcomes): the
 * bandit and the alpha weights live in memory, and would otherwise start from their priors at every restart.
 */
class SignalEngineStrategyRelearnTest {
    private static final long T0 = 1_700_000_000_000L;

    /** The decisions a strategy told its context of, by kind. */
    private final List<Object[]> decisions = new ArrayList<>();

    private final StrategyContext ctx = new StrategyContext() {
        @Override public long nowMs() { return T0; }
        @Override public String peer() { return "mt5-1/2002/all"; }
        @Override public SymbolSpec spec(String symbol) { return SymbolSpec.fxMajor(symbol); }
        @Override public Collection<SymbolSpec> specs() { return List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("GBPUSD")); }
        @Override public void decision(String kind, Object decision) { decisions.add(new Object[]{kind, decision}); }
        @Override public AccountState account() { return new AccountState(100_000, 100_000, 0, 100_000, List.of()); }
        @Override public Tick lastTick(String symbol) { return null; }
        @Override public boolean pending(String symbol) { return false; }
        @Override public Submission submit(OrderIntent order) { throw new AssertionError("no order expected"); }
    };

    private static TradeOutcome outcome(String symbol, double r, long closeMs) {
        return new TradeOutcome(symbol, AlphaId.MOMENTUM, Regime.NORMAL_TREND, r, 100 * r, closeMs);
    }

    @SuppressWarnings("unchecked")
    private static double banditMean(SignalEngineStrategy s) {
        Map<String, Object> posteriors = (Map<String, Object>) s.state().get("posteriors");
        return (Double) ((Map<String, Object>) posteriors.get("momentum")).get("normal_trend");
    }

    @Test
    void theAccountsPastTradesInItsSymbolsAreLearntAgainWhenTheEngineIsBuilt() {
        List<TradeOutcome> past = List.of(outcome("EURUSD", 1.5, T0 - 3_000), outcome("GBPUSD", 2.0, T0 - 2_000),
                outcome("USDJPY", -1.0, T0 - 1_500), outcome("EURUSD", 0.8, T0 - 1_000));
        SignalEngineStrategy fresh = new SignalEngineStrategy(SignalConfig.defaults(), EventSource.NONE);
        SignalEngineStrategy restarted = new SignalEngineStrategy(SignalConfig.defaults(), EventSource.NONE, new TradeLearning() {
            @Override public List<TradeOutcome> pastOutcomes(String peer) {
                assertThat(peer).isEqualTo("mt5-1/2002/all");
                return past;
            }
        });
        Tick tick = new Tick("EURUSD", T0, 1.1000, 1.1002, 0, 0, 6);
        fresh.onTick(tick, ctx);
        restarted.onTick(tick, ctx);

        // three wins in its symbols (USDJPY is not one of them): the posterior mean moves from the prior towards 1
        assertThat(banditMean(restarted)).isGreaterThan(banditMean(fresh));
        assertThat(restarted.state().get("relearnt_trades")).isEqualTo(3);
        assertThat(fresh.state().get("relearnt_trades")).isEqualTo(0);
        assertThat(decisions).filteredOn(d -> d[0].equals("relearnt")).singleElement()
                .satisfies(d -> assertThat((Map<String, Object>) d[1]).containsEntry("trades", 3)
                        .containsEntry("first_close_ms", T0 - 3_000).containsEntry("last_close_ms", T0 - 1_000));
    }
}
