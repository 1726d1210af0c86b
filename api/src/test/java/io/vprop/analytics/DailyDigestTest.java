package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.time.FirmDayClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static io.vprop.analytics.Fixtures.t;
import static io.vprop.analytics.Fixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The firm day (the profile's {@link FirmDayClock}, the governors' clock) and the digest across the 2026
 * daylight-saving switches (US 8 March, Europe 29 March).
 */
class DailyDigestTest {
    private final FirmDayClock prague = ProfileLoader.bundled("ftmo-2step").dayClock();

    @Test
    void pragueDayIs23HoursOnTheSpringForwardSunday() {
        LocalDate d = LocalDate.of(2026, 3, 29);
        // 00:00 CET = 23:00Z the day before; the next midnight is CEST (UTC+2) = 22:00Z
        assertThat(prague.startMs(d)).isEqualTo(t("2026-03-28T23:00:00Z"));
        assertThat(prague.endMs(d)).isEqualTo(t("2026-03-29T22:00:00Z"));
        assertThat(prague.dayOf(t("2026-03-28T22:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 28)); // 23:59:59 CET
        assertThat(prague.dayOf(t("2026-03-28T23:00:00Z"))).isEqualTo(d);
        assertThat(prague.dayOf(t("2026-03-29T21:59:59Z"))).isEqualTo(d);                         // 23:59:59 CEST
        assertThat(prague.dayOf(t("2026-03-29T22:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(prague.nextReset(t("2026-03-29T12:00:00Z"))).isEqualTo(t("2026-03-29T22:00:00Z"));
    }

    @Test
    void theUsSwitchDoesNotMoveAPragueResetButMovesANewYorkOne() {
        // 8 March 2026: New York springs forward, Prague does not; its midnight stays 23:00Z
        assertThat(prague.startMs(LocalDate.of(2026, 3, 9))).isEqualTo(t("2026-03-08T23:00:00Z"));
        assertThat(prague.startMs(LocalDate.of(2026, 3, 8))).isEqualTo(t("2026-03-07T23:00:00Z"));
        // a 17:00 New York reset (a day is named by the date its reset falls on): 22:00Z in EST, 21:00Z in EDT
        FirmDayClock ny = FirmDayClock.of("America/New_York", LocalTime.of(17, 0));
        assertThat(ny.startMs(LocalDate.of(2026, 3, 7))).isEqualTo(t("2026-03-07T22:00:00Z"));
        assertThat(ny.startMs(LocalDate.of(2026, 3, 8))).isEqualTo(t("2026-03-08T21:00:00Z"));
        assertThat(ny.endMs(LocalDate.of(2026, 3, 7)) - ny.startMs(LocalDate.of(2026, 3, 7))).isEqualTo(23 * 3_600_000L);
        assertThat(ny.dayOf(t("2026-03-08T21:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 8)); // 17:30 EDT
        assertThat(ny.dayOf(t("2026-03-08T20:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 7)); // 16:30 EDT
    }

    @Test
    void topstepsChicagoDayIs23HoursAcrossTheUsSwitchAndItsDigestSaysSo() {
        FirmDayClock chicago = ProfileLoader.bundled("topstep-50k").dayClock();   // 17:00 America/Chicago
        LocalDate d = LocalDate.of(2026, 3, 7);                                   // Sat 17:00 CST to Sun 17:00 CDT
        assertThat(chicago.startMs(d)).isEqualTo(t("2026-03-07T23:00:00Z"));
        assertThat(chicago.endMs(d)).isEqualTo(t("2026-03-08T22:00:00Z"));
        assertThat(chicago.dayOf(t("2026-03-08T21:59:59Z"))).isEqualTo(d);           // 16:59:59 CDT
        assertThat(chicago.dayOf(t("2026-03-08T22:00:00Z"))).isEqualTo(d.plusDays(1));
        List<Trade> trades = List.of(
                trade(1, "ema", "EURUSD", 10, "2026-03-07T20:00:00Z", "2026-03-07T22:59:00Z"),  // 16:59 CST: day 6
                trade(2, "ema", "EURUSD", 20, "2026-03-07T22:00:00Z", "2026-03-07T23:00:00Z"),  // 17:00 CST: day 7
                trade(3, "ema", "EURUSD", 30, "2026-03-08T20:00:00Z", "2026-03-08T21:59:00Z"),  // 16:59 CDT: day 7
                trade(4, "ema", "EURUSD", 40, "2026-03-08T21:00:00Z", "2026-03-08T22:00:00Z")); // 17:00 CDT: day 8
        DailyDigest digest = DailyDigest.of(d, chicago, trades, 50_000);
        assertThat(digest.hours()).isEqualTo(23.0);
        assertThat(digest.zone()).isEqualTo("America/Chicago");
        assertThat(digest.resetTime()).isEqualTo("17:00");
        assertThat(digest.trades()).extracting(Trade::position).containsExactly(2L, 3L);
    }

    @Test
    void aBrokerServerDayIsNamedByTheServerDateOfItsReset() {
        // The5ers: 00:00 on a US-DST broker server = 17:00 New York; Friday 17:00 New York starts Saturday's day
        FirmDayClock server = ProfileLoader.bundled("the5ers-high-stakes").dayClock();
        assertThat(server.zone()).isEqualTo("Broker/US-DST");
        assertThat(server.dayOf(t("2026-03-06T21:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 6));
        assertThat(server.dayOf(t("2026-03-06T22:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 7));
        assertThat(server.endMs(LocalDate.of(2026, 3, 8))).isEqualTo(t("2026-03-08T21:00:00Z")); // GMT+3 from 8 March
        DailyDigest digest = DailyDigest.of(LocalDate.of(2026, 3, 8), server, List.of(), 100_000);
        assertThat(digest.hours()).isEqualTo(23.0);
        assertThat(digest.startUtc()).isEqualTo("2026-03-07T22:00:00Z");
    }

    @Test
    void aResetSkippedByTheGapStartsTheDayAtTheTransition() {
        // 02:30 does not exist in Prague on 2026-03-29 (02:00 CET -> 03:00 CEST at 01:00 UTC): the day starts at the
        // transition, as the governors' day does, and the day before is 30 minutes short
        FirmDayClock c = FirmDayClock.of("Europe/Prague", "02:30");
        List<Trade> trades = List.of(trade(1, "ema", "EURUSD", 5, "2026-03-29T00:00:00Z", "2026-03-29T00:59:00Z"),
                trade(2, "ema", "EURUSD", 6, "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z"));
        DailyDigest before = DailyDigest.of(LocalDate.of(2026, 3, 28), c, trades, 1_000);
        DailyDigest on = DailyDigest.of(LocalDate.of(2026, 3, 29), c, trades, 1_000);
        assertThat(before.endUtc()).isEqualTo("2026-03-29T01:00:00Z").isEqualTo(on.startUtc());
        assertThat(before.hours()).isEqualTo(23.5);
        assertThat(before.trades()).extracting(Trade::position).containsExactly(1L);
        assertThat(on.trades()).extracting(Trade::position).containsExactly(2L);
    }

    @Test
    void digestAcrossTheResetInTheDstWeekWritesJsonAndCsv(@TempDir Path dir) throws Exception {
        List<Trade> trades = List.of(
                trade(1, "ema", "EURUSD", 100, "2026-03-28T21:00:00Z", "2026-03-28T22:30:00Z"),  // 23:30 CET: day 28
                trade(2, "ema", "EURUSD", -40, "2026-03-28T22:45:00Z", "2026-03-28T23:30:00Z"),  // 00:30 CET: day 29
                trade(3, "mr,1", "GBPUSD", 70, "2026-03-29T20:00:00Z", "2026-03-29T21:30:00Z"),  // 23:30 CEST: day 29
                trade(4, "ema", "GBPUSD", 500, "2026-03-29T21:45:00Z", "2026-03-29T22:30:00Z")); // 00:30 CEST: day 30
        DailyDigest d = DailyDigest.of(LocalDate.of(2026, 3, 29), prague, trades, 10_100);
        assertThat(d.hours()).isEqualTo(23.0);
        assertThat(d.startUtc()).isEqualTo("2026-03-28T23:00:00Z");
        assertThat(d.endUtc()).isEqualTo("2026-03-29T22:00:00Z");
        assertThat(d.trades()).extracting(Trade::position).containsExactly(2L, 3L);
        assertThat(d.overall().net()).isEqualTo(30.0);
        assertThat(d.overall().maxDrawdown()).isEqualTo(40.0);
        assertThat(d.bySession()).containsOnlyKeys("Asia", "New York"); // 22:45Z is Asia, 20:00Z New York
        assertThat(d.byAlpha()).containsOnlyKeys("ema", "mr,1");

        ObjectMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        DigestWriter w = new DigestWriter(dir.resolve("digests"), json);
        w.write(d);
        JsonNode back = json.readTree(Files.readString(w.jsonFile(d.day())));
        assertThat(back.path("day").asText()).isEqualTo("2026-03-29");
        assertThat(back.path("zone").asText()).isEqualTo("Europe/Prague");
        assertThat(back.path("reset_time").asText()).isEqualTo("00:00");
        assertThat(back.path("overall").path("net").asDouble()).isEqualTo(30.0);
        assertThat(back.path("trades")).hasSize(2);
        assertThat(back.path("trades").get(0).path("side").asText()).isEqualTo("buy"); // the wire word, as the panel reads it
        List<String> csv = Files.readAllLines(w.csvFile(d.day()));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).isEqualTo(DailyDigest.CSV_HEADER);
        assertThat(csv.get(1)).startsWith("2026-03-29,p1,2,EURUSD,buy,ema,,Asia,2026-03-28T22:45:00Z,2026-03-28T23:30:00Z,1,1,1,-40,0,0,-40,2");
        assertThat(csv.get(2)).contains(",\"mr,1\",");                       // quoted, not split
        assertThat(Files.list(w.dir())).noneMatch(p -> p.toString().endsWith(".tmp"));

        DailyDigest next = DailyDigest.of(LocalDate.of(2026, 3, 30), prague, trades, 10_130);
        assertThat(next.hours()).isEqualTo(24.0);
        assertThat(next.trades()).extracting(Trade::position).containsExactly(4L);
    }

    @Test
    void badZoneOrResetIsNamed() {
        assertThatThrownBy(() -> FirmDayClock.of("Europe/Pargue", "00:00")).hasMessageContaining("Europe/Pargue");
        assertThatThrownBy(() -> FirmDayClock.of("Europe/Prague", "25:00")).hasMessageContaining("25:00");
        assertThat(FirmDayClock.of("Europe/Prague", (String) null)).isEqualTo(prague);
    }
}
