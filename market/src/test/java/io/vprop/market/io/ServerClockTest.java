package io.vprop.market.io;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broker server time to UTC: fixed offsets, IANA zones and the "New York close" servers (NY+7). */
class ServerClockTest {
    @TempDir
    Path dir;

    /** A wall-clock reading "yyyy-MM-ddTHH:mm:ss" as the readers pass it: epoch ms as if it were UTC. */
    private static long wall(String local) { return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC).toEpochMilli(); }

    private static long utc(String instant) { return Instant.parse(instant).toEpochMilli(); }

    @Test
    void newYorkCloseServersAreGmtPlus2InWinterAndPlus3InSummerWithMidnightAt17NewYork() {
        ServerClock ny = ServerClock.parse("NY+7");
        assertThat(ny.toUtc(wall("2014-01-15T10:00:00"))).isEqualTo(utc("2014-01-15T08:00:00Z"));
        assertThat(ny.toUtc(wall("2014-07-15T10:00:00"))).isEqualTo(utc("2014-07-15T07:00:00Z"));
        for (String day : new String[]{"2014-01-15", "2014-07-15", "2009-11-02", "2021-03-10"}) {
            long midnight = ny.toUtc(wall(day + "T00:00:00"));
            assertThat(Instant.ofEpochMilli(midnight).atZone(ZoneId.of("America/New_York")).getHour())
                    .as("server midnight of %s is 17:00 in New York", day).isEqualTo(17);
        }
        // the US moved its clocks on 2014-03-09 (Europe three weeks later): from that Monday the server is GMT+3
        assertThat(ny.toUtc(wall("2014-03-07T12:00:00"))).isEqualTo(utc("2014-03-07T10:00:00Z"));
        assertThat(ny.toUtc(wall("2014-03-10T12:00:00"))).isEqualTo(utc("2014-03-10T09:00:00Z"));
        assertThat(ny.toUtc(wall("2014-03-20T12:00:00"))).as("Europe still on winter time").isEqualTo(utc("2014-03-20T09:00:00Z"));
        assertThat(ServerClock.parse("new-york-close").toUtc(wall("2014-07-15T10:00:00"))).isEqualTo(utc("2014-07-15T07:00:00Z"));
        assertThat(ServerClock.parse("Broker/US-DST").describe()).startsWith("NY+7");
    }

    @Test
    void offsetsAndZonesParseAndUnknownNamesSayWhatIsAccepted() {
        assertThat(ServerClock.parse("UTC").isUtc()).isTrue();
        assertThat(ServerClock.parse("+02:00").toUtc(wall("2014-07-15T10:00:00"))).isEqualTo(utc("2014-07-15T08:00:00Z"));
        assertThat(ServerClock.parse("UTC+3").toUtc(wall("2014-01-15T10:00:00"))).isEqualTo(utc("2014-01-15T07:00:00Z"));
        assertThat(ServerClock.parse("GMT-5").toUtc(wall("2014-01-15T10:00:00"))).isEqualTo(utc("2014-01-15T15:00:00Z"));
        ServerClock athens = ServerClock.parse("Europe/Athens");
        assertThat(athens.toUtc(wall("2014-01-15T10:00:00"))).isEqualTo(utc("2014-01-15T08:00:00Z"));
        assertThat(athens.toUtc(wall("2014-07-15T10:00:00"))).isEqualTo(utc("2014-07-15T07:00:00Z"));
        assertThatThrownBy(() -> ServerClock.parse("Mars/Olympus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Mars/Olympus'").hasMessageContaining("NY+7");
        assertThatThrownBy(() -> ServerClock.parse(" ")).hasMessageContaining("missing");
    }

    @Test
    void theAutumnsRepeatedHourIsReadAsTheFirstAndTheSpringGapAsBeforeTheChange() {
        ServerClock athens = ServerClock.zone(ZoneId.of("Europe/Athens"));   // 2014-10-26 04:00 → 03:00, 2014-03-30 03:00 → 04:00
        assertThat(athens.toUtc(wall("2014-10-26T03:30:00"))).isEqualTo(utc("2014-10-26T00:30:00Z"));
        assertThat(athens.toUtc(wall("2014-03-30T03:30:00"))).isEqualTo(utc("2014-03-30T01:30:00Z"));
    }

    @Test
    void anMt5ExportInServerTimeBecomesUtc() throws Exception {
        Path ticks = dir.resolve("EURUSD_broker.ticks.csv");
        Files.writeString(ticks, "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n"
                + "2014.07.15\t10:00:00.250\t1.36000\t1.36010\t\t\t6\n"
                + "2014.07.15\t10:00:01.000\t1.36001\t\t\t\t2\n", StandardCharsets.US_ASCII);
        try (Mt5TickReader r = MarketFiles.openTicks(ticks, null, ServerClock.newYorkClose(), ParseMode.STRICT)) {
            Tick t = r.next();
            assertThat(t.timeMs()).isEqualTo(utc("2014-07-15T07:00:00.250Z"));
            assertThat(r.next().timeMs()).isEqualTo(utc("2014-07-15T07:00:01Z"));
        }
        Path bars = dir.resolve("EURUSD_broker_H4.bars.csv");
        Files.writeString(bars, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                + "2014.01.15\t00:00:00\t1.36000\t1.36100\t1.35900\t1.36050\t100\t0\t12\n", StandardCharsets.US_ASCII);
        try (BarSource r = MarketFiles.openBars(bars, null, Timeframe.H4, ServerClock.newYorkClose(), ParseMode.STRICT)) {
            Bar b = r.next();
            assertThat(b.openTimeMs()).as("the H4 bar of server midnight opens at 17:00 New York").isEqualTo(utc("2014-01-14T22:00:00Z"));
        }
        assertThat(MarketFiles.timesCarryTheirZone(ticks)).isFalse();
    }

    @Test
    void aTimestampsOwnOffsetWinsOverTheFileClock() throws Exception {
        Path csv = dir.resolve("GBPUSD_M1.csv");
        Files.writeString(csv, "timestamp,open,high,low,close\n2012-02-01 00:00:00+00:00,1.5,1.6,1.4,1.55\n", StandardCharsets.US_ASCII);
        try (BarSource r = MarketFiles.openBars(csv, null, Timeframe.M1, ServerClock.newYorkClose(), ParseMode.STRICT)) {
            assertThat(r.next().openTimeMs()).isEqualTo(utc("2012-02-01T00:00:00Z"));
        }
        assertThat(MarketFiles.timesCarryTheirZone(csv)).isTrue();
    }

    @Test
    void whichSharedFilesNeedAClock() {
        for (String mt5 : new String[]{SharedData.EURUSD_TICKS, SharedData.AUDUSD_TICKS, SharedData.EURUSD_M1, SharedData.EURUSD_H1})
            assertThat(MarketFiles.timesCarryTheirZone(SharedData.file(mt5))).as(mt5).isFalse();
        assertThat(MarketFiles.timesCarryTheirZone(SharedData.file(SharedData.GBPUSD_BID))).as("ISO with +00:00").isTrue();
        assertThat(MarketFiles.timesCarryTheirZone(SharedData.file(SharedData.CME_6E))).as("timestamp_utc").isTrue();
    }
}
