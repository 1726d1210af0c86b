package io.vprop.risk;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the sidecar's pre-trade check counts the signals it sent and the fills no snapshot shows yet. FTMO 100k
 * (daily headroom 5,000, worst case = stop x 1.2); EURUSD 1 lot = 100,000 per 1.0, so 2.5 lots with a 100-pip stop
 * risk 2,500 (3,000 worst case).
 */
class AccountGovernorsInFlightTest {
    private static final String PEER = "paper-1/1001/EURUSD.M1";
    private static final long T0 = 1_715_680_800_000L;   // 2024-05-14T10:00:00Z, a Tuesday
    private static final SymbolSpec EURUSD = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100_000, 0.01, 0.01, 100, 0, 0, "EUR", "USD");

    private long now = T0;

    private final TerminalView terminal = new TerminalView() {
        @Override public String peer() { return PEER; }
        @Override public long nowMs() { return now; }
        @Override public boolean live() { return true; }
        @Override public SymbolSpec spec(String symbol) { return EURUSD; }
        @Override public Tick lastTick(String symbol) { return new Tick(symbol, now, 1.0800, 1.0800, 0, 0, 0); }
        @Override public boolean pending(String symbol) { return false; }
        @Override public AccountState account() { return null; }
    };

    private final AccountGovernors g = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 0,
            GovernorStateStore.inMemory());

    private static OrderIntent buy(double lots) {
        return OrderIntent.open("EURUSD", Side.BUY, lots, 1.0800, 0, 1.0700, 0, 0, T0 + 60_000, "", "", 0, "");
    }

    private void snapshot(List<Position> positions) { snapshot(g, positions); }

    /** What the kernel does: check, and when allowed, send under an id (and reserve). */
    private boolean send(String id, OrderIntent o) {
        boolean ok = g.check(o, terminal).allowed();
        if (ok) g.onSignalSent(terminal, id, o);
        return ok;
    }

    @Test
    void aSecondEntrySentBeforeTheNextSnapshotIsJudgedWithTheFirst() {
        snapshot(List.of());
        assertThat(send("s1", buy(2.5))).isTrue();
        now += 1_000;
        assertThat(g.check(buy(2.5), terminal).allowed()).as("3,000 + 3,000 > 5,000").isFalse();
        assertThat(g.check(buy(1.5), terminal).allowed()).as("3,000 + 1,800 <= 5,000").isTrue();
        assertThat(g.headroom(PEER)[0]).as("daily room left for a worst case").isEqualTo(2_000, within(1e-6));
    }

    @Test
    void aRejectionReleasesAndASnapshotReplacesTheReservationWithoutDoubleCounting() {
        snapshot(List.of());
        send("s1", buy(2.5));
        now += 1_000;
        g.onOrderUpdate(PEER, now, new OrderUpdate("s1", OrderStatus.REJECTED, "off_price", "", 0, 0));
        assertThat(g.headroom(PEER)[0]).as("released").isEqualTo(5_000, within(1e-6));

        send("s2", buy(2.5));
        now += 1_000;
        g.onFill(PEER, now, new Fill(11, 11, 11, "s2", "EURUSD", Side.BUY, FillEntry.IN, 1.0800, 2.5, 0, 0, 0, now, ""));
        snapshot(List.of());                                  // stale: sampled before the fill
        assertThat(g.headroom(PEER)[0]).as("the fill still counts").isEqualTo(2_000, within(1e-6));
        now += 1_000;
        snapshot(List.of(new Position(11, "EURUSD", Side.BUY, 2.5, 1.0800, 1.0700, 0, 0, 0, 0, now - 2_000, "s2")));
        assertThat(g.headroom(PEER)[0]).as("the position's 2,500 instead of the 3,000 reservation, not both")
                .isEqualTo(2_500, within(1e-6));
        g.onSignalSent(terminal, "s2", buy(2.5));             // the same id again: counted once
        assertThat(g.headroom(PEER)[0]).isEqualTo(2_500, within(1e-6));
    }

    /**
     * A restart between sending a signal and the terminal's answer: the channel resends what the terminal has not
     * acknowledged, so the order is still executed after the restart, and its worst case must still count.
     */
    @Test
    void aSignalSentBeforeARestartStillCountsAfterIt() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors before = started(store);
        snapshot(before, List.of());
        assertThat(before.check(buy(2.5), terminal).allowed()).isTrue();
        before.onSignalSent(terminal, "s1", buy(2.5));        // saved with the state before it is journaled and sent

        now += 1_000;
        AccountGovernors after = started(store);
        snapshot(after, List.of());
        assertThat(after.headroom(PEER)[0]).as("the 3,000 in flight from before the restart").isEqualTo(2_000, within(1e-6));
        assertThat(after.check(buy(2.5), terminal).allowed()).as("3,000 + 3,000 > 5,000, restart or not").isFalse();

        // the answer comes after the restart: the reservation ends as it would have without one
        now += 1_000;
        after.onFill(PEER, now, new Fill(11, 11, 11, "s1", "EURUSD", Side.BUY, FillEntry.IN, 1.0800, 2.5, 0, 0, 0, now, ""));
        snapshot(after, List.of(new Position(11, "EURUSD", Side.BUY, 2.5, 1.0800, 1.0700, 0, 0, 0, 0, now, "s1")));
        assertThat(after.headroom(PEER)[0]).as("the position's 2,500, not the reservation as well").isEqualTo(2_500, within(1e-6));
    }

    /**
     * An entry filled before a restart and shown by no snapshot yet: the first snapshot after the restart (sampled after
     * that fill) shows its position, or the position is no longer open. Either way it leaves then, instead of holding
     * room for good (a paper account started afresh, a position closed while the sidecar was down).
     */
    @Test
    void aFillFromBeforeARestartLeavesWithTheFirstSnapshotAfterIt() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors before = started(store);
        snapshot(before, List.of());
        before.onSignalSent(terminal, "s1", buy(2.5));
        before.onSignalSent(terminal, "s2", buy(1.0));        // 1,200 worst case, not answered before the restart
        now += 1_000;
        before.onFill(PEER, now, new Fill(11, 11, 11, "s1", "EURUSD", Side.BUY, FillEntry.IN, 1.0800, 2.5, 0, 0, 0, now, ""));
        snapshot(before, List.of());
        assertThat(before.headroom(PEER)[0]).as("a snapshot sampled before the fill: both still in flight")
                .isEqualTo(800, within(1e-6));

        now += 1_000;
        AccountGovernors after = started(store);
        snapshot(after, List.of());
        assertThat(after.headroom(PEER)[0]).as("s1's position is not open; s2 may still be executed")
                .isEqualTo(3_800, within(1e-6));
    }

    /** The ids a snapshot took over are kept too: the same signal again after a restart is not a second order. */
    @Test
    void aSignalASnapshotTookOverIsNotCountedAgainAfterARestart() {
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors before = started(store);
        snapshot(before, List.of());
        before.onSignalSent(terminal, "s1", buy(2.5));
        now += 1_000;
        Position shown = new Position(11, "EURUSD", Side.BUY, 2.5, 1.0800, 1.0700, 0, 0, 0, 0, now, "s1");
        snapshot(before, List.of(shown));

        now += 1_000;
        AccountGovernors after = started(store);
        snapshot(after, List.of(shown));
        after.onSignalSent(terminal, "s1", buy(2.5));         // resent: the position already counts for it
        assertThat(after.headroom(PEER)[0]).isEqualTo(2_500, within(1e-6));
    }

    /** A sidecar's governors (re)started on {@code store}. */
    private static AccountGovernors started(GovernorStateStore store) {
        return new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 0, store);
    }

    private void snapshot(AccountGovernors governors, List<Position> positions) {
        governors.onAccount(PEER, now, new AccountState(100_000, 100_000, 0, 100_000, positions), "USD", s -> EURUSD);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
