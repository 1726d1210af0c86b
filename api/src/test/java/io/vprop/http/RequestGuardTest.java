package io.vprop.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of {@link RequestGuard} on its own, without HTTP; the edge cases of Host and Origin. */
class RequestGuardTest {
    private static final String TOKEN = ApiAccessTest.TOKEN;
    private static final int PORT = 8080;
    private final RequestGuard loopback = new RequestGuard(HttpAccess.loopback(TOKEN));

    /** A request of the panel at http://127.0.0.1:8080 (same origin, token, JSON), to vary one field at a time. */
    private static RequestGuard.Request panel(String method) {
        return new RequestGuard.Request(method, "/api/signals", false, "127.0.0.1:" + PORT, PORT, "http://127.0.0.1:" + PORT,
                "same-origin", "application/json", null, TOKEN, null);
    }

    private static RequestGuard.Request host(RequestGuard.Request r, String host) {
        return new RequestGuard.Request(r.method(), r.path(), r.webSocket(), host, r.localPort(), r.origin(), r.fetchSite(),
                r.contentType(), r.authorization(), r.headerToken(), r.queryToken());
    }

    private static RequestGuard.Request origin(RequestGuard.Request r, String origin, String site) {
        return new RequestGuard.Request(r.method(), r.path(), r.webSocket(), r.host(), r.localPort(), origin, site,
                r.contentType(), r.authorization(), r.headerToken(), r.queryToken());
    }

    private static RequestGuard.Request token(RequestGuard.Request r, String authorization, String header, String query) {
        return new RequestGuard.Request(r.method(), r.path(), r.webSocket(), r.host(), r.localPort(), r.origin(), r.fetchSite(),
                r.contentType(), authorization, header, query);
    }

    private String rule(RequestGuard guard, RequestGuard.Request r) {
        RequestGuard.Refusal refusal = guard.check(r);
        return refusal == null ? "ok" : refusal.status() + " " + refusal.rule();
    }

    @Test
    void hostIsALoopbackNameAtTheServingPortOrAConfiguredName() {
        RequestGuard.Request get = origin(panel("GET"), null, null);
        assertThat(rule(loopback, host(get, "127.0.0.1:8080"))).isEqualTo("ok");
        assertThat(rule(loopback, host(get, "LOCALHOST:8080"))).isEqualTo("ok");
        assertThat(rule(loopback, host(get, "[::1]:8080"))).isEqualTo("ok");
        assertThat(rule(loopback, host(get, "[::1]"))).as("no port is port 80").isEqualTo("421 host");
        assertThat(rule(loopback, host(get, "127.0.0.1:08080"))).as("the same number").isEqualTo("ok");
        assertThat(rule(loopback, host(get, "127.0.0.1:80x"))).isEqualTo("421 host");
        assertThat(rule(loopback, host(get, "127.0.0.2:8080"))).as("only the three names").isEqualTo("421 host");
        assertThat(rule(loopback, host(get, "evil.example:8080"))).isEqualTo("421 host");
        assertThat(rule(loopback, host(get, "localhost.evil.example:8080"))).isEqualTo("421 host");
        assertThat(rule(loopback, host(get, ""))).isEqualTo("400 host");
        assertThat(rule(loopback, host(get, null))).isEqualTo("400 host");
        RequestGuard named = new RequestGuard(new HttpAccess(TOKEN, false, List.of("vprop.lan", "[fd00::5]")));
        assertThat(rule(named, host(get, "vprop.lan"))).isEqualTo("ok");
        assertThat(rule(named, host(get, "VPROP.lan:8443"))).isEqualTo("ok");
        assertThat(rule(named, host(get, "[fd00::5]:8080"))).isEqualTo("ok");
        assertThat(rule(named, host(get, "vprop.lan.evil.example"))).isEqualTo("421 host");
        assertThat(named.check(host(get, "evil.example")).message()).contains("vprop.lan, [fd00::5]").contains("DNS-rebinding");
    }

