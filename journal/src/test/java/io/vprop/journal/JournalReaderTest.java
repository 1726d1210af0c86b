package io.vprop.journal;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal's record reads on a real file, every row written through the Journal's own write path. */
class JournalReaderTest {
    @TempDir
    Path dir;

    private final ProtocolCodec codec = new ProtocolCodec();

    private Path journal() { return dir.resolve("sidecar.db"); }

    private static Payload.Fill fill(long deal, long position, String entry, long timeMsc, double profit) {
        return new Payload.Fill(deal, 70_000 + deal, position, "sig-" + position, "EURUSD", "buy", entry, 1.0850 + deal * 1e-4,
                0.5, -1.75, -0.25, profit, timeMsc, entry.equals("in") ? "expert" : "tp");
    }

    @Test
    void allFillsComeInTerminalTimeOrderOncePerPeerAndDeal() {
        try (Journal j = new Journal(journal(), false)) {
            assertThat(j.recordFill("p1", fill(12, 900, "out", 5_000, 42.5), 3, 10)).isTrue();
            assertThat(j.recordFill("p1", fill(11, 900, "in", 1_000, 0), 2, 11)).isTrue();
            assertThat(j.recordFill("p1", fill(11, 900, "in", 1_000, 0), 9, 12)).as("a resent deal").isFalse();
            assertThat(j.recordFill("p2", fill(11, 901, "in", 1_000, 0), 2, 13)).as("same deal number, other terminal").isTrue();
        }
        try (JournalReader r = JournalReader.open(journal())) {
            List<JournalFill> fills = r.allFills();
            assertThat(fills).extracting(JournalFill::peer).containsExactly("p1", "p2", "p1");
            assertThat(fills).extracting(f -> f.fill().deal()).containsExactly(11L, 11L, 12L);
            assertThat(fills.get(2).fill()).isEqualTo(new Fill(12, 70_012, 900, "sig-900", "EURUSD", Side.BUY, FillEntry.OUT,
                    1.0850 + 12 * 1e-4, 0.5, -1.75, -0.25, 42.5, 5_000, "tp"));
            assertThat(fills.get(0).fill().opens()).isTrue();
        }
    }

    @Test
    void allSignalsCarryTheirOutcomeOldestFirst() {
        try (Journal j = new Journal(journal(), false)) {
            Payload.Signal late = new Payload.Signal("s2", "open", "GBPUSD", "sell", 0.2, 1.27, 0, 1.28, 1.26, 1.25, 9_000,
                    null, null, 0, null, 0);
            Payload.Signal early = new Payload.Signal("s1", "open", "EURUSD", "buy", 0.5, 1.085, 0.0002, 1.08, 1.09, 1.095, 9_000,
                    "breakout", "trend_up", 0.72, "A+ setup", 0);
            Envelope second = new Envelope(1, 2, 2_000, 1, false, false, late), first = new Envelope(1, 1, 1_000, 0, false, false, early);
            j.appendOutbound("p1", second, codec.encode(second));
            j.appendOutbound("p1", first, codec.encode(first));
            j.updateSignal(new Payload.SignalAck("s1", "rejected", "daily_loss", "too close to the daily limit", 0, 0), 3_000);
        }
        try (JournalReader r = JournalReader.open(journal())) {
            assertThat(r.allSignals()).containsExactly(
                    new JournalSignal("s1", "p1", "open", "EURUSD", "buy", 0.5, 1.085, 1.08, 1.09, 1.095, "breakout", "trend_up",
                            0.72, "A+ setup", "rejected", "daily_loss", "too close to the daily limit", 1_000),
                    new JournalSignal("s2", "p1", "open", "GBPUSD", "sell", 0.2, 1.27, 1.28, 1.26, 1.25, "", "", 0, "", "sent", "",
                            "", 2_000));
        }
    }

