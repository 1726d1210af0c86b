package io.vprop.governors.attach;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.profile.FirmProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The attach replay's rules beyond the scenario files: ordering, the reset boundary, partial closes, refusals. */
class HistoryReplayTest {
    private static final FirmProfile FTMO = ProfileLoader.bundled("ftmo-2step");
    private static final FirmProfile THE5ERS = ProfileLoader.bundled("the5ers-high-stakes");

    private static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    private static HistoryDeal deposit(String iso, double amount) { return new HistoryDeal(t(iso), HistoryDeal.Kind.BALANCE, 0, 0, amount); }

    private static HistoryDeal in(String iso, long pos, double lots) { return new HistoryDeal(t(iso), HistoryDeal.Kind.IN, pos, lots, 0); }

    private static HistoryDeal out(String iso, long pos, double lots, double amount) {
        return new HistoryDeal(t(iso), HistoryDeal.Kind.OUT, pos, lots, amount);
    }

    private static AttachState rebuild(FirmProfile p, String now, double balance, List<HistoryDeal> deals) {
        return HistoryReplay.rebuild(p, new AttachInput(t(now), balance, balance, AttachInput.NO_START, Double.NaN, deals));
    }

    @Test
    void theTerminalsOrderDoesNotMatterOnlyTheTimes() {
        List<HistoryDeal> deals = new ArrayList<>(List.of(deposit("2026-03-02T08:00:00Z", 100_000), in("2026-03-02T09:00:00Z", 1, 1),
                out("2026-03-02T10:00:00Z", 1, 1, 1_000), in("2026-03-03T09:00:00Z", 2, 1), out("2026-03-03T10:00:00Z", 2, 1, -250.5)));
        AttachState sorted = rebuild(FTMO, "2026-03-04T09:00:00Z", 100_749.5, deals);
        Collections.reverse(deals);
        assertThat(rebuild(FTMO, "2026-03-04T09:00:00Z", 100_749.5, deals)).isEqualTo(sorted);
        assertThat(sorted.ok()).isTrue();
        assertThat(sorted.dayStartBalance()).isEqualTo(100_749.5);
        assertThat(sorted.bestDay()).isEqualTo(1_000);
    }

    @Test
    void aDealExactlyAtTheResetBelongsToTheNewDay() {
        // Prague midnight of 2026-03-04 = 2026-03-03T23:00Z: the exit at that instant is today's, not yesterday's
        AttachState s = rebuild(FTMO, "2026-03-04T09:00:00Z", 99_000, List.of(deposit("2026-03-02T08:00:00Z", 100_000),
                in("2026-03-03T22:00:00Z", 1, 1), out("2026-03-03T23:00:00Z", 1, 1, -1_000)));
        assertThat(s.dayStartMs()).isEqualTo(t("2026-03-03T23:00:00Z"));
        assertThat(s.dayStartBalance()).isEqualTo(100_000);
        assertThat(s.dayProfit()).isEqualTo(-1_000);
        assertThat(s.tradingDays()).isEqualTo(1);
        assertThat(s.tradedToday()).isFalse();
    }

    @Test
    void aPartlyClosedPositionIsStillOpenAcrossTheReset() {
        List<HistoryDeal> deals = List.of(deposit("2026-06-01T05:00:00Z", 100_000), in("2026-06-01T10:00:00Z", 7, 2),
                out("2026-06-01T12:00:00Z", 7, 1, 300), out("2026-06-02T09:00:00Z", 7, 1, 200));
        // The5ers anchors on the higher of balance and equity: the equity at the reset is not in the history
        AttachState equityAnchor = rebuild(THE5ERS, "2026-06-02T12:00:00Z", 100_500, deals);
        assertThat(equityAnchor.ok()).isTrue();
        assertThat(equityAnchor.rule()).isEqualTo(HistoryReplay.DAY_START_EQUITY);
        assertThat(equityAnchor.blockedUntilMs()).isEqualTo(t("2026-06-02T21:00:00Z"));
        assertThat(equityAnchor.dayStartBalance()).isEqualTo(100_300);
        // FTMO anchors on the balance: nothing is missing
        AttachState balanceAnchor = rebuild(FTMO, "2026-06-02T12:00:00Z", 100_500, deals);
        assertThat(balanceAnchor.rule()).isEmpty();
        // closed in full before the reset: nothing open across it
        AttachState closed = rebuild(THE5ERS, "2026-06-02T12:00:00Z", 100_500, List.of(deposit("2026-06-01T05:00:00Z", 100_000),
                in("2026-06-01T10:00:00Z", 7, 2), out("2026-06-01T12:00:00Z", 7, 1, 300), out("2026-06-01T13:00:00Z", 7, 1, 200)));
        assertThat(closed.rule()).isEmpty();
        assertThat(closed.dayStartEquity()).isEqualTo(100_500);
    }

