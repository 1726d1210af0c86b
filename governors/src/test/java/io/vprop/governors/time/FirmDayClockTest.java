package io.vprop.governors.time;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.config.Timestamps;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.profile.DayResetConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.ProfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirmDayClockTest {
    private static final long HOUR = 3_600_000L;

    static long t(String iso) {
        return Timestamps.parse("t", iso);
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void aResetTimeInsideTheSpringGapFallsOnTheTransition() {
        // 02:30 does not exist in Prague on 2024-03-31 (02:00 CET -> 03:00 CEST at 01:00 UTC)
        FirmDayClock c = FirmDayClock.of("Europe/Prague", LocalTime.of(2, 30));
        assertThat(c.nextReset(t("2024-03-31T00:00:00Z"))).isEqualTo(t("2024-03-31T01:00:00Z"));
        assertThat(c.nextReset(t("2024-03-31T01:00:00Z"))).isEqualTo(t("2024-04-01T00:30:00Z"));
    }

    @Test
    void aResetSkippedByTheGapStartsItsDayAtTheTransitionInBothApis() {
        // Prague 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00 UTC, so 02:30 is skipped
        FirmDayClock c = FirmDayClock.of("Europe/Prague", "02:30");
        assertThat(c.startMs(day("2026-03-29"))).isEqualTo(t("2026-03-29T01:00:00Z"));
        assertThat(c.endMs(day("2026-03-28"))).isEqualTo(t("2026-03-29T01:00:00Z"));
        assertThat(c.endMs(day("2026-03-28")) - c.startMs(day("2026-03-28"))).isEqualTo(23 * HOUR + 30 * 60_000L);
        assertThat(c.dayOf(t("2026-03-29T01:00:00Z") - 1)).isEqualTo(day("2026-03-28"));
        assertThat(c.dayOf(t("2026-03-29T01:00:00Z"))).isEqualTo(day("2026-03-29"));
        assertThat(c.dayOf(t("2026-03-29T01:15:00Z"))).isEqualTo(day("2026-03-29")); // 03:15 local, after the reset
        assertThat(c.dayStart(t("2026-03-29T01:15:00Z"))).isEqualTo(t("2026-03-29T01:00:00Z"));
        assertThat(c.nextReset(t("2026-03-29T01:15:00Z"))).isEqualTo(t("2026-03-30T00:30:00Z"));
        // Chicago 2026-03-08: 02:00 CST -> 03:00 CDT at 08:00 UTC; a 02:00 reset happens at the transition
        FirmDayClock chicago = FirmDayClock.of("America/Chicago", "02:00");
        assertThat(chicago.startMs(day("2026-03-08"))).isEqualTo(t("2026-03-08T08:00:00Z"));
        assertThat(chicago.dayOf(t("2026-03-08T07:59:59Z"))).isEqualTo(day("2026-03-07"));
        assertThat(chicago.dayOf(t("2026-03-08T08:00:00Z"))).isEqualTo(day("2026-03-08"));
    }

    @Test
    void aResetTimeInsideTheAutumnOverlapUsesTheFirstOccurrence() {
        FirmDayClock c = FirmDayClock.of("Europe/Prague", LocalTime.of(2, 30));
        // 02:30 happens twice on 2024-10-27: 00:30 UTC (CEST) and 01:30 UTC (CET)
        assertThat(c.nextReset(t("2024-10-27T00:00:00Z"))).isEqualTo(t("2024-10-27T00:30:00Z"));
        assertThat(c.dayStart(t("2024-10-27T01:45:00Z"))).isEqualTo(t("2024-10-27T00:30:00Z"));
        assertThat(c.dayOf(t("2024-10-27T01:15:00Z"))).isEqualTo(day("2024-10-27")); // the second 02:15, after the reset
    }

    @Test
    void aResetIsTheStartOfItsOwnDay() {
        FirmDayClock c = FirmDayClock.of(Zones.BROKER_US_DST, LocalTime.MIDNIGHT);
        long r = t("2024-07-01T21:00:00Z");
        assertThat(c.dayStart(r)).isEqualTo(r);
        assertThat(c.dayOf(r)).isEqualTo(day("2024-07-02"));
        assertThat(c.nextReset(r)).isEqualTo(t("2024-07-02T21:00:00Z"));
        assertThat(c.dayStart(r - 1)).isEqualTo(t("2024-06-30T21:00:00Z"));
        assertThat(c.dayOf(r - 1)).isEqualTo(day("2024-07-01"));
    }

    @Test
    void brokerServerUsDstMatchesNewYorkFivePmAllYear() {
        FirmDayClock server = FirmDayClock.of(Zones.BROKER_US_DST, LocalTime.MIDNIGHT);
        FirmDayClock ny = FirmDayClock.of("America/New_York", LocalTime.of(17, 0));
        for (long x = t("2023-01-01T00:00:00Z"); x < t("2026-01-01T00:00:00Z"); x += 7 * HOUR + 13 * 60_000L) {
            assertThat(server.nextReset(x)).as(Timestamps.format(x)).isEqualTo(ny.nextReset(x));
            // server day D starts at D 00:00 server time = D-1 17:00 New York
            assertThat(server.dayOf(x)).as(Timestamps.format(x)).isEqualTo(ny.dayOf(x).plusDays(1));
        }
    }

    @Test
    void ftmoDaysArePragueMidnightAndLast23Or25HoursInDstWeeks() {
        FirmDayClock c = ProfileLoader.bundled("ftmo-2step").dayClock();
        assertThat(c.zone()).isEqualTo("Europe/Prague");
        assertThat(c.resetTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(c).isEqualTo(FirmDayClock.of("Europe/Prague", (String) null));
        assertThat(c.dayOf(t("2026-03-29T12:00:00Z"))).isEqualTo(day("2026-03-29"));
        assertThat(c.startMs(day("2026-03-29"))).isEqualTo(t("2026-03-28T23:00:00Z"));
        assertThat(c.endMs(day("2026-03-29"))).isEqualTo(t("2026-03-29T22:00:00Z"));
        assertThat(c.nextReset(t("2026-03-29T12:00:00Z"))).isEqualTo(t("2026-03-29T22:00:00Z"));
        assertThat(c.startMs(day("2026-10-25"))).isEqualTo(t("2026-10-24T22:00:00Z"));
        assertThat(c.endMs(day("2026-10-25")) - c.startMs(day("2026-10-25"))).isEqualTo(25 * HOUR);
        assertThat(c.dayOf(t("2026-03-28T23:00:00Z") - 1)).isEqualTo(day("2026-03-28"));
        assertThat(c.dayOf(t("2026-03-28T23:00:00Z"))).isEqualTo(day("2026-03-29"));
    }

    @Test
    void topstepDaysStartAt5pmChicagoAndAreNamedByTheResetDate() {
        FirmDayClock c = ProfileLoader.bundled("topstep-50k").dayClock();
        assertThat(c.zone()).isEqualTo("America/Chicago");
        assertThat(c.resetTime()).isEqualTo(LocalTime.of(17, 0));
        // Friday 2026-03-06 17:00 CST = 23:00Z; the US switch (2026-03-08 02:00) shortens day 2026-03-07 to 23 h
        assertThat(c.dayOf(t("2026-03-06T23:00:00Z"))).isEqualTo(day("2026-03-06"));
        assertThat(c.dayOf(t("2026-03-06T22:59:59Z"))).isEqualTo(day("2026-03-05"));
        assertThat(c.startMs(day("2026-03-07"))).isEqualTo(t("2026-03-07T23:00:00Z"));
        assertThat(c.endMs(day("2026-03-07"))).isEqualTo(t("2026-03-08T22:00:00Z"));
        assertThat(c.dayStart(t("2026-03-08T12:00:00Z"))).isEqualTo(t("2026-03-07T23:00:00Z"));
        assertThat(c.nextReset(t("2026-03-08T12:00:00Z"))).isEqualTo(t("2026-03-08T22:00:00Z"));
    }

    @Test
    void usDstServerMidnightIsTwoHoursBeforePragueMidnightBetweenTheSwitches() {
        FirmDayClock the5ers = ProfileLoader.bundled("the5ers-high-stakes").dayClock();
        FirmDayClock ftmo = ProfileLoader.bundled("ftmo-2step").dayClock();
        assertThat(the5ers.zone()).isEqualTo(Zones.BROKER_US_DST);
        // server day 2026-03-08 starts at GMT+2 midnight and ends at GMT+3 midnight (New York switched at 07:00Z)
        assertThat(the5ers.startMs(day("2026-03-08"))).isEqualTo(t("2026-03-07T22:00:00Z"));
        assertThat(the5ers.endMs(day("2026-03-08"))).isEqualTo(t("2026-03-08T21:00:00Z"));
        assertThat(ftmo.startMs(day("2026-03-10")) - the5ers.startMs(day("2026-03-10"))).isEqualTo(2 * HOUR);
        assertThat(ftmo.startMs(day("2026-04-10")) - the5ers.startMs(day("2026-04-10"))).isEqualTo(HOUR);
        FirmDayClock fundingPips = ProfileLoader.bundled("fundingpips-2step").dayClock();
        assertThat(fundingPips.startMs(day("2026-03-29"))).isEqualTo(t("2026-03-28T21:00:00Z"));
        assertThat(fundingPips.startMs(day("2026-07-01"))).isEqualTo(t("2026-06-30T21:00:00Z"));
    }

    /** The engine's day boundaries (what every rule sees) are the clock's, over a year with both DST switches. */
    @ParameterizedTest
    @MethodSource("profiles")
    void everyBundledProfileGivesTheEngineTheClocksDays(String id) {
        FirmProfile p = ProfileLoader.bundled(id);
        FirmDayClock c = p.dayClock();
        assertThat(c.zone()).isEqualTo(p.dayReset().zone());
        assertThat(c.resetTime()).isEqualTo(p.dayReset().time());
        GovernorEngine engine = GovernorEngine.start(p, 100_000, "USD");
        int days = 0;
        LocalDate previous = null;
        for (long x = t("2026-01-01T00:00:00Z"); x < t("2027-01-01T00:00:00Z"); x += HOUR + 37 * 60_000L) {
            engine.evaluate(new ClockTick(x));
            StateSnapshot s = engine.snapshot();
            String at = id + " at " + Timestamps.format(x);
            assertThat(s.dayStartMs()).as(at).isEqualTo(c.dayStart(x));
            assertThat(s.nextResetMs()).as(at).isEqualTo(c.nextReset(x));
            LocalDate d = c.dayOf(x);
            assertThat(c.startMs(d)).as(at).isEqualTo(s.dayStartMs());
            assertThat(c.endMs(d)).as(at).isEqualTo(s.nextResetMs());
            if (!d.equals(previous)) days++;
            previous = d;
            ZoneId zone = zoneIdOrNull(p.dayReset().zone());
            if (zone != null) { // same days as java.time's own arithmetic where no reset falls in a gap
                assertThat(c.startMs(d)).as(at).isEqualTo(ZonedDateTime.of(d, c.resetTime(), zone).toInstant().toEpochMilli());
            }
        }
        assertThat(days).as(id).isBetween(365, 366);
    }

    static List<String> profiles() {
        return ProfileLoader.BUNDLED;
    }

    private static ZoneId zoneIdOrNull(String zone) {
        return zone.startsWith("Broker/") ? null : ZoneId.of(zone);
    }

    @Test
    void wallTimeAndOffsetOnABrokerClockAcrossTheUsSwitch() {
        // a US-DST server goes from GMT+2 to GMT+3 when New York springs forward: 2026-03-08 07:00 UTC
        FirmDayClock c = FirmDayClock.of(Zones.BROKER_US_DST, "00:00");
        assertThat(c.wallTime(t("2026-03-08T06:59:59Z"))).isEqualTo("2026-03-08T08:59:59");
        assertThat(c.offset(t("2026-03-08T06:59:59Z"))).hasToString("+02:00");
        assertThat(c.wallTime(t("2026-03-08T07:00:00Z"))).isEqualTo("2026-03-08T10:00");
        assertThat(c.offset(t("2026-03-08T07:00:00Z"))).hasToString("+03:00");
        // each reset is server midnight, which is 17:00 New York on both sides of the switch
        assertThat(c.wallTime(c.nextReset(t("2026-03-08T12:00:00Z")))).isEqualTo("2026-03-09T00:00");
        assertThat(c.nextReset(t("2026-03-08T12:00:00Z"))).isEqualTo(t("2026-03-08T21:00:00Z"));
        FirmDayClock chicago = FirmDayClock.of("America/Chicago", "17:00");
        assertThat(chicago.wallTime(chicago.nextReset(t("2026-03-08T12:00:00Z")))).isEqualTo("2026-03-08T17:00");
        assertThat(chicago.offset(t("2026-03-08T12:00:00Z"))).hasToString("-05:00");
        assertThat(chicago.offset(t("2026-03-07T12:00:00Z"))).hasToString("-06:00");
        assertThat(chicago.wallTime(-1)).isEqualTo("1969-12-31T17:59:59.999"); // before the epoch: no rounding up
    }

    @Test
    void badZonesAndTimesAreNamed() {
        assertThatThrownBy(() -> Zones.rules("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> new DayResetConfig("Mars/Olympus", LocalTime.MIDNIGHT))
                .isInstanceOf(ProfileException.class).hasMessageContaining("dayReset.zone").hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> FirmDayClock.of("Europe/Pargue", "00:00")).hasMessageContaining("Europe/Pargue");
        assertThatThrownBy(() -> FirmDayClock.of("Europe/Prague", "25:00")).hasMessageContaining("25:00");
        assertThatThrownBy(() -> FirmDayClock.of("Europe/Prague", (LocalTime) null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The year table gives exactly what the definition gives, around every DST switch and at random instants. */
    @Test
    void cachedResetsEqualTheDirectComputation() {
        List<FirmDayClock> clocks = new java.util.ArrayList<>();
        for (String id : ProfileLoader.BUNDLED) clocks.add(ProfileLoader.bundled(id).dayClock());
        clocks.add(FirmDayClock.of("Europe/Prague", "02:30"));     // skipped by the spring gap
        clocks.add(FirmDayClock.of("America/New_York", "01:30"));  // repeated by the autumn overlap
        clocks.add(FirmDayClock.of("Broker/EU-DST", "23:00"));
        clocks.add(FirmDayClock.of("UTC-10:00", "22:00"));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        long from = t("1972-01-01T00:00:00Z"), to = t("2198-12-31T00:00:00Z");
        for (FirmDayClock c : clocks) {
            for (int i = 0; i < 20_000; i++) {
                long x = i < 2_000 ? t("2026-01-01T00:00:00Z") + (long) i * 15 * 60_000L * 17 : rng.nextLong(from, to);
                LocalDate day = c.dayOfDirect(x);
                assertThat(c.dayOf(x)).as("%s dayOf %s", c, Timestamps.format(x)).isEqualTo(day);
                assertThat(c.nextReset(x)).as("%s nextReset %s", c, Timestamps.format(x)).isEqualTo(c.nextResetDirect(x));
                assertThat(c.dayStart(x)).as("%s dayStart %s", c, Timestamps.format(x)).isLessThanOrEqualTo(x)
                        .isEqualTo(c.startMs(day));
                assertThat(c.nextReset(c.dayStart(x))).isEqualTo(c.endMs(day));
            }
            // the edges of the table fall back to the direct computation with the same answers
            for (long x : new long[]{t("1970-06-01T12:00:00Z"), t("1971-01-01T00:30:00Z"), t("2199-12-31T23:30:00Z"),
                    t("2250-03-30T01:00:00Z")}) {
                assertThat(c.dayOf(x)).isEqualTo(c.dayOfDirect(x));
                assertThat(c.nextReset(x)).isEqualTo(c.nextResetDirect(x));
            }
        }
    }
}
