package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.market.Tick;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.protocol.TradeMessages;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Side;
import io.vprop.transport.PeerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vprop.kernel.KernelRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path of a tick through the kernel on its in-process ports: tick → strategy (as a domain Tick) → order → risk
 * → journal → terminal, and back: order update and fill → strategy (as domain types), each acted on once.
 */
class KernelExecutionTest {
    /** For each signal the kernel sent, whether the journal held it at that moment. */
    private final List<Boolean> journaledWhenSent = new ArrayList<>();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final KernelRig rig = new KernelRig(journal, transport -> new Watched(transport));

    @AfterEach
    void close() { rig.close(); }

    private static Payload.Tick tick(long utcMs, double bid, double ask) {
        return new Payload.Tick("EURUSD", bid, ask, 0, 0, FakeTerminal.serverTime(utcMs), 6);
    }

    private static OrderIntent buy(double sl, long expiryMs) {
        return OrderIntent.open("EURUSD", Side.BUY, 0.1, 1.1002, 0.0005, sl, 1.1020, 1.1030, expiryMs, "test_alpha",
                "normal_trend", 0.5, "test entry");
    }

    /** A terminal with an account snapshot whose next tick makes the strategy submit {@code order}. */
    private FakeTerminal tradingTerminal(OrderIntent order) {
        FakeTerminal t = rig.welcomedTerminal();
        t.send(KernelRig.account(100_000));
        rig.round();
        rig.strategy.orderOnTick = tk -> order;
        t.send(tick(T0 + 5, 1.1000, 1.1002));
        rig.round();
        return t;
    }

    @Test
    void aTickReachesTheStrategyAsADomainTickInUtc() {
        FakeTerminal t = rig.welcomedTerminal();
        t.send(tick(T0 + 5, 1.1000, 1.1002));
        rig.round();
        assertThat(rig.strategy.ticks).containsExactly(new Tick("EURUSD", T0 + 5, 1.1000, 1.1002, 0, 0, 6));
        assertThat(rig.strategy.ctx.lastTick("EURUSD").timeMs()).isEqualTo(T0 + 5);
    }

    @Test
    void anOrderTheRiskEngineRefusesComesBackWithItsRuleAndReasonAndIsNeverSent() throws Exception {
        FakeTerminal t = tradingTerminal(buy(0, T0 + 30_000));

        Submission refused = rig.strategy.submissions.get(0);
        assertThat(refused.sent()).isFalse();
        assertThat(refused.id()).isNull();
        assertThat(refused.rule()).isEqualTo("signal.stop_loss");
        assertThat(refused.reason()).isEqualTo("a stop loss is mandatory");
        assertThat(refused.peer()).isEqualTo(FakeTerminal.ID.toString());
        assertThat(t.received(Payload.Signal.class)).isEmpty();
        assertThat(journal.signals()).isEmpty();
        rig.awaitEvent("signal_refused", "\"rule\":\"signal.stop_loss\"");
    }

    @Test
    void anAcceptedOrderIsJournaledBeforeItIsSentUnderItsId() {
        OrderIntent order = buy(1.0990, T0 + 30_000);
        FakeTerminal t = tradingTerminal(order);

        Submission sent = rig.strategy.submissions.get(0);
        assertThat(sent.sent()).as(sent.toString()).isTrue();
        assertThat(t.received(Payload.Signal.class)).containsExactly(TradeMessages.toSignal(sent.id(), order));
        assertThat(journaledWhenSent).containsExactly(true);
        assertThat(journal.signals().get(sent.id()).status()).isEqualTo("sent");
        assertThat(rig.strategy.ctx.pending("EURUSD")).as("awaiting the terminal's answer").isTrue();
        assertThat(rig.kernel.status().signalsSent()).isZero(); // published by the next housekeeping round
        rig.advance(250);
        rig.round();
        assertThat(rig.kernel.status().signalsSent()).isEqualTo(1);
    }

    @Test
    void theTerminalsAnswerAndFillReachTheStrategyAsDomainTypes() {
        FakeTerminal t = tradingTerminal(buy(1.0990, T0 + 30_000));
        String id = rig.strategy.submissions.get(0).id();

        t.send(new Payload.SignalAck(id, "executed", "", "", 5001, 1.1002));
        t.send(new Payload.Fill(7001, 6001, 5001, id, "EURUSD", "buy", "in", 1.1002, 0.1, -0.3, 0, 0,
                FakeTerminal.serverTime(T0 + 40), "expert"));
        rig.round();

        assertThat(rig.strategy.updates).singleElement().satisfies(u -> {
            assertThat(u.signalId()).isEqualTo(id);
            assertThat(u.status()).isEqualTo(OrderStatus.EXECUTED);
            assertThat(u.ticket()).isEqualTo(5001);
        });
        assertThat(rig.strategy.ctx.pending("EURUSD")).isFalse();
        assertThat(rig.strategy.fills).containsExactly(new Fill(7001, 6001, 5001, id, "EURUSD", Side.BUY, FillEntry.IN,
                1.1002, 0.1, -0.3, 0, 0, T0 + 40, "expert"));
        assertThat(journal.signals().get(id).status()).isEqualTo("executed");
        assertThat(journal.fills()).extracting(Payload.Fill::deal).containsExactly(7001L);
    }

