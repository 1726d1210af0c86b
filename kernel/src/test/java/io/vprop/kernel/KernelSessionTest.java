package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.vprop.kernel.KernelRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's session machine through the in-process transport, with the clock in the test's hand: hello and
 * welcome, the hello a restarted sidecar requires, heartbeats and staleness as time passes, recovery at start.
 */
class KernelSessionTest {
    private final KernelRig rig = new KernelRig();

    @AfterEach
    void close() { rig.close(); }

    @Test
    void aHelloIsWelcomedAndStartsTheTerminalsStrategyOnce() {
        FakeTerminal t = rig.terminal();
        t.send(FakeTerminal.hello(0));
        rig.round();

        Payload.Welcome w = t.received(Payload.Welcome.class).get(0);
        assertThat(w.version()).isEqualTo(Envelope.VERSION);
        assertThat(w.session()).isEqualTo(rig.kernel.session());
        assertThat(w.ackSeq()).as("nothing of the terminal journaled yet").isZero();
        assertThat(w.heartbeatMs()).isEqualTo(1_000);
        assertThat(w.staleMs()).isEqualTo(5_000);
        assertThat(rig.strategy.started).isEqualTo(1);
        assertThat(rig.kernel.status().peers()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(FakeTerminal.ID.toString());
            assertThat(p.welcomed()).isTrue();
            assertThat(p.stale()).isFalse();
        });

