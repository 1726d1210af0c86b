package io.vprop.challenge.history;

import io.vprop.challenge.BalanceOperation;
import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import static io.vprop.challenge.history.Fixtures.path;
import static io.vprop.challenge.history.Fixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Strategy Tester report and the CSV formats, with hand-computed round trips. */
class OtherFormatsImportTest {
    private static final ImportOptions NY_CLOSE = ImportOptions.newYorkClose();

    @Test
    void aTesterReportOnANettingAccountSplitsTheReversalIntoTwoTrades() {
        TradeHistory h = HistoryImport.read(path("TesterReport-TrendPullback.html"), NY_CLOSE);

        assertThat(HistoryImport.detect(path("TesterReport-TrendPullback.html"))).isEqualTo(HistoryFormat.MT5_TESTER_HTML);
        assertThat(h.currency()).isEqualTo("USD");
        assertThat(h.initialBalance()).isEqualTo(10_000.00);
        assertThat(h.balanceOperations()).isEmpty();
        assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("2", "2/5");
        // Buy 0.10 @ 1.10000 and 0.10 @ 1.10200 (netting: one position, 0.20 @ 1.10100); sell 0.05 @ 1.10300: +10.00;
        // sell 0.35 @ 1.10400 in/out: closes 0.15 (+45.00) and opens a 0.20 sell. Exit price
        // (0.05 * 1.103 + 0.15 * 1.104) / 0.20 = 1.10375. Commission -0.70 - 0.70 - 0.35 - 2.45 * 0.15 / 0.35 = -2.80.
        ClosedTrade first = h.trades().get(0);
        assertThat(first.side()).isEqualTo(Side.BUY);
        assertThat(first.lots()).isCloseTo(0.20, within(1e-9));
        assertThat(first.openPrice()).isCloseTo(1.101, within(1e-9));
        assertThat(first.closePrice()).isCloseTo(1.10375, within(1e-9));
        assertThat(first.profit()).isCloseTo(55.00, within(1e-9));
        assertThat(first.commission()).isCloseTo(-2.80, within(1e-9));
        assertThat(first.openMs()).isEqualTo(utc("2024-01-02T08:00:00Z"));
        assertThat(first.closeMs()).isEqualTo(utc("2024-01-02T11:00:00Z"));
        // The reversed 0.20 sell @ 1.10400 bought back @ 1.10250: +30.00; commission -2.45 * 0.20 / 0.35 - 1.40.
        ClosedTrade second = h.trades().get(1);
        assertThat(second.side()).isEqualTo(Side.SELL);
        assertThat(second.lots()).isCloseTo(0.20, within(1e-9));
        assertThat(second.openPrice()).isCloseTo(1.104, within(1e-9));
        assertThat(second.closePrice()).isCloseTo(1.1025, within(1e-9));
        assertThat(second.profit()).isCloseTo(30.00, within(1e-9));
        assertThat(second.commission()).isCloseTo(-2.80, within(1e-9));
        assertThat(second.openMs()).isEqualTo(utc("2024-01-02T11:00:00Z"));
        // 10 000.00 + 52.20 + 27.20 = 10 079.40, the report's last Balance.
        assertThat(first.net() + second.net()).isCloseTo(79.40, within(1e-9));
    }

    @Test
    void aCsvOfDealsWithPositionIdsIsExactOnAHedgingAccount() {
        TradeHistory h = HistoryImport.read(path("deals.csv"), NY_CLOSE.withCurrency("usd"));

        assertThat(HistoryImport.detect(path("deals.csv"))).isEqualTo(HistoryFormat.DEALS_CSV);
        assertThat(h.currency()).isEqualTo("USD");
        assertThat(h.initialBalance()).isEqualTo(5_000.00);
        assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("12", "11");
        // Position 12: buy 0.20 @ 1.27200, out @ 1.27150: -10.00, commission -0.70 twice.
        ClosedTrade p12 = h.trades().get(0);
        assertThat(p12.net()).isCloseTo(-11.40, within(1e-9));
        // Position 11: buy 0.50 @ 1.27000, out 0.25 @ 1.27400 (+100.00) and 0.25 @ 1.26800 (-50.00); exit price 1.27100;
        // commission -1.75 - 0.90 - 0.90 and fee -0.10 twice: -3.75 (the fee counts as commission).
        ClosedTrade p11 = h.trades().get(1);
        assertThat(p11.lots()).isCloseTo(0.50, within(1e-9));
        assertThat(p11.closePrice()).isCloseTo(1.271, within(1e-9));
        assertThat(p11.profit()).isCloseTo(50.00, within(1e-9));
        assertThat(p11.commission()).isCloseTo(-3.75, within(1e-9));
        assertThat(p11.closeMs()).isEqualTo(utc("2024-03-11T12:30:00Z")); // 15:30 on the GMT+3 server
        assertThat(h.balanceOperations()).extracting(BalanceOperation::kind)
                .containsExactly(BalanceOperation.Kind.BONUS, BalanceOperation.Kind.CORRECTION);
        assertThat(h.balanceOperations()).extracting(BalanceOperation::amount).containsExactly(100.00, -5.00);
    }

