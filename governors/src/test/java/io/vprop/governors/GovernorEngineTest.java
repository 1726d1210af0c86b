package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.config.Timestamps;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernorEngineTest {
    static final FirmProfile FTMO = ProfileLoader.bundled("ftmo-2step");

    static long t(String iso) {
        return Timestamps.parse("t", iso);
    }

    @Test
    void nanAndNegativeBalancesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new AccountSnapshot(0, Double.NaN, 100)).hasMessageContaining("account.balance")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new AccountSnapshot(0, 100, -1)).hasMessageContaining("account.equity: must not be negative");
        assertThatThrownBy(() -> GovernorEngine.start(FTMO, Double.NaN, "USD")).hasMessageContaining("initialBalance");
        assertThatThrownBy(() -> GovernorEngine.start(FTMO, -100_000, "USD")).hasMessageContaining("initialBalance");
        assertThatThrownBy(() -> Events.order(0, "EURUSD", Side.BUY, 1, 1.1, 1.09, Double.NaN, Double.NaN))
                .hasMessageContaining("order.moneyPerPriceUnit");
        assertThatThrownBy(() -> Events.position("EURUSD", Side.BUY, 1, 1.1, 0, 0, Double.POSITIVE_INFINITY, 1))
                .hasMessageContaining("position 0 EURUSD: profit must be finite");
    }

    @Test
    void eventsGoingBackInTimeAreRejected() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        e.evaluate(new ClockTick(t("2024-05-14T10:00:00Z")));
        assertThatThrownBy(() -> e.evaluate(new ClockTick(t("2024-05-14T09:59:59Z"))))
                .hasMessageContaining("event.timeMs");
    }

    @Test
    void allowIsTheSharedConstantSoTheTickPathDoesNotAllocateADecision() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        RuleVerdict d1 = e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:00Z"), 100_000, 100_200));
        RuleVerdict d2 = e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:01Z"), 100_000, 100_100));
        assertThat(d1).isSameAs(RuleVerdict.ALLOW).isSameAs(d2);
    }

    @Test
    void everyFiringRuleIsListedMostSevereFirst() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        long t0 = t("2024-05-03T08:00:00Z");
        e.evaluate(new NewsEvent(t0, t("2024-05-03T12:30:00Z"), "USD", NewsEvent.Impact.HIGH));
        // 4,200 down: daily buffer blocks; order inside the news window without a stop
        e.evaluate(new AccountSnapshot(t("2024-05-03T12:29:00Z"), 100_000, 95_800));
        RuleVerdict d = e.evaluate(Events.order(t("2024-05-03T12:29:30Z"), "EURUSD", Side.BUY, 1, 1.07, 0, Double.NaN, 100_000));
        assertThat(d.action()).isEqualTo(Action.BLOCK_NEW_ENTRIES);
        assertThat(d.hits()).extracting(RuleHit::ruleId)
                .contains("daily-loss", "pre-trade-risk", "news-embargo", "stop-loss-required");
        assertThat(d.message()).isNotBlank();

        RuleVerdict crash = e.evaluate(new AccountSnapshot(t("2024-05-03T12:29:40Z"), 100_000, 94_000));
        assertThat(crash.action()).isEqualTo(Action.FLATTEN_AND_HALT);
        assertThat(crash.hits().get(0).action()).isEqualTo(Action.FLATTEN_AND_HALT);
        assertThat(crash.hits()).extracting(RuleHit::action).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void snapshotGivesDistancesForThePanel() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:00Z"), 100_000, 98_000));
        StateSnapshot s = e.snapshot();
        assertThat(s.dailyHeadroom()).isEqualTo(3_000);
        assertThat(s.overallHeadroom()).isEqualTo(8_000);
        assertThat(s.nextResetMs()).isEqualTo(t("2024-05-14T22:00:00Z"));
        RuleStatus daily = s.rules().stream().filter(r -> r.ruleId().equals("daily-loss")).findFirst().orElseThrow();
        assertThat(daily.distance()).isEqualTo(3_000);
        assertThat(daily.distancePct()).isEqualTo(60);
        assertThat(daily.status()).isEqualTo(RuleStatus.Status.OK);
        assertThat(s.rules()).extracting(RuleStatus::ruleId).contains("max-loss", "profit-target", "trading-days", "news-embargo");
    }

    /** Crash-only restart: exporting mid-stream and restoring must not change a single later decision. */
    @Test
    void exportAndRestoreContinueIdentically() {
        FirmProfile p = ProfileLoader.bundled("e8-one");
        List<GovernorEvent> events = new ArrayList<>();
        long t0 = t("2024-05-13T08:00:00Z");
        events.add(new NewsEvent(t0, t0 + 3_600_000 * 28L, "USD", NewsEvent.Impact.HIGH));
        double bal = 100_000;
        for (int i = 0; i < 60; i++) {
            long t = t0 + i * 1_800_000L;
            double pnl = ((i * 37) % 11 - 4) * 150.0;
            events.add(Events.order(t, "EURUSD", Side.BUY, 1, 1.08, 1.079, Double.NaN, 100_000));
            events.add(Events.fill(t + 1_000, "EURUSD", Side.BUY, 1, 1.08, true, 0, t + 1_000));
            events.add(Events.fill(t + 600_000, "EURUSD", Side.SELL, 1, 1.081, false, pnl, t + 1_000));
            bal += pnl;
            events.add(new AccountSnapshot(t + 600_001, bal, bal));
        }
        GovernorEngine straight = GovernorEngine.start(p, 100_000, "USD");
        GovernorEngine first = GovernorEngine.start(p, 100_000, "USD");
        int cut = events.size() / 2;
        List<RuleVerdict> a = new ArrayList<>();
        List<RuleVerdict> b = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) a.add(straight.evaluate(events.get(i)));
        for (int i = 0; i < cut; i++) b.add(first.evaluate(events.get(i)));
        GovernorEngine restored = GovernorEngine.restore(p, first.exportState());
        for (int i = cut; i < events.size(); i++) b.add(restored.evaluate(events.get(i)));
        assertThat(b).isEqualTo(a);
        assertThat(restored.exportState()).isEqualTo(straight.exportState());
        assertThat(restored.snapshot()).isEqualTo(straight.snapshot());
        assertThat(a).extracting(RuleVerdict::action).contains(Action.ALLOW); // the stream is not trivially blocked
    }

    @Test
    void exportedStateSurvivesAJsonRoundTripForPersistence() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        e.evaluate(new NewsEvent(t("2024-05-03T08:00:00Z"), t("2024-05-03T12:30:00Z"), "USD", NewsEvent.Impact.HIGH));
        e.evaluate(new AccountSnapshot(t("2024-05-03T10:00:00Z"), 100_000, 95_100,
                List.of(Events.position("EURUSD", Side.BUY, 1, 1.08, 1.07, t("2024-05-03T09:00:00Z"), -4_900, 100_000)), 2));
        EngineState s = e.exportState();
        assertThat(s.pauseHit()).isNotNull();
        EngineState back = json.readValue(json.writeValueAsString(s), EngineState.class);
        assertThat(back).isEqualTo(s);
        GovernorEngine restored = GovernorEngine.restore(FTMO, back);
        ClockTick next = new ClockTick(t("2024-05-03T12:29:00Z"));
        assertThat(restored.evaluate(next)).isEqualTo(e.evaluate(next));
    }

    @Test
    void aFillThatWouldMakeTheBalanceNegativeIsRejectedWithoutChangingState() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        e.evaluate(new ClockTick(t("2024-05-14T10:00:00Z")));
        EngineState before = e.exportState();
        assertThatThrownBy(() -> e.evaluate(Events.fill(t("2024-05-14T10:01:00Z"), "EURUSD", Side.SELL, 1, 1.08, false,
                -100_001, t("2024-05-14T09:00:00Z")))).hasMessageContaining("fill.profit");
        assertThat(e.exportState()).isEqualTo(before);
    }

    @Test
    void restoredLatchesStayLatched() {
        GovernorEngine e = GovernorEngine.start(FTMO, 100_000, "USD");
        e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:00Z"), 100_000, 94_000));
        EngineState saved = e.exportState();
        assertThat(saved.halted()).isTrue();
        GovernorEngine back = GovernorEngine.restore(FTMO, saved);
        RuleVerdict d = back.evaluate(new AccountSnapshot(t("2024-05-20T10:00:00Z"), 100_000, 100_000));
        assertThat(d.action()).isEqualTo(Action.FLATTEN_AND_HALT);
        assertThat(d.ruleId()).isEqualTo("daily-loss");
    }

    @Test
    void restoringAStateWithANegativeBalanceIsRejected() {
        EngineState s = GovernorEngine.start(FTMO, 100_000, "USD").exportState();
        assertThatThrownBy(() -> new EngineState(s.initialBalance(), s.currency(), s.nowMs(), s.dayStartMs(), s.nextResetMs(),
                -1, s.equity(), s.positions(), s.pendingOrders(), s.dayStartBalance(), s.dayStartEquity(), s.highWaterMark(),
                s.overallFloor(), false, null, 0, null, false, null, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                List.of(), List.of(), 0)).hasMessageContaining("balance: must not be negative");
    }
}
