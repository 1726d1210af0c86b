package io.vprop.research.walkforward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.research.BacktestTrade;
import io.vprop.research.json.TradeJson;
import io.vprop.research.stats.DailySeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Unit results as checkpoint JSON. NaN is written as null; doubles round-trip exactly (shortest repr). */
final class UnitJson {
    static final ObjectMapper JSON = TradeJson.JSON;

    private UnitJson() {
    }

    static JsonNode train(TrainOutcome t) {
        ObjectNode o = JSON.createObjectNode();
        num(o, "objective", t.objective());
        num(o, "sharpe_daily", t.sharpeDaily());
        o.put("trades", t.trades());
        o.put("purged", t.purged());
        o.put("embargoed", t.embargoed());
        num(o, "pnl_usd", t.pnlUsd());
        o.put("days", t.days());
        return o;
    }

    static TrainOutcome train(JsonNode o) {
        return new TrainOutcome(num(o, "objective"), num(o, "sharpe_daily"), o.get("trades").asInt(),
                o.get("purged").asInt(), o.get("embargoed").asInt(), num(o, "pnl_usd"), o.get("days").asInt());
    }

    static JsonNode oos(OosOutcome r) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode trades = o.putArray("trades");
        for (BacktestTrade t : r.trades()) trades.add(TradeJson.write(t));
        DailySeries d = r.daily();
        num(o, "start_equity", d.startEquity());
        ArrayNode days = o.putArray("days"), equity = o.putArray("equity");
        for (int i = 0; i < d.size(); i++) {
            days.add(d.day(i));
            equity.add(d.equity(i));
        }
        ObjectNode counters = o.putObject("counters");
        r.counters().forEach(counters::put);
        return o;
    }

    static OosOutcome oos(JsonNode o) {
        List<BacktestTrade> trades = new ArrayList<>();
        for (JsonNode t : o.get("trades")) trades.add(TradeJson.read(t));
        JsonNode days = o.get("days"), equity = o.get("equity");
        int[] d = new int[days.size()];
        double[] e = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = days.get(i).asInt();
            e[i] = equity.get(i).asDouble();
        }
        Map<String, Long> counters = new TreeMap<>();
        JsonNode c = o.get("counters");
        if (c != null) c.fields().forEachRemaining(f -> counters.put(f.getKey(), f.getValue().asLong()));
        return new OosOutcome(trades, new DailySeries(d, e, num(o, "start_equity")), counters);
    }

    private static void num(ObjectNode o, String name, double v) {
        TradeJson.num(o, name, v);
    }

    private static double num(JsonNode o, String name) {
        return TradeJson.num(o, name);
    }
}
