package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.outcome.Action;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A terminal reports a payout as a {@code balance} message: the kernel journals it (message and event, never a
 * fill) and its account's governors keep it out of profit and loss — the payout that used to halt the account
 * (FTMO 2-Step, read as a loss below the day's floor) leaves it trading. A resend is applied once.
 */
class KernelBalanceTest {
    private static final long DAY1 = Instant.parse("2024-05-13T10:00:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2024-05-14T09:00:00Z").toEpochMilli();

    private final AtomicLong clock = new AtomicLong(DAY1);
    private final InMemoryJournal journal = new InMemoryJournal();
    private final InProcessTransport transport = new InProcessTransport("kernel-balance-test");
    private final EventBus events = new EventBus();
    private final AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step",
            100_000, GovernorStateStore.inMemory());
    private final SidecarKernel kernel;

    KernelBalanceTest() {
        RiskEngine risk = new RiskEngine(1);
        risk.add(governors);
        kernel = new SidecarKernel(SidecarKernel.Config.defaults(), new SidecarKernel.Ports(transport, journal, clock::get),
                peer -> Strategy.NONE, risk, governors, events, new SimpleMeterRegistry());
        kernel.start();
    }

    @AfterEach
    void close() {
        kernel.close();
        events.close();
    }

    private StateSnapshot state() {
        return governors.snapshots().values().iterator().next();
    }

    @Test
    void aPayoutIsJournaledAndNeverReadAsALossOrAsATrade() {
        FakeTerminal t = new FakeTerminal(transport, FakeTerminal.ID, clock::get);
        t.send(FakeTerminal.hello(0));
        kernel.runOnce(0);
        t.send(new Payload.Account(108_000, 108_000, 0, 108_000, java.util.List.of()));
        kernel.runOnce(0);
        clock.set(DAY2);                                    // the next Prague day: anchored on 108,000, floor 103,000
        t.send(KernelRig.account(108_000));
        kernel.runOnce(0);
        governors.publish();
        assertThat(state().dailyFloor()).isEqualTo(103_000);

        Payload.Balance payout = new Payload.Balance(501, "payout", -8_000, FakeTerminal.serverTime(DAY2 + 1_000), "Reward 80%");
        clock.set(DAY2 + 1_000);
        t.send(payout);
        t.send(KernelRig.account(100_000));
        kernel.runOnce(0);
        t.resendUnacked();                                   // the same messages again, resend: true
        t.send(payout);                                      // and the payout once more under a new seq
        kernel.runOnce(0);

        governors.publish();
        StateSnapshot s = state();
        assertThat(governors.action(FakeTerminal.ID.toString())).isEqualTo(Action.ALLOW);
        assertThat(s.halted()).isFalse();
        assertThat(s.dayAnchor()).isEqualTo(100_000);
        assertThat(s.dailyFloor()).isEqualTo(95_000);
        assertThat(s.countedProfit()).isEqualTo(8_000);
        assertThat(s.balance()).isEqualTo(100_000);
        assertThat(journal.fills()).isEmpty();
        assertThat(journal.events("balance")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("\"kind\":\"payout\"")
                .contains("\"deal\":501"));
    }
}
