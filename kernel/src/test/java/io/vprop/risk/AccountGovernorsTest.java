package io.vprop.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.governors.EngineState;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.market.SymbolSpec;
import io.vprop.trade.AccountState;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        GovernorStateStore.Saved saved = store.load("paper-1/1001");
        assertThat(saved).isNotNull();
        assertThat(saved.profileId()).isEqualTo("ftmo-2step");

        // a restart: the next run's first snapshot shows a lower balance, but the floors are the saved ones
        StateSnapshot restored = afterSnapshot(governors(store), 95_000, T0 + 60_000);
        assertThat(restored.overallFloor()).isEqualTo(first.overallFloor());
        StateSnapshot fresh = afterSnapshot(governors(GovernorStateStore.inMemory()), 95_000, T0 + 60_000);
        assertThat(fresh.overallFloor()).as("without the store: floors from the new balance").isLessThan(first.overallFloor());
    }

    @Test
    void aStateSavedUnderAnotherProfileIsNotRestored() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        store.save("paper-1/1001", new GovernorStateStore.Saved("another-profile", "{\"not\":\"ours\"}"), T0);
        StateSnapshot s = afterSnapshot(governors(store), 100_000, T0);
        assertThat(s.balance()).isEqualTo(100_000);
        assertThat(store.load("paper-1/1001").profileId()).isEqualTo("ftmo-2step");
    }

    @Test
    void aStateSavedWithFlatPositionsByAnOlderSidecarIsStillRestored() throws Exception {
        // this run saves its state with one open position: {position: {...}, moneyPerPriceUnit}
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors g = governors(store);
        SymbolSpec eurusd = SymbolSpec.fxMajor("EURUSD");
        double mppu = eurusd.tickValue() / eurusd.tickSize();
        Position open = new Position(0, "EURUSD", Side.SELL, 2, 1.1, 1.102, 0, -40, 0, 0, T0 - 60_000, "");
        g.onAccount(PEER, T0, new AccountState(100_000, 99_960, 0, 99_960, List.of(open)), "USD", symbol -> eurusd);
        g.publish();
        StateSnapshot first = g.snapshots().get(AccountGovernors.accountOf(PEER));
        String current = store.load("paper-1/1001").stateJson();

        // the same state as an older sidecar saved it: each position flat, profit with swap and commission in it
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(current);
        ObjectNode flat = old.putArray("positions").addObject();
        flat.put("symbol", "EURUSD").put("side", "SELL").put("volume", 2.0).put("openPrice", 1.1).put("stopLoss", 1.102)
                .put("openTimeMs", T0 - 60_000).put("profit", -40.0).put("moneyPerPriceUnit", mppu);
        String oldJson = json.writeValueAsString(old);
        assertThat(oldJson).doesNotContain("\"position\"");

        EngineState read = GovernorStateJson.read(oldJson);
        assertThat(read).isEqualTo(GovernorStateJson.read(current));
        ValuedPosition p = read.positions().get(0);
        assertThat(p.position().symbol()).isEqualTo("EURUSD");
        assertThat(p.position().side()).isEqualTo(Side.SELL);
        assertThat(p.position().volume()).isEqualTo(2.0);
        assertThat(p.position().openPrice()).isEqualTo(1.1);
        assertThat(p.position().sl()).isEqualTo(1.102);
        assertThat(p.position().openTimeMs()).isEqualTo(T0 - 60_000);
        assertThat(p.position().netProfit()).isEqualTo(-40.0);
        assertThat(p.moneyPerPriceUnit()).isEqualTo(mppu);
        assertThat(p.riskFromNow()).isCloseTo(-40 + 0.002 * 2 * mppu, within(1e-6));

        // an upgraded sidecar starting on that journal resumes with the saved floors instead of refusing to trade
        store.save("paper-1/1001", new GovernorStateStore.Saved("ftmo-2step", oldJson), T0);
        StateSnapshot restored = afterSnapshot(governors(store), 95_000, T0 + 60_000);
        assertThat(restored.overallFloor()).isEqualTo(first.overallFloor());
        assertThat(store.load("paper-1/1001").stateJson()).as("saved again in the current shape").doesNotContain("stopLoss");
    }
}
