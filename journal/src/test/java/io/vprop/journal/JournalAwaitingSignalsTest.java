package io.vprop.journal;

import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The signals a restarted sidecar still awaits: sent to the peer, no executed or rejected answer yet. */
class JournalAwaitingSignalsTest {
    @TempDir
    Path dir;

    private final ProtocolCodec codec = new ProtocolCodec();
    private long seq;

    private void send(Journal j, String peer, String id, String kind, String symbol, long expiryMs) {
        Payload.Signal s = new Payload.Signal(id, kind, symbol, "buy", 0.1, 1.1, 0.0005, 1.09, 0, 0, expiryMs, "a", "r", 0.5,
                "test", kind.equals("close") ? 7 : 0);
        Envelope e = new Envelope(1, ++seq, 1_000 + seq, seq - 1, false, true, s);
        j.appendOutbound(peer, e, codec.encode(e));
    }

    @Test
    void unansweredSignalsOfThePeerOldestFirst() {
        try (Journal j = new Journal(dir.resolve("sidecar.db"), false)) {
            send(j, "p1", "s1", "open", "EURUSD", 60_000);
            send(j, "p1", "s2", "close", "EURUSD", 0);
            send(j, "p1", "s3", "open", "GBPUSD", 60_000);
            send(j, "p1", "s4", "open", "USDJPY", 60_000);
            send(j, "p2", "s5", "open", "EURUSD", 60_000);
            j.updateSignal(new Payload.SignalAck("s1", "accepted", "", "", 0, 0), 2_000);     // accepted: still awaited
            j.updateSignal(new Payload.SignalAck("s3", "executed", "", "", 11, 1.25), 2_000);
            j.updateSignal(new Payload.SignalAck("s4", "rejected", "off_price", "moved", 0, 0), 2_000);

            assertThat(j.awaitingSignals("p1"))
                    .extracting(KernelJournal.AwaitingSignal::id, KernelJournal.AwaitingSignal::kind,
                            KernelJournal.AwaitingSignal::symbol, KernelJournal.AwaitingSignal::expiryMs)
                    .containsExactly(tuple("s1", "open", "EURUSD", 60_000L), tuple("s2", "close", "EURUSD", 0L));
            assertThat(j.awaitingSignals("p2")).extracting(KernelJournal.AwaitingSignal::id).containsExactly("s5");
            assertThat(j.awaitingSignals("p3")).isEmpty();
        }
    }
}
