package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import io.vprop.governors.profile.FirmProfile;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap with block length 1 draws days i.i.d.; with one trade a day the balance is a random walk and the
 * governors' floor and target are its barriers, so the lab must reproduce what is known in closed form.
 */
class ClosedFormTest {
    /** Static max loss {@code lossLimit} below 100,000, target {@code targetPct} %, UTC days, nothing else. */
    static FirmProfile walkProfile(double lossLimit, double targetPct) {
        return Histories.inline("""
                {"id": "walk", "dayReset": {"zone": "UTC", "time": "00:00", "source": "test"},
                 "maxLoss": {"limitAmount": %s, "mode": "STATIC", "source": "test"},
                 "profitTarget": {"targetPct": %s, "source": "test"}}""".formatted(lossLimit, targetPct));
    }

    /** {@code wins} days of +step and {@code losses} days of -step, one trade each, 12:00-13:00 UTC. */
    static TradeHistory walkHistory(int wins, int losses, double step) {
        Histories h = Histories.create();
        LocalDate d = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < wins + losses; i++, d = d.plusDays(1)) {
            double net = i % (wins + losses) < wins ? step : -step;
            h.trade(d + "T12:00:00Z", d + "T13:00:00Z", net, Math.min(net, 0), step);
        }
        return h.history();
    }

    static LabSpec iidSpec(FirmPlan plan, int paths, int horizon) {
        return LabSpec.of(List.of(plan)).withRisk(Double.NaN, Map.of(), 0.01).withPaths(paths, 20240601, 2)
                .withBootstrap(1, false, horizon).withRiskCurve(List.of(), 1, 0.2).withMethods(false, true);
    }

    @Test
    void hittingTheTargetBeforeTheFloorMatchesArithmeticBrownianMotion() {
        // steps of 100 with P(win) = 0.52: drift mu = 0.04 * 100, variance sigma^2 = 4 * 0.52 * 0.48 * 100^2 per day
        double step = 100, p = 0.52, lossDistance = 10 * step, targetDistance = 10 * step;
        // equity strictly below the floor breaches: a limit of 9.5 steps breaches on the 10th step down
        FirmPlan plan = FirmPlan.single(walkProfile(9.5 * step, targetDistance / 1_000));
        int paths = 20_000;
        LabResult r = ChallengeLab.run(walkHistory(52, 48, step), iidSpec(plan, paths, 3_000));
        LabResult.MethodResult m = r.firms().get(0).methods().get(0);

        double mu = (2 * p - 1) * step, var = 4 * p * (1 - p) * step * step;
        double abm = (1 - Math.exp(-2 * mu * lossDistance / var)) / (1 - Math.exp(-2 * mu * (lossDistance + targetDistance) / var));
        double se = Math.sqrt(abm * (1 - abm) / paths);
        // the walk's own exact answer (gambler's ruin) differs from the Brownian one by far less than the MC error
        double ratio = (1 - p) / p;
        double ruin = (1 - Math.pow(ratio, 10)) / (1 - Math.pow(ratio, 20));
        assertThat(Math.abs(ruin - abm)).isLessThan(se / 5);

        assertThat(m.passAll().trials()).isEqualTo(paths);
        assertThat(m.phases().get(0).horizon().successes()).as("every path decided before the horizon").isZero();
        assertThat(m.passAll().p()).isCloseTo(abm, org.assertj.core.data.Offset.offset(3 * se));
        assertThat(m.failByRule()).containsOnlyKeys("max-loss");
        assertThat(m.failByRule().get("max-loss").p()).isCloseTo(1 - abm, org.assertj.core.data.Offset.offset(3 * se));
    }

    @Test
    void aHandfulOfOneRTradesMatchesExactEnumeration() {
        // days: two of +1R, one of -1R (R = 1,000), drawn i.i.d.; target +3R, floor below -1.5R (breached at -2R);
        // six days at most. Enumerate the 3^6 day sequences exactly.
        double r = 1_000;
        FirmPlan plan = FirmPlan.single(walkProfile(1.5 * r, 3));
        TradeHistory h = walkHistory(2, 1, r);
        int horizon = 6;
        double[] passOnDay = new double[horizon + 1];
        double fail = 0, open = 0;
        int[] seq = new int[horizon];
        int total = (int) Math.pow(3, horizon);
        for (int code = 0; code < total; code++) {
            int c = code;
            for (int i = 0; i < horizon; i++) {
                seq[i] = c % 3;
                c /= 3;
            }
            int pos = 0;
            boolean decided = false;
            for (int day = 1; day <= horizon && !decided; day++) {
                pos += seq[day - 1] < 2 ? 1 : -1;
                if (pos >= 3) {
                    passOnDay[day] += 1.0 / total;
                    decided = true;
                } else if (pos <= -2) {
                    fail += 1.0 / total;
                    decided = true;
                }
            }
            if (!decided) open += 1.0 / total;
        }
        double pass = 0;
        for (double v : passOnDay) pass += v;

        int paths = 40_000;
        LabResult res = ChallengeLab.run(h, iidSpec(plan, paths, horizon));
        LabResult.PhaseResult ph = res.firms().get(0).methods().get(0).phases().get(0);
        assertThat(ph.pass().p()).isCloseTo(pass, org.assertj.core.data.Offset.offset(3 * Math.sqrt(pass * (1 - pass) / paths)));
        assertThat(ph.failByRule().get("max-loss").p())
                .isCloseTo(fail, org.assertj.core.data.Offset.offset(3 * Math.sqrt(fail * (1 - fail) / paths)));
        assertThat(ph.horizon().p()).isCloseTo(open, org.assertj.core.data.Offset.offset(3 * Math.sqrt(open * (1 - open) / paths)));
        // the distribution of days to pass: passes happen on days 3 and 5 only (3 up, or 4 up and 1 down)
        int[] hist = ph.daysToPass().histogram();
        for (int day = 1; day <= horizon; day++) {
            double got = day < hist.length ? hist[day] / (double) paths : 0;
            double want = passOnDay[day];
            assertThat(got).as("P(pass on day %d)", day)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(3 * Math.sqrt(want * (1 - want) / paths) + 1e-12));
        }
        assertThat(passOnDay[3]).isEqualTo(8.0 / 27, org.assertj.core.data.Offset.offset(1e-12));
    }
}
