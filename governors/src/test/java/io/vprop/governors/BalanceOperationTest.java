package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.config.Timestamps;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.BalanceOperation.Kind;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.profile.BalanceOpsConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Balance operations: bad input, persistence across a restart, and the firm's payout rule for the floor. */
class BalanceOperationTest {
    static long t(String iso) {
        return Timestamps.parse("t", iso);
    }

    /** FTMO 1-Step with the floor moving with a payout instead of keeping its level. */
    static FirmProfile moving(FirmProfile p) {
        return new FirmProfile(p.id() + "-move", p.name(), p.dayReset(), p.dailyLoss(), p.maxLoss(), p.buffers(), p.preTrade(),
                p.news(), p.forcedFlat(), p.consistency(), p.tradingDays(), p.profitTarget(), p.activity(), p.size(),
                p.schedule(), p.symbolCurrencies(), p.sources(), new BalanceOpsConfig(BalanceOpsConfig.PayoutFloor.MOVE));
    }

    @Test
    void badOperationsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new BalanceOperation(0, Kind.DEPOSIT, 100, 0, "")).hasMessageContaining("balance.deal");
        assertThatThrownBy(() -> new BalanceOperation(0, Kind.DEPOSIT, 0, 1, "")).hasMessageContaining("balance.amount");
        assertThatThrownBy(() -> new BalanceOperation(0, Kind.DEPOSIT, -100, 1, "")).hasMessageContaining("deposit must be positive");
        assertThatThrownBy(() -> new BalanceOperation(0, Kind.PAYOUT, 100, 1, "")).hasMessageContaining("payout must be negative");
        assertThatThrownBy(() -> new BalanceOperation(0, null, 100, 1, "")).hasMessageContaining("balance.kind");
        GovernorEngine e = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), 100_000, "USD");
        assertThatThrownBy(() -> e.evaluate(new BalanceOperation(t("2024-05-14T10:00:00Z"), Kind.WITHDRAWAL, -10_000_001, 1, "")))
                .hasMessageContaining("balance.amount").hasMessageContaining("negative");
        assertThat(e.exportState().balance()).isEqualTo(100_000);
    }

    @Test
    void everyWireNameMapsToItsKind() {
        for (Kind k : Kind.values()) assertThat(Kind.ofWire(k.wire())).isSameAs(k);
        assertThat(Kind.ofWire("refund")).isNull();
        assertThat(Kind.CREDIT.inBalance()).isFalse();
        assertThat(Kind.COMMISSION.cost()).isTrue();
        assertThat(Kind.CORRECTION.cost()).isFalse();
    }

    @Test
    void aPayoutMovesTheFloorWhenTheFirmSaysSoAndTheRoomStays() {
        FirmProfile keep = ProfileLoader.bundled("ftmo-1step");
        for (FirmProfile p : List.of(keep, moving(keep))) {
            GovernorEngine e = GovernorEngine.start(p, 100_000, "USD");
            e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:00Z"), 110_000, 110_000));
            e.evaluate(new ClockTick(t("2024-05-14T22:00:00Z")));
            assertThat(e.snapshot().overallFloor()).isEqualTo(100_000);
            e.evaluate(new BalanceOperation(t("2024-05-15T08:00:00Z"), Kind.PAYOUT, -800_000, 1, "payout"));
            e.evaluate(new AccountSnapshot(t("2024-05-15T08:00:01Z"), 102_000, 102_000));
            boolean moves = p.balanceOps().payoutFloor() == BalanceOpsConfig.PayoutFloor.MOVE;
            assertThat(e.snapshot().overallFloor()).isEqualTo(moves ? 92_000 : 100_000);
            assertThat(e.snapshot().overallHeadroom()).isEqualTo(moves ? 10_000 : 2_000);
            assertThat(e.snapshot().highWaterMark()).isEqualTo(110_000);
            assertThat(e.snapshot().halted()).isFalse();
        }
    }

    @Test
    void withdrawingMoreThanTheDaysStartKeepsAStateThatCanBeSaved() {
        GovernorEngine e = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), 10_000, "USD");
        e.evaluate(new AccountSnapshot(t("2024-05-14T10:00:00Z"), 60_000, 60_000));     // +50,000 today
        e.evaluate(new BalanceOperation(t("2024-05-14T11:00:00Z"), Kind.WITHDRAWAL, -3_000_000, 7, ""));
        EngineState s = e.exportState();                                                // no negative day start
        assertThat(s.dayStartBalance()).isZero();
        assertThat(GovernorEngine.restore(e.profile(), s).snapshot().balance()).isEqualTo(30_000);
    }

    @Test
    void exportAndRestoreKeepTheOperationsAndTheirDealTickets() {
        FirmProfile p = moving(ProfileLoader.bundled("ftmo-1step"));
        List<GovernorEvent> events = new ArrayList<>();
        long t0 = t("2024-05-13T08:00:00Z");
        double bal = 100_000;
        double credit = 0;
        Kind[] kinds = Kind.values();
        for (int i = 0; i < 40; i++) {
            long t = t0 + i * 3_600_000L;
            double pnl = ((i * 37) % 11 - 4) * 150.0;
            events.add(Events.fill(t, "EURUSD", Side.SELL, 1, 1.081, false, pnl, t - 1_000));
            bal += pnl;
            Kind k = kinds[i % kinds.length];
            long cents = switch (k) {
                case DEPOSIT -> 50_000;
                case WITHDRAWAL, PAYOUT -> -30_000;
                default -> (i % 2 == 0 ? 1 : -1) * 12_345;
            };
            events.add(new BalanceOperation(t + 1, k, cents, 1_000 + i, k.wire()));
            events.add(new BalanceOperation(t + 2, k, cents, 1_000 + i, "repeated")); // applied once
            if (k == Kind.CREDIT) credit += cents / 100.0; else bal += cents / 100.0;
            events.add(new AccountSnapshot(t + 3, bal, bal + credit));
        }
        GovernorEngine straight = GovernorEngine.start(p, 100_000, "USD");
        GovernorEngine first = GovernorEngine.start(p, 100_000, "USD");
        int cut = events.size() / 2 + 1; // just after an operation: its repeat comes after the restart
        List<RuleVerdict> a = new ArrayList<>();
        List<RuleVerdict> b = new ArrayList<>();
        for (GovernorEvent ev : events) a.add(straight.evaluate(ev));
        for (int i = 0; i < cut; i++) b.add(first.evaluate(events.get(i)));
        EngineState saved = first.exportState();
        assertThat(saved.balanceDeals()).isNotEmpty();
        GovernorEngine restored = GovernorEngine.restore(p, saved);
        for (int i = cut; i < events.size(); i++) b.add(restored.evaluate(events.get(i)));
        assertThat(b).isEqualTo(a);
        assertThat(restored.exportState()).isEqualTo(straight.exportState());
        assertThat(restored.snapshot()).isEqualTo(straight.snapshot());
        assertThat(straight.snapshot().balance()).isEqualTo(bal);
        assertThat(straight.exportState().floorShiftCents()).isNotZero();
    }
}
