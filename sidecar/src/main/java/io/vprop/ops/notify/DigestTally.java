package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.governors.time.FirmDayClock;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The running tally behind the daily digest notification: the firm day in numbers, accumulated from the bus's
 * events: fills and their net result (profit + commission + swap), refused signals, warnings and breaches,
 * disconnections. {@link #drain} is called at the firm's daily reset (the profile's {@link FirmDayClock}, the one the
 * governors reset on): it returns the digest of the day that just ended, labelled with that day, the firm's zone and
 * reset time, and starts over. Not the analytics' {@code io.vprop.analytics.DailyDigest}, the report of a firm day's
 * trades rebuilt from the journal.
 */
final class DigestTally {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final FirmDayClock firmDay;
    private long fills;
    private double net;
    private long refused;
    private long warnings;
    private long breaches;
    private long disconnects;
    private long sinceMs;

    /** Counting from {@code sinceMs} (when notifications start, usually inside a firm day). */
    DigestTally(long sinceMs, FirmDayClock firmDay) {
        this.sinceMs = sinceMs;
        this.firmDay = firmDay;
    }

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

    /**
     * The digest of the firm day that ends at the reset {@code resetMs} (everything counted since the last drain)
     * and starts over from there. A first day counted from a start inside it says so; a digest that covers several
     * days (resets missed while the machine slept) names them all.
     */
    synchronized String drain(long resetMs) {
        LocalDate ended = firmDay.dayOf(resetMs - 1);
        long dayStart = firmDay.startMs(ended);
        String days = sinceMs >= dayStart ? "firm day " + ended : "firm days " + firmDay.dayOf(sinceMs) + " to " + ended;
        String from = wall(sinceMs) + (sinceMs > dayStart ? " (counting started)" : "");
        String text = String.format(Locale.ROOT, "daily digest of %s (reset %s %s): %s to %s: %d fill(s), net %+.2f; "
                        + "%d refused signal(s); %d governor warning(s), %d breach(es); %d disconnection(s).",
                days, firmDay.resetTime(), firmDay.zone(), from, wall(resetMs), fills, net, refused, warnings, breaches,
                disconnects);
        fills = refused = warnings = breaches = disconnects = 0;
        net = 0;
        sinceMs = resetMs;
        return text;
    }

    private String wall(long t) {
        return firmDay.wallTime(t).format(WALL);
    }
}