    @Test
    void aSemicolonCsvWithoutTicketsNamesItsTradesBySymbol() {
        TradeHistory h = HistoryImport.read(path("deals-semicolon.csv"), NY_CLOSE);

        assertThat(h.currency()).isEmpty(); // a CSV does not state it and the options did not either
        assertThat(h.initialBalance()).isNaN();
        assertThat(h.trades()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("USDJPY#1");
            assertThat(t.profit()).isEqualTo(167.45);
            assertThat(t.net()).isCloseTo(163.95, within(1e-9));
            assertThat(t.source()).isEqualTo("deals-semicolon.csv line 2");
        });
    }

    @Test
    void aTabSeparatedCsvOfPositionsFollowsTheServerClockAcrossTheAutumnChange() {
        // Opened Thursday 31 October 22:00 server time, closed Monday 4 November 10:00. New York left summer time
        // on Sunday 3 November: the New York close server was GMT+3 at the open and GMT+2 at the close. A server on
        // European rules had already gone back to GMT+2 on 27 October.
        TradeHistory ny = HistoryImport.read(path("positions.tsv"), NY_CLOSE);
        TradeHistory eu = HistoryImport.read(path("positions.tsv"), new ImportOptions("Broker/EU-DST"));

        assertThat(HistoryImport.detect(path("positions.tsv"))).isEqualTo(HistoryFormat.POSITIONS_CSV);
        ClosedTrade t = ny.trades().get(0);
        assertThat(t.id()).isEqualTo("501");
        assertThat(t.openMs()).isEqualTo(utc("2024-10-31T19:00:00Z"));
        assertThat(t.closeMs()).isEqualTo(utc("2024-11-04T08:00:00Z"));
        assertThat(t.net()).isCloseTo(56.40, within(1e-9));
        assertThat(eu.trades().get(0).openMs()).isEqualTo(utc("2024-10-31T20:00:00Z"));
        assertThat(eu.trades().get(0).closeMs()).isEqualTo(utc("2024-11-04T08:00:00Z"));
    }

    @Test
    void aFixedOffsetOrAnIanaZoneIsAServerClockToo() {
        TradeHistory utc2 = HistoryImport.read(path("positions.tsv"), ImportOptions.serverZone(java.time.ZoneOffset.ofHours(2)));
        TradeHistory athens = HistoryImport.read(path("positions.tsv"), ImportOptions.serverZone(java.time.ZoneId.of("Europe/Athens")));

        assertThat(utc2.trades().get(0).openMs()).isEqualTo(utc("2024-10-31T20:00:00Z"));
        assertThat(athens.trades().get(0).openMs()).isEqualTo(utc("2024-10-31T20:00:00Z")); // EET since 27 October
    }

    @Test
    void aPositionStillPartlyOpenIsATradeOfItsClosedVolumeAndAnUnclosedOneIsNone(@org.junit.jupiter.api.io.TempDir
                                                                                    java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path csv = dir.resolve("open.csv");
        java.nio.file.Files.writeString(csv, "Time,Order,Symbol,Type,Direction,Volume,Price,Commission,Profit\n"
                + "2024-03-05 10:00:00,31,EURUSD,buy,in,1.0,1.08500,-3.50,0\n"
                + "2024-03-05 12:00:00,32,EURUSD,sell,out,0.4,1.08600,-1.40,40.00\n"
                + "2024-03-05 13:00:00,33,GBPUSD,sell,in,0.3,1.27000,-1.05,0\n");

        TradeHistory h = HistoryImport.read(csv, NY_CLOSE);

        // 0.4 of the 1.0 lot is closed: one trade of 0.4 lots carrying the whole entry commission (charged when
        // the position opened); the GBPUSD sell has no exit yet.
        assertThat(h.trades()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("31");
            assertThat(t.lots()).isCloseTo(0.4, within(1e-9));
            assertThat(t.net()).isCloseTo(40.00 - 3.50 - 1.40, within(1e-9));
            assertThat(t.closeMs()).isEqualTo(utc("2024-03-05T10:00:00Z"));
        });
    }
}
