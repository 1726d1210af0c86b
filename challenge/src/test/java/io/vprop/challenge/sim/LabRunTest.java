package io.vprop.challenge.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.challenge.TradeHistory;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole lab on a small history: deterministic, thread-independent, outputs consistent with each other. */
class LabRunTest {
    /** 120 weekdays of one or two trades: +1.2R or -1R, some days clustered, risk 500 on a 1-lot trade. */
    static TradeHistory history() {
        Histories h = Histories.create();
        SplittableRandom rng = new SplittableRandom(7);
        LocalDate d = LocalDate.of(2024, 1, 1);
        int n = 0;
        boolean good = true;
        while (n < 120) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                if (rng.nextDouble() < 0.2) good = !good;
                int trades = 1 + rng.nextInt(2);
                for (int k = 0; k < trades; k++) {
                    boolean win = rng.nextDouble() < (good ? 0.6 : 0.4);
                    double net = win ? 600 : -500;
                    double worst = win ? -250 : -500;
                    h.trade(d + "T%02d:00:00Z".formatted(9 + 3 * k), d + "T%02d:30:00Z".formatted(10 + 3 * k), net, worst, 500);
                }
                n++;
            }
            d = d.plusDays(1);
        }
        return h.history();
    }

    static LabSpec spec(int threads) {
        return LabSpec.of(List.of(FirmPlan.bundled("ftmo-2step"), FirmPlan.bundled("e8-one")))
                .withPaths(600, 42, threads).withRiskCurve(List.of(0.25, 1.0, 2.0), 300, 0.3);
    }

    @Test
    void sameSeedSameResultForAnyThreadCount() {
        TradeHistory h = history();
        String one = LabJson.withoutTiming(ChallengeLab.run(h, spec(1)));
        String three = LabJson.withoutTiming(ChallengeLab.run(h, spec(3)));
        // compared as booleans: a mismatch would print two long JSON texts
        assertThat(three.equals(one)).as("1 and 3 threads give the same JSON").isTrue();
        assertThat(one).contains("\"method\":\"bootstrap\"");
        String otherSeed = LabJson.withoutTiming(ChallengeLab.run(h, spec(1).withPaths(600, 43, 1)));
        assertThat(otherSeed.equals(one)).as("another seed gives other paths").isFalse();
    }

    @Test
    void resultIsConsistentAndWrittenAsJson() throws Exception {
        LabResult r = ChallengeLab.run(history(), spec(2));
        JsonNode json = new ObjectMapper().readTree(LabJson.write(r));
        assertThat(json.path("firms")).hasSize(2);
        assertThat(json.path("elapsedMs").asLong()).isGreaterThanOrEqualTo(0);
        for (LabResult.FirmResult f : r.firms()) {
            assertThat(f.methods()).extracting(LabResult.MethodResult::method).containsExactly("historical", "bootstrap");
            LabResult.MethodResult boot = f.methods().get(1);
            assertThat(boot.paths()).isEqualTo(600);
            assertThat(boot.unfinished()).as("the bootstrap never runs out of days").isZero();
            // pass all + breach + abandoned at the horizon = every path
            int horizon = boot.phases().stream().mapToInt(p -> p.horizon().successes()).sum();
            assertThat(boot.passAll().successes() + boot.breach().successes() + horizon).isEqualTo(600);
            int byRule = boot.failByRule().values().stream().mapToInt(LabResult.Rate::successes).sum();
            assertThat(byRule).isEqualTo(boot.breach().successes());
            assertThat(boot.expectedFees()).isCloseTo(1 / boot.passAll().p(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(boot.passAll().lo()).isLessThanOrEqualTo(boot.passAll().p());
            assertThat(boot.passAll().hi()).isGreaterThanOrEqualTo(boot.passAll().p());
            // a later phase is reached only by those who passed the one before
            for (int k = 1; k < boot.phases().size(); k++) {
                assertThat(boot.phases().get(k).reached()).isEqualTo(boot.phases().get(k - 1).pass().successes());
            }
            assertThat(boot.funded()).extracting(LabResult.Survival::months).containsExactly(1, 3, 6);
            List<LabResult.Survival> s = boot.funded();
            assertThat(s.get(0).survives().p()).isGreaterThanOrEqualTo(s.get(2).survives().p());
            assertThat(boot.daysToPassAll().count()).isEqualTo(boot.passAll().successes());
            LabResult.RiskCurve c = f.riskCurve();
            assertThat(c.points()).hasSize(3);
            assertThat(c.points().get(2).breach().p()).as("more risk, more breaches")
                    .isGreaterThanOrEqualTo(c.points().get(0).breach().p());
            if (!Double.isNaN(c.bestRiskPct())) {
                LabResult.RiskPoint best = c.points().stream().filter(p -> p.riskPct() == c.bestRiskPct()).findFirst().orElseThrow();
                assertThat(best.breach().p()).isLessThanOrEqualTo(0.3);
                for (LabResult.RiskPoint p : c.points()) {
                    if (p.breach().p() <= 0.3) assertThat(p.passAll().p()).isLessThanOrEqualTo(best.passAll().p());
                }
            }
        }
        LabResult.MethodResult hist = r.firms().get(0).methods().get(0);
        assertThat(hist.paths()).as("one start per day with a trade").isEqualTo(120);
        assertThat(hist.unfinished()).as("late starts run out of history").isPositive();
    }

    @Test
    void riskTooSmallForTheVolumeStepSkipsTradesVisibly() {
        TradeHistory h = history();
        // R = 500 on 1 lot: 0.1 % of 100,000 = 100 wants 0.2 lots; with a 0.5-lot step it rounds to 0
        LabSpec spec = spec(1).withRisk(0.1, Map.of("EURUSD", 0.5), 0.01);
        assertThat(ScaledTrades.of(h, spec, 0.1).kept()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChallengeLab.run(h, spec))
                .hasMessageContaining("too small for the step");
        // with the default 0.01 step the same risk keeps every trade at 0.2 lots: net and worst scale by 0.2
        ScaledTrades s = ScaledTrades.of(h, spec(1).withRisk(0.1, Map.of(), 0.01), 0.1);
        assertThat(s.skippedZeroLots).isZero();
        assertThat(s.lots[0]).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.net[0]).isEqualTo(h.trades().get(0).net() * 0.2, org.assertj.core.data.Offset.offset(1e-9));
        // a 0.15-lot step rounds 0.2 down to 0.15
        ScaledTrades coarse = ScaledTrades.of(h, spec(1).withRisk(0.1, Map.of("EURUSD", 0.15), 0.01), 0.1);
        assertThat(coarse.lots[0]).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
        // the risk curve reports the skipped trades at a point where they round away
        LabResult r = ChallengeLab.run(h, spec(1).withRisk(1.0, Map.of("EURUSD", 0.5), 0.01)
                .withRiskCurve(List.of(0.1, 1.0), 100, 0.3).withMethods(false, true).withPaths(100, 1, 1));
        LabResult.RiskPoint tiny = r.firms().get(0).riskCurve().points().get(0);
        assertThat(tiny.tradesSkippedZeroLots()).isEqualTo(h.trades().size());
        assertThat(tiny.passAll().p()).isZero();
    }

    @Test
    void unknownWorstExcursionAndRiskUseTheDocumentedAssumptions() {
        TradeHistory h = Histories.create()
                .trade("2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z", 300, Double.NaN, Double.NaN)
                .trade("2024-01-02T10:00:00Z", "2024-01-02T11:00:00Z", -200, Double.NaN, Double.NaN)
                .trade("2024-01-03T10:00:00Z", "2024-01-03T11:00:00Z", -400, Double.NaN, Double.NaN)
                .history();
        ScaledTrades s = ScaledTrades.of(h, spec(1).withRisk(Double.NaN, Map.of(), 0.01), Double.NaN);
        assertThat(s.proxyRisk).as("median loss").isEqualTo(300);
        assertThat(s.proxyRiskTrades).isEqualTo(3);
        assertThat(s.assumedWorstTrades).isEqualTo(3);
        assertThat(s.worst).containsExactly(-300, -300, -400);
        TradeHistory noLoss = Histories.create()
                .trade("2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z", 300, 0, Double.NaN).history();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScaledTrades.of(noLoss, spec(1), 1.0))
                .hasMessageContaining("no losing trade");
    }

    @Test
    void htmlReportInlinesEchartsAndTheJson() {
        LabResult r = ChallengeLab.run(history(), spec(2).withPaths(200, 5, 2).withRiskCurve(List.of(0.5, 1.0), 100, 0.3));
        String html = LabHtml.render(r);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("echarts.init").contains("id=\"risk-0\"")
                .contains("id=\"days-1\"").contains("id=\"fail-1\"").contains("FTMO 2-Step").contains("E8 One")
                .contains("P(pass all phases)").contains("% risk per trade");
        assertThat(html.length()).as("ECharts itself is inside").isGreaterThan(500_000);
        // the embedded data is the JSON writer's, with "</" escaped so it cannot close the script element
        String json = LabJson.write(r);
        assertThat(html).contains(json.replace("</", "<\\/").substring(0, 200));
        assertThat(html.indexOf("<script type=\"application/json\"")).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabHtml.render(r, "{}", "x</script>"))
                .hasMessageContaining("cannot be inlined");
    }
}
