package io.vprop.http;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may use the HTTP API (docs/api.md, "Access"). Loopback is no trust boundary: a browser on the same machine
 * runs other sites' scripts, so the token guards every state change on every bind.
 *
 * @param token         the per-install secret, required on every state-changing request and on the WebSocket upgrade
 * @param tokenForReads bound beyond loopback: reads need the token too (the panel's static assets excepted)
 * @param hostNames     host names besides loopback's that the sidecar answers to, at any port ({@code http.allowed.hosts}
 *                      and a non-loopback bind address); lower case, IPv6 addresses in brackets
 */
public record HttpAccess(String token, boolean tokenForReads, List<String> hostNames) {
    /** A token shorter than this is no secret (the sidecar generates 64 hex digits). */
    static final int MIN_TOKEN_LENGTH = 32;

    public HttpAccess {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_TOKEN_LENGTH)
            throw new IllegalArgumentException("the API token must have at least " + MIN_TOKEN_LENGTH + " characters, got " + token.length());
        hostNames = hostNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** A loopback bind: reads are open to this machine (behind the Host check), state changes need the token. */
    public static HttpAccess loopback(String token) {
        return new HttpAccess(token, false, List.of());
    }
}