    @Test
    void everyMethodButGetAndHeadIsAStateChange() {
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(rule(loopback, panel(m))).as(m).isEqualTo("ok");
            assertThat(rule(loopback, token(panel(m), null, null, null))).as(m).isEqualTo("401 token");
        }
        for (String m : List.of("GET", "HEAD"))
            assertThat(rule(loopback, token(panel(m), null, null, null))).as(m + " on loopback").isEqualTo("ok");
        assertThat(rule(loopback, panel("OPTIONS"))).isEqualTo("403 preflight");
    }

    @Test
    void theOriginMustBeThisSidecarAsTheRequestNamesIt() {
        RequestGuard.Request post = panel("POST");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8080", null))).isEqualTo("ok");
        assertThat(rule(loopback, origin(post, "HTTP://127.0.0.1:8080", null))).isEqualTo("ok");
        assertThat(rule(loopback, origin(post, "http://localhost:8080", null))).as("Host says 127.0.0.1").isEqualTo("403 origin");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8081", null))).isEqualTo("403 origin");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1", null))).isEqualTo("403 origin");
        assertThat(rule(loopback, origin(post, "null", null))).isEqualTo("403 origin");
        assertThat(rule(loopback, origin(post, "file://", null))).isEqualTo("403 origin");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8080.evil.example", null))).isEqualTo("403 origin");
        // behind a TLS proxy under a configured name: https and no port, as the browser saw it
        RequestGuard named = new RequestGuard(new HttpAccess(TOKEN, false, List.of("vprop.lan")));
        assertThat(rule(named, origin(host(post, "vprop.lan"), "https://vprop.lan", null))).isEqualTo("ok");
        // Sec-Fetch-Site, where the browser sends it, decides before Origin
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8080", "same-site"))).isEqualTo("403 cross-site");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8080", "cross-site"))).isEqualTo("403 cross-site");
        assertThat(rule(loopback, origin(post, "http://127.0.0.1:8080", "none"))).isEqualTo("403 cross-site");
        assertThat(rule(loopback, origin(post, null, "Same-Origin"))).isEqualTo("ok");
        // a foreign page is refused as foreign even without a token: the answer does not hint at the token
        assertThat(rule(loopback, token(origin(post, "http://evil.example", null), null, null, null))).isEqualTo("403 origin");
    }

    @Test
    void theTokenComesAsAHeaderAndOnlyTheWebSocketMayPutItInTheUrl() {
        RequestGuard.Request post = token(panel("POST"), null, null, null);
        assertThat(rule(loopback, token(post, "Bearer " + TOKEN, null, null))).isEqualTo("ok");
        assertThat(rule(loopback, token(post, "Basic " + TOKEN, null, null))).isEqualTo("401 token");
        assertThat(rule(loopback, token(post, null, TOKEN.substring(1), null))).isEqualTo("401 token");
        assertThat(rule(loopback, token(post, null, null, TOKEN))).isEqualTo("401 token");
        RequestGuard.Request ws = new RequestGuard.Request("GET", "/ws", true, "127.0.0.1:8080", PORT, "http://127.0.0.1:8080",
                null, null, null, null, TOKEN);
        assertThat(rule(loopback, ws)).isEqualTo("ok");
        assertThat(rule(loopback, token(ws, null, null, null))).isEqualTo("401 token");
        assertThat(rule(loopback, origin(ws, "http://evil.example", null))).isEqualTo("403 origin");
    }

    @Test
    void aStateChangeCarriesJsonOrNothing() {
        RequestGuard.Request post = panel("POST");
        assertThat(rule(loopback, withType(post, "application/json;charset=UTF-8"))).isEqualTo("ok");
        assertThat(rule(loopback, withType(post, null))).as("a model action has no body").isEqualTo("ok");
        for (String t : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=z",
                "application/jsonp", "text/json"))
            assertThat(rule(loopback, withType(post, t))).as(t).isEqualTo("415 content-type");
    }

    @Test
    void beyondLoopbackReadsNeedTheTokenExceptTheStaticAssets() {
        RequestGuard remote = new RequestGuard(new HttpAccess(TOKEN, true, List.of()));
        RequestGuard.Request get = token(origin(panel("GET"), null, null), null, null, null);
        assertThat(rule(remote, get)).isEqualTo("401 token");
        assertThat(rule(remote, token(get, null, null, TOKEN))).isEqualTo("ok");
        assertThat(rule(remote, token(get, null, TOKEN, null))).isEqualTo("ok");
        assertThat(rule(remote, token(get, "Bearer " + TOKEN, null, null))).isEqualTo("ok");
        assertThat(rule(remote, atPath(get, "/assets/app.js"))).isEqualTo("ok");
        assertThat(rule(remote, atPath(get, "/"))).isEqualTo("401 token");
        assertThat(rule(remote, atPath(get, "/index.html"))).isEqualTo("401 token");
    }

    private static RequestGuard.Request withType(RequestGuard.Request r, String type) {
        return new RequestGuard.Request(r.method(), r.path(), r.webSocket(), r.host(), r.localPort(), r.origin(), r.fetchSite(),
                type, r.authorization(), r.headerToken(), r.queryToken());
    }

    private static RequestGuard.Request atPath(RequestGuard.Request r, String path) {
        return new RequestGuard.Request(r.method(), path, r.webSocket(), r.host(), r.localPort(), r.origin(), r.fetchSite(),
                r.contentType(), r.authorization(), r.headerToken(), r.queryToken());
    }
}
