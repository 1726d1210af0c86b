package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import io.vprop.governors.profile.DayResetConfig;
import io.vprop.governors.profile.FirmProfile;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each firm's distinctive rule changes what the same trades come to: the rules are the governors', not the lab's. */
class FirmRulesTest {
    private static Phase phase1(String firm) {
        return FirmPlan.bundled(firm).challenge().get(0);
    }

    private static Phase withProfile(Phase p, FirmProfile profile) {
        return new Phase(p.name(), profile, p.funded(), p.timeLimitDays(), p.inactivityDays(), p.source(), p.note());
    }

    @Test
    void sameTradesPassUnderFtmosStaticFloorAndFailUnderE8sTrailingFloor() {
        // +2.5 % twice (105,000), three days of -2.4 % (97,800), then five of +2.5 % (110,300)
        Histories h = Histories.create();
        String[] dates = {"2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08",
                "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"};
        double[] net = {2_500, 2_500, -2_400, -2_400, -2_400, 2_500, 2_500, 2_500, 2_500, 2_500};
        for (int i = 0; i < dates.length; i++) h.day(dates[i], net[i]);
        TradeHistory th = h.history();

        Phase ftmo = phase1("ftmo-2step");
        Histories.Attempt a = Histories.attempt(th, ftmo, Histories.asRecorded(FirmPlan.bundled("ftmo-2step")));
        assertThat(a.status()).as("FTMO: floor fixed at 90,000").isEqualTo(PathRunner.PASS);
        assertThat(a.days()).as("passed on 15 March, the 12th calendar day").isEqualTo(12);

        Phase e8 = phase1("e8-one");
        Histories.Attempt b = Histories.attempt(th, e8, Histories.asRecorded(FirmPlan.bundled("e8-one")));
        assertThat(b.status()).as("E8: floor trails the closed balance to 99,000").isEqualTo(PathRunner.FAIL);
        assertThat(b.rule()).isEqualTo("max-loss");
        assertThat(b.days()).as("97,800 < 99,000 on the third losing day, 6 March + 2").isEqualTo(5);
    }

    @Test
    void dailyLossCountsOnPragueDaysNotUtcDays() {
        // A: 22:40-23:30 UTC Monday = 23:40-00:30 Prague (-3,000); B: 00:10-00:50 UTC Tuesday (-2,500).
        // Prague: both losses on Tuesday's day anchored at 100,000: 97,000 - 2,500 = 94,500 < 95,000, a breach.
        // UTC: A on Monday; Tuesday is anchored at 97,000 (floor 92,000) and 94,500 is above it.
        TradeHistory th = Histories.create()
                .trade("2024-03-04T22:40:00Z", "2024-03-04T23:30:00Z", -3_000, -3_000, 3_000)
                .trade("2024-03-05T00:10:00Z", "2024-03-05T00:50:00Z", -2_500, -2_500, 2_500)
                .day("2024-03-08", 100)
                .history();
        Phase prague = phase1("ftmo-2step");
        FirmProfile p = prague.profile();
        FirmProfile utcProfile = new FirmProfile(p.id() + "-utc", p.name(), new DayResetConfig("UTC", LocalTime.MIDNIGHT),
                p.dailyLoss(), p.maxLoss(), p.buffers(), p.preTrade(), p.news(), p.forcedFlat(), p.consistency(),
                p.tradingDays(), p.profitTarget(), p.activity(), p.size(), p.schedule(), p.symbolCurrencies(), p.sources());
        Phase utc = withProfile(prague, utcProfile);
        LabSpec spec = Histories.asRecorded(FirmPlan.bundled("ftmo-2step"));

        Histories.Attempt onPrague = Histories.attempt(th, prague, spec);
        assertThat(onPrague.status()).isEqualTo(PathRunner.FAIL);
        assertThat(onPrague.rule()).isEqualTo("daily-loss");

        Histories.Attempt onUtc = Histories.attempt(th, utc, spec);
        assertThat(onUtc.status()).as("no breach on UTC days; the history ends undecided").isEqualTo(PathRunner.END);
    }

