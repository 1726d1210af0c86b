package io.vprop.risk;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderType;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 17: the sidecar's governors count the pending orders the terminal reports resting (account.orders) and follow
 * its order messages. FTMO 100k (daily headroom 5,000, worst case = stop x 1.2); EURUSD 2.5 lots with a 100-pip stop
 * risk 2,500 (3,000 worst case).
 */
class AccountGovernorsPendingTest {
    private static final String PEER = "paper-1/1001/EURUSD.M1";
    private static final long T0 = 1_715_680_800_000L;   // 2024-05-14T10:00:00Z, a Tuesday
    private static final SymbolSpec EURUSD = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100_000, 0.01, 0.01, 100, 0, 0, "EUR", "USD");
    private static final PendingOrder LIMIT = new PendingOrder(501, "EURUSD", OrderType.BUY_LIMIT, 2.5, 1.0800, 1.0700, 0, 0, "p1");

    private long now = T0;

    private final TerminalView terminal = new TerminalView() {
        @Override public String peer() { return PEER; }
        @Override public long nowMs() { return now; }
        @Override public boolean live() { return true; }
        @Override public SymbolSpec spec(String symbol) { return EURUSD; }
        @Override public Tick lastTick(String symbol) { return new Tick(symbol, now, 1.0850, 1.0850, 0, 0, 0); }
        @Override public boolean pending(String symbol) { return false; }
        @Override public AccountState account() { return null; }
    };

    private final AccountGovernors g = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 0,
            GovernorStateStore.inMemory());

    private static OrderIntent stop(double lots) {
        return OrderIntent.pending(OrderType.BUY_STOP, "EURUSD", lots, 1.0900, 1.0800, 0, T0 + 3_600_000, "", "", 0, "");
    }

    @Test
    void aRestingOrderInTheSnapshotCountsInThePreTradeCheckUntilTheTerminalSaysItLeft() {
        g.onAccount(PEER, now, new AccountState(100_000, 100_000, 0, 100_000, List.of(), List.of(LIMIT)), "USD", s -> EURUSD);
        assertThat(g.headroom(PEER)[0]).as("5,000 - 3,000 resting").isEqualTo(2_000, within(1e-6));
        assertThat(g.check(stop(2.5), terminal).allowed()).as("3,000 + 3,000 > 5,000").isFalse();
        assertThat(g.check(stop(1.5), terminal).allowed()).as("3,000 + 1,800 <= 5,000").isTrue();

        now += 1_000;
        g.onPendingOrder(PEER, now, "cancelled", LIMIT, s -> EURUSD);
        assertThat(g.headroom(PEER)[0]).as("cancelled: nothing resting").isEqualTo(5_000, within(1e-6));
        assertThat(g.check(stop(2.5), terminal).allowed()).isTrue();

        now += 1_000;
        g.onPendingOrder(PEER, now, "placed", LIMIT, s -> EURUSD);
        assertThat(g.headroom(PEER)[0]).as("placed again: resting").isEqualTo(2_000, within(1e-6));
    }

    @Test
    void aPendingSignalWithoutAStopIsRefused() {
        g.onAccount(PEER, now, new AccountState(100_000, 100_000, 0, 100_000, List.of()), "USD", s -> EURUSD);
        OrderIntent noStop = OrderIntent.pending(OrderType.SELL_LIMIT, "EURUSD", 1, 1.0900, 0, 0, T0 + 60_000, "", "", 0, "");
        assertThat(g.check(noStop, terminal).allowed()).isFalse();
    }
}