    @Test
    void aFillIsActedOnOncePerDealWhetherResentOrSentAgainUnderANewSeq() {
        FakeTerminal t = tradingTerminal(buy(1.0990, T0 + 30_000));
        String id = rig.strategy.submissions.get(0).id();
        Payload.Fill fill = new Payload.Fill(7001, 6001, 5001, id, "EURUSD", "buy", "in", 1.1002, 0.1, -0.3, 0, 0,
                FakeTerminal.serverTime(T0 + 40), "expert");
        t.send(new Payload.SignalAck(id, "executed", "", "", 5001, 1.1002));
        t.send(fill);
        rig.round();

        t.resendUnacked();   // the same messages again (same seq, resend: true): duplicates, re-acked only
        rig.round();
        long last = t.send(fill); // the same deal in a new message (a terminal that lost its journal)
        rig.round();

        assertThat(rig.strategy.updates).hasSize(1);
        assertThat(rig.strategy.fills).hasSize(1);
        assertThat(journal.fills()).hasSize(1);
        List<Payload.Ack> acks = t.received(Payload.Ack.class);
        assertThat(acks.get(acks.size() - 1).ackSeq()).as("every message journaled and acked").isEqualTo(last);
    }

    @Test
    void aSignalIsCreatedOnceAndResentUnderTheSameIdToARestartedTerminal() {
        tradingTerminal(buy(1.0990, T0 + 30_000));
        String id = rig.strategy.submissions.get(0).id();

        FakeTerminal restarted = rig.terminal(); // same routing id, nothing of the signal processed (ack_seq 0)
        restarted.send(FakeTerminal.hello(0));
        rig.round();

        List<Envelope> signals = restarted.envelopes(Payload.Signal.class);
        assertThat(signals).singleElement().satisfies(e -> {
            assertThat(((Payload.Signal) e.payload()).id()).isEqualTo(id);
            assertThat(e.resend()).isTrue();
        });
        assertThat(journal.signals()).hasSize(1);
        assertThat(rig.strategy.submissions).as("the strategy was not asked again").hasSize(1);
    }

    /**
     * An entry the terminal never answers holds its symbol until a minute past its expiry (on the terminal's clock),
     * as the governors hold its reservation: a lost answer must not block the symbol for good.
     */
    @Test
    void anUnansweredEntryHoldsItsSymbolUntilAMinutePastItsExpiry() {
        FakeTerminal t = tradingTerminal(buy(1.0990, T0 + 30_000));
        assertThat(rig.strategy.submissions.get(0).sent()).isTrue();
        rig.strategy.orderOnTick = tk -> buy(1.0990, tk.timeMs() + 30_000);

        rig.advance(85_000);                                  // 90 s after its expiry minus 5 s: still awaited
        t.send(tick(T0 + 85_000, 1.1000, 1.1002));
        rig.round();
        assertThat(rig.strategy.submissions.get(1).rule()).isEqualTo("signal.pending");

        rig.advance(6_000);                                   // a minute and a second past its expiry
        t.send(tick(T0 + 91_000, 1.1000, 1.1002));
        rig.round();
        assertThat(rig.strategy.submissions.get(2).sent()).as(rig.strategy.submissions.get(2).toString()).isTrue();
    }

    @Test
    void anOperatorsOrderGoesToTheLiveTerminalAtItsLatestQuote() {
        FakeTerminal t = rig.welcomedTerminal();
        t.send(KernelRig.account(100_000));
        t.send(tick(T0 + 5, 1.1000, 1.1002));
        rig.round();

        Submission s = rig.kernel.submitManual(null, "EURUSD", Side.BUY, 0.1, 0, 1.0990, 0, 0, 0.0005, 30, "by hand");
        assertThat(s.sent()).as(s.toString()).isTrue();
        Payload.Signal signal = t.received(Payload.Signal.class).get(0);
        assertThat(signal.price()).as("the ask").isEqualTo(1.1002);
        assertThat(signal.alpha()).isEqualTo("manual");
        assertThat(signal.expiryMs()).as("30 s of the terminal's clock").isEqualTo(T0 + 30_000);
    }

    /** The in-process transport, noting for every signal it carries whether the journal already held it. */
    private final class Watched implements PeerTransport {
        private final PeerTransport inner;
        private final ProtocolCodec codec = new ProtocolCodec();

        Watched(PeerTransport inner) { this.inner = inner; }

        @Override public String endpoint() { return inner.endpoint(); }

        @Override public void await(long timeoutMs) { inner.await(timeoutMs); }

        @Override public Inbound poll() { return inner.poll(); }

        @Override
        public void send(byte[] identity, byte[] payload) {
            try {
                if (codec.decode(payload).payload() instanceof Payload.Signal s)
                    journaledWhenSent.add(journal.signals().containsKey(s.id()));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
            inner.send(identity, payload);
        }

        @Override public Runnable waker() { return inner.waker(); }

        @Override public void close() { inner.close(); }
    }
}
