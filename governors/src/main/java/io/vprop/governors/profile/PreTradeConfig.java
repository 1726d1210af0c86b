package io.vprop.governors.profile;

/**
 * Worst-case check before an order: loss at the stop x (1 + slippage% + gap%) plus the open positions' risk
 * must fit inside both the daily and the overall headroom.
 */
public record PreTradeConfig(double slippagePctOfRisk, double gapPctOfRisk) {
    public PreTradeConfig {
        Require.nonNegative("preTrade.slippagePctOfRisk", slippagePctOfRisk);
        Require.nonNegative("preTrade.gapPctOfRisk", gapPctOfRisk);
    }

    public double worstCaseFactor() {
        return 1 + (slippagePctOfRisk + gapPctOfRisk) / 100.0;
    }
}
