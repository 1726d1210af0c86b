package io.vprop.risk;

import io.vprop.governors.EngineState;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.trade.AccountState;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
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

    @Test
    void openTimesAreKeptForTheOpenPositionsAndTheLastThousandClosedOnly() {
        AccountGovernors g = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000,
                GovernorStateStore.inMemory());
        Position held = new Position(1, "EURUSD", Side.BUY, 0.01, 1.1000, 1.0900, 0, 0, 0, 0, T0, "s1");
        // a position held all along, and 3,000 others each opened and closed a minute apart
        for (int k = 0; k < 3_000; k++) {
            long t = T0 + k * 60_000L;
            Position p = new Position(100 + k, "GBPUSD", Side.SELL, 0.01, 1.2500, 1.2600, 0, 0, 0, 0, t, "s" + (100 + k));
            g.onAccount(PEER, t, new AccountState(100_000, 100_000, 0, 100_000, List.of(held, p)), "USD", symbol -> (SymbolSpec) null);
            g.onAccount(PEER, t + 30_000, new AccountState(100_000, 100_000, 0, 100_000, List.of(held)), "USD", symbol -> (SymbolSpec) null);
        }
        assertThat(g.openTimesKept(PEER)).as("the open one and the last 1,024 closed").isEqualTo(1 + AccountGovernors.CLOSED_KEPT);
        assertThat(g.openTimeKept(PEER, 1)).as("held since the start").isEqualTo(T0);
        assertThat(g.openTimeKept(PEER, 100 + 2_999)).as("closed last: its exit fill may still come").isEqualTo(T0 + 2_999 * 60_000L);
        assertThat(g.openTimeKept(PEER, 100)).as("closed 3,000 positions ago").isNull();
    }
}
