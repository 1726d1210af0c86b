package io.vprop.signal.execution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExecutionQualityTest {
    ExecutionQuality eq() { return new ExecutionQuality(new String[]{"EURUSD", "NZDUSD"}, 4, 1000, 3000, 400, 3, 0.1); }

    @Test
    void latencyAbove400msPausesAndThreeGoodRoundTripsResumeWithReasons() {
        ExecutionQuality q = eq();
        q.onRoundTrip(0, 120);
        assertThat(q.latencyPaused()).isFalse();
        q.onRoundTrip(1, 523);
        assertThat(q.latencyPaused()).isTrue();
        q.onRoundTrip(2, 100);
        q.onRoundTrip(3, 100);
        assertThat(q.latencyPaused()).isTrue();
        q.onRoundTrip(4, 100);
        assertThat(q.latencyPaused()).isFalse();
        var ev = q.drain();
        assertThat(ev).hasSize(2);
        assertThat(ev.get(0).paused()).isTrue();
        assertThat(ev.get(0).reason()).contains("523 ms > 400 ms");
        assertThat(ev.get(1).paused()).isFalse();
        assertThat(q.drain()).isEmpty();
        assertThatThrownBy(() -> q.onRoundTrip(5, -1)).hasMessageContaining("-1");
    }

    @Test
    void flickeringQuotesPauseTheSymbolAndQuietQuotesResumeIt() {
        ExecutionQuality q = eq();
        long t = 0;
        for (int i = 0; i < 10; i++, t += 50) q.onMidChange(0, t, i % 2 == 0 ? 1e-5 : -1e-5);
        assertThat(q.flickering(0)).isTrue();
        assertThat(q.flickering(1)).isFalse();
        for (int i = 0; i < 10; i++, t += 1000) q.onMidChange(0, t, 1e-5); // steady upward moves, no reversals
        assertThat(q.flickering(0)).isFalse();
        var ev = q.drain();
        assertThat(ev).extracting(PauseEvent::symbol).containsOnly("EURUSD");
        assertThat(ev).extracting(PauseEvent::paused).containsExactly(true, false);
        // slow reversals (one per second) are a normal market, not flicker
        ExecutionQuality slow = eq();
        for (int i = 0; i < 20; i++) slow.onMidChange(1, i * 1000L, i % 2 == 0 ? 1e-5 : -1e-5);
        assertThat(slow.flickering(1)).isFalse();
    }

    @Test
    void slippageIsPredictedFromRealisedFills() {
        ExecutionQuality q = eq();
        assertThat(q.predictedSlippage(0)).isZero();
        for (int i = 0; i < 50; i++) q.onFill(0, 1, 1.10000, 1.10002); // buys filled 2 points worse
        for (int i = 0; i < 50; i++) q.onFill(0, -1, 1.10000, 1.09998); // sells filled 2 points worse
        assertThat(q.predictedSlippage(0)).isCloseTo(0.00002, within(1e-9));
        q.onFill(1, 1, 1.0, 0.99999); // price improvement: predicted slippage is never negative
        assertThat(q.predictedSlippage(1)).isZero();
        assertThatThrownBy(() -> q.onFill(0, 1, Double.NaN, 1.1)).hasMessageContaining("EURUSD");
    }
}
