package io.vprop.analytics;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The live journal's closed trades as a challenge-lab history, on a real journal written through its own write path. */
class JournalHistoryTest {
    @TempDir
    Path dir;

    private final ProtocolCodec codec = new ProtocolCodec();
    private long seq;

    private void signal(Journal j, String peer, String id, String symbol, String side, double lots, double sl) {
        Payload.Signal s = new Payload.Signal(id, "open", symbol, side, lots, 0, 0, sl, 0, 0, 30_000, "ema", "", 0.6, "", 0);
        Envelope e = new Envelope(1, ++seq, 1_000 * seq, seq - 1, false, false, s);
        j.appendOutbound(peer, e, codec.encode(e));
    }

    private void fill(Journal j, String peer, long deal, long position, String signal, String symbol, String side, String entry,
                      double price, double volume, double commission, double profit, String iso) {
        j.recordFill(peer, new Payload.Fill(deal, deal, position, signal, symbol, side, entry, price, volume, commission, 0,
                profit, java.time.Instant.parse(iso).toEpochMilli(), entry.equals("in") ? "expert" : "sl"), ++seq, 0);
    }

    private Path journal() {
        Path file = dir.resolve("sidecar.db");
        try (Journal j = new Journal(file, false)) {
            // a buy with a 20-pip stop, closed in two halves at +20 and +30 pips
            signal(j, "T1", "s1", "EURUSD", "buy", 1.0, 1.0830);
            fill(j, "T1", 1, 100, "s1", "EURUSD", "buy", "in", 1.0850, 1.0, -3.5, 0, "2026-03-02T08:00:00Z");
            fill(j, "T1", 2, 100, "", "EURUSD", "sell", "out", 1.0870, 0.5, -1.75, 100, "2026-03-02T09:00:00Z");
            fill(j, "T1", 3, 100, "", "EURUSD", "sell", "out", 1.0880, 0.5, -1.75, 150, "2026-03-02T10:00:00Z");
            // a sell stopped out: its own money per pip gives the risk
            signal(j, "T1", "s2", "GBPUSD", "sell", 2.0, 1.2710);
            fill(j, "T1", 4, 101, "s2", "GBPUSD", "sell", "in", 1.2700, 2.0, -7, 0, "2026-03-03T08:00:00Z");
            fill(j, "T1", 5, 101, "", "GBPUSD", "buy", "out", 1.2710, 2.0, 0, -200, "2026-03-03T11:00:00Z");
            // a manual trade (no signal): risk unknown
            fill(j, "T1", 6, 102, "", "EURUSD", "buy", "in", 1.0900, 1.0, 0, 0, "2026-03-04T08:00:00Z");
            fill(j, "T1", 7, 102, "", "EURUSD", "sell", "out", 1.0890, 1.0, 0, -100, "2026-03-04T09:00:00Z");
            // still open: not a closed trade
            signal(j, "T1", "s3", "EURUSD", "buy", 1.0, 1.0800);
            fill(j, "T1", 8, 103, "s3", "EURUSD", "buy", "in", 1.0850, 1.0, 0, 0, "2026-03-05T08:00:00Z");
        }
        return file;
    }

    @Test
    void closedRoundTripsWithRiskFromTheSignalsStopAndNoExcursion() {
        try (JournalReader r = JournalReader.open(journal())) {
            TradeHistory h = JournalHistory.read(r, null, "usd", "sidecar.db");
            assertThat(h.currency()).isEqualTo("USD");
            assertThat(h.initialBalance()).isNaN();
            assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("T1#100", "T1#101", "T1#102");
            ClosedTrade a = h.trades().get(0);
            assertThat(a.side()).isEqualTo(Side.BUY);
            assertThat(a.lots()).isEqualTo(1.0);
            assertThat(a.profit()).isEqualTo(250);
            assertThat(a.commission()).isEqualTo(-7);
            assertThat(a.closePrice()).isCloseTo(1.0875, within(1e-12));
            // 250 over a 25-pip move on 1 lot: 10 USD a pip, so 20 pips to the stop are 200 USD
            assertThat(a.riskMoney()).isCloseTo(200, within(1e-6));
            assertThat(a.worstExcursion()).isNaN();
            ClosedTrade b = h.trades().get(1);
            assertThat(b.riskMoney()).isCloseTo(200, within(1e-6)); // 10 pips on 2 lots, 10 USD a pip a lot
            assertThat(h.trades().get(2).riskMoney()).as("no signal, no stop").isNaN();
            assertThat(h.trades().get(2).net()).isEqualTo(-100);
        }
    }

    @Test
    void severalTerminalsNeedAChoiceAndTheCurrencyMustBeStated() {
        Path file = journal();
        try (Journal j = new Journal(file, false)) {
            fill(j, "T2", 1, 500, "", "USDJPY", "buy", "in", 150.00, 1.0, 0, 0, "2026-03-02T08:00:00Z");
            fill(j, "T2", 2, 500, "", "USDJPY", "sell", "out", 150.10, 1.0, 0, 66.6, "2026-03-02T09:00:00Z");
        }
        try (JournalReader r = JournalReader.open(file)) {
            assertThatThrownBy(() -> JournalHistory.read(r, null, "USD", "sidecar.db"))
                    .hasMessage("sidecar.db: the journal holds the trades of 2 terminals (T1, T2): choose one; the lab "
                            + "replays one account");
            assertThat(JournalHistory.read(r, "T2", "USD", "sidecar.db").trades()).hasSize(1);
            assertThatThrownBy(() -> JournalHistory.read(r, "T3", "USD", "sidecar.db"))
                    .hasMessage("sidecar.db: no fill of terminal 'T3' (the journal has T1, T2)");
            assertThatThrownBy(() -> JournalHistory.read(r, "T1", "", "sidecar.db"))
                    .hasMessage("sidecar.db: the journal does not hold the account currency: state it");
        }
    }

    @Test
    void aJournalWithoutClosedTradesSaysSo() {
        Path file = dir.resolve("empty.db");
        try (Journal j = new Journal(file, false)) {
            fill(j, "T1", 1, 100, "", "EURUSD", "buy", "in", 1.0850, 1.0, 0, 0, "2026-03-02T08:00:00Z");
        }
        try (JournalReader r = JournalReader.open(file)) {
            assertThatThrownBy(() -> JournalHistory.read(r, null, "USD", "empty.db"))
                    .hasMessage("empty.db: no closed trade in the journal");
        }
    }
}
