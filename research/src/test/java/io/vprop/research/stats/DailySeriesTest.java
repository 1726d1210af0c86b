package io.vprop.research.stats;

import io.vprop.research.EquityPoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailySeriesTest {
    static long ms(String isoLocal) {
        return LocalDateTime.parse(isoLocal).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void weekendProfitLandsOnMondayAndA2400SampleClosesItsDay() {
        // 2023-09-08 is a Friday
        List<EquityPoint> curve = List.of(
                new EquityPoint(ms("2023-09-07T10:00"), 1000, 1001),  // Thu
                new EquityPoint(ms("2023-09-08T00:00"), 1000, 1002),  // exactly Thu 24:00: Thursday's close
                new EquityPoint(ms("2023-09-08T20:00"), 1000, 1003),  // Fri
                new EquityPoint(ms("2023-09-10T21:00"), 1000, 1007),  // Sunday evening open
                new EquityPoint(ms("2023-09-11T12:00"), 1000, 1005)); // Mon
        DailySeries s = DailySeries.fromEquity(curve, 1000, ms("2023-09-06T00:00"), ms("2023-09-12T00:00"));
        assertThat(s.days()).containsExactly(day("2023-09-06"), day("2023-09-07"), day("2023-09-08"), day("2023-09-11"));
        assertThat(s.equity()).containsExactly(1000, 1002, 1003, 1005);
        assertThat(s.pnl()).containsExactly(0, 2, 1, 2);
        assertThat(s.returns()[1]).isEqualTo(1002 / 1000.0 - 1);
    }

    @Test
    void sumAddsDailyProfitsOnOneAccountAndStitchesConsecutiveWindows() {
        DailySeries a = new DailySeries(new int[]{day("2023-09-11"), day("2023-09-12")}, new double[]{110, 105}, 100);
        DailySeries b = new DailySeries(new int[]{day("2023-09-12"), day("2023-09-13")}, new double[]{98, 101}, 100);
        DailySeries s = DailySeries.sum(List.of(a, b), 200);
        assertThat(s.days()).containsExactly(day("2023-09-11"), day("2023-09-12"), day("2023-09-13"));
        // profits: Mon +10, Tue −5 −2, Wed +3
        assertThat(s.equity()).containsExactly(210, 203, 206);
    }

    @Test
    void rejectsWeekendDaysAndOutOfOrderSamples() {
        assertThatThrownBy(() -> new DailySeries(new int[]{day("2023-09-09")}, new double[]{1}, 1))
                .hasMessageContaining("weekend");
        assertThatThrownBy(() -> DailySeries.fromEquity(List.of(new EquityPoint(ms("2023-09-12T10:00"), 1, 1),
                new EquityPoint(ms("2023-09-12T09:00"), 1, 1)), 1, ms("2023-09-11T00:00"), ms("2023-09-13T00:00")))
                .hasMessageContaining("out of time order");
    }

    @Test
    void monthlyReturnsCompareMonthEnds() {
        DailySeries s = new DailySeries(new int[]{day("2023-08-30"), day("2023-08-31"), day("2023-09-01"), day("2023-09-29")},
                new double[]{1010, 1020, 1000, 1071}, 1000);
        assertThat(MonthlyReturn.of(s)).extracting(MonthlyReturn::month).containsExactly(8, 9);
        assertThat(MonthlyReturn.of(s).get(0).returnPct()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(MonthlyReturn.of(s).get(1).returnPct()).isCloseTo(5.0, org.assertj.core.api.Assertions.within(1e-12));
    }
}
