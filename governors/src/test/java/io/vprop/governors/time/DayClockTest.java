package io.vprop.governors.time;

import io.vprop.governors.config.Timestamps;
import io.vprop.governors.profile.DayResetConfig;
import io.vprop.governors.profile.ProfileException;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayClockTest {
    static long t(String iso) {
        return Timestamps.parse("t", iso);
    }

    @Test
    void aResetTimeInsideTheSpringGapFallsOnTheTransition() {
        // 02:30 does not exist in Prague on 2024-03-31 (02:00 CET -> 03:00 CEST at 01:00 UTC)
        DayClock c = new DayClock(Zones.rules("Europe/Prague"), LocalTime.of(2, 30));
        assertThat(c.nextReset(t("2024-03-31T00:00:00Z"))).isEqualTo(t("2024-03-31T01:00:00Z"));
        assertThat(c.nextReset(t("2024-03-31T01:00:00Z"))).isEqualTo(t("2024-04-01T00:30:00Z"));
    }

    @Test
    void aResetTimeInsideTheAutumnOverlapUsesTheFirstOccurrence() {
        DayClock c = new DayClock(Zones.rules("Europe/Prague"), LocalTime.of(2, 30));
        // 02:30 happens twice on 2024-10-27: 00:30 UTC (CEST) and 01:30 UTC (CET)
        assertThat(c.nextReset(t("2024-10-27T00:00:00Z"))).isEqualTo(t("2024-10-27T00:30:00Z"));
        assertThat(c.dayStart(t("2024-10-27T01:45:00Z"))).isEqualTo(t("2024-10-27T00:30:00Z"));
    }

    @Test
    void aResetIsTheStartOfItsOwnDay() {
        DayClock c = new DayClock(Zones.rules(Zones.BROKER_US_DST), LocalTime.MIDNIGHT);
        long r = t("2024-07-01T21:00:00Z");
        assertThat(c.dayStart(r)).isEqualTo(r);
        assertThat(c.nextReset(r)).isEqualTo(t("2024-07-02T21:00:00Z"));
        assertThat(c.dayStart(r - 1)).isEqualTo(t("2024-06-30T21:00:00Z"));
    }

    @Test
    void brokerServerUsDstMatchesNewYorkFivePmAllYear() {
        DayClock server = new DayClock(Zones.rules(Zones.BROKER_US_DST), LocalTime.MIDNIGHT);
        DayClock ny = new DayClock(Zones.rules("America/New_York"), LocalTime.of(17, 0));
        for (long x = t("2023-01-01T00:00:00Z"); x < t("2026-01-01T00:00:00Z"); x += 7 * 3_600_000L + 13 * 60_000L) {
            assertThat(server.nextReset(x)).as(Timestamps.format(x)).isEqualTo(ny.nextReset(x));
        }
    }

    @Test
    void unknownZonesNameTheValueAndProfilesNameTheField() {
        assertThatThrownBy(() -> Zones.rules("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> new DayResetConfig("Mars/Olympus", LocalTime.MIDNIGHT))
                .isInstanceOf(ProfileException.class).hasMessageContaining("dayReset.zone").hasMessageContaining("Mars/Olympus");
    }
}
