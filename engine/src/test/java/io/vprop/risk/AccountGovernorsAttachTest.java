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
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /**
     * The terminal sends firm_state after every welcome, so the attach replaces the account's engine at a reconnect and
     * after a sidecar restart: a signal sent before it is still being executed and must still count.
     */
    @Test
    void aSignalInFlightStillCountsAfterTheFirmStateOfAReconnectOrARestart() {
        SymbolSpec eurusd = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100_000, 0.01, 0.01, 100, 0, 0, "EUR", "USD");
        long[] now = {t("2026-03-04T09:00:01Z")};
        TerminalView terminal = new TerminalView() {
            @Override public String peer() { return PEER; }
            @Override public long nowMs() { return now[0]; }
            @Override public boolean live() { return true; }
            @Override public SymbolSpec spec(String symbol) { return eurusd; }
            @Override public Tick lastTick(String symbol) { return new Tick(symbol, now[0], 1.08, 1.08, 0, 0, 0); }
            @Override public boolean pending(String symbol) { return false; }
            @Override public AccountState account() { return null; }
        };
        // 2.5 lots with a 100-pip stop: 2,500 at the stop, 3,000 worst case (x 1.2), against 5,000 of daily room
        OrderIntent buy = OrderIntent.open("EURUSD", Side.BUY, 2.5, 1.08, 0, 1.07, 0, 0, t("2026-03-04T09:10:00Z"), "", "", 0, "");
        GovernorStateStore store = GovernorStateStore.inMemory();
        AccountGovernors g = new AccountGovernors(FTMO, "ftmo-2step", 0, store);
        g.onFirmState(PEER, t("2026-03-04T09:00:00Z"), state(103_000, UP_3000), "USD");
        account(g, now[0], 103_000, 103_000);
        assertThat(g.check(buy, terminal).allowed()).isTrue();
        g.onSignalSent(terminal, "s1", buy);

        now[0] = t("2026-03-04T09:00:05Z");                  // the terminal reconnects: welcome, firm_state, snapshot
        g.onFirmState(PEER, now[0], state(103_000, UP_3000), "USD");
        account(g, now[0], 103_000, 103_000);
        assertThat(g.headroom(PEER)[0]).as("reconnect: 3,000 still in flight").isCloseTo(2_000, within(1e-6));
        assertThat(g.check(buy, terminal).allowed()).isFalse();

        now[0] = t("2026-03-04T09:00:09Z");                  // the sidecar restarts: its governors from the store
        AccountGovernors restarted = new AccountGovernors(FTMO, "ftmo-2step", 0, store);
        restarted.onFirmState(PEER, now[0], state(103_000, UP_3000), "USD");
        account(restarted, now[0], 103_000, 103_000);
        assertThat(restarted.headroom(PEER)[0]).as("restart: 3,000 still in flight").isCloseTo(2_000, within(1e-6));
        assertThat(restarted.check(buy, terminal).allowed()).isFalse();

        now[0] = t("2026-03-04T09:00:10Z");                  // and the terminal's answer ends it as before
        restarted.onOrderUpdate(PEER, now[0], new OrderUpdate("s1", OrderStatus.REJECTED, "off_price", "", 0, 0));
        assertThat(restarted.headroom(PEER)[0]).isCloseTo(5_000, within(1e-6));
    }
}
