package io.vprop.kernel.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.governors.EngineState;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.rules.InFlight;
import io.vprop.journal.Journal;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.TerminalView;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.AccountState;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** The governors' state in the journal as JSON: what a restart reads back, older shapes included. */
class JournalGovernorStatesTest {
    private static final String PEER = "paper-1/1001/EURUSD.M1";
    private static final String ACCOUNT = "paper-1/1001";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static AccountGovernors governors(JournalGovernorStates store) {
        return new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 0, store);
    }

    private static StateSnapshot afterSnapshot(AccountGovernors g, double balance, long nowMs) {
        g.onAccount(PEER, nowMs, new AccountState(balance, balance, 0, balance, List.of()), "USD", symbol -> (SymbolSpec) null);
        g.publish();
        return g.snapshots().get(AccountGovernors.accountOf(PEER));
    }

    @Test
    void aStateSavedWithFlatPositionsByAnOlderSidecarIsStillRestored() throws Exception {
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            JournalGovernorStates store = new JournalGovernorStates(journal);
            // this run saves its state with one open position: {position: {...}, moneyPerPriceUnit}
            AccountGovernors g = governors(store);
            SymbolSpec eurusd = SymbolSpec.fxMajor("EURUSD");
            double mppu = eurusd.tickValue() / eurusd.tickSize();
            Position open = new Position(0, "EURUSD", Side.SELL, 2, 1.1, 1.102, 0, -40, 0, 0, T0 - 60_000, "");
            g.onAccount(PEER, T0, new AccountState(100_000, 99_960, 0, 99_960, List.of(open)), "USD", symbol -> eurusd);
            g.publish();
            StateSnapshot first = g.snapshots().get(AccountGovernors.accountOf(PEER));
            String current = journal.governorState(ACCOUNT)[1];

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
            journal.saveGovernorState(ACCOUNT, "ftmo-2step", oldJson, T0);
            StateSnapshot restored = afterSnapshot(governors(store), 95_000, T0 + 60_000);
            assertThat(restored.overallFloor()).isEqualTo(first.overallFloor());
            assertThat(journal.governorState(ACCOUNT)[1]).as("saved again in the current shape").doesNotContain("stopLoss");
        }
    }

    /**
     * Orders in flight at a restart are read back from the journal: a signal's reservation, and a fill nobody reserved
     * (unbounded: its stop is not known, saved as "Infinity"). A state saved before they were kept has none.
     */
    @Test
    void ordersInFlightAreKeptInTheJournalAndReadBack() throws Exception {
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            JournalGovernorStates store = new JournalGovernorStates(journal);
            SymbolSpec eurusd = SymbolSpec.fxMajor("EURUSD");
            long[] now = {T0};
            TerminalView terminal = new TerminalView() {
                @Override public String peer() { return PEER; }
                @Override public long nowMs() { return now[0]; }
                @Override public boolean live() { return true; }
                @Override public SymbolSpec spec(String symbol) { return eurusd; }
                @Override public Tick lastTick(String symbol) { return new Tick(symbol, now[0], 1.08, 1.08, 0, 0, 0); }
                @Override public boolean pending(String symbol) { return false; }
                @Override public AccountState account() { return null; }
            };
            AccountGovernors g = governors(store);
            g.onAccount(PEER, T0, new AccountState(100_000, 100_000, 0, 100_000, List.of()), "USD", symbol -> eurusd);
            OrderIntent buy = OrderIntent.open("EURUSD", Side.BUY, 2.5, 1.08, 0, 1.07, 0, 0, T0 + 60_000, "", "", 0, "");
            g.onSignalSent(terminal, "s1", buy);            // 2.5 lots x 100 pips = 2,500 at the stop, 3,000 worst case
            now[0] += 1_000;
            g.onFill(PEER, now[0], new Fill(22, 22, 22, "", "EURUSD", Side.SELL, FillEntry.IN, 1.08, 1, 0, 0, 0, now[0], ""));

            String saved = journal.governorState(ACCOUNT)[1];
            assertThat(saved).contains("\"inFlight\"").contains("Infinity");
            EngineState read = GovernorStateJson.read(saved);
            assertThat(read.inFlight()).extracting(InFlight.Order::signalId, InFlight.Order::ticket,
                            InFlight.Order::filled)
                    .containsExactly(tuple("s1", 0L, false), tuple("", 22L, true));
            assertThat(read.inFlight().get(0).risk()).isCloseTo(3_000, within(1e-6));
            assertThat(read.inFlight().get(1).risk()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(read.inFlight().get(0).expiresMs()).as("its expiry plus the minute's grace").isEqualTo(T0 + 120_000);

            // a restarted sidecar: s1 may still be executed and counts; the first snapshot after the restart (sampled
            // after fill 22) does not show that position, so it is no longer open and leaves
            AccountGovernors restarted = governors(store);
            restarted.onAccount(PEER, now[0], new AccountState(100_000, 100_000, 0, 100_000, List.of()), "USD", symbol -> eurusd);
            assertThat(restarted.headroom(PEER)[0]).isCloseTo(2_000, within(1e-6));
            assertThat(restarted.check(buy, terminal).allowed()).as("3,000 + 3,000 > 5,000").isFalse();

            // the shape of a state saved before orders in flight were kept: read as none in flight
            ObjectMapper json = new ObjectMapper();
            ObjectNode old = (ObjectNode) json.readTree(saved);
            old.remove("inFlight");
            old.remove("releasedSignals");
            EngineState older = GovernorStateJson.read(json.writeValueAsString(old));
            assertThat(older.inFlight()).isEmpty();
            assertThat(older.releasedSignals()).isEmpty();
            assertThat(older.balance()).isEqualTo(read.balance());
        }
    }

    @Test
    void aStateUnderAnotherProfileIsNotEvenParsed() {
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            journal.saveGovernorState(ACCOUNT, "another-profile", "{\"not\":\"ours\"", T0);
            JournalGovernorStates store = new JournalGovernorStates(journal);
            assertThat(store.load(ACCOUNT, "ftmo-2step")).isNull();
            StateSnapshot s = afterSnapshot(governors(store), 100_000, T0);
            assertThat(s.balance()).isEqualTo(100_000);
            assertThat(journal.governorState(ACCOUNT)[0]).isEqualTo("ftmo-2step");
        }
    }

    @Test
    void anUnreadableStateUnderItsOwnProfileStopsTradingInsteadOfForgettingTheFloors() {
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            journal.saveGovernorState(ACCOUNT, "ftmo-2step", "{\"initialBalance\": \"lots\"}", T0);
            AccountGovernors g = governors(new JournalGovernorStates(journal));
            assertThatThrownBy(() -> afterSnapshot(g, 100_000, T0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("paper-1/1001")
                    .hasMessageContaining("refusing to trade");
        }
    }
}
