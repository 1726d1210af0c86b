package io.vprop.risk;

import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderType;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A JPY pair's tick value moves with USDJPY all day: when the terminal's new value replaces the spec (symbol_update),
 * the governors re-value the last snapshot's positions and resting orders in it at once — open risk, headroom and the
 * pre-trade check — as long as that snapshot is still the account's picture; after a fill or an order event they wait
 * for the terminal's next snapshot. FTMO 2-Step 100k: daily headroom 5,000, overall 10,000, worst case = stop × 1.2.
 */
class AccountGovernorsSymbolSpecTest {
    private static final String PEER = "paper-1/1001/USDJPY.M1";
    private static final long T0 = 1_715_680_800_000L;   // 2024-05-14T10:00:00Z, a Tuesday
    private static final double HELLO_TV = 0.67, LIVE_TV = 1.34;

    private static SymbolSpec usdjpy(double tickValue) {
        return new SymbolSpec("USDJPY", 3, 0.001, 0.001, tickValue, 100_000, 0.01, 0.01, 100, 0, 0, "USD", "JPY");
    }

    private static final SymbolSpec EURUSD = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100_000, 0.01, 0.01, 100, 0, 0, "EUR", "USD");

    /** 2 lots USDJPY bought at 155.000, stop 154.500: 0.5 / 0.001 × tick value × 2 = 670 at the hello's 0.67. */
    private static final Position JPY = new Position(1, "USDJPY", Side.BUY, 2, 155.000, 154.500, 0, 0, 0, 0, T0 - 60_000, "s1");
    /** 1 lot EURUSD bought at 1.10000, stop 1.09500: 0.005 / 1e-5 × 1.0 × 1 = 500. */
    private static final Position EU = new Position(2, "EURUSD", Side.BUY, 1, 1.1000, 1.0950, 0, 0, 0, 0, T0 - 60_000, "s2");

    private final Map<String, SymbolSpec> specs = new HashMap<>(Map.of("USDJPY", usdjpy(HELLO_TV), "EURUSD", EURUSD));
    private long now = T0;
    private final AccountGovernors g = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000,
            GovernorStateStore.inMemory());

    private final TerminalView terminal = new TerminalView() {
        @Override public String peer() { return PEER; }
        @Override public long nowMs() { return now; }
        @Override public boolean live() { return true; }
        @Override public SymbolSpec spec(String symbol) { return specs.get(symbol); }
        @Override public Tick lastTick(String symbol) { return new Tick(symbol, now, 1.1, 1.1, 0, 0, 0); }
        @Override public boolean pending(String symbol) { return false; }
        @Override public AccountState account() { return null; }
    };

    private void snapshot(List<Position> positions, List<PendingOrder> orders) {
        g.onAccount(PEER, now, new AccountState(100_000, 100_000, 0, 100_000, positions, orders), "USD", specs::get);
    }

    /** The terminal's new tick value: the session's spec replaced, then the governors told (as the kernel does). */
    private List<AccountGovernors.Notice> liveTickValue(double tickValue) {
        specs.put("USDJPY", usdjpy(tickValue));
        return g.onSymbolSpec(PEER, now, "USDJPY", specs::get);
    }

    private StateSnapshot published() {
        g.publish();
        return g.snapshots().get(AccountGovernors.accountOf(PEER));
    }

    /** EURUSD 3.5 lots, 100-pip stop: 3,500 at the stop, 4,200 worst case. */
    private boolean allowsAWorstCaseOf4200() {
        return g.check(OrderIntent.open("EURUSD", Side.BUY, 3.5, 1.1000, 0, 1.0900, 0, 0, now + 60_000, "", "", 0, ""), terminal).allowed();
    }

    @Test
    void aNewTickValueReValuesTheOpenPositionAtOnce() {
        snapshot(List.of(JPY), List.of());
        assertThat(published().openRisk()).as("0.5 / 0.001 × 0.67 × 2").isCloseTo(670.00, within(1e-6));
        assertThat(g.headroom(PEER)).containsExactly(new double[]{5_000 - 670.00, 10_000 - 670.00}, within(1e-6));
        assertThat(allowsAWorstCaseOf4200()).as("4,200 ≤ 4,330").isTrue();

        now += 500;
        g.onClock(PEER, now);                                // the clock changes nothing the snapshot shows
        now += 500;
        assertThat(liveTickValue(LIVE_TV)).as("no status changed").isEmpty();

        StateSnapshot after = published();
        assertThat(after.openRisk()).as("0.5 / 0.001 × 1.34 × 2").isCloseTo(1_340.00, within(1e-6));
        assertThat(after.timeMs()).as("evaluated at the governors' last event (the clock's), not at the update").isEqualTo(T0 + 500);
        assertThat(after.balance()).isEqualTo(100_000);
        assertThat(g.headroom(PEER)).containsExactly(new double[]{5_000 - 1_340.00, 10_000 - 1_340.00}, within(1e-6));
        assertThat(allowsAWorstCaseOf4200()).as("4,200 > 3,660: refused before the next snapshot").isFalse();

        now += 1_000;
        liveTickValue(1.005);                                // and again, from the same snapshot
        assertThat(published().openRisk()).as("0.5 / 0.001 × 1.005 × 2").isCloseTo(1_005.00, within(1e-6));
    }

    /**
     * A tick value told after the firm's day reset (FTMO: midnight Prague, 22:00 UTC in May) re-values the last
     * snapshot of the old day without starting the new one from its equity: the next snapshot starts it.
     */
    @Test
    void aReValuationAfterTheDayResetDoesNotStartTheDayWithTheOldSnapshot() {
        now = T0 + 12 * 3_600_000L - 1_000;                 // 21:59:59 UTC
        g.onAccount(PEER, now, new AccountState(100_000, 99_000, 0, 100_000, List.of(JPY), List.of()), "USD", specs::get);
        long before = published().timeMs();
        now += 2_000;                                        // 22:00:01: the new firm day
        liveTickValue(LIVE_TV);
        StateSnapshot after = published();
        assertThat(after.openRisk()).isCloseTo(1_340.00, within(1e-6));
        assertThat(after.timeMs()).as("still the old day's last event").isEqualTo(before);
        long reset = T0 + 12 * 3_600_000L;
        assertThat(after.dayStartMs()).as("the day not started by the re-valuation").isEqualTo(reset - 24 * 3_600_000L);
        now += 1_000;                                        // the terminal's next snapshot starts it
        g.onAccount(PEER, now, new AccountState(100_000, 99_500, 0, 100_000, List.of(JPY), List.of()), "USD", specs::get);
        assertThat(published().dayStartMs()).isEqualTo(reset);
    }

    @Test
    void aRestingOrderInTheSymbolIsReValuedToo() {
        // BUY_LIMIT 1 lot at 154.000, stop 153.500: 0.5 / 0.001 × 0.67 = 335, × 1.2 worst case = 402
        PendingOrder limit = new PendingOrder(501, "USDJPY", OrderType.BUY_LIMIT, 1, 154.000, 153.500, 0, 0, "p1");
        snapshot(List.of(), List.of(limit));
        assertThat(g.headroom(PEER)[0]).isCloseTo(5_000 - 402.00, within(1e-6));

        now += 1_000;
        liveTickValue(LIVE_TV);
        assertThat(g.headroom(PEER)[0]).as("335 × 2 × 1.2 = 804").isCloseTo(5_000 - 804.00, within(1e-6));
    }

    @Test
    void aTerminalClockBehindTheGovernorsReValuesAtTheirTime() {
        snapshot(List.of(JPY), List.of());
        now -= 5_000;                                        // a restarted market behind the governors' last event
        assertThat(liveTickValue(LIVE_TV)).extracting(AccountGovernors.Notice::kind).doesNotContain("input_rejected");
        StateSnapshot after = published();
        assertThat(after.openRisk()).isCloseTo(1_340.00, within(1e-6));
        assertThat(after.timeMs()).as("never before the last event").isEqualTo(T0);
    }

    @Test
    void afterAFillTheGovernorsWaitForTheNextSnapshot() {
        snapshot(List.of(JPY, EU), List.of());
        assertThat(published().openRisk()).as("670 + 500").isCloseTo(1_170.00, within(1e-6));

        now += 1_000;                                        // EURUSD closed flat: the snapshot no longer says what is open
        g.onFill(PEER, now, new Fill(9, 2, 2, "s2", "EURUSD", Side.SELL, FillEntry.OUT, 1.1000, 1, 0, 0, 0, now, ""));
        now += 100;
        assertThat(liveTickValue(LIVE_TV)).isEmpty();
        assertThat(published().openRisk()).as("not re-valued from the older picture").isCloseTo(1_170.00, within(1e-6));
        assertThat(g.headroom(PEER)[0]).isCloseTo(5_000 - 1_170.00, within(1e-6));

        now += 100;                                          // the snapshot the terminal sends after the fill
        snapshot(List.of(JPY), List.of());
        assertThat(published().openRisk()).as("at the new value").isCloseTo(1_340.00, within(1e-6));
    }

    @Test
    void afterAPendingOrderEventTheGovernorsWaitForTheNextSnapshot() {
        snapshot(List.of(JPY), List.of());
        now += 1_000;
        PendingOrder limit = new PendingOrder(501, "EURUSD", OrderType.BUY_LIMIT, 1, 1.0800, 1.0750, 0, 0, "p1");
        g.onPendingOrder(PEER, now, "placed", limit, specs::get);   // 500 × 1.2 = 600 resting since the snapshot
        assertThat(g.headroom(PEER)[0]).isCloseTo(5_000 - 670.00 - 600.00, within(1e-6));

        now += 100;
        assertThat(liveTickValue(LIVE_TV)).isEmpty();
        assertThat(g.headroom(PEER)[0]).as("the resting order kept, the position not re-valued")
                .isCloseTo(5_000 - 670.00 - 600.00, within(1e-6));
    }

    @Test
    void aSymbolTheSnapshotDoesNotHoldOrAnUnknownAccountChangesNothing() {
        assertThat(g.onSymbolSpec(PEER, now, "USDJPY", specs::get)).as("no snapshot yet").isEmpty();
        assertThat(g.snapshots()).isEmpty();

        snapshot(List.of(EU), List.of());
        now += 1_000;
        assertThat(liveTickValue(LIVE_TV)).isEmpty();
        StateSnapshot after = published();
        assertThat(after.timeMs()).as("not evaluated").isEqualTo(T0);
        assertThat(after.openRisk()).isCloseTo(500.00, within(1e-6));
    }
}
