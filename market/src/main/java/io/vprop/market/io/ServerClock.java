package io.vprop.market.io;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * The clock a market file's times are written in — an MT5 export carries its broker's server time, with no zone in
 * the file — and how a reading of it becomes UTC. Fixed offsets, IANA zones (daylight saving included) and the
 * common "New York close" servers: America/New_York shifted by +7 h, so the server's midnight is 17:00 New York
 * (the FX day's end) and the clock runs GMT+2 while New York is on standard time and GMT+3 while it is on summer
 * time. See docs/market-data.md.
 *
 * <p>At a daylight-saving change a wall-clock reading can be ambiguous (the hour repeated in autumn: read as the
 * first, summer-time one) or impossible (the hour skipped in spring: read as if the clock had not changed yet). On
 * "New York close" servers both fall on Sunday morning, when the FX market is shut.
 *
 * <p>Immutable and safe to share; the offset is looked up once per minute of file time.
 */
public final class ServerClock {
    /** Files written in UTC, such as every file in shared/data. */
    public static final ServerClock UTC = new ServerClock("UTC", null, 0);

    private static final String NY_CLOSE = "NY+7";
    private static final long MINUTE = 60_000L;

    private final String name;
    private final ZoneRules rules;       // null: a fixed offset
    private final long shiftMs;          // fixed: the offset; zoned: the wall clock's shift from the zone's own time
    private Cached cached;               // replaced, never mutated: a reference write is atomic

    private record Cached(long minute, long offsetMs) {
    }

    private ServerClock(String name, ZoneRules rules, long shiftMs) {
        this.name = name;
        this.rules = rules;
        this.shiftMs = shiftMs;
    }

    /** A clock at a fixed offset from UTC (a file written at UTC+02:00 all year: {@code ZoneOffset.ofHours(2)}). */
    public static ServerClock fixed(ZoneOffset offset) {
        if (offset == null) throw new IllegalArgumentException("offset is required");
        return offset.getTotalSeconds() == 0 ? UTC : new ServerClock("UTC" + offset.getId(), null, offset.getTotalSeconds() * 1000L);
    }

    /** A clock that keeps {@code zone}'s time, daylight saving included. */
    public static ServerClock zone(ZoneId zone) {
        if (zone == null) throw new IllegalArgumentException("zone is required");
        ZoneRules r = zone.getRules();
        if (r.isFixedOffset()) return fixed(r.getOffset(java.time.Instant.EPOCH));
        return new ServerClock(zone.getId(), r, 0);
    }

    /** The "New York close" broker servers: America/New_York + 7 h (GMT+2 in New York's winter, GMT+3 in its summer). */
    public static ServerClock newYorkClose() {
        return new ServerClock(NY_CLOSE, ZoneId.of("America/New_York").getRules(), 7 * 3_600_000L);
    }

    /**
     * Reads a clock's name: {@code UTC}; an offset ({@code +02:00}, {@code UTC+2}, {@code GMT+3}); an IANA zone
     * ({@code Europe/Athens}); or {@code NY+7} (also {@code new-york-close}, {@code Broker/US-DST}) for the
     * "New York close" servers.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static ServerClock parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("server time zone is missing: " + ACCEPTED);
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("ny+7") || lower.equals("new-york-close") || lower.equals("broker/us-dst")) return newYorkClose();
        if (lower.equals("utc") || lower.equals("gmt") || lower.equals("z")) return UTC;
        try {
            if (t.startsWith("+") || t.startsWith("-")) return fixed(ZoneOffset.of(t));
            return zone(ZoneId.of(t));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown server time zone '" + t + "': " + ACCEPTED);
        }
    }

    private static final String ACCEPTED = "use UTC, an offset such as +02:00 or UTC+3, an IANA zone such as "
            + "Europe/Athens, or NY+7 for the 'New York close' servers (GMT+2 in winter, GMT+3 in summer)";

    /** UTC epoch ms of a wall-clock reading of this clock, given as if it were UTC (days × 86,400,000 + ms of day). */
    public long toUtc(long wallMs) {
        if (rules == null) return wallMs - shiftMs;
        long minute = Math.floorDiv(wallMs, MINUTE);
        Cached c = cached;
        if (c == null || c.minute() != minute) {
            c = new Cached(minute, offsetMs(minute * MINUTE));
            cached = c;
        }
        return wallMs - c.offsetMs();
    }

    /** Whether this is UTC itself. */
    public boolean isUtc() { return rules == null && shiftMs == 0; }

    private long offsetMs(long wallMs) {
        long local = wallMs - shiftMs;
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000), 0, ZoneOffset.UTC);
        List<ZoneOffset> valid = rules.getValidOffsets(ldt);
        ZoneOffset o;
        if (!valid.isEmpty()) o = valid.get(0);                // in an overlap: the earlier (summer) offset
        else {
            ZoneOffsetTransition gap = rules.getTransition(ldt);
            o = gap.getOffsetBefore();                         // in a gap: as if the clock had not moved yet
        }
        return shiftMs + o.getTotalSeconds() * 1000L;
    }

    /** The clock in words, for summaries and errors. */
    public String describe() {
        if (name.equals(NY_CLOSE)) return "NY+7 (America/New_York + 7 h: GMT+2 in winter, GMT+3 in summer)";
        return name;
    }

    @Override
    public String toString() { return describe(); }
}