    @Test
    void bestDayRuleDelaysThePassUntilTheBestDayIsHalfTheProfit() {
        // +6,000, +2,000, +2,000 = 10 % on day 3, but the best day is 60 % of it; +2,000 more on day 4 makes it 50 %
        TradeHistory th = Histories.create().day("2024-05-13", 6_000).day("2024-05-14", 2_000).day("2024-05-15", 2_000)
                .day("2024-05-16", 2_000).day("2024-05-17", 100).history();
        Phase withRule = phase1("ftmo-1step");
        assertThat(withRule.profile().consistency()).isNotNull();
        FirmProfile p = withRule.profile();
        Phase without = withProfile(withRule, new FirmProfile(p.id() + "-no-best-day", p.name(), p.dayReset(), p.dailyLoss(),
                p.maxLoss(), p.buffers(), p.preTrade(), p.news(), p.forcedFlat(), null, p.tradingDays(), p.profitTarget(),
                p.activity(), p.size(), p.schedule(), p.symbolCurrencies(), p.sources()));
        LabSpec spec = Histories.asRecorded(FirmPlan.bundled("ftmo-1step"));

        Histories.Attempt a = Histories.attempt(th, withRule, spec);
        assertThat(a.status()).isEqualTo(PathRunner.PASS);
        assertThat(a.days()).isEqualTo(4);
        Histories.Attempt b = Histories.attempt(th, without, spec);
        assertThat(b.status()).isEqualTo(PathRunner.PASS);
        assertThat(b.days()).isEqualTo(3);
    }

    @Test
    void minimumTradingDaysAreFilledWithMinimumTradesAfterTheTarget() {
        // 11 % in two days (Monday, Tuesday); FTMO wants 4 trading days: minimum trades on Wednesday and Thursday
        // (minimum trades go on weekdays the history trades on: the next week has them all)
        TradeHistory th = Histories.create().day("2024-05-13", 6_000).day("2024-05-14", 5_000)
                .day("2024-05-20", -100).day("2024-05-21", -100).day("2024-05-22", -100).day("2024-05-23", -100)
                .day("2024-05-24", -100).history();
        Histories.Attempt a = Histories.attempt(th, phase1("ftmo-2step"), Histories.asRecorded(FirmPlan.bundled("ftmo-2step")));
        assertThat(a.status()).isEqualTo(PathRunner.PASS);
        assertThat(a.days()).isEqualTo(4);
        // FundingPips wants 3 days (same target reached with 8 %): one filler day
        Histories.Attempt b = Histories.attempt(th, phase1("fundingpips-2step"),
                Histories.asRecorded(FirmPlan.bundled("fundingpips-2step")));
        assertThat(b.status()).isEqualTo(PathRunner.PASS);
        assertThat(b.days()).isEqualTo(3);
    }

    @Test
    void the5ersNeedsProfitableDaysNotJustTheTarget() {
        // 8 % reached on day 1; The5ers wants 3 days of at least 0.5 % profit: days 2 and 3 make +600 each
        TradeHistory th = Histories.create().day("2024-05-13", 8_000).day("2024-05-14", 600).day("2024-05-15", 300)
                .day("2024-05-16", 600).day("2024-05-17", 100).history();
        Histories.Attempt a = Histories.attempt(th, phase1("the5ers-high-stakes"),
                Histories.asRecorded(FirmPlan.bundled("the5ers-high-stakes")));
        assertThat(a.status()).isEqualTo(PathRunner.PASS);
        assertThat(a.days()).as("day 3's +300 is below 0.5 % (500): the third profitable day is day 4").isEqualTo(4);
    }

    @Test
    void topstepsDailyLossPausesInsteadOfFailing() {
        // 50K: $1,000 daily loss is a soft breach (flatten, wait for 17:00 CT); the same day's later trade is not taken
        TradeHistory th = Histories.create()
                .trade("2024-05-13T14:00:00Z", "2024-05-13T15:00:00Z", -1_100, -1_100, 1_000)
                .trade("2024-05-13T16:00:00Z", "2024-05-13T17:00:00Z", -900, -900, 1_000)
                .day("2024-05-14", 500).day("2024-05-16", 100).history();
        FirmPlan plan = FirmPlan.bundled("topstep-50k");
        LabSpec spec = Histories.asRecorded(plan).withBalance(50_000, "USD");
        Book book = Histories.book(th, plan.challenge().get(0), spec);
        PathRunner r = new PathRunner(book, plan, 50_000, "USD", spec.horizonDays());
        int st = r.attempt(plan.challenge().get(0), new DayCursor.Historical(book, 0), spec.horizonDays());
        assertThat(st).as("paused, not failed: the history ends undecided").isEqualTo(PathRunner.END);
        // E8 breaches on the same first loss (3 % of 100,000 is 3,000; scale the loss to 3,100 for a like test)
        TradeHistory big = Histories.create()
                .trade("2024-05-13T14:00:00Z", "2024-05-13T15:00:00Z", -3_100, -3_100, 3_000).day("2024-05-16", 100).history();
        Histories.Attempt e8 = Histories.attempt(big, FirmPlan.bundled("e8-one").challenge().get(0),
                Histories.asRecorded(FirmPlan.bundled("e8-one")));
        assertThat(e8.status()).isEqualTo(PathRunner.FAIL);
        assertThat(e8.rule()).isEqualTo("daily-loss");
    }

