package io.vprop.strategy;

import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.regime.Regime;
import io.vprop.trade.Fill;
import io.vprop.trade.Side;

/**
 * One of {@link SignalEngineStrategy}'s trades, closed in full: what trade memory records of it and what the served
 * models score. Money in the account currency, times UTC epoch ms.
 *
 * @param exit        the fill that closed the last of it
 * @param grade       the candidate's grade ("A", "B" …)
 * @param timeframe   the timeframe of the setup ("M5" …)
 * @param entryTimeMs when the entry fill came
 * @param exitTimeMs  when the closing fill came
 * @param slippage    (entry fill price − the signal's price) × the side's sign: positive when the fill was worse
 * @param pnl         net of commission and swap, over every exit
 * @param r           pnl over the money at the initial stop (0 when that is unknown)
 * @param outcome     what the engine learnt from it
 */
public record ClosedEngineTrade(Fill exit, Side side, AlphaId alpha, Regime regime, String grade, String timeframe,
                                long entryTimeMs, long exitTimeMs, double entryPrice, double slippage, double pnl,
                                double r, TradeOutcome outcome) {
}
