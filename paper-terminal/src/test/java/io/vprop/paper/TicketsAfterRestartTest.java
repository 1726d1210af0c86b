package io.vprop.paper;

import io.vprop.journal.Journal;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.ExecutionResult;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.paper.broker.TradeRequest;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.trade.Side;
import io.vprop.transport.ReliableChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found while building bench/run.sh chaos (issue 18 item 9), by reading: a paper terminal killed and restarted
 * numbered its deals from 1 again, and the sidecar — which keeps one fill per (terminal, deal) — would drop every new
 * deal whose number an old one had used. A restarted terminal now continues above every number its journal has sent,
 * as a real server does.
 */
class TicketsAfterRestartTest {
    static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    static final long T0 = 1_709_632_800_000L; // a Tuesday, 10:00 UTC

    @TempDir
    Path dir;

    @Test
    void aRestartedTerminalNumbersItsDealsAboveEverythingItSent() {
        Path file = dir.resolve("paper.db");
        Deal first;
        try (Journal journal = new Journal(file, false)) {
            assertThat(journal.highestTicket()).isZero();
            PaperBroker b = broker(journal);
            first = open(b, "sig-1");
            // what TerminalLink does with a deal: journaled for sending before it goes out
            ReliableChannel out = new ReliableChannel(TerminalLink.SIDECAR, journal, new ProtocolCodec());
            out.next(fill(first), T0);
            journal.recordExecuted(new Payload.SignalAck("sig-1", "executed", "", "", first.position(), first.price()), T0);
        }
        try (Journal journal = new Journal(file, false)) { // kill -9 and a new process: a new broker, the same journal
            assertThat(journal.highestTicket()).isEqualTo(Math.max(first.ticket(), first.order()));
            Deal second = open(broker(journal), "sig-2");
            assertThat(second.ticket()).isGreaterThan(first.ticket()).isGreaterThan(first.order());
            assertThat(second.order()).isGreaterThan(first.order()).isGreaterThan(first.ticket());
        }
    }

    private static PaperBroker broker(Journal journal) {
        PaperBroker b = new PaperBroker(BrokerConfig.usd(10_000, 100, AccountMode.HEDGING, List.of(EURUSD)));
        b.continueAbove(journal.highestTicket()); // as PaperTerminal's constructor does
        return b;
    }

    private static Deal open(PaperBroker b, String signal) {
        b.onTick(new Tick("EURUSD", T0, 1.10000, 1.10010, 0, 0, 6));
        ExecutionResult r = b.execute(new TradeRequest("EURUSD", Side.BUY, 0.1, 0, 0, 0, 0, 0, signal, T0));
        return r.deals().get(0);
    }

    private static Payload.Fill fill(Deal d) {
        return new Payload.Fill(d.ticket(), d.order(), d.position(), d.comment(), d.symbol(), "buy", "in", d.price(),
                d.volume(), d.commission(), d.swap(), d.profit(), d.timeMs(), "expert");
    }
}