    @Test
    void newsEmbargoFailsTheFundedFtmoAccountButNotTheChallenge() {
        TradeHistory th = Histories.create()
                .trade("2024-05-13T12:00:00Z", "2024-05-13T12:31:00Z", 500, -200, 1_000)
                .day("2024-05-15", 100).history();
        long release = java.time.Instant.parse("2024-05-13T12:30:00Z").toEpochMilli();
        FirmPlan plan = FirmPlan.bundled("ftmo-2step");
        LabSpec spec = Histories.asRecorded(plan).withNews(List.of(new LabSpec.NewsRelease(release, "USD")));
        Phase funded = plan.funded();
        Book book = Histories.book(th, funded, spec);
        PathRunner r = new PathRunner(book, plan, 100_000, "USD", spec.horizonDays());
        assertThat(r.attempt(funded, new DayCursor.Historical(book, 0), 30)).isEqualTo(PathRunner.FAIL);
        assertThat(r.rule).isEqualTo("news-embargo");
        Phase p1 = plan.challenge().get(0);
        Book book1 = Histories.book(th, p1, spec);
        PathRunner r1 = new PathRunner(book1, plan, 100_000, "USD", spec.horizonDays());
        assertThat(r1.attempt(p1, new DayCursor.Historical(book1, 0), 30)).as("evaluation: news unrestricted")
                .isEqualTo(PathRunner.END);
    }

    @Test
    void timeLimitAndInactivityEndAPhaseByTheirOwnRuleIds() {
        // +1,000 on Monday, then nothing until the next Monday: the 10 % target is never reached
        TradeHistory th = Histories.create().day("2024-05-13", 1_000).day("2024-05-20", 500).day("2024-05-27", 500).history();
        Phase p = phase1("ftmo-2step");
        Phase limited = new Phase(p.name(), p.profile(), false, 5, 0, p.source(), "5 calendar days");
        LabSpec spec = Histories.asRecorded(FirmPlan.bundled("ftmo-2step"));
        Book book = Histories.book(th, limited, spec);
        PathRunner r = new PathRunner(book, FirmPlan.bundled("ftmo-2step"), 100_000, "USD", spec.horizonDays());
        assertThat(r.attempt(limited, new DayCursor.Historical(book, 0), 5)).isEqualTo(PathRunner.FAIL);
        assertThat(r.rule).isEqualTo(PathRunner.TIME_LIMIT);
        assertThat(r.days).isEqualTo(5);
        Phase idle = new Phase(p.name(), p.profile(), false, 0, 4, p.source(), "4 idle days");
        assertThat(r.attempt(idle, new DayCursor.Historical(book, 0), spec.horizonDays())).isEqualTo(PathRunner.FAIL);
        assertThat(r.rule).isEqualTo(PathRunner.INACTIVITY);
        assertThat(r.days).as("Monday traded, Tuesday to Friday idle").isEqualTo(5);
        // without either rule the same days run to the end of the history
        assertThat(r.attempt(p, new DayCursor.Historical(book, 0), spec.horizonDays())).isEqualTo(PathRunner.END);
    }

    @Test
    void aTradeInsideFtmosWeekendWindowIsNotTaken() {
        // FTMO's funded account must be flat from Friday 16:50 New York; with a 1 % target added, the same +2,000
        // trade passes on a Thursday evening and is not taken on the Friday evening (2024-05-17 21:00 UTC = 17:00 EDT)
        FirmPlan plan = FirmPlan.bundled("ftmo-2step");
        FirmProfile f = plan.funded().profile();
        FirmProfile withTarget = new FirmProfile(f.id() + "-target", f.name(), f.dayReset(), f.dailyLoss(), f.maxLoss(),
                f.buffers(), f.preTrade(), f.news(), f.forcedFlat(), f.consistency(), f.tradingDays(),
                new io.vprop.governors.profile.ProfitTargetConfig(1), f.activity(), f.size(), f.schedule(),
                f.symbolCurrencies(), f.sources());
        Phase phase = new Phase("funded with a target", withTarget, false, 0, 0, "test", "");
        LabSpec spec = Histories.asRecorded(plan);
        TradeHistory thursday = Histories.create().day("2024-05-13", 10)
                .trade("2024-05-16T21:00:00Z", "2024-05-16T21:30:00Z", 2_000, 0, 1_000).day("2024-05-21", 10).history();
        assertThat(Histories.attempt(thursday, phase, spec).status()).isEqualTo(PathRunner.PASS);
        TradeHistory friday = Histories.create().day("2024-05-13", 10)
                .trade("2024-05-17T21:00:00Z", "2024-05-17T21:30:00Z", 2_000, 0, 1_000).day("2024-05-21", 10).history();
        Histories.Attempt a = Histories.attempt(friday, phase, spec);
        assertThat(a.status()).as("the Friday trade is inside the window").isEqualTo(PathRunner.END);
    }
}