    @Test
    void intradayEquityTrailingCannotBeRebuiltOnceTraded() {
        FirmProfile p = ProfileLoader.json("{\"id\": \"custom-intraday-trail\", \"dayReset\": {\"zone\": \"UTC\", \"time\": \"00:00\","
                + " \"source\": \"vprop\"}, \"maxLoss\": {\"limitPct\": 5, \"mode\": \"TRAILING_INTRADAY_EQUITY\", \"source\": \"vprop\"}}", "test");
        AttachState traded = rebuild(p, "2026-03-04T09:00:00Z", 100_500, List.of(deposit("2026-03-02T08:00:00Z", 100_000),
                in("2026-03-02T09:00:00Z", 1, 1), out("2026-03-02T10:00:00Z", 1, 1, 500)));
        assertThat(traded.status()).isEqualTo(AttachState.Status.BLOCKED);
        assertThat(traded.rule()).isEqualTo(HistoryReplay.HIGH_WATER);
        AttachState untouched = rebuild(p, "2026-03-04T09:00:00Z", 100_000, List.of(deposit("2026-03-02T08:00:00Z", 100_000)));
        assertThat(untouched.ok()).isTrue();
        assertThat(untouched.highWater()).isEqualTo(100_000);
    }

    @Test
    void aConfiguredInitialBalanceThatIsNotTheDepositIsCheckedAgainstTheBalance() {
        AttachInput in = new AttachInput(t("2026-03-04T09:00:00Z"), 50_000, 50_000, AttachInput.NO_START, 100_000,
                List.of(deposit("2026-03-02T08:00:00Z", 50_000)));
        AttachState s = HistoryReplay.rebuild(FTMO, in);
        assertThat(s.status()).isEqualTo(AttachState.Status.BLOCKED);
        assertThat(s.reason()).contains("add up to 150,000.00").contains("-100,000.00 unaccounted for").contains("InitialBalance");
    }

    @Test
    void attachedUpTheFloorsAreTighterThanAFreshStartsByTheProfitMade() {
        AttachState s = rebuild(FTMO, "2026-03-04T09:00:00Z", 103_000, List.of(deposit("2026-03-02T08:00:00Z", 100_000),
                in("2026-03-02T09:00:00Z", 1, 1), out("2026-03-02T10:00:00Z", 1, 1, 3_000)));
        GovernorEngine attached = GovernorEngine.attach(FTMO, s, "USD");
        GovernorEngine fresh = GovernorEngine.start(FTMO, 100_000, "USD");
        AccountSnapshot snap = new AccountSnapshot(t("2026-03-04T09:00:00Z"), 103_000, 97_999.99, List.of(), 0);
        assertThat(fresh.evaluate(snap).action()).isNotEqualTo(Action.FLATTEN_AND_HALT); // anchored on 100,000: 3,000 too lax
        assertThat(attached.evaluate(snap).action()).isEqualTo(Action.FLATTEN_AND_HALT);
        StateSnapshot after = attached.snapshot();
        assertThat(after.dailyFloor()).isEqualTo(98_000);
        assertThat(attached.exportState().tradingDays()).isEqualTo(1);
    }

    @Test
    void blockedNoRuleRunsAndTheBlockIsNotPersisted() {
        AttachState s = rebuild(FTMO, "2026-03-04T09:00:00Z", 103_000, List.of(in("2026-03-02T09:00:00Z", 1, 1)));
        assertThat(s.status()).isEqualTo(AttachState.Status.BLOCKED);
        GovernorEngine e = GovernorEngine.attach(FTMO, s, "USD");
        var v = e.evaluate(new AccountSnapshot(t("2026-03-04T09:01:00Z"), 103_000, 1_000, List.of(), 0));
        assertThat(v.action()).isEqualTo(Action.BLOCK_NEW_ENTRIES);
        assertThat(v.ruleId()).isEqualTo(HistoryReplay.HISTORY);
        assertThat(e.snapshot().halted()).isFalse();
        assertThat(e.snapshot().rules()).singleElement().satisfies(r -> assertThat(r.note()).contains("ChallengeStart"));
        assertThat(e.attachBlock()).isNotNull();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new AttachInput(0, -1, 0, AttachInput.NO_START, Double.NaN, List.of()))
                .hasMessageContaining("attach.balance");
        assertThatThrownBy(() -> new AttachInput(10, 1, 1, 20, Double.NaN, List.of())).hasMessageContaining("attach.start");
        assertThatThrownBy(() -> new AttachInput(10, 1, 1, AttachInput.NO_START, 0, List.of())).hasMessageContaining("attach.initialBalance");
        assertThatThrownBy(() -> new HistoryDeal(0, HistoryDeal.Kind.IN, 1, -1, 0)).hasMessageContaining("deal.volume");
        assertThatThrownBy(() -> new HistoryDeal(0, HistoryDeal.Kind.OUT, 1, 1, Double.NaN)).hasMessageContaining("deal.amount");
        assertThatThrownBy(() -> HistoryReplay.rebuild(null, null)).hasMessageContaining("profile");
    }
}
