package io.vprop.risk;

import io.vprop.trade.OrderIntent;

/** One pre-trade rule. The risk engine runs them in order; the first refusal wins. */
@FunctionalInterface
public interface PreTradeCheck {
    PreTradeVerdict check(OrderIntent order, TerminalView terminal);
}
