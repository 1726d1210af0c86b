package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** The JSON object a state-changing POST carries, read the same way by every such endpoint. */
final class JsonBody {
    private JsonBody() {
    }

    /**
     * The request's body as a JSON object; null (answered 415) when it has no Content-Type — the guard refuses the
     * types a cross-site page can send, and no type at all is refused too. A body that is not a JSON object is an
     * {@link IllegalArgumentException} (400 naming what is wrong).
     */
    static JsonNode object(Context ctx, ObjectMapper json, String route) {
        if (ctx.header("Content-Type") == null) {
            ctx.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).json(Map.of("error", route + " takes a JSON body: "
                    + "send Content-Type: application/json"));
            return null;
        }
        JsonNode b;
        try {
            b = json.readTree(ctx.body());
        } catch (Exception e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
        if (b == null || !b.isObject()) throw new IllegalArgumentException("body must be a JSON object");
        return b;
    }
}
