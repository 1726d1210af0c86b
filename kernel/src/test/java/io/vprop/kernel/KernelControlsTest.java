package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Submission;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.vprop.kernel.KernelRig.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trader's controls through the kernel: journaled (audit entry and outbound message) before they leave, stamped
 * with the terminal's clock, the sidecar's own entries held while paused (closes pass), the pause rebuilt from the
 * journal after a restart, the terminal's control_ack recorded; and manual orders on the governors' clock.
 */
class KernelControlsTest {
    private final InMemoryJournal journal = new InMemoryJournal();
    private KernelRig rig = new KernelRig(journal, t -> t);

    @AfterEach
    void close() { rig.close(); }

    private static Payload.Tick tick(long utcMs) {
        return new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(utcMs), 6);
    }

    private SidecarKernel.ControlOutcome control(String action, long position, String reason) {
        return rig.kernel.control(null, null, action, position, "", reason, "panel", "127.0.0.1");
    }

    private Submission manualBuy() {
        return rig.kernel.submitManual(null, "EURUSD", Side.BUY, 0.1, 0, 1.0990, 0, 0, 0.0005, 30, "by hand");
    }

    private FakeTerminal tradingTerminal() {
        FakeTerminal t = rig.welcomedTerminal();
        // a position on another symbol: the rig's risk engine allows one per symbol, and EURUSD stays free for entries
        t.send(new Payload.Account(100_000, 100_000, 0, 100_000, List.of(new Payload.PositionInfo(777, "GBPUSD", "buy", 0.1,
                1.0990, 1.0950, 0, 0, 0, 0, FakeTerminal.serverTime(T0), "sig-1"))));
        t.send(tick(T0 + 5));
        rig.round();
        return t;
    }

    @Test
    void aPauseIsJournaledBeforeItLeavesHoldsEntriesLetsClosesThroughAndResumeLiftsIt() {
        FakeTerminal t = tradingTerminal();
        SidecarKernel.ControlOutcome paused = control("pause_entries", 0, "news at 14:30");
        assertThat(paused.sent()).isTrue();
        assertThat(paused.account()).isEqualTo("paper-1/1001");
        assertThat(paused.timeMs()).as("the terminal's clock (its last message), not the sidecar's").isEqualTo(T0);

        Envelope sent = t.envelopes(Payload.Control.class).get(0);
        Payload.Control c = (Payload.Control) sent.payload();
        assertThat(c).isEqualTo(new Payload.Control(paused.id(), "pause_entries", 0, "", "news at 14:30", T0));
        assertThat(sent.reliable()).isTrue();
        assertThat(journal.eventBodies("control")).singleElement().asString()
                .contains("\"id\":\"" + paused.id() + "\"").contains("\"action\":\"pause_entries\"")
                .contains("\"reason\":\"news at 14:30\"").contains("\"by\":\"panel\"").contains("\"from\":\"127.0.0.1\"");

        Submission refused = manualBuy();
        assertThat(refused.sent()).isFalse();
        assertThat(refused.rule()).isEqualTo("control.paused");
        assertThat(refused.reason()).contains("news at 14:30").contains(paused.id());
        // a strategy's entry is held the same way; its close passes
        rig.strategy.orderOnTick = tk -> OrderIntent.open("EURUSD", Side.BUY, 0.1, 1.1002, 0.0005, 1.0990, 0, 0,
                T0 + 60_000, "a", "", 0.5, "entry");
        t.send(tick(T0 + 10));
        rig.round();
        assertThat(t.received(Payload.Signal.class)).isEmpty();
        Submission close = rig.kernel.submitTo(FakeTerminal.ID.toString(), OrderIntent.close("GBPUSD", Side.SELL, 777, T0 + 60_000, "by hand"));
        assertThat(close.sent()).as(close.toString()).isTrue();
        assertThat(rig.kernel.controlPauses()).containsKey("paper-1/1001");

        assertThat(control("resume", 0, "news is out").sent()).isTrue();
        assertThat(rig.kernel.controlPauses()).isEmpty();
        rig.strategy.orderOnTick = tk -> null;
        Submission entry = manualBuy();
        assertThat(entry.sent()).as(entry.toString()).isTrue();
    }

    @Test
    void thePauseSurvivesARestartOfTheSidecar() {
        tradingTerminal();
        assertThat(control("pause_entries", 0, "done for today").sent()).isTrue();
        rig.close();

        rig = new KernelRig(journal, t -> t);   // same journal: a restart
        assertThat(rig.kernel.controlPauses()).containsKey("paper-1/1001");
        tradingTerminal();
        assertThat(manualBuy().rule()).isEqualTo("control.paused");
        assertThat(control("resume", 0, "back").sent()).isTrue();
        rig.close();

        rig = new KernelRig(journal, t -> t);
        assertThat(rig.kernel.controlPauses()).isEmpty();
    }

    @Test
    void theTerminalsAnswerIsRecordedAndAnUnknownTicketOrTerminalIsRefusedBeforeSending() {
        FakeTerminal t = tradingTerminal();
        SidecarKernel.ControlOutcome closeOne = control("close_position", 777, "take profit by hand");
        assertThat(closeOne.sent()).isTrue();
        assertThat(rig.kernel.controlAck(closeOne.id())).isNull();
        t.send(new Payload.ControlAck(closeOne.id(), "applied", "position 777 closed", 1, 0));
        rig.round();
        assertThat(rig.kernel.controlAck(closeOne.id())).containsEntry("status", "applied").containsEntry("closed", 1);
        assertThat(journal.eventBodies("control_ack")).singleElement().asString().contains(closeOne.id()).contains("\"closed\":1");

        SidecarKernel.ControlOutcome unknown = control("close_position", 4242, "typo");
        assertThat(unknown.sent()).isFalse();
        assertThat(unknown.rule()).isEqualTo("control.unknown_position");
        assertThatThrownBy(() -> rig.kernel.control("nobody/1/x", null, "resume", 0, "", "x", "api", "-"))
                .hasMessageStartingWith("terminal: unknown terminal");
        assertThatThrownBy(() -> rig.kernel.control(null, "999", "resume", 0, "", "x", "api", "-"))
                .hasMessageStartingWith("account: no connected terminal");
        assertThat(t.received(Payload.Control.class)).hasSize(1);
        assertThat(journal.eventBodies("control")).hasSize(1);
    }

    /**
     * Issue 21: in the demo a manual order was refused "governors.input: event.timeMs … is before the previous event".
     * A paper demo started again on the same journal replays its market from the same start, behind the governors'
     * state restored from that journal. The governors keep their own (later) time then; the terminal's account
     * snapshots, a manual order and a control go through. Also at 10x with no restart.
     */
    @Test
    void aManualOrderPassesTheGovernorsInASpedUpMarketAndAfterARestartedMarket() {
        rig.close();
        GovernorStateStore store = GovernorStateStore.inMemory();
        for (int run = 1; run <= 2; run++) {
            AtomicLong wall = new AtomicLong(T0 + run * 3_600_000L);
            AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000, store);
            InProcessTransport transport = new InProcessTransport("controls-clock-" + run);
            SidecarKernel k = new SidecarKernel(SidecarKernel.Config.defaults(), new SidecarKernel.Ports(transport,
                    new InMemoryJournal(), wall::get), peer -> io.vprop.strategy.Strategy.NONE,
                    new RiskEngine(5).add(governors), governors, new EventBus(), new SimpleMeterRegistry());
            k.start();
            try {
                AtomicLong market = new AtomicLong(T0);      // each run's market starts at the same time
                FakeTerminal t = new FakeTerminal(transport, FakeTerminal.ID, market::get);
                t.send(FakeTerminal.hello(0));
                k.runOnce(0);
                int steps = run == 1 ? 20 : 2;              // run 1: 71 s of market time in 7 s of wall time
                for (int i = 0; i < steps; i++) {
                    market.addAndGet(3_550);
                    wall.addAndGet(355);
                    t.send(KernelRig.account(100_000));
                    t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(market.get()), 6));
                    k.runOnce(0);
                }
                Submission s = k.submitManual(null, "EURUSD", Side.BUY, 0.1, 0, 1.0990, 0, 0, 0.0005, 30, "by hand");
                assertThat(s.sent()).as("run " + run + ": " + s).isTrue();
                SidecarKernel.ControlOutcome c = k.control(null, null, "flatten_all", 0, "", "end of test", "api", "-");
                assertThat(c.timeMs()).as("the terminal's clock").isEqualTo(market.get());
                k.runOnce(0);
                assertThat(governors.snapshots().get("paper-1/1001").timeMs()).as("run " + run + ": the governors' clock")
                        .isEqualTo(run == 1 ? market.get() : T0 + 71_000);
            } finally {
                k.close();
            }
        }
    }
}
