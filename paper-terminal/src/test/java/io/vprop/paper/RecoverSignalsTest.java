package io.vprop.paper;

import io.vprop.journal.Journal;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RoutingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signal the terminal journaled but had not acted on when it was killed is acted on at the next start — also when
 * that start is killed in turn before acting (issue 18 item 9): it used to be marked processed before it was acted on,
 * so a second crash at that moment lost it (acked to the sidecar, never executed).
 */
class RecoverSignalsTest {
    @TempDir
    Path dir;

    @Test
    void aSignalStaysPendingUntilItHasBeenActedOn() throws Exception {
        Path file = dir.resolve("paper.db");
        ProtocolCodec codec = new ProtocolCodec();
        try (Journal sidecar = new Journal(dir.resolve("sidecar.db"), false); Journal terminal = new Journal(file, false)) {
            byte[] wire = new ReliableChannel("paper", sidecar, codec).next(new Payload.Signal("sig-1", "open", "EURUSD", "buy",
                    0.1, 1.1, 0.0005, 1.09, 1.11, 1.12, Long.MAX_VALUE, "", "", 0, "", 0), 1_000);
            // received and journaled (TerminalLink journals before acting); the process dies before acting on it
            assertThat(new ReliableChannel(TerminalLink.SIDECAR, terminal, codec).accept(codec.decode(wire), wire, 1_000))
                    .isEqualTo(ReliableChannel.Verdict.PROCESS);
        }
        try (Journal journal = new Journal(file, false); TerminalLink link = link(journal)) {
            assertThatThrownBy(() -> link.recoverSignals(s -> { throw new IllegalStateException("killed while acting"); }))
                    .hasMessageContaining("killed");
        }
        List<String> acted = new ArrayList<>();
        try (Journal journal = new Journal(file, false); TerminalLink link = link(journal)) {
            link.recoverSignals(s -> acted.add(s.id()));
        }
        assertThat(acted).containsExactly("sig-1");
        try (Journal journal = new Journal(file, false); TerminalLink link = link(journal)) {
            link.recoverSignals(s -> acted.add(s.id()));
        }
        assertThat(acted).as("acted on once it was done").containsExactly("sig-1");
    }

    private static TerminalLink link(Journal journal) {
        return new TerminalLink("tcp://127.0.0.1:1", new RoutingId("paper-1", "1001", "EURUSD.M1"), journal, () -> null,
                s -> { }, () -> 0L, System::currentTimeMillis);
    }
}
