package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vprop.journal.JournalReader;
import io.vprop.kernel.SidecarKernel;
import io.vprop.protocol.Payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The trader's controls (docs/api.md): POST /api/controls pauses entries, resumes, flattens, closes one position or
 * cancels pending orders on a terminal; GET /api/controls lists the audit trail (newest first, each with the
 * terminal's answer) and the accounts whose entries are paused. The POST passes {@link RequestGuard} like every
 * state change (same origin or no browser, the token, JSON only); the kernel journals the control before it sends it.
 */
final class ControlsApi {
    /** How long a POST waits for the terminal's control_ack before answering "sent" (the panel then polls GET). */
    static final long ACK_WAIT_MS = 3_000;

    private final SidecarKernel kernel;
    private final JournalReader journal;
    private final ObjectMapper json;

    ControlsApi(SidecarKernel kernel, JournalReader journal, ObjectMapper json) {
        this.kernel = kernel;
        this.journal = journal;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/api/controls", this::post);
        app.get("/api/controls", ctx -> ctx.json(list(JsonBody.limit(ctx, 50, 1_000))));
    }

    private void post(Context ctx) throws Exception {
        JsonNode b = JsonBody.object(ctx, json, "POST /api/controls");
        if (b == null) return;
        String action = text(b, "action", null);
        if (!Payload.Control.ACTIONS.contains(action))
            throw new IllegalArgumentException("action must be one of " + Payload.Control.ACTIONS + ", got '" + action + "'");
        String reason = text(b, "reason", null).strip();
        if (reason.isEmpty()) throw new IllegalArgumentException("reason is required: say why (the audit trail keeps it)");
        if (reason.length() > 500) throw new IllegalArgumentException("reason must be at most 500 characters");
        long position = 0;
        JsonNode pos = b.get("position");
        if (action.equals("close_position")) {
            if (pos == null || pos.isNull()) throw new IllegalArgumentException("position (the ticket to close) is required for close_position");
            if (!pos.canConvertToLong() || !pos.isIntegralNumber() || pos.longValue() <= 0)
                throw new IllegalArgumentException("position must be a positive whole number (a ticket), got " + pos);
            position = pos.longValue();
        } else if (pos != null && !pos.isNull()) {
            throw new IllegalArgumentException("position is only for close_position");
        }
        String symbol = text(b, "symbol", "");
        if (symbol.length() > 32) throw new IllegalArgumentException("symbol must be at most 32 characters");
        if (!symbol.isEmpty() && !(action.equals("flatten_all") || action.equals("cancel_pending")))
            throw new IllegalArgumentException("symbol filters only flatten_all and cancel_pending");
        String terminal = text(b, "terminal", ""), account = text(b, "account", "");
        String by = text(b, "by", "api");
        if (!by.equals("panel") && !by.equals("api")) throw new IllegalArgumentException("by must be 'panel' or 'api'");
        String from = ctx.ip();
        long pos0 = position;
        SidecarKernel.ControlOutcome o;
        try {
            o = kernel.call(k -> k.control(terminal, account, action, pos0, symbol, reason, by, from)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw e;
        } catch (TimeoutException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "kernel did not answer within 5 s"));
            return;
        }
        if (!o.sent()) {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", o.reason(), "rule", o.rule(), "account", o.account()));
            return;
        }
        // the terminal answers within milliseconds when it is connected: wait a little so the panel shows the result
        Map<String, Object> ack = null;
        long deadline = System.currentTimeMillis() + ACK_WAIT_MS;
        while ((ack = kernel.controlAck(o.id())) == null && System.currentTimeMillis() < deadline) Thread.sleep(20);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", o.id());
        out.put("account", o.account());
        out.put("peers", o.peers());
        out.put("action", action);
        out.put("timeMs", o.timeMs());
        out.put("status", ack == null ? "sent" : ack.get("status"));
        out.put("ack", ack);
        ctx.json(out);
    }

    /** The audit trail, newest first, each control with its terminal's answer, and the paused accounts. */
    Map<String, Object> list(int limit) throws Exception {
        Map<String, Map<String, Object>> acks = new HashMap<>();
        for (Map<String, Object> r : journal.events("control_ack", limit * 4)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = json.readValue(String.valueOf(r.get("body")), Map.class);
            acks.putIfAbsent(String.valueOf(a.get("id")), a); // newest first: the latest answer wins
        }
        List<Map<String, Object>> controls = new ArrayList<>();
        for (Map<String, Object> r : journal.events("control", limit)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = json.readValue(String.valueOf(r.get("body")), Map.class);
            c.put("tsMs", r.get("ts_ms"));
            Map<String, Object> a = acks.get(String.valueOf(c.get("id")));
            c.put("status", a == null ? "sent" : a.get("status"));
            c.put("ack", a);
            controls.add(c);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paused", kernel.controlPauses());
        m.put("controls", controls);
        return m;
    }

    private static String text(JsonNode b, String f, String dflt) {
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) {
            if (dflt == null) throw new IllegalArgumentException(f + " is required");
            return dflt;
        }
        if (!n.isTextual()) throw new IllegalArgumentException(f + " must be a string");
        return n.textValue();
    }
}
