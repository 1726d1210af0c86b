package io.vprop.challenge.history;

import io.vprop.challenge.BalanceOperation;
import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vprop.challenge.history.Fixtures.path;
import static io.vprop.challenge.history.Fixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sample MT5 account history report (hedging account, USD, server on the New York close clock) in HTML and
 * Excel. Every expected number is worked out by hand from the report's deals in the comments; the report's own
 * Balance column ends at 100 429.75 after the last trade, which the nets below add up to.
 */
class AccountReportImportTest {
    private static final ImportOptions NY_CLOSE = ImportOptions.newYorkClose();

    @Test
    void theHtmlReportIsRecognisedByItsContent() {
        assertThat(HistoryImport.detect(path("ReportHistory-51234567.html"))).isEqualTo(HistoryFormat.MT5_HISTORY_HTML);
        assertThat(HistoryImport.detect(path("ReportHistory-51234567.xlsx"))).isEqualTo(HistoryFormat.MT5_HISTORY_XLSX);
    }

    @Test
    void dealsBecomeRoundTripsWithPartialClosesHedgedPositionsAndAJpyQuote() {
        TradeHistory h = HistoryImport.read(path("ReportHistory-51234567.html"), NY_CLOSE);

        assertThat(h.currency()).isEqualTo("USD");
        assertThat(h.initialBalance()).isEqualTo(100_000.00);
        assertThat(h.source()).isEqualTo("ReportHistory-51234567.html (MT5 account history report, HTML)");
        assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("2001", "2006", "2005", "2004", "2010");
        assertExpectedTrades(h.trades());
        assertThat(h.trades().get(0).source()).isEqualTo("ReportHistory-51234567.html line 220");
    }

    /** The same five trades whatever the file: HTML deals, Excel deals. */
    static void assertExpectedTrades(List<ClosedTrade> trades) {
        // 2001 EURUSD buy 1.00 @ 1.08500 (commission -3.50); out 0.40 @ 1.08750: +100.00, commission -1.40;
        // out 0.60 @ 1.08400: -60.00, commission -2.10, swap -4.20. Exit price (0.4*1.0875 + 0.6*1.084) / 1 = 1.0854.
        // Server GMT+2 before 10 March 2024 (New York still on winter time): 10:00 server = 08:00 UTC.
        ClosedTrade a = trades.get(0);
        assertTrade(a, "EURUSD", Side.BUY, 1.0, "2024-03-05T08:00:00Z", "2024-03-06T09:30:00Z", 1.085, 1.0854);
        assertMoney(a, 40.00, -7.00, -4.20, 28.80);
        // 2006 GBPUSD buy 0.20 @ 1.27200 closes first (0.20 @ 1.27150: -10.00), while the older 2004 is still open:
        // first-in-first-out would have given this exit to 2004; the Positions section names 2006.
        ClosedTrade d = trades.get(1);
        assertTrade(d, "GBPUSD", Side.BUY, 0.2, "2024-03-07T08:00:00Z", "2024-03-08T13:00:00Z", 1.272, 1.2715);
        assertMoney(d, -10.00, -1.40, 0, -11.40);
        // 2005 GBPUSD sell 0.30 @ 1.27100, held against the two buys (hedging); bought back @ 1.26900: +60.00.
        ClosedTrade c = trades.get(2);
        assertTrade(c, "GBPUSD", Side.SELL, 0.3, "2024-03-07T07:20:00Z", "2024-03-08T14:05:00Z", 1.271, 1.269);
        assertMoney(c, 60.00, -2.10, 0, 57.90);
        // 2004 GBPUSD buy 0.50 @ 1.27000 opens on GMT+2 and closes on Monday 11 March, after New York's clocks went
        // forward on Sunday: the server is on GMT+3, so 10:00 server = 07:00 UTC. 0.5 * 100 000 * 0.004 = 200.00.
        ClosedTrade b = trades.get(3);
        assertTrade(b, "GBPUSD", Side.BUY, 0.5, "2024-03-07T07:15:00Z", "2024-03-11T07:00:00Z", 1.27, 1.274);
        assertMoney(b, 200.00, -3.50, -6.00, 190.50);
        assertThat(b.closeMs() - b.openMs()).isEqualTo((3 * 24 + 23) * 3_600_000L + 45 * 60_000L);
        // 2010 USDJPY sell 0.50 @ 149.800, bought back @ 149.300: 25 000 JPY = 25 000 / 149.300 = 167.45 USD.
        ClosedTrade e = trades.get(4);
        assertTrade(e, "USDJPY", Side.SELL, 0.5, "2024-03-12T05:00:00Z", "2024-03-12T17:00:00Z", 149.8, 149.3);
        assertMoney(e, 167.45, -3.50, 0, 163.95);

        assertThat(trades.stream().mapToDouble(ClosedTrade::net).sum()).isCloseTo(429.75, within(1e-9));
        assertThat(trades).allSatisfy(t -> {
            assertThat(t.worstExcursion()).isNaN();
            assertThat(t.riskMoney()).isNaN();
        });
    }

