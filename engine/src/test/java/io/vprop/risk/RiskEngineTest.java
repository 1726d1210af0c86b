package io.vprop.risk;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in pre-trade checks on domain orders, against a terminal as the risk engine sees it. */
class RiskEngineTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final SymbolSpec EURUSD = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0,
            "EUR", "USD");

    /** A terminal with a quote and an account; {@code live} and {@code pending} as given. */
    private record Terminal(boolean live, boolean pendingEurusd, AccountState account) implements TerminalView {
        @Override public String peer() { return "paper-1/1001/EURUSD.M1"; }

        @Override public long nowMs() { return NOW; }

        @Override public SymbolSpec spec(String symbol) { return symbol.equals("EURUSD") ? EURUSD : null; }

        @Override public Tick lastTick(String symbol) { return new Tick(symbol, NOW, 1.1000, 1.1002, 0, 0, 6); }

        @Override public boolean pending(String symbol) { return pendingEurusd && symbol.equals("EURUSD"); }
    }

    private static final AccountState FLAT = new AccountState(100_000, 100_000, 0, 100_000, List.of());
    private static final Terminal OK = new Terminal(true, false, FLAT);

    private static OrderIntent buy(double lots, double sl) {
        return OrderIntent.open("EURUSD", Side.BUY, lots, 1.1002, 0.0005, sl, 1.1020, 0, NOW + 30_000, "a", "r", 0.5, "test");
    }

    private static String refusal(OrderIntent o, TerminalView t) {
        PreTradeVerdict v = new RiskEngine(1).check(o, t);
        return v.allowed() ? "allowed" : v.rule();
    }

    @Test
    void aWellFormedOrderOnALiveTerminalPasses() {
        assertThat(refusal(buy(0.1, 1.0990), OK)).isEqualTo("allowed");
    }

    @Test
    void eachCheckRefusesWithItsRule() {
        assertThat(refusal(buy(0.1, 1.0990), new Terminal(false, false, FLAT))).isEqualTo("terminal.stale");
        assertThat(refusal(buy(0.1, 0), OK)).isEqualTo("signal.stop_loss");
        assertThat(refusal(buy(0.1, 1.1010), OK)).as("a buy's stop above the price").isEqualTo("signal.stop_loss");
        assertThat(refusal(OrderIntent.open("EURUSD", Side.SELL, 0.1, 1.1000, 0, 1.1010, 1.1020, 0, NOW + 30_000, "", "", 0, ""), OK))
                .as("a sell's target above the price").isEqualTo("signal.take_profit");
        assertThat(refusal(OrderIntent.open("GBPUSD", Side.BUY, 0.1, 1.1002, 0, 1.0990, 0, 0, NOW + 30_000, "", "", 0, ""), OK))
                .isEqualTo("symbol.unknown");
        assertThat(refusal(buy(0.015, 1.0990), OK)).isEqualTo("volume.step");
        assertThat(refusal(buy(51, 1.0990), OK)).isEqualTo("volume.range");
        assertThat(refusal(buy(0.1, 1.0990), new Terminal(true, true, FLAT))).isEqualTo("signal.pending");
        assertThat(refusal(buy(0.1, 1.0990), new Terminal(true, false, null))).isEqualTo("account.unknown");
        AccountState oneOpen = new AccountState(100_000, 100_000, 0, 100_000, List.of(new Position(1, "EURUSD", Side.BUY,
                0.1, 1.1, 1.09, 0, 0, 0, 0, NOW - 60_000, "")));
        assertThat(refusal(buy(0.1, 1.0990), new Terminal(true, false, oneOpen))).isEqualTo("positions.per_symbol");
        assertThat(refusal(OrderIntent.open("EURUSD", Side.BUY, 0.1, 1.1002, 0, 1.0990, 0, 0, NOW, "", "", 0, ""), OK))
                .isEqualTo("signal.expired");
    }

    @Test
    void anEntryOnAQuoteOlderThanTheBoundIsRefusedByNameAndACloseStillPasses() {
        RiskEngine risk = new RiskEngine(1).maxQuoteAge(120_000);
        TerminalView old = new StaleQuote(NOW - 300_000);
        PreTradeVerdict v = risk.check(buy(0.1, 1.0990), old);
        assertThat(v.rule()).isEqualTo("quote.stale");
        assertThat(v.reason()).contains("EURUSD quote is 300 s old").contains("bound 120 s");
        assertThat(risk.check(buy(0.1, 1.0990), new StaleQuote(NOW - 120_000)).allowed()).as("at the bound").isTrue();
        assertThat(risk.check(OrderIntent.close("EURUSD", Side.SELL, 1, NOW + 30_000, "flatten"), old).allowed()).isTrue();
        assertThat(new RiskEngine(1).maxQuoteAge(0).check(buy(0.1, 1.0990), old).allowed()).as("0 = no bound").isTrue();
    }

    /** {@link #OK} with its EURUSD quote stamped at {@code quoteMs}. */
    private record StaleQuote(long quoteMs) implements TerminalView {
        @Override public String peer() { return OK.peer(); }

        @Override public long nowMs() { return NOW; }

        @Override public boolean live() { return true; }

        @Override public SymbolSpec spec(String symbol) { return OK.spec(symbol); }

        @Override public Tick lastTick(String symbol) { return new Tick(symbol, quoteMs, 1.1000, 1.1002, 0, 0, 6); }

        @Override public boolean pending(String symbol) { return false; }

        @Override public AccountState account() { return FLAT; }
    }

    @Test
    void closingPassesEverythingButStalenessAndExpiry() {
        OrderIntent close = OrderIntent.close("EURUSD", Side.SELL, 1, NOW + 30_000, "flatten");
        assertThat(refusal(close, new Terminal(true, true, null))).isEqualTo("allowed");
        assertThat(refusal(close, new Terminal(false, false, FLAT))).isEqualTo("terminal.stale");
    }

    @Test
    void addedChecksRunAfterTheBuiltInOnes() {
        RiskEngine risk = new RiskEngine(1).add((o, t) -> PreTradeVerdict.deny("firm.rule", "no trading today for " + t.peer()));
        PreTradeVerdict v = risk.check(buy(0.1, 1.0990), OK);
        assertThat(v.rule()).isEqualTo("firm.rule");
        assertThat(v.reason()).isEqualTo("no trading today for paper-1/1001/EURUSD.M1");
        assertThat(risk.check(buy(0.1, 0), OK).rule()).as("the order's own defect first").isEqualTo("signal.stop_loss");
    }
}
