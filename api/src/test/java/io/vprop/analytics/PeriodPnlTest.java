package io.vprop.analytics;

import io.vprop.governors.time.FirmDayClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vprop.analytics.Fixtures.t;
import static io.vprop.analytics.Fixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PeriodPnlTest {
    private static final FirmDayClock TOPSTEP = FirmDayClock.of("America/Chicago", "17:00");
    private static final FirmDayClock FTMO = FirmDayClock.of("Europe/Prague", "00:00");

    // Chicago goes from CST (UTC-6) to CDT (UTC-5) on Sunday 8 March 2026: the 17:00 reset moves from 23:00Z to 22:00Z
    private final List<Trade> trades = List.of(
            trade(1, "a", "EURUSD", 100, "2026-03-06T20:00:00Z", "2026-03-06T22:30:00Z"),   // 16:30 CST Friday: Thursday's day
            trade(2, "a", "EURUSD", -50, "2026-03-06T23:10:00Z", "2026-03-06T23:30:00Z"),   // 17:30 CST: Friday's day
            trade(3, "b", "GBPUSD", 20, "2026-03-09T21:00:00Z", "2026-03-09T22:30:00Z"));   // 17:30 CDT Monday: Monday's day

    @Test
    void daysFollowTheFirmsResetAcrossTheDstSwitchAndListTheEmptyOnes() {
        List<PeriodPnl> d = PeriodPnl.of(PeriodPnl.Unit.DAY, trades, TOPSTEP, 10_000);
        assertThat(d).extracting(PeriodPnl::period).containsExactly("2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09");
        assertThat(d).extracting(PeriodPnl::net).containsExactly(100.0, -50.0, 0.0, 0.0, 20.0);
        assertThat(d).extracting(PeriodPnl::trades).containsExactly(1, 1, 0, 0, 1);
        PeriodPnl sat = d.get(2);
        assertThat(sat.startMs()).isEqualTo(t("2026-03-07T23:00:00Z"));
        assertThat(sat.endMs()).as("23 hours: the clocks go forward on Sunday").isEqualTo(t("2026-03-08T22:00:00Z"));
        assertThat(sat.winRate()).isNull();
        assertThat(sat.returnPct()).isEqualTo(0.0);
        assertThat(d.get(0).returnPct()).isCloseTo(1.0, within(1e-12));
        assertThat(d.get(1).balanceStart()).isEqualTo(10_100.0);
        assertThat(d.get(1).returnPct()).isCloseTo(-50 / 10_100.0 * 100, within(1e-12));
        assertThat(d.get(4).balanceStart()).isEqualTo(10_050.0);
    }

    @Test
    void weeksAreIsoWeeksOfFirmDaysAndMonthsCalendarMonthsOfFirmDays() {
        List<PeriodPnl> w = PeriodPnl.of(PeriodPnl.Unit.WEEK, trades, TOPSTEP, 10_000);
        assertThat(w).extracting(PeriodPnl::period).containsExactly("2026-W10", "2026-W11");
        assertThat(w).extracting(PeriodPnl::net).containsExactly(50.0, 20.0);
        assertThat(w.get(0).firstDay()).isEqualTo("2026-03-02");
        assertThat(w.get(0).startMs()).isEqualTo(t("2026-03-02T23:00:00Z"));
        assertThat(w.get(1).startMs()).isEqualTo(t("2026-03-09T22:00:00Z"));
        assertThat(w.get(0).wins()).isEqualTo(1);
        assertThat(w.get(0).losses()).isEqualTo(1);
        assertThat(w.get(0).winRate()).isEqualTo(0.5);
        // Prague midnight is 22:00Z in summer: a trade closing at 22:30Z on 31 March is April's
        List<Trade> spring = List.of(trade(1, "a", "EURUSD", 10, "2026-03-31T20:00:00Z", "2026-03-31T21:59:00Z"),
                trade(2, "a", "EURUSD", 30, "2026-03-31T22:00:00Z", "2026-03-31T22:30:00Z"));
        List<PeriodPnl> m = PeriodPnl.of(PeriodPnl.Unit.MONTH, spring, FTMO, Double.NaN);
        assertThat(m).extracting(PeriodPnl::period).containsExactly("2026-03", "2026-04");
        assertThat(m).extracting(PeriodPnl::net).containsExactly(10.0, 30.0);
        assertThat(m.get(1).startMs()).isEqualTo(t("2026-03-31T22:00:00Z"));
        assertThat(m.get(0).returnPct()).as("no balance known").isNull();
    }

    @Test
    void openTradesAndNoTradesGiveNoPeriodsAndABadPeriodIsNamed() {
        Trade open = new Trade("p1", 9, "EURUSD", io.vprop.trade.Side.BUY, "", "", "", "", "", TradingSession.ASIA, 1, 0, 1, null,
                1, 0, 0, -7, 0, -7, 1, false);
        assertThat(PeriodPnl.of(PeriodPnl.Unit.DAY, List.of(open), TOPSTEP, 10_000)).isEmpty();
        assertThat(PeriodPnl.Unit.parse(null)).isEqualTo(PeriodPnl.Unit.DAY);
        assertThat(PeriodPnl.Unit.parse("Week")).isEqualTo(PeriodPnl.Unit.WEEK);
        assertThatThrownBy(() -> PeriodPnl.Unit.parse("year")).hasMessageContaining("day, week or month").hasMessageContaining("'year'");
    }

    @Test
    void theCumulativeCurveStartsAtZeroSoAFirstLossIsADrawdown() {
        List<Trade> ts = List.of(trade(1, "a", "X", -20, "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"),
                trade(2, "a", "X", 100, "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"),
                trade(3, "a", "X", -150, "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z"),
                trade(4, "a", "X", 30, "2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z"));
        List<ProfitCurve> c = ProfitCurve.of(ts, 1_000);
        assertThat(c).extracting(ProfitCurve::cumNet).containsExactly(-20.0, 80.0, -70.0, -40.0);
        assertThat(c).extracting(ProfitCurve::drawdown).containsExactly(20.0, 0.0, 150.0, 120.0);
        assertThat(c.get(0).drawdownPct()).isCloseTo(2.0, within(1e-12));              // 20 of the 1 000 peak
        assertThat(c.get(2).drawdownPct()).isCloseTo(150 / 1_080.0 * 100, within(1e-12));
        assertThat(c.get(3).balance()).isEqualTo(960.0);
        assertThat(ProfitCurve.of(ts, Double.NaN).get(2).drawdownPct()).isNull();
    }
}
