package io.vprop.challenge.history;

import io.vprop.governors.time.Zones;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;

/**
 * How to read a trade history. MT5 reports and most CSV exports write broker <em>server</em> time with no zone, and
 * brokers run their servers on different clocks, so the caller must say which: there is no default and no UTC
 * guess.
 *
 * @param serverZone     the clock the source's times are written in: an IANA zone ("Europe/Prague"), a fixed offset
 *                       ("UTC+02:00"), {@value Zones#BROKER_US_DST} (the "New York close" convention most FX brokers
 *                       use: GMT+2 in winter, GMT+3 while New York is on summer time, i.e. America/New_York + 7 h) or
 *                       {@value Zones#BROKER_EU_DST} (GMT+2/+3 switching with Europe)
 * @param currency       the account currency for sources that do not state it (the CSV formats), "" when not
 *                       given; a report that states another currency is an error, not a silent choice
 */
public record ImportOptions(String serverZone, String currency) {
    /** The "New York close" server clock: 17:00 New York is midnight on the server all year round. */
    public static final String NEW_YORK_CLOSE = Zones.BROKER_US_DST;

    public ImportOptions {
        Objects.requireNonNull(serverZone, "serverZone: the broker server's time zone must be stated");
        Zones.rules(serverZone); // fails now, naming the value, rather than at the first row
        currency = currency == null ? "" : currency.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** Options for a server whose clock is named {@code serverZone}; no account currency stated. */
    public ImportOptions(String serverZone) {
        this(serverZone, "");
    }

    /** The same options with the account currency for sources that do not state it. */
    public ImportOptions withCurrency(String accountCurrency) {
        return new ImportOptions(serverZone, accountCurrency);
    }

    /** Options for a server whose clock is {@code zone} (an IANA zone or a fixed offset). */
    public static ImportOptions serverZone(ZoneId zone) {
        return new ImportOptions(zone.getId());
    }

    /** Options for a server on the "New York close" clock, GMT+2/GMT+3 with US daylight saving. */
    public static ImportOptions newYorkClose() {
        return new ImportOptions(NEW_YORK_CLOSE);
    }

    ZoneRules rules() {
        return Zones.rules(serverZone);
    }

    /**
     * UTC epoch ms of a server wall-clock time. In the autumn hour that happens twice the earlier instant is taken
     * (MT5 writes no offset that could tell them apart); a time inside the spring gap cannot be written by a server
     * clock, so it is an error.
     */
    long toUtcMs(LocalDateTime serverTime) {
        List<ZoneOffset> offsets = rules().getValidOffsets(serverTime);
        if (offsets.isEmpty())
            throw new DateTimeException(serverTime + " does not exist on the server clock " + serverZone
                    + " (it falls in the hour skipped when daylight saving starts)");
        return serverTime.toInstant(offsets.get(0)).toEpochMilli();
    }
}
