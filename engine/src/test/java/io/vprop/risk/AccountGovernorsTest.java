package io.vprop.risk;

import io.vprop.governors.EngineState;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.trade.AccountState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The governors keep each account's state through their store port, so a restart resumes the same floors. */
class AccountGovernorsTest {
    private static final String PEER = "paper-1/1001/EURUSD.M1";
    private static final long T0 = 1_700_000_000_000L;

    private static AccountGovernors governors(GovernorStateStore store) {
        return new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 0, store);
    }

    private static StateSnapshot afterSnapshot(AccountGovernors g, double balance, long nowMs) {
        g.onAccount(PEER, nowMs, new AccountState(balance, balance, 0, balance, List.of()), "USD", symbol -> (SymbolSpec) null);
        g.publish();
        return g.snapshots().get(AccountGovernors.accountOf(PEER));
    }

    @Test
    void stateIsSavedAfterAnEventAndRestoredByTheNextRun() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        StateSnapshot first = afterSnapshot(governors(store), 100_000, T0);
        assertThat(store.load("paper-1/1001", "ftmo-2step")).as("saved under its profile").isNotNull();
        assertThat(store.load("paper-1/1001", "another-profile")).as("not under another").isNull();

        // a restart: the next run's first snapshot shows a lower balance, but the floors are the saved ones
        StateSnapshot restored = afterSnapshot(governors(store), 95_000, T0 + 60_000);
        assertThat(restored.overallFloor()).isEqualTo(first.overallFloor());
        StateSnapshot fresh = afterSnapshot(governors(GovernorStateStore.inMemory()), 95_000, T0 + 60_000);
        assertThat(fresh.overallFloor()).as("without the store: floors from the new balance").isLessThan(first.overallFloor());
    }

    @Test
    void aStateSavedUnderAnotherProfileIsNotRestored() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        store.save("paper-1/1001", "another-profile", EngineState.fresh(50_000, "USD"), T0);
        StateSnapshot s = afterSnapshot(governors(store), 100_000, T0);
        assertThat(s.balance()).isEqualTo(100_000);
        assertThat(s.overallFloor()).as("floors from this run's balance, not the other profile's").isGreaterThan(50_000);
        assertThat(store.load("paper-1/1001", "ftmo-2step")).as("saved again under its own profile").isNotNull();
    }
}
