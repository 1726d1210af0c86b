package io.vprop.analytics;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vprop.trade.Side;

/**
 * A round trip: every "in" deal of one position and the "out" deals that closed it. Prices are volume-weighted;
 * {@code net} = profit + commission + swap over all its deals (the money the account actually made or lost).
 *
 * @param side   the entry deals' side; the JSON says "buy" or "sell"
 * @param closed false while some volume is still open (then exit fields cover only the part closed so far)
 */
record Trade(String peer, long position, String symbol, @JsonSerialize(converter = SideWord.class) Side side,
                    String alpha, String regime, String signalId, String reason, String exitReason, TradingSession session,
                    long openMs, long closeMs, double entryPrice, Double exitPrice, double volume, double closedVolume,
                    double profit, double commission, double swap, double net, int deals, boolean closed) {

    public long durationMs() { return closeMs > 0 ? closeMs - openMs : 0; }

    /** The group a breakdown puts this trade in; blank labels become "(none)". */
    public String key(String dimension) {
        String k = switch (dimension) {
            case "alpha" -> alpha;
            case "regime" -> regime;
            case "symbol" -> symbol;
            case "session" -> session.label();
            case "peer" -> peer;
            default -> throw new IllegalArgumentException("unknown breakdown dimension '" + dimension
                    + "' (alpha, regime, symbol, session, peer)");
        };
        return k == null || k.isBlank() ? "(none)" : k;
    }
}
