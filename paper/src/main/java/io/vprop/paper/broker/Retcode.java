package io.vprop.paper.broker;

/** MT5 trade server return codes the paper broker produces (same numbers as MQL5's TRADE_RETCODE_*). */
public enum Retcode {
    REQUOTE(10004), PLACED(10008), DONE(10009), DONE_PARTIAL(10010), INVALID(10013), INVALID_VOLUME(10014),
    INVALID_PRICE(10015), INVALID_STOPS(10016), MARKET_CLOSED(10018), NO_MONEY(10019), PRICE_CHANGED(10020),
    PRICE_OFF(10021), FROZEN(10029), POSITION_CLOSED(10036);

    public final int code;

    Retcode(int code) { this.code = code; }

    public boolean success() { return this == DONE || this == PLACED || this == DONE_PARTIAL; }
}
