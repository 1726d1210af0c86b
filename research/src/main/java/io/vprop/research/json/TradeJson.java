package io.vprop.research.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.research.BacktestTrade;
import io.vprop.trade.Side;

/**
 * A {@link BacktestTrade} as JSON, the one spelling checkpoints and reports share: times in UTC epoch ms
 * ({@code open_ms}), money in USD ({@code pnl_usd}). A number that is not finite is written as null.
 */
public final class TradeJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private TradeJson() {
    }

    public static ObjectNode write(BacktestTrade t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("position", t.position());
        o.put("symbol", t.symbol());
        o.put("side", t.side().name());
        num(o, "lots", t.lots());
        o.put("open_ms", t.openMs());
        o.put("close_ms", t.closeMs());
        num(o, "entry_price", t.entryPrice());
        num(o, "exit_price", t.exitPrice());
        num(o, "pnl_usd", t.pnl());
        num(o, "commission_usd", t.commission());
        num(o, "swap_usd", t.swap());
        num(o, "risk_usd", t.riskMoney());
        num(o, "r", t.r());
        num(o, "worst_excursion_usd", t.worstExcursion());
        o.put("alpha", t.alpha());
        o.put("regime", t.regime());
        o.put("session", t.session());
        o.put("timeframe", t.timeframe());
        o.put("exit_reason", t.exitReason());
        return o;
    }

    public static BacktestTrade read(JsonNode o) {
        return new BacktestTrade(o.get("position").asLong(), o.get("symbol").asText(), Side.valueOf(o.get("side").asText()),
                num(o, "lots"), o.get("open_ms").asLong(), o.get("close_ms").asLong(), num(o, "entry_price"),
                num(o, "exit_price"), num(o, "pnl_usd"), num(o, "commission_usd"), num(o, "swap_usd"), num(o, "risk_usd"),
                num(o, "worst_excursion_usd"), o.get("alpha").asText(), o.get("regime").asText(),
                o.get("session").asText(), o.get("timeframe").asText(), o.get("exit_reason").asText());
    }

    /** Puts {@code v}, or null when it is NaN or infinite. */
    public static void num(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v); else o.putNull(name);
    }

    /** The number under {@code name}; NaN for null or absent. */
    public static double num(JsonNode o, String name) {
        JsonNode n = o.get(name);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }
}
