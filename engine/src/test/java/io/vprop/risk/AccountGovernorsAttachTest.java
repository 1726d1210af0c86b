package io.vprop.risk;

import io.vprop.governors.StateSnapshot;
import io.vprop.governors.attach.AttachInput;
import io.vprop.governors.attach.AttachState;
import io.vprop.governors.attach.HistoryDeal;
import io.vprop.governors.attach.HistoryReplay;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.SymbolSpec;
import io.vprop.trade.AccountState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** firm_state: the sidecar's governors start from the firm state the terminal rebuilt from its deal history. */
class AccountGovernorsAttachTest {
    private static final String PEER = "mt5-1/2002/EURUSD.1.1";
    private static final String KEY = AccountGovernors.accountOf(PEER);
    private static final FirmProfile FTMO = ProfileLoader.bundled("ftmo-2step");

    private static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    private static AttachState state(double balance, List<HistoryDeal> deals) {
        return HistoryReplay.rebuild(FTMO, new AttachInput(t("2026-03-04T09:00:00Z"), balance, balance, AttachInput.NO_START, Double.NaN, deals));
    }

    private static final List<HistoryDeal> UP_3000 = List.of(
            new HistoryDeal(t("2026-03-02T08:00:00Z"), HistoryDeal.Kind.BALANCE, 0, 0, 100_000),
            new HistoryDeal(t("2026-03-02T09:00:00Z"), HistoryDeal.Kind.IN, 1, 1, 0),
            new HistoryDeal(t("2026-03-02T10:00:00Z"), HistoryDeal.Kind.OUT, 1, 1, 3_000));

    private static StateSnapshot account(AccountGovernors g, long now, double balance, double equity) {
        g.onAccount(PEER, now, new AccountState(balance, equity, 0, equity, List.of()), "USD", s -> (SymbolSpec) null);
        g.publish();
        return g.snapshots().get(KEY);
    }

    @Test
    void theAccountStartsFromTheRebuiltStateNotFromItsFirstBalance() {
        AccountGovernors g = new AccountGovernors(FTMO, "ftmo-2step", 0, GovernorStateStore.inMemory());
        var notices = g.onFirmState(PEER, t("2026-03-04T09:00:00Z"), state(103_000, UP_3000), "USD");
        assertThat(notices).first().satisfies(n -> assertThat(n.kind()).isEqualTo("attach"));
        StateSnapshot s = account(g, t("2026-03-04T09:00:01Z"), 103_000, 103_000);
        assertThat(s.dailyFloor()).isEqualTo(98_000);     // a first-balance start would say 97,850 (103,000 - 5,150)
        assertThat(s.overallFloor()).isEqualTo(90_000);
        assertThat(s.tradingDays()).isEqualTo(1);
        assertThat(g.attachStates().get(KEY).ok()).isTrue();
        account(g, t("2026-03-04T09:00:02Z"), 103_000, 97_999.99);
        assertThat(g.action(PEER)).isEqualTo(Action.FLATTEN_AND_HALT);
    }

    @Test
    void blockedEveryEntryIsRefusedWithTheReason() {
        AccountGovernors g = new AccountGovernors(FTMO, "ftmo-2step", 0, GovernorStateStore.inMemory());
        AttachState blocked = state(103_000, UP_3000.subList(1, 3));
        assertThat(blocked.ok()).isFalse();
        var notices = g.onFirmState(PEER, t("2026-03-04T09:00:00Z"), blocked, "USD");
        assertThat(notices).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo("action");
            assertThat(n.ruleId()).isEqualTo(HistoryReplay.HISTORY);
            assertThat(n.message()).contains("ChallengeStart");
        });
        account(g, t("2026-03-04T09:00:01Z"), 103_000, 50_000);
        assertThat(g.action(PEER)).as("no rule runs on an unknown state: never halted for nothing").isEqualTo(Action.BLOCK_NEW_ENTRIES);
    }

    @Test
    void aHaltAlreadyInForceIsKept() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors g = new AccountGovernors(FTMO, "ftmo-2step", 100_000, store);
        account(g, t("2026-03-04T08:00:00Z"), 100_000, 89_000);
        assertThat(g.action(PEER)).isEqualTo(Action.FLATTEN_AND_HALT);
        g.onFirmState(PEER, t("2026-03-04T09:00:00Z"), state(103_000, UP_3000), "USD");
        assertThat(account(g, t("2026-03-04T09:00:01Z"), 103_000, 103_000).halted()).isTrue();
        // and after a sidecar restart, from the store
        AccountGovernors again = new AccountGovernors(FTMO, "ftmo-2step", 100_000, store);
        again.onFirmState(PEER, t("2026-03-04T09:05:00Z"), state(103_000, UP_3000), "USD");
        assertThat(account(again, t("2026-03-04T09:05:01Z"), 103_000, 103_000).halted()).isTrue();
    }
}
