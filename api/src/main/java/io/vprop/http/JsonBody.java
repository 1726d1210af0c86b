package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** What a request carries, read the same way by every endpoint: a POST's JSON object, a list's {@code ?limit=}. */
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

    /** {@code ?limit=N}: {@code dflt} when absent; a whole number within 1..max, else a 400 naming it. */
    static int limit(Context ctx, int dflt, int max) {
        String l = ctx.queryParam("limit");
        if (l == null) return dflt;
        int n;
        try {
            n = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + l + "'");
        }
        if (n < 1 || n > max) throw new IllegalArgumentException("limit must be 1.." + max + ", got " + n);
        return n;
    }
}
