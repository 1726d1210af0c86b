package io.vprop.kernel;

import io.vprop.strategy.Strategy;
import io.vprop.transport.Dealer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.paper.TerminalLink;
import io.vprop.protocol.Payload;
import io.vprop.risk.RiskEngine;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.transport.RoutingId;
import io.vprop.transport.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar kernel and an EA-side link over real ZeroMQ sockets on loopback, with real journals, on each transport
 * ({@code zmq.impl=jeromq|libzmq}; libzmq skipped, saying why, only where its binding is not built or installed).
 */
class KernelLinkTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Payload.Signal> received = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private Journal sidecarJournal;

    private String impl = "jeromq";

    /** The transport under test; skips the libzmq variant only where the binding cannot load (no libzmq3-dev). */
    private void use(String zmqImpl) {
        if (zmqImpl.equals("libzmq") && !Boolean.getBoolean("vprop.libzmq.expected")) {
            try {
                Transports.provider(zmqImpl);
            } catch (IllegalStateException e) {
                Assumptions.abort("libzmq transport skipped: " + e.getMessage());
            }
        }
        impl = zmqImpl;
    }

    private SidecarKernel startKernel(String endpoint) {
        Journal j = new Journal(dir.resolve("sidecar.db"), false);
        sidecarJournal = j;
        SidecarKernel k = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(Transports.router(impl, endpoint), j, System::currentTimeMillis), peer -> Strategy.NONE,
                new RiskEngine(5), new EventBus(), new SimpleMeterRegistry());
        Thread t = new Thread(k, "kernel");
        t.start();
        open.add(j);
        open.add(k);
        return k;
    }

    /** The latest kernel's journal, as the HTTP API reads it. */
    private JournalReader reader() {
        JournalReader r = sidecarJournal.reader();
        open.add(r);
        return r;
    }

    private TerminalLink link(String endpoint) {
        Journal j = new Journal(dir.resolve("terminal.db"), false);
        TerminalLink l = new TerminalLink(impl, endpoint, new RoutingId("paper-1", "1001", "EURUSD.M1"), j, KernelLinkTest::hello,
                received::add, System::currentTimeMillis, System::currentTimeMillis);
        open.add(j);
        open.add(l);
        return l;
    }

    static Payload.Hello hello() {
        return new Payload.Hello("paper-1", "1001", "Paper", "VProp", "USD", 100, "hedging", 0, List.of(1), 0, "",
                List.of(new Payload.SymbolInfo("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0, "EUR", "USD", List.of())));
    }

    private static void until(TerminalLink l, BooleanSupplier cond, String what) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            l.poll(5);
        }
    }

    private static Payload.Account account(List<Payload.PositionInfo> positions) {
        return new Payload.Account(100_000, 100_000, 0, 100_000, positions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jeromq", "libzmq"})
    void signalFillAndRestartWithoutLossOrDuplicates(String zmqImpl) throws Exception {
        use(zmqImpl);
        SidecarKernel k = startKernel("tcp://127.0.0.1:*");
        String endpoint = k.endpoint();
        TerminalLink l = link(endpoint);
        until(l, l::welcomed, "welcome");
        l.sendReliable(account(List.of()));
        long now = System.currentTimeMillis();
        l.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, now, 6), false);
        until(l, () -> k.status().symbols().size() == 1 && k.status().peers().get(0).balance() != null, "tick and account at the sidecar");

        String id = k.call(kk -> kk.submitTo(null, OrderIntent.open("EURUSD", Side.BUY, 0.1, 1.1002, 0.0005, 1.0990,
                1.1020, 1.1030, System.currentTimeMillis() + 30_000, "manual", "", 0.5, "test")).id()).get();
        assertThat(id).isNotNull();
        until(l, () -> received.size() == 1, "signal at the terminal");
        assertThat(received.get(0).id()).isEqualTo(id);

        l.sendReliable(new Payload.SignalAck(id, "executed", "", "", 5001, 1.1002));
        l.sendReliable(new Payload.Fill(7001, 6001, 5001, id, "EURUSD", "buy", "in", 1.1002, 0.1, -0.3, 0, 0, now, "expert"));
        until(l, () -> k.status().fillsRecorded() == 1, "fill journaled");

        // The sidecar goes away; the terminal keeps trading and journals a fill it cannot deliver yet.
        k.close();
        l.sendReliable(new Payload.Fill(7002, 6002, 5001, id, "EURUSD", "sell", "out", 1.1012, 0.1, -0.3, 0, 10.0, now + 1000, "tp"));
        SidecarKernel k2 = startKernel(endpoint);
        until(l, () -> l.welcomed() && k2.status().fillsRecorded() == 1, "resent fill after restart");

        JournalReader journal = reader();
        List<Map<String, Object>> fills = journal.fills(10);
        assertThat(fills).extracting(f -> ((Number) f.get("deal")).longValue()).containsExactlyInAnyOrder(7001L, 7002L);
        assertThat(received).as("the signal was delivered exactly once").hasSize(1);
        assertThat(journal.signals(10)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("executed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jeromq", "libzmq"})
    void badMessagesGetErrorsAndTheConnectionLivesOn(String zmqImpl) throws Exception {
        use(zmqImpl);
        SidecarKernel k = startKernel("tcp://127.0.0.1:*");
        TerminalLink l = link(k.endpoint());
        until(l, l::welcomed, "welcome");
        long now = System.currentTimeMillis();
        // Raw bytes through a second dealer: validation errors first, then the missing hello.
        byte[] crossed = "{\"v\":1,\"type\":\"tick\",\"seq\":1,\"ts_ms\":1,\"symbol\":\"EURUSD\",\"bid\":1.2,\"ask\":1.1,\"time_msc\":1}".getBytes();
        try (var raw = connectedRawDealer(impl, k.endpoint(), crossed)) {
            byte[] reply = raw.reply();
            assertThat(new String(reply)).contains("\"crossed_quote\"").contains("\"field\":\"bid\"");
            while (raw.dealer().receive(100) != null) { /* answers to the resends */ }
            raw.dealer().send("not json".getBytes());
            assertThat(new String(raw.dealer().receive(5_000))).contains("\"malformed_json\"");
            raw.dealer().send("{\"v\":1,\"type\":\"tick\",\"seq\":2,\"ts_ms\":1,\"symbol\":\"EURUSD\",\"bid\":1.1,\"ask\":1.2,\"time_msc\":1}".getBytes());
            assertThat(new String(raw.dealer().receive(5_000))).contains("\"hello_required\"").contains("\"ref_seq\":2");
        }
        l.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, now, 6), false);
        until(l, () -> k.status().symbols().size() == 1, "valid tick after the bad one");
        assertThat(k.status().peers()).anySatisfy(p -> assertThat(p.welcomed()).isTrue());
    }

    /** A raw dealer and the first answer it got. */
    private record RawDealer(Dealer dealer, byte[] reply) implements AutoCloseable {
        @Override
        public void close() { dealer.close(); }
    }

    /**
     * A second, raw DEALER that is known to reach the kernel: {@code probe} is resent until it is answered,
     * and the socket is rebuilt when a connection carries nothing for a second. About one new JeroMQ DEALER
     * connection in twenty never delivers a frame although it reports itself connected (measured in this repository
     * against a JeroMQ and a libzmq ROUTER alike; libzmq DEALERs do not do it), so a test that needs a second client
     * rebuilds it, as TerminalLink and the EA do with their own connections.
     */
    private static RawDealer connectedRawDealer(String impl, String endpoint, byte[] probe) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Dealer d = Transports.dealer(impl, endpoint, new RoutingId("raw", String.valueOf(attempt + 1), "x"));
            for (int i = 0; i < 5; i++) {
                d.send(probe);
                byte[] reply = d.receive(200);
                if (reply != null) return new RawDealer(d, reply);
            }
            d.close();
        }
        throw new AssertionError("no answer from the kernel at " + endpoint + " through 10 raw DEALER connections");
    }
}
