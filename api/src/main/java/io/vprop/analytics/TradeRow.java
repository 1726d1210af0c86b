package io.vprop.analytics;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A trade as the trade list shows it: the round trip (every {@link Trade} field, unwrapped in the JSON) plus what the
 * journal's signal and the terminal's newest account snapshot add. Money in {@code currency}, the account's.
 *
 * @param stop        the opening signal's stop-loss price; null when it had none or the trade has no VProp signal
 * @param riskMoney   money lost at that stop: |entry − stop| × volume × value of a price unit per lot
 * @param rMultiple   {@code totalNet / riskMoney}; null with {@code rNote} saying why
 * @param returnPct   {@code totalNet} as % of the account balance before the trade (closed) or now (open)
 * @param durationMs  close − open; for an open trade, the snapshot's time − open; null when unknown
 * @param unrealized  open trades: floating profit + swap of the position in the newest account snapshot
 * @param totalNet    closed: {@code net}; open: {@code net} (the commission so far) + {@code unrealized}
 * @param markMs      open trades: the terminal time of the snapshot the floating result comes from
 */
record TradeRow(@JsonUnwrapped Trade trade, String currency, Double stop, Double riskMoney, Double rMultiple, String rNote,
                Double returnPct, Long durationMs, Double unrealized, Double totalNet, Long markMs) {
}
