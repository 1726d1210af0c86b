package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.vprop.kernel.KernelRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governors' flatten repeats every 5 s of the terminal's time, not of the kernel's: a replay plays two weekends a
 * few seconds of wall time apart, and each must be flattened before it (as a backtest does). Found by e2e
 * EngineParityTest: the second weekend's position stayed open through the replay but not through the backtest.
 */
class KernelFlattenClockTest {
    private static final long FRIDAY_1 = Instant.parse("2021-01-15T21:55:00Z").toEpochMilli();   // ftmo-2step: flat from 21:50
    private static final long FRIDAY_2 = Instant.parse("2021-01-22T21:55:00Z").toEpochMilli();

    @Test
    void twoWeekendsOfAReplayAFewSecondsApartAreBothFlattened() {
        AtomicLong wall = new AtomicLong(T0), market = new AtomicLong(FRIDAY_1 - 3_600_000);
        InMemoryJournal journal = new InMemoryJournal();
        io.vprop.transport.InProcessTransport transport = new io.vprop.transport.InProcessTransport("flatten-clock");
        AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000,
                GovernorStateStore.inMemory());
        RiskEngine risk = new RiskEngine(1);
        risk.add(governors);
        SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(transport, journal, wall::get), peer -> new RecordingStrategy(), risk, governors,
                new EventBus(), new SimpleMeterRegistry());
        kernel.start();
        try {
            FakeTerminal t = new FakeTerminal(transport, FakeTerminal.ID, market::get);   // stamps in market time
            t.send(FakeTerminal.hello(0));
            kernel.runOnce(0);
            t.send(account(1));
            t.send(tick(market.get()));
            kernel.runOnce(0);
            assertThat(closes(t)).as("no flatten before the weekend window").isEmpty();

            market.set(FRIDAY_1);
            t.send(tick(FRIDAY_1));
            t.send(account(1));
            kernel.runOnce(0);
            assertThat(closes(t)).as("the first weekend's flatten").containsExactly(1L);

            // the replay plays on: a week later in market time, one second later on the kernel's clock
            wall.addAndGet(1_000);
            market.set(FRIDAY_2 - 3_600_000);
            t.send(tick(market.get()));
            t.send(account(2));
            kernel.runOnce(0);
            market.set(FRIDAY_2);
            t.send(tick(FRIDAY_2));
            t.send(account(2));
            kernel.runOnce(0);
            assertThat(closes(t)).as("the second weekend's flatten, 1 s of wall time after the first").containsExactly(1L, 2L);
        } finally {
            kernel.close();
        }
    }

    /**
     * The terminal closed the position (its fill is in) but its next snapshot has not come yet when the replay's next
     * quote moves the terminal's clock past the 5 s: the housekeeping timer must not close it again from the old
     * snapshot (found by EngineParityTest: a close rejected live, never tried by the backtest).
     */
    @Test
    void aSnapshotOlderThanAFillIsNotFlattenedAgain() {
        AtomicLong wall = new AtomicLong(T0), market = new AtomicLong(FRIDAY_1);
        InMemoryJournal journal = new InMemoryJournal();
        io.vprop.transport.InProcessTransport transport = new io.vprop.transport.InProcessTransport("flatten-fill");
        AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000,
                GovernorStateStore.inMemory());
        RiskEngine risk = new RiskEngine(1);
        risk.add(governors);
        SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(transport, journal, wall::get), peer -> new RecordingStrategy(), risk, governors,
                new EventBus(), new SimpleMeterRegistry());
        kernel.start();
        try {
            FakeTerminal t = new FakeTerminal(transport, FakeTerminal.ID, market::get);
            t.send(FakeTerminal.hello(0));
            kernel.runOnce(0);
            t.send(tick(FRIDAY_1));
            t.send(account(1));
            kernel.runOnce(0);
            assertThat(closes(t)).containsExactly(1L);

            t.send(new Payload.Fill(11, 11, 1, "sig-1", "EURUSD", "sell", "out", 1.1000, 0.1, -0.35, 0, 0,
                    FakeTerminal.serverTime(FRIDAY_1), "expert"));
            market.addAndGet(60_000);                        // the next quote, a minute of market time later
            t.send(tick(market.get()));
            wall.addAndGet(1_000);                           // and the housekeeping timer is due
            kernel.runOnce(0);
            assertThat(closes(t)).as("no second close from the snapshot the fill made old").containsExactly(1L);

            // the snapshot after the deal (here with a new position): from it the timer flattens again
            t.send(account(2));
            wall.addAndGet(1_000);
            kernel.runOnce(0);
            assertThat(closes(t)).containsExactly(1L, 2L);
        } finally {
            kernel.close();
        }
    }

    private static List<Long> closes(FakeTerminal t) {
        return t.received(Payload.Signal.class).stream().filter(s -> s.position() > 0).map(Payload.Signal::position).toList();
    }

    private static Payload.Tick tick(long utcMs) {
        return new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(utcMs), 6);
    }

    /** One open EURUSD position {@code ticket}. */
    private static Payload.Account account(long ticket) {
        return new Payload.Account(100_000, 100_000, 0, 100_000, List.of(new Payload.PositionInfo(ticket, "EURUSD", "buy", 0.1,
                1.0990, 1.0950, 0, 0, 0, 0, FakeTerminal.serverTime(FRIDAY_1 - 7_200_000), "sig-" + ticket)));
    }
}