    @Test
    void barsAreTheNewestWithinTheRangeOldestFirstAndSeriesAreCounted() {
        try (Journal j = new Journal(journal(), false)) {
            List<Bar> m1 = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++)
                m1.add(new Bar("EURUSD", Timeframe.M1, 60_000L * i, 1.1 + i * 1e-4, 1.1 + i * 1e-4 + 5e-5, 1.1, 1.1 + i * 1e-4, 10 + i, 2));
            j.appendBars(m1);
            j.appendBars(List.of(new Bar("EURUSD", Timeframe.H1, 0, 1.1, 1.2, 1.0, 1.15, 99, 3),
                    new Bar("GBPUSD", Timeframe.M1, 120_000, 1.27, 1.28, 1.26, 1.275, 7, 4)));
        }
        try (JournalReader r = JournalReader.open(journal())) {
            assertThat(r.bars("EURUSD", "M1", 0, Long.MAX_VALUE, 100)).hasSize(5).first().isEqualTo(
                    new Bar("EURUSD", Timeframe.M1, 0, 1.1, 1.1 + 5e-5, 1.1, 1.1, 10, 2));
            assertThat(r.bars("EURUSD", "M1", 60_000, 240_000, 100)).extracting(Bar::openTimeMs)
                    .as("half-open range").containsExactly(60_000L, 120_000L, 180_000L);
            assertThat(r.bars("EURUSD", "M1", 0, Long.MAX_VALUE, 2)).extracting(Bar::openTimeMs)
                    .as("the newest two, oldest first").containsExactly(180_000L, 240_000L);
            assertThat(r.bars("USDJPY", "M1", 0, Long.MAX_VALUE, 100)).isEmpty();
            assertThat(r.barSeries()).containsExactly(new BarSeries("EURUSD", "H1", 1, 0, 0),
                    new BarSeries("EURUSD", "M1", 5, 0, 240_000), new BarSeries("GBPUSD", "M1", 1, 120_000, 120_000));
        }
    }

    private void account(Journal j, String peer, long seq, long tsMs, long receivedMs, double balance, List<Payload.PositionInfo> ps) {
        Envelope e = new Envelope(1, seq, tsMs, seq - 1, false, false, new Payload.Account(balance, balance + 5, 100, balance - 95, ps));
        j.appendInbound(peer, e, codec.encode(e), receivedMs);
    }

    @Test
    void accountSnapshotsAreTheNewestRowsOldestFirstAndDamagedRowsAreDropped() {
        Payload.PositionInfo open = new Payload.PositionInfo(555, "EURUSD", "sell", 0.3, 1.0861, 1.0900, 1.0800, -12.5, -0.4,
                -2.1, 1_500, "sig-7");
        try (Journal j = new Journal(journal(), false)) {
            account(j, "p1", 1, 1_000, 100, 10_000, List.of());
            account(j, "p2", 1, 1_100, 150, 20_000, List.of());
            account(j, "p1", 2, 2_000, 200, 10_010, List.of(open));
            account(j, "p2", 2, 2_100, 250, 20_020, List.of());
            Envelope fill = new Envelope(1, 3, 2_200, 2, false, false, fill(1, 555, "in", 2_200, 0));
            j.appendInbound("p1", fill, codec.encode(fill), 260);
            Envelope damaged = new Envelope(1, 1, 3_000, 0, false, false, new Payload.Account(1, 1, 0, 1, List.of()));
            j.appendInbound("p3", damaged, "{\"type\":\"account\",\"balance\":".getBytes(StandardCharsets.UTF_8), 300);
        }
        try (JournalReader r = JournalReader.open(journal())) {
            List<AccountSnapshot> all = r.accountSnapshots(100);
            assertThat(all).extracting(AccountSnapshot::peer).containsExactly("p1", "p2", "p1", "p2");
            assertThat(all).extracting(AccountSnapshot::tsMs).as("the terminal's clock").containsExactly(1_000L, 1_100L, 2_000L, 2_100L);
            assertThat(all.get(2).account()).isEqualTo(new AccountState(10_010, 10_015, 100, 9_915,
                    List.of(new Position(555, "EURUSD", Side.SELL, 0.3, 1.0861, 1.0900, 1.0800, -12.5, -0.4, -2.1, 1_500, "sig-7"))));
            // the limit counts rows: the newest two are p3's damaged one and p2's second
            assertThat(r.accountSnapshots(2)).singleElement().satisfies(a -> {
                assertThat(a.peer()).isEqualTo("p2");
                assertThat(a.account().balance()).isEqualTo(20_020);
            });
            assertThat(r.latestAccountSnapshots()).extracting(a -> a.peer() + "@" + a.account().balance())
                    .containsExactlyInAnyOrder("p1@10010.0", "p2@20020.0");
        }
    }

    @Test
    void eventsOfAKindWithinAHalfOpenRangeNewestFirstAtMostLimitRows() {
        try (Journal j = new Journal(journal(), false)) {
            j.appendEvent(1_000, "decision", "{\"n\":1}");
            j.appendEvent(2_000, "governor", "{\"n\":2}");
            j.appendEvent(2_000, "decision", "{\"n\":3}");
            j.appendEvent(3_000, "decision", "not json");
        }
        try (JournalReader r = JournalReader.open(journal())) {
            assertThat(r.events("decision", 0, Long.MAX_VALUE, 100)).extracting(JournalEvent::body)
                    .containsExactly("not json", "{\"n\":3}", "{\"n\":1}");
            assertThat(r.events("decision", 1_000, 3_000, 100)).extracting(JournalEvent::tsMs).containsExactly(2_000L, 1_000L);
            assertThat(r.events("decision", 0, Long.MAX_VALUE, 2)).extracting(JournalEvent::body).containsExactly("not json", "{\"n\":3}");
            assertThat(r.events("governor", 0, Long.MAX_VALUE, 100)).singleElement()
                    .satisfies(e -> assertThat(e).isEqualTo(new JournalEvent(e.id(), 2_000, "governor", "{\"n\":2}")));
            assertThat(r.events("none", 0, Long.MAX_VALUE, 100)).isEmpty();
        }
    }

    @Test
    void anEmptyJournalReadsAsNothing() {
        new Journal(journal(), false).close();
        try (JournalReader r = JournalReader.open(journal())) {
            assertThat(r.allFills()).isEmpty();
            assertThat(r.allSignals()).isEmpty();
            assertThat(r.accountSnapshots(10)).isEmpty();
            assertThat(r.latestAccountSnapshots()).isEmpty();
        }
    }

    @Test
    void balanceOperationsComeOncePerPeerAndDealOldestFirst() {
        try (Journal j = new Journal(journal(), false)) {
            j.appendEvent(10, "balance", "{\"peer\":\"p1\",\"balance\":{\"deal\":501,\"kind\":\"payout\",\"amount\":-8000.0}}");
            j.appendEvent(11, "balance", "{\"peer\":\"p2\",\"balance\":{\"deal\":501,\"kind\":\"deposit\",\"amount\":250.5}}");
            j.appendEvent(12, "balance", "{\"peer\":\"p1\",\"balance\":{\"deal\":501,\"kind\":\"payout\",\"amount\":-8000.0}}");
            j.appendEvent(13, "governor", "{\"peer\":\"p1\",\"balance\":{\"deal\":777,\"amount\":1.0}}");
            j.appendEvent(14, "balance", "{\"peer\":\"p1\",\"note\":\"no operation\"}");
            j.appendEvent(15, "balance", "{\"peer\":\"p1\",\"balance\":{\"deal\":502,\"kind\":\"credit\",\"amount\":-20}}");
        }
        try (JournalReader r = JournalReader.open(journal())) {
            assertThat(r.balanceOperations()).containsExactly(
                    new JournalBalance("p1", 501, "payout", -8000.0),
                    new JournalBalance("p2", 501, "deposit", 250.5),
                    new JournalBalance("p1", 502, "credit", -20.0));
        }
    }
}
