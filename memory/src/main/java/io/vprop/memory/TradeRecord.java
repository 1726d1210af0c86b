package io.vprop.memory;

import io.vprop.trade.Side;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The complete record of one closed trade: entry context, execution and outcome.
 *
 * <p>Entry context is what the sidecar knew when it decided (features, regime, alpha, grade, model
 * versions); execution is what the broker did (prices, slippage, latency); outcome is what the market
 * did (P&amp;L, R multiple, excursions, duration, exit reason). Times are epoch milliseconds UTC.
 *
 * @param id            unique trade id (e.g. the MT5 position ticket); the similarity index key
 * @param features      entry feature vector (copied; all components finite)
 * @param slippage      entry fill price minus requested price, in price units, signed (adverse &gt; 0)
 * @param latencyMicros signal-to-fill latency
 * @param pnl           realised P&amp;L in account currency, after costs
 * @param rMultiple     pnl divided by the initial risk
 * @param mae           maximum adverse excursion in account currency (&gt;= 0)
 * @param mfe           maximum favourable excursion in account currency (&gt;= 0)
 */
public record TradeRecord(
        long id,
        String account,
        String symbol,
        Side side,
        String alpha,
        String regime,
        String grade,
        String timeframe,
        float[] features,
        Map<String, String> modelVersions,
        long entryTimeMs,
        long exitTimeMs,
        double entryPrice,
        double exitPrice,
        double slippage,
        long latencyMicros,
        double pnl,
        double rMultiple,
        double mae,
        double mfe,
        String exitReason) {

    public TradeRecord {
        Checks.nonNegative("id", id);
        Checks.nonBlank("account", account);
        Checks.nonBlank("symbol", symbol);
        Objects.requireNonNull(side, "side must not be null");
        Checks.nonBlank("alpha", alpha);
        Checks.nonBlank("regime", regime);
        Checks.nonBlank("grade", grade);
        Checks.nonBlank("timeframe", timeframe);
        features = Checks.finiteVector("features", features);
        modelVersions = Checks.stringMap("modelVersions", modelVersions);
        Checks.nonNegative("entryTimeMs", entryTimeMs);
        if (exitTimeMs < entryTimeMs) {
            throw new IllegalArgumentException("exitTimeMs must be >= entryTimeMs (" + entryTimeMs + "), was " + exitTimeMs);
        }
        Checks.positive("entryPrice", entryPrice);
        Checks.positive("exitPrice", exitPrice);
        Checks.finite("slippage", slippage);
        Checks.nonNegative("latencyMicros", latencyMicros);
        Checks.finite("pnl", pnl);
        Checks.finite("rMultiple", rMultiple);
        Checks.finiteNonNegative("mae", mae);
        Checks.finiteNonNegative("mfe", mfe);
        Checks.nonBlank("exitReason", exitReason);
    }

    /** Holding time in milliseconds. */
    public long durationMs() {
        return exitTimeMs - entryTimeMs;
    }

    public boolean won() {
        return pnl > 0;
    }

    /** Defensive copy: records are shared between stores and must stay immutable. */
    @Override
    public float[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeRecord t
                && id == t.id && account.equals(t.account) && symbol.equals(t.symbol) && side == t.side
                && alpha.equals(t.alpha) && regime.equals(t.regime) && grade.equals(t.grade)
                && timeframe.equals(t.timeframe) && Arrays.equals(features, t.features)
                && modelVersions.equals(t.modelVersions) && entryTimeMs == t.entryTimeMs && exitTimeMs == t.exitTimeMs
                && Double.compare(entryPrice, t.entryPrice) == 0 && Double.compare(exitPrice, t.exitPrice) == 0
                && Double.compare(slippage, t.slippage) == 0 && latencyMicros == t.latencyMicros
                && Double.compare(pnl, t.pnl) == 0 && Double.compare(rMultiple, t.rMultiple) == 0
                && Double.compare(mae, t.mae) == 0 && Double.compare(mfe, t.mfe) == 0 && exitReason.equals(t.exitReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, account, symbol, alpha, entryTimeMs) * 31 + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "TradeRecord[id=" + id + ", account=" + account + ", symbol=" + symbol + ", side=" + side
                + ", alpha=" + alpha + ", regime=" + regime + ", pnl=" + pnl + ", r=" + rMultiple
                + ", features=" + features.length + "d]";
    }
}
