package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The running tally behind the daily digest notification: fills and their net result (profit + commission + swap),
 * refused signals, warnings and breaches, disconnections, counted from the bus since the last digest (UTC).
 * {@link #drain} returns the digest text and starts over. Not the analytics' {@code io.vprop.analytics.DailyDigest},
 * the report of a firm day's trades rebuilt from the journal.
 */
final class DigestTally {
    private long fills;
    private double net;
    private long refused;
    private long warnings;
    private long breaches;
    private long disconnects;
    private long sinceMs;

    DigestTally(long sinceMs) { this.sinceMs = sinceMs; }

    synchronized void onEvent(JsonNode e) {
        JsonNode d = e.path("data");
        switch (e.path("type").asText()) {
            case "fill" -> {
                JsonNode f = d.path("fill");
                fills++;
                net += f.path("profit").asDouble() + f.path("commission").asDouble() + f.path("swap").asDouble();
            }
            case "signal_refused" -> refused++;
            case "peer" -> { if (d.path("state").asText().equals("stale")) disconnects++; }
            default -> { }
        }
    }

    synchronized void onNotification(Notification n) {
        if (n.key().startsWith("rule_warning:")) warnings++;
        if (n.key().startsWith("rule_breach:")) breaches++;
    }

    synchronized String drain(long nowMs) {
        String text = String.format(Locale.ROOT, "daily digest %s to %s UTC: %d fill(s), net %+.2f; %d refused signal(s); "
                        + "%d governor warning(s), %d breach(es); %d disconnection(s).",
                Instant.ofEpochMilli(sinceMs).atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0),
                Instant.ofEpochMilli(nowMs).atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0),
                fills, net, refused, warnings, breaches, disconnects);
        fills = refused = warnings = breaches = disconnects = 0;
        net = 0;
        sinceMs = nowMs;
        return text;
    }
}
