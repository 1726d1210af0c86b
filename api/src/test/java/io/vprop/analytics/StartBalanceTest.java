package io.vprop.analytics;

import io.vprop.journal.JournalBalance;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vprop.analytics.Fixtures.in;
import static io.vprop.analytics.Fixtures.out;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance the analysed period started from, by hand: 100,000.00 at the start; a trade netting +1,496.50 (commission
 * −3.50, profit +1,500.00), a payout of −1,000.00, then a trade netting −200.00: the terminal now reports 100,296.50.
 */
class StartBalanceTest {
    private static final List<PeerFill> FILLS = List.of(
            in(11, 900, "EURUSD", Side.BUY, 1.0850, 1.0, -3.50, "2026-03-10T09:00:00Z", "s1"),
            out(12, 900, "EURUSD", Side.SELL, 1.1000, 1.0, 1_500.00, "2026-03-10T12:00:00Z", "tp"),
            in(14, 901, "EURUSD", Side.BUY, 1.1000, 1.0, 0, "2026-03-11T09:00:00Z", "s2"),
            out(15, 901, "EURUSD", Side.SELL, 1.0980, 1.0, -200.00, "2026-03-11T12:00:00Z", "sl"));

    @Test
    void aPayoutDuringThePeriodDoesNotMoveTheStart() {
        double start = AnalyticsApi.startBalance(null, Map.of("p1", 100_296.50), FILLS,
                List.of(new JournalBalance("p1", 13, "payout", -1_000.00)));

        assertThat(start).isEqualTo(100_000.00);
    }

    @Test
    void theDepositBeforeTheFirstTradeIsPartOfTheStart() {
        // deal 10 (before the first trade's deal 11) brought the account to 100,000.00
        double start = AnalyticsApi.startBalance(null, Map.of("p1", 100_296.50), FILLS,
                List.of(new JournalBalance("p1", 10, "deposit", 100_000.00), new JournalBalance("p1", 13, "payout", -1_000.00)));

        assertThat(start).isEqualTo(100_000.00);
    }

    @Test
    void operationsOfOtherTerminalsAndTerminalsWithoutTradesDoNotCount() {
        List<JournalBalance> ops = List.of(new JournalBalance("p1", 13, "payout", -1_000.00),
                new JournalBalance("p2", 40, "payout", -5_000.00));

        assertThat(AnalyticsApi.startBalance("p1", Map.of("p1", 100_296.50, "p2", 45_000.00), FILLS, ops)).isEqualTo(100_000.00);
        assertThat(AnalyticsApi.startBalance("p2", Map.of("p1", 100_296.50, "p2", 45_000.00), FILLS, ops))
                .as("p2 has no trades: its balance is the start").isEqualTo(45_000.00);
        assertThat(AnalyticsApi.startBalance(null, Map.of("p1", 100_296.50, "p2", 45_000.00), FILLS, ops)).isEqualTo(145_000.00);
    }

    @Test
    void noReportedBalanceIsNotANumber() {
        assertThat(AnalyticsApi.startBalance(null, Map.of(), FILLS, List.of())).isNaN();
    }
}
