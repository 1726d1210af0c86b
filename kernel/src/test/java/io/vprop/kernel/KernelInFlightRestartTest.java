package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Submission;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.vprop.kernel.KernelRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sidecar that crashes after sending an entry and before the terminal answers it. Its journal resends the signal to
 * the terminal after the restart, so the order is still executed: the restarted sidecar's governors must judge the
 * next entry with it. FTMO 100k: 5,000 of daily room; EURUSD 2.5 lots with a 100-pip stop risk 2,500, 3,000 worst case.
 */
class KernelInFlightRestartTest {
    private final InMemoryJournal journal = new InMemoryJournal();
    private final GovernorStateStore store = GovernorStateStore.inMemory();
    private final AtomicLong clock = new AtomicLong(T0);

    /** One run of the sidecar on the journal and governor store that outlive it. */
    private final class Run implements AutoCloseable {
        final InProcessTransport transport = new InProcessTransport("in-flight-restart");
        final RecordingStrategy strategy = new RecordingStrategy();
        final EventBus events = new EventBus();
        final SidecarKernel kernel;

        Run() {
            AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000, store);
            RiskEngine risk = new RiskEngine(5);
            risk.add(governors);
            kernel = new SidecarKernel(SidecarKernel.Config.defaults(), new SidecarKernel.Ports(transport, journal, clock::get),
                    peer -> strategy, risk, governors, events, new SimpleMeterRegistry());
            kernel.start();
        }

        void round() { kernel.runOnce(0); }

        /** The strategy's entry of 2.5 lots with a 100-pip stop at the symbol's next tick: what the sidecar did with it. */
        Submission entryAtTick(FakeTerminal t, String symbol, long utcMs) {
            strategy.orderOnTick = tick -> OrderIntent.open(symbol, Side.BUY, 2.5, 1.1002, 0.0005, 1.0902, 0, 0,
                    utcMs + 60_000, "test_alpha", "normal_trend", 0.5, "entry");
            t.send(new Payload.Tick(symbol, 1.1000, 1.1002, 0, 0, FakeTerminal.serverTime(utcMs), 6));
            round();
            assertThat(strategy.submissions).isNotEmpty();
            return strategy.submissions.get(strategy.submissions.size() - 1);
        }

        @Override
        public void close() {
            kernel.close();
            events.close();
        }
    }

    /** The fake terminal's hello with a second pair (GBPUSD, valued as EURUSD in a USD account). */
    private static Payload.Hello hello() {
        Payload.Hello h = FakeTerminal.hello(0);
        Payload.SymbolInfo eurusd = h.symbols().get(0);
        Payload.SymbolInfo gbpusd = new Payload.SymbolInfo("GBPUSD", eurusd.digits(), eurusd.point(), eurusd.tickSize(),
                eurusd.tickValue(), eurusd.contractSize(), eurusd.volumeMin(), eurusd.volumeStep(), eurusd.volumeMax(),
                eurusd.stopsLevel(), eurusd.freezeLevel(), "GBP", "USD", List.of());
        return new Payload.Hello(h.terminal(), h.account(), h.server(), h.company(), h.currency(), h.leverage(), h.marginMode(),
                h.serverOffsetS(), h.versions(), h.ackSeq(), h.firmProfile(), List.of(eurusd, gbpusd));
    }

    @Test
    void anEntrySentBeforeACrashIsStillAwaitedAndCountedAfterTheRestart() {
        String first;
        FakeTerminal terminal;
        try (Run before = new Run()) {
            terminal = new FakeTerminal(before.transport, FakeTerminal.ID, clock::get);
            terminal.send(hello());
            terminal.send(KernelRig.account(100_000));
            before.round();
            Submission s = before.entryAtTick(terminal, "EURUSD", T0 + 1_000);
            assertThat(s.sent()).as(s.toString()).isTrue();
            first = s.id();
        }                                                     // the crash: no answer to the entry reached this sidecar

        clock.addAndGet(2_000);
        try (Run after = new Run()) {
            FakeTerminal again = new FakeTerminal(after.transport, terminal);
            again.send(hello());                              // it has processed nothing the sidecar sent
            again.send(KernelRig.account(100_000));           // the entry not executed yet: no position
            after.round();
            assertThat(again.received(Payload.Signal.class)).as("the journal resends the entry")
                    .extracting(Payload.Signal::id).contains(first);

            Submission sameSymbol = after.entryAtTick(again, "EURUSD", T0 + 3_000);
            assertThat(sameSymbol.rule()).as("the EURUSD entry is still awaited").isEqualTo("signal.pending");
            Submission otherSymbol = after.entryAtTick(again, "GBPUSD", T0 + 3_500);
            assertThat(otherSymbol.rule()).as("3,000 in flight + 3,000 > 5,000 of daily room").isEqualTo("pre-trade-risk");

            // the terminal's answer to the resent entry ends both, as it would have without the restart
            again.send(new Payload.SignalAck(first, "rejected", "off_price", "moved", 0, 0));
            after.round();
            Submission retry = after.entryAtTick(again, "EURUSD", T0 + 4_000);
            assertThat(retry.sent()).as(retry.toString()).isTrue();
        }
    }
}