        t.send(FakeTerminal.hello(0)); // the same terminal again (its EA reloaded): welcomed, same strategy
        rig.round();
        assertThat(t.received(Payload.Welcome.class)).hasSize(2);
        assertThat(rig.strategy.started).isEqualTo(1);
    }

    @Test
    void aTickDatedADayAheadIsRefusedByNameAndLeavesTheSymbolsClockAlone() {
        FakeTerminal t = rig.welcomedTerminal();
        long seq = t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(T0 + 86_400_000L), 6));
        rig.round();
        Payload.Error e = t.received(Payload.Error.class).get(0);
        assertThat(e.code()).isEqualTo("out_of_range");
        assertThat(e.field()).isEqualTo("time_msc");
        assertThat(e.refSeq()).isEqualTo(seq);
        assertThat(e.message()).contains("86,400 s ahead of the sidecar's clock").contains("feed.max.ahead.ms");
        assertThat(rig.strategy.ticks).isEmpty();

        t.send(new Payload.Tick("EURUSD", 1.1001, 1.1003, 0, 0, FakeTerminal.serverTime(T0 + 1_000), 6));
        rig.round();
        assertThat(t.received(Payload.Error.class)).as("the real tick after it is not 'backwards'").hasSize(1);
        assertThat(rig.strategy.ticks).hasSize(1);
    }

    @Test
    void aTickOlderThanTheSymbolsLastIsRefusedUntilTheNextHelloStartsTheClockAfresh() {
        FakeTerminal t = rig.welcomedTerminal();
        t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(T0 + 300_000), 6)); // within the bound
        rig.round();
        long seq = t.send(new Payload.Tick("EURUSD", 1.1001, 1.1003, 0, 0, FakeTerminal.serverTime(T0 + 1_000), 6));
        rig.round();
        Payload.Error e = t.received(Payload.Error.class).get(0);
        assertThat(e.code()).isEqualTo("out_of_range");
        assertThat(e.field()).isEqualTo("time_msc");
        assertThat(e.refSeq()).isEqualTo(seq);
        assertThat(e.message()).contains("goes backwards");
        assertThat(rig.strategy.ticks).as("the older tick is dropped").hasSize(1);

        t.send(FakeTerminal.hello(0)); // the EA restarts (its clock fixed): its ticks are judged afresh
        rig.round();
        t.send(new Payload.Tick("EURUSD", 1.1001, 1.1003, 0, 0, FakeTerminal.serverTime(T0 + 2_000), 6));
        rig.round();
        assertThat(t.received(Payload.Error.class)).as("no new error after the hello").hasSize(1);
        assertThat(rig.strategy.ticks).hasSize(2);
    }

    @Test
    void messagesBeforeHelloAreAnsweredHelloRequiredAndNotActedOn() {
        FakeTerminal t = rig.terminal();
        long seq = t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(T0), 6));
        rig.round();

        Payload.Error e = t.received(Payload.Error.class).get(0);
        assertThat(e.code()).isEqualTo("hello_required");
        assertThat(e.refSeq()).isEqualTo(seq);
        assertThat(rig.strategy.ticks).isEmpty();
        assertThat(rig.kernel.status().protocolErrors()).isEqualTo(1);
    }

    @Test
    void theKernelSendsAHeartbeatOnlyAfterAQuietHeartbeatInterval() {
        FakeTerminal t = rig.welcomedTerminal();
        rig.advance(999);
        rig.round();
        assertThat(t.received(Payload.Heartbeat.class)).as("999 ms after the welcome").isEmpty();

        rig.advance(251); // 1,250 ms: the next housekeeping round after the interval
        rig.round();
        assertThat(t.received(Payload.Heartbeat.class)).hasSize(1);

        rig.advance(500);
        rig.round();
        assertThat(t.received(Payload.Heartbeat.class)).as("quiet again for only 500 ms").hasSize(1);
    }

    @Test
    void aSilentTerminalGoesStaleGetsNoOrdersAndIsLiveAgainWhenHeard() throws Exception {
        FakeTerminal t = rig.welcomedTerminal();
        t.send(KernelRig.account(100_000));
        t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(T0), 6));
        rig.round();

        rig.advance(5_000);
        rig.round();
        assertThat(rig.kernel.status().peers().get(0).stale()).as("silent for exactly stale_ms").isFalse();

        rig.advance(250);
        rig.round();
        assertThat(rig.kernel.status().peers().get(0).stale()).as("silent for longer than stale_ms").isTrue();
        rig.awaitEvent("peer", "\"state\":\"stale\"");
        Submission refused = rig.kernel.submitTo(FakeTerminal.ID.toString(), OrderIntent.open("EURUSD", Side.BUY, 0.1,
                1.1002, 0.0005, 1.0990, 1.1020, 1.1030, rig.clock.get() + 30_000, "manual", "", 0.5, "test"));
        assertThat(refused.sent()).isFalse();
        assertThat(refused.rule()).isEqualTo("terminal.stale");

        t.send(new Payload.Heartbeat());
        rig.advance(250);
        rig.round();
        assertThat(rig.kernel.status().peers().get(0).stale()).isFalse();
        rig.awaitEvent("peer", "\"state\":\"live\"");
    }

    @Test
    void aReliableMessageJournaledBeforeACrashIsActedOnAtStart() throws Exception {
        // a terminal's fill reached the journal of a kernel that died before acting on it
        InMemoryJournal journal = new InMemoryJournal();
        ProtocolCodec codec = new ProtocolCodec();
        byte[] fill = codec.encode(new Envelope(Envelope.VERSION, 5, T0, 0, false, false,
                new Payload.Fill(7001, 6001, 5001, "", "EURUSD", "buy", "in", 1.1002, 0.1, -0.3, 0, 0,
                        FakeTerminal.serverTime(T0), "client")));
        journal.appendInbound(FakeTerminal.ID.toString(), codec.decode(fill), fill, T0);
        assertThat(journal.unprocessedInbound()).hasSize(1);

        try (KernelRig restarted = new KernelRig(journal, transport -> transport)) {
            assertThat(journal.fills()).extracting(Payload.Fill::deal).containsExactly(7001L);
            assertThat(journal.unprocessedInbound()).isEmpty();
            restarted.round();
            assertThat(restarted.kernel.status().fillsRecorded()).isEqualTo(1);
        }
    }

    @Test
    void decisionsArePrunedOnceOlderThanTheirRetentionByTheKernelsClock() {
        rig.kernel.decisionRetention(30 * 86_400_000L);
        rig.strategy.orderOnTick = tick -> {
            rig.strategy.ctx.decision("skip", "a decision at " + tick.timeMs());
            return null;
        };
        FakeTerminal t = rig.welcomedTerminal();
        t.send(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(T0), 6));
        rig.round();
        assertThat(rig.journal.events("decision")).hasSize(1);

        rig.advance(30 * 86_400_000L - 1_000);
        rig.round();
        assertThat(rig.journal.events("decision")).as("29.99 days old").hasSize(1);
        rig.advance(61_000); // past 30 days, and past the minute between two prunes
        rig.round();
        assertThat(rig.journal.events("decision")).isEmpty();
    }
}
