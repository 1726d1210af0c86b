package io.vprop.transport;

import java.nio.charset.StandardCharsets;

/**
 * A DEALER's routing id: {@code <terminal>/<account>/<chart>} (docs/protocol.md §1). Each part is 1–64 characters
 * of {@code [A-Za-z0-9._-]}; anything else is replaced by '_' so that ids stay printable in logs and URLs.
 */
public record RoutingId(String terminal, String account, String chart) {

    public RoutingId {
        terminal = clean(terminal, "terminal");
        account = clean(account, "account");
        chart = clean(chart, "chart");
    }

    public static RoutingId parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3)
            throw new IllegalArgumentException("routing id must be <terminal>/<account>/<chart>, got '" + text + "'");
        return new RoutingId(parts[0], parts[1], parts[2]);
    }

    /** Parses what arrived on the wire; a foreign format is kept whole as the terminal name. */
    public static RoutingId fromWire(byte[] identity) {
        String s = new String(identity, StandardCharsets.UTF_8);
        try {
            return parse(s);
        } catch (IllegalArgumentException e) {
            return new RoutingId(s.isEmpty() ? "anonymous" : s, "unknown", "unknown");
        }
    }

    public byte[] wire() { return toString().getBytes(StandardCharsets.UTF_8); }

    @Override
    public String toString() { return terminal + "/" + account + "/" + chart; }

    private static String clean(String s, String what) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException("routing id " + what + " is empty");
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
