package io.vprop.kernel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.governors.EngineState;

/**
 * The governors' {@link EngineState} as the journal keeps it: JSON. Each open position is saved as
 * {@code {position: {…io.vprop.trade.Position…}, moneyPerPriceUnit}}; a state saved by an older sidecar, whose
 * positions were flat ({@code symbol, side, volume, openPrice, stopLoss, openTimeMs, profit, moneyPerPriceUnit}), is
 * read too, so an upgraded sidecar resumes with the floors and latches it had.
 */
final class GovernorStateJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private GovernorStateJson() { }

    static String write(EngineState state) throws JsonProcessingException {
        return JSON.writeValueAsString(state);
    }

    static EngineState read(String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        if (root != null && root.path("positions") instanceof ArrayNode positions) {
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) instanceof ObjectNode p && !p.has("position") && p.has("symbol"))
                    positions.set(i, fromFlat(p));
            }
        }
        return JSON.treeToValue(root, EngineState.class);
    }

    /**
     * A position in the older flat shape: it had no ticket, take-profit or signal id (0, 0, ""), and its profit already
     * included swap and commission (so those are 0 here and the net profit the rules count is unchanged).
     */
    private static ObjectNode fromFlat(ObjectNode old) {
        ObjectNode position = JSON.createObjectNode();
        position.put("ticket", 0);
        position.set("symbol", old.get("symbol"));
        position.set("side", old.get("side"));
        position.set("volume", old.get("volume"));
        position.set("openPrice", old.get("openPrice"));
        position.set("sl", old.get("stopLoss"));
        position.put("tp", 0);
        position.set("profit", old.get("profit"));
        position.put("swap", 0);
        position.put("commission", 0);
        position.set("openTimeMs", old.get("openTimeMs"));
        position.put("signalId", "");
        ObjectNode valued = JSON.createObjectNode();
        valued.set("position", position);
        valued.set("moneyPerPriceUnit", old.get("moneyPerPriceUnit"));
        return valued;
    }
}
