package io.vprop.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * The rules every request passes before a handler sees it (docs/api.md, "Access"), as a pure decision so each rule
 * is tested on its own. In order:
 * <ol>
 *   <li><b>Host</b>: only 127.0.0.1, localhost and [::1] at the serving port, and the configured names. A page that
 *       reaches the sidecar through DNS rebinding carries its own name in Host and is refused (421), reads included:
 *       the panel page itself carries the token.</li>
 *   <li><b>No CORS</b>: a preflight (OPTIONS) is refused, so a cross-origin page can send neither the token header nor
 *       JSON.</li>
 *   <li><b>Same origin</b> on every state-changing request and on the WebSocket upgrade: a Sec-Fetch-Site other than
 *       same-origin, or an Origin that is not this sidecar's, is refused (403) before the token is even looked at.
 *       Another port of the same machine is another origin (same-site, still refused).</li>
 *   <li><b>Token</b> on the same requests: {@code X-VProp-Token} or {@code Authorization: Bearer} (the WebSocket, which
 *       cannot send headers from a browser, also {@code ?token=}); 401 without it.</li>
 *   <li><b>JSON only</b>: a state-changing request carries application/json or no body; text/plain and form types,
 *       what a cross-site form or simple fetch can send, get 415.</li>
 *   <li>Bound beyond loopback, reads need the token too (header or {@code ?token=}), the panel's static assets
 *       excepted.</li>
 * </ol>
 */
final class RequestGuard {
    static final String TOKEN_HEADER = "X-VProp-Token";
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]");

    /** What the guard reads of a request; null for an absent header. */
    record Request(String method, String path, boolean webSocket, String host, int localPort, String origin,
                   String fetchSite, String contentType, String authorization, String headerToken, String queryToken) {
    }

    /** A refused request: HTTP status, the rule that refused it (a metrics label) and what the client is told. */
    record Refusal(int status, String rule, String message) {
    }

    private final HttpAccess access;

    RequestGuard(HttpAccess access) {
        this.access = access;
    }

    /** Null when the request may proceed. */
    Refusal check(Request r) {
        Refusal host = host(r);
        if (host != null) return host;
        if (r.method().equals("OPTIONS"))
            return new Refusal(403, "preflight", "cross-origin requests are refused: this API sends no CORS headers "
                    + "and answers no preflight; use the panel this sidecar serves, or a client that is not a web page");
        boolean changes = r.webSocket() || !(r.method().equals("GET") || r.method().equals("HEAD"));
        if (changes) return stateChange(r);
        if (access.tokenForReads() && !r.path().startsWith("/assets/") && !matches(presented(r, true)))
            return new Refusal(401, "token", "bound beyond loopback, every request needs the token: header "
                    + TOKEN_HEADER + ": <token> (or Authorization: Bearer <token>, or ?token=<token>); `vprop token` prints it");
        return null;
    }

    private Refusal stateChange(Request r) {
        String what = r.webSocket() ? "a WebSocket" : "a state-changing request (" + r.method() + ")";
        String act = (r.webSocket() ? "open " : "send ") + what;
        String site = lower(r.fetchSite());
        if (site != null && !site.equals("same-origin"))
            return new Refusal(403, "cross-site", "cross-site request refused: the browser says it comes from another site or "
                    + "origin (Sec-Fetch-Site: " + r.fetchSite() + "); only the panel served by this sidecar may " + act);
        if (r.origin() != null && !sameOrigin(r.origin(), r.host()))
            return new Refusal(403, "origin", "cross-origin request refused: Origin " + r.origin() + " is not this sidecar (http://"
                    + r.host() + "); only the panel served by this sidecar may " + act);
        String given = presented(r, r.webSocket());
        if (given == null)
            return new Refusal(401, "token", what + " needs the token: header " + TOKEN_HEADER + ": <token> (or Authorization: "
                    + "Bearer <token>" + (r.webSocket() ? ", or ?token=<token> on the WebSocket URL" : "")
                    + "); `vprop token` prints it (data.dir/http.token)");
        if (!matches(given))
            return new Refusal(401, "token", "the token does not match this installation's (`vprop token` prints it)");
        if (!r.webSocket() && r.contentType() != null && !isJson(r.contentType()))
            return new Refusal(415, "content-type", "Content-Type " + r.contentType() + " is refused: a state-changing request "
                    + "carries application/json or no body (text/plain and form bodies are what a cross-site page can send)");
        return null;
    }

    private Refusal host(Request r) {
        if (r.host() == null || r.host().isBlank())
            return new Refusal(400, "host", "the request has no Host header");
        String h = r.host().trim().toLowerCase(Locale.ROOT);
        String name = h;
        int port = 80;
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) { // a port after the name (an IPv6 address is in brackets)
            name = h.substring(0, colon);
            try {
                port = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (LOOPBACK.contains(name) && port == r.localPort()) return null;
        if (access.hostNames().contains(name)) return null;
        return new Refusal(421, "host", "Host " + r.host() + " is not served here: this sidecar answers to 127.0.0.1:"
                + r.localPort() + ", localhost:" + r.localPort() + ", [::1]:" + r.localPort()
                + (access.hostNames().isEmpty() ? "" : " and " + String.join(", ", access.hostNames()))
                + "; add a name to http.allowed.hosts to reach it under that name (a page reaching it under a name of "
                + "its own is a DNS-rebinding attack)");
    }

    /** Origin is scheme://host[:port] as the browser saw the page; this sidecar's pages have the request's Host. */
    private static boolean sameOrigin(String origin, String host) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        String authority = o.startsWith("http://") ? o.substring(7) : o.startsWith("https://") ? o.substring(8) : null;
        return authority != null && authority.equals(host.trim().toLowerCase(Locale.ROOT));
    }

    /** The token the request presents: a header, or the query when {@code query} allows it. */
    private static String presented(Request r, boolean query) {
        if (r.headerToken() != null) return r.headerToken().trim();
        if (r.authorization() != null && r.authorization().startsWith("Bearer ")) return r.authorization().substring(7).trim();
        return query ? r.queryToken() : null;
    }

    private boolean matches(String given) {
        // constant time: the comparison must not tell an attacker how many leading characters are right
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                access.token().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isJson(String contentType) {
        String t = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json");
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
