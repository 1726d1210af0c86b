package io.vprop.governors.time;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Resolves the clock names profiles use. Besides IANA zones and fixed offsets it knows the two broker-server
 * clocks MT5 brokers run: GMT+2 in winter, GMT+3 in summer, switching with the US ("Broker/US-DST") or with
 * Europe ("Broker/EU-DST"). The US variant is why server midnight and Prague midnight drift apart for two to
 * three weeks each March and one week each autumn.
 */
public final class Zones {
    public static final String BROKER_US_DST = "Broker/US-DST";
    public static final String BROKER_EU_DST = "Broker/EU-DST";

    private static final ZoneOffset GMT2 = ZoneOffset.ofHours(2);
    private static final ZoneOffset GMT3 = ZoneOffset.ofHours(3);

    // US rules since 2007: on the 2nd Sunday of March and the 1st Sunday of November at 02:00 New York
    // wall time, i.e. 07:00 and 06:00 UTC.
    // ZoneRules only applies its yearly rules after at least one explicit transition, hence the 2006 autumn
    // switch back to GMT+2 (06:00 UTC on 2006-10-29 for the US, 01:00 UTC for Europe) as the anchor.
    private static final ZoneRules US_DST_SERVER = ZoneRules.of(GMT2, GMT3, List.of(),
            List.of(ZoneOffsetTransition.of(LocalDateTime.of(2006, 10, 29, 9, 0), GMT3, GMT2)), List.of(
            ZoneOffsetTransitionRule.of(Month.MARCH, 8, DayOfWeek.SUNDAY, LocalTime.of(7, 0), false,
                    ZoneOffsetTransitionRule.TimeDefinition.UTC, GMT2, GMT2, GMT3),
            ZoneOffsetTransitionRule.of(Month.NOVEMBER, 1, DayOfWeek.SUNDAY, LocalTime.of(6, 0), false,
                    ZoneOffsetTransitionRule.TimeDefinition.UTC, GMT2, GMT3, GMT2)));

    // EU rules: last Sunday of March and October at 01:00 UTC.
    private static final ZoneRules EU_DST_SERVER = ZoneRules.of(GMT2, GMT3, List.of(),
            List.of(ZoneOffsetTransition.of(LocalDateTime.of(2006, 10, 29, 4, 0), GMT3, GMT2)), List.of(
            ZoneOffsetTransitionRule.of(Month.MARCH, -1, DayOfWeek.SUNDAY, LocalTime.of(1, 0), false,
                    ZoneOffsetTransitionRule.TimeDefinition.UTC, GMT2, GMT2, GMT3),
            ZoneOffsetTransitionRule.of(Month.OCTOBER, -1, DayOfWeek.SUNDAY, LocalTime.of(1, 0), false,
                    ZoneOffsetTransitionRule.TimeDefinition.UTC, GMT2, GMT3, GMT2)));

    private Zones() {}

    /**
     * Rules for {@code zone}: an IANA name, a fixed offset, {@value #BROKER_US_DST} or {@value #BROKER_EU_DST}.
     *
     * @throws IllegalArgumentException when the name is missing or not a known zone; the message names the value
     */
    public static ZoneRules rules(String zone) {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("time zone missing");
        if (BROKER_US_DST.equals(zone)) return US_DST_SERVER;
        if (BROKER_EU_DST.equals(zone)) return EU_DST_SERVER;
        try {
            return ZoneId.of(zone).getRules();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "' (use an IANA name such as Europe/Prague, "
                    + "an offset such as UTC+03:00, " + BROKER_US_DST + " or " + BROKER_EU_DST + ")");
        }
    }
}
