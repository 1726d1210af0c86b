package io.vprop.risk;

import io.vprop.kernel.SignalRequest;
import io.vprop.kernel.StrategyContext;

/** One pre-trade rule. The risk engine runs them in order; the first refusal wins. */
@FunctionalInterface
public interface PreTradeCheck {
    PreTradeVerdict check(SignalRequest request, StrategyContext ctx, boolean peerStale);
}
