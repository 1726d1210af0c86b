package io.vprop.signal.data;

import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DataReadersTest {

    @Test
    void readsTheSharedCalendarHonouringOffsetsAndValueFormats() throws IOException {
        List<CalendarEvent> ev = CalendarCsv.read(SharedData.file("calendar/high_impact_events_calendar.csv"));
        assertThat(ev).hasSize(4_700);
        // 1,557 empty Actual values (README) + 54 MPC vote splits like "0-2-7" that are not quantities
        assertThat(ev.stream().filter(e -> Double.isNaN(e.actual())).count()).isEqualTo(1_557 + 54);
        // 2020-04-01T13:15:00+01:00 is 12:15 UTC (README example)
        assertThat(ev).anyMatch(e -> e.timeMs() == Instant.parse("2020-04-01T12:15:00Z").toEpochMilli());
        assertThat(CalendarCsv.number("225K")).isEqualTo(225_000);
        assertThat(CalendarCsv.number("0.3%")).isEqualTo(0.3);
        assertThat(CalendarCsv.number("$20B")).isEqualTo(2e10);
        assertThat(CalendarCsv.number("<0.1%")).isEqualTo(0.1);
        assertThat(CalendarCsv.number("4.17|2.5")).isEqualTo(4.17);
        assertThat(CalendarCsv.number("")).isNaN();
        assertThat(CalendarCsv.number("0-2-7")).isNaN();
        assertThat(CalendarCsv.number("222k")).isEqualTo(222_000);
        assertThatThrownBy(() -> CalendarCsv.number("n/a")).hasMessageContaining("'n/a'");
    }

    @Test
    void calendarEventSourceGivesSignedSurprisesOnlyInsideTheLookback() throws IOException {
        List<CalendarEvent> ev = CalendarCsv.read(SharedData.file("calendar/high_impact_events_calendar.csv"));
        CalendarEventSource src = new CalendarEventSource(ev, 3_600_000L);
        assertThat(src.events("USD")).isGreaterThan(500);
        // ISM Manufacturing PMI 2020-01-03 15:00 UTC: actual 47.2 vs forecast 49.0 → bad for USD
        long t = Instant.parse("2020-01-03T15:00:00Z").toEpochMilli();
        assertThat(src.surprise("USD", t + 60_000)).isNegative();
        assertThat(src.surprise("USD", t - 60_000)).isNotEqualTo(src.surprise("USD", t + 60_000));
        assertThat(src.surprise("USD", t + 2 * 3_600_000L)).isZero();
        assertThat(src.surprise("XXX", t)).isZero();
        // jobless claims above forecast are bad news: sign flipped
        CalendarEventSource claims = new CalendarEventSource(List.of(
                new CalendarEvent(1000, "USD", "High", "Unemployment Claims", 250_000, 220_000, 0)), 10_000);
        // no history: scale = 10 % of |forecast| = 22,000 → z = −30,000 / 22,000 after the sign flip
        assertThat(claims.surprise("USD", 2000)).isCloseTo(Math.tanh(-30_000.0 / 22_000.0), within(1e-12));
        assertThat(CalendarEventSource.higherIsWorse("Unemployment Rate")).isTrue();
        // the 2014 Fed calendar has no numeric surprises in May (speeches): neutral
        CalendarEventSource fed = new CalendarEventSource(CalendarCsv.read(SharedData.file("calendar/fdtr_calendar_2014-04-01_2014-06-30.csv")), 3_600_000L);
        assertThat(fed.surprise("USD", Instant.parse("2014-05-07T14:10:00Z").toEpochMilli())).isZero();
    }

    @Test
    void badCalendarRowsFailWithLineAndText(@TempDir Path dir) throws IOException {
        Path cal = dir.resolve("cal.csv");
        Files.writeString(cal, "DateTime,Currency,Impact,Event,Actual,Forecast,Previous,Detail\n2020-01-02 01:45,CNY,High,PMI,51.5,51.7,51.8,\n");
        assertThatThrownBy(() -> CalendarCsv.read(cal)).hasMessageContaining("line 2").hasMessageContaining("2020-01-02 01:45");
    }
}