    @Test
    void balanceOperationsStayOutOfTheTrades() {
        TradeHistory h = HistoryImport.read(path("ReportHistory-51234567.html"), NY_CLOSE);
        // The first deposit (100 000.00) is the initial balance; the rest are listed, never P&L. The XAUUSD buy of
        // 15 March is still open (Open Positions): it is not a closed trade.
        assertThat(h.balanceOperations()).extracting(BalanceOperation::kind, BalanceOperation::amount,
                        BalanceOperation::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BalanceOperation.Kind.WITHDRAWAL, -500.00, "Withdrawal"),
                        org.assertj.core.groups.Tuple.tuple(BalanceOperation.Kind.CREDIT, 1000.00, "Credit line"),
                        org.assertj.core.groups.Tuple.tuple(BalanceOperation.Kind.COMMISSION, -12.00,
                                "Monthly platform fee"));
        assertThat(h.balanceOperations().get(0).timeMs()).isEqualTo(utc("2024-03-13T09:00:00Z"));
        assertThat(h.trades()).noneMatch(t -> t.symbol().equals("XAUUSD"));
    }

    @Test
    void theExcelReportGivesTheSameTrades() {
        TradeHistory h = HistoryImport.read(path("ReportHistory-51234567.xlsx"), NY_CLOSE);

        assertThat(h.currency()).isEqualTo("USD");
        assertThat(h.initialBalance()).isEqualTo(100_000.00);
        assertThat(h.source()).isEqualTo("ReportHistory-51234567.xlsx (MT5 account history report, Excel)");
        assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("2001", "2006", "2005", "2004", "2010");
        assertExpectedTrades(h.trades());
        assertThat(h.trades().get(0).source()).startsWith("ReportHistory-51234567.xlsx sheet 'Sheet1' row ");
        assertThat(h.balanceOperations()).hasSize(3);
    }

    @Test
    void withoutDealsThePositionsSectionGivesTheTrades() {
        TradeHistory h = HistoryImport.read(path("positions-only.html"), NY_CLOSE);

        assertThat(h.trades()).extracting(ClosedTrade::id).containsExactly("2001", "2006", "2005", "2004", "2010");
        assertExpectedTrades(h.trades());
        assertThat(h.initialBalance()).isNaN(); // no deal states a deposit or a balance
        assertThat(h.balanceOperations()).isEmpty();
    }

    @Test
    void withoutPositionsAHedgedExitThatFirstInFirstOutCannotPlaceIsNamed() {
        // Deal 1008 closes 0.20 of GBPUSD buy; without the Positions section it goes to the oldest buy, 2004, and
        // deal 1010 then finds only 0.30 lots of 2004 open.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryImport.read(path("deals-only.html"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageContaining("deals-only.html line ")
                .hasMessageContaining("deal 1010 closes 0.5 lots, more than position 2004");
    }

    @Test
    void twoPositionsClosingAtTheSameSecondWithTheSameVolumeAreToldApartByTheirProfit() {
        // A grid: buys 3001 @ 0.89726 and 3002 @ 0.89709 (0.03 lots each) both closed at 08:14:00 @ 0.89723. The
        // first exit deal (+0.47) is 3002's: (0.89723 - 0.89709) * 3 000 CHF / 0.89723 = 0.47 USD; 3001 loses
        // 0.10. Time and volume match both; the Positions rows' profits say which is which.
        TradeHistory h = HistoryImport.read(path("same-second-exits.html"), NY_CLOSE);

        assertThat(h.trades()).extracting(ClosedTrade::id, ClosedTrade::profit)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("3001", -0.10),
                        org.assertj.core.groups.Tuple.tuple("3002", 0.47));
        assertThat(h.initialBalance()).isEqualTo(1000.00);
    }

    private static void assertTrade(ClosedTrade t, String symbol, Side side, double lots, String open, String close,
                                    double openPrice, double closePrice) {
        assertThat(t.symbol()).isEqualTo(symbol);
        assertThat(t.side()).isEqualTo(side);
        assertThat(t.lots()).isCloseTo(lots, within(1e-9));
        assertThat(t.openMs()).as("open of " + t.id()).isEqualTo(utc(open));
        assertThat(t.closeMs()).as("close of " + t.id()).isEqualTo(utc(close));
        assertThat(t.openPrice()).isCloseTo(openPrice, within(1e-9));
        assertThat(t.closePrice()).isCloseTo(closePrice, within(1e-9));
    }

    private static void assertMoney(ClosedTrade t, double profit, double commission, double swap, double net) {
        assertThat(t.profit()).as("profit of " + t.id()).isCloseTo(profit, within(1e-9));
        assertThat(t.commission()).as("commission of " + t.id()).isCloseTo(commission, within(1e-9));
        assertThat(t.swap()).as("swap of " + t.id()).isCloseTo(swap, within(1e-9));
        assertThat(t.net()).as("net of " + t.id()).isCloseTo(net, within(1e-9));
    }
}
