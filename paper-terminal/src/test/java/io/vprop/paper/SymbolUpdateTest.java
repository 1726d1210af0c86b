package io.vprop.paper;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.RoutingId;
import io.vprop.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper broker values EURGBP in USD at GBPUSD's rate, as MT5's SYMBOL_TRADE_TICK_VALUE does: the paper terminal
 * tells the sidecar as the EA does (protocol §4c) — every symbol once after the welcome, then a symbol whose tick
 * value moved more than 0.01 % since last sent, looked at once a second of market time at most.
 */
class SymbolUpdateTest {
    private static final long T0 = 1_709_632_800_000L; // a Tuesday, 10:00 UTC
    private static final SymbolSpec GBPUSD = SymbolSpec.fxMajor("GBPUSD");
    private static final SymbolSpec EURGBP = SymbolSpec.fxMajor("EURGBP").withTickValue(1.2650);

    @TempDir
    Path dir;

    private static final List<Tick> TICKS = List.of(
            new Tick("GBPUSD", T0, 1.26495, 1.26505, 0, 0, 6),            // mid 1.2650: EURGBP's tick value 1.265
            new Tick("EURGBP", T0 + 100, 0.85000, 0.85010, 0, 0, 6),
            new Tick("GBPUSD", T0 + 200, 1.26500, 1.26510, 0, 0, 6),      // +0.004 %: below the threshold
            new Tick("EURGBP", T0 + 1_500, 0.85000, 0.85010, 0, 0, 6),
            new Tick("GBPUSD", T0 + 1_600, 1.27045, 1.27055, 0, 0, 6),    // mid 1.2705: +0.43 %
            new Tick("EURGBP", T0 + 1_700, 0.85000, 0.85010, 0, 0, 6),    // 0.2 s after the last look: not yet
            new Tick("EURGBP", T0 + 2_600, 0.85000, 0.85010, 0, 0, 6));   // a second after it: sent

    @Test
    void theBrokersTickValueGoesToTheSidecarAsTheEaSendsIt() throws Exception {
        List<Long> tickTimes = new ArrayList<>();
        List<Payload.SymbolUpdate> updates = play(5, tickTimes);   // max speed, batched (not exact) lockstep
        assertThat(updates).extracting(Payload.SymbolUpdate::symbol).containsExactly("EURGBP", "GBPUSD", "EURGBP");
        assertThat(updates.get(0).tickValue()).as("after the welcome, at GBPUSD 1.2650").isCloseTo(1.2650, within(1e-9));
        assertThat(updates.get(1).tickValue()).isEqualTo(1.0);
        assertThat(updates.get(2).tickValue()).as("at GBPUSD 1.2705").isCloseTo(1.2705, within(1e-9));
        assertThat(tickTimes).as("each sent before the tick that looked").containsExactly(T0, T0, T0 + 2_600);
    }

    /**
     * Exact lockstep sends the same updates before the same ticks: the backtester applies the same reports at the same
     * quotes (TickValueReports), so the replay's sidecar sizes and governs as the backtest and as live.
     */
    @Test
    void exactLockstepSendsTheSameUpdatesBeforeTheSameTicks() throws Exception {
        List<Long> batchedTimes = new ArrayList<>(), exactTimes = new ArrayList<>();
        List<Payload.SymbolUpdate> batched = play(5, batchedTimes), exact = play(1, exactTimes);
        assertThat(exact).hasSize(3).isEqualTo(batched);
        assertThat(exactTimes).isEqualTo(batchedTimes);
    }

    /** Plays {@link #TICKS} to a scripted sidecar; returns the symbol updates it got (and in tickTimes the tick after each). */
    private List<Payload.SymbolUpdate> play(int window, List<Long> tickTimes) throws Exception {
        Iterator<Tick> it = TICKS.iterator();
        TickSource market = () -> it.hasNext() ? it.next() : null;
        PaperBroker broker = new PaperBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(GBPUSD, EURGBP)));
        String endpoint = "inproc://paper-symbol-update-test-" + window;
        ProtocolCodec codec = new ProtocolCodec();
        List<Payload.SymbolUpdate> updates = new ArrayList<>();
        try (PeerTransport sidecar = Transports.router("jeromq", endpoint, -1)) {
            PaperTerminal.Config config = new PaperTerminal.Config(endpoint, new RoutingId("paper-1", "1001", "EURGBP.M1"),
                    dir.resolve("paper-" + window + ".db"), 0, 60_000, "", "hedging", true, new Timeframe[0], window);
            PaperTerminal terminal = new PaperTerminal(config, market, List.of(GBPUSD, EURGBP), broker);
            Thread runner = new Thread(terminal::run, "paper-terminal");
            runner.start();
            long seq = 0, deadline = System.currentTimeMillis() + 20_000;
            int ticksSeen = 0;
            while (ticksSeen < TICKS.size() && System.currentTimeMillis() < deadline) {
                PeerTransport.Inbound in = sidecar.poll();
                if (in == null) {
                    sidecar.await(10);
                    continue;
                }
                Envelope e = codec.decode(in.payload());
                if (e.payload() instanceof Payload.Hello)
                    sidecar.send(in.identity(), codec.encode(new Envelope(1, ++seq, T0, 0, false, false,
                            new Payload.Welcome(1, "test", 0, 1_000, 5_000, "", ""))));
                else if (e.payload() instanceof Payload.SymbolUpdate u) {
                    updates.add(u);
                    tickTimes.add(-1L);
                } else if (e.payload() instanceof Payload.Tick t) {
                    ticksSeen++;
                    for (int i = 0; i < tickTimes.size(); i++) if (tickTimes.get(i) == -1L) tickTimes.set(i, t.timeMsc());
                }
                if (e.ackReq()) sidecar.send(in.identity(), codec.encode(new Envelope(1, ++seq, T0, 0, false, false,
                        new Payload.Ack(0, e.seq()))));
            }
            terminal.close();
            runner.join(10_000);
            assertThat(ticksSeen).as("every tick reached the scripted sidecar").isEqualTo(TICKS.size());
        }
        return updates;
    }
}
