package io.vprop.trade;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {
    @Test
    void everyEnumRoundTripsThroughItsWireWordAndABadWordIsNamed() {
        for (Side s : Side.values()) assertThat(Side.parse(s.wire())).isEqualTo(s);
        for (FillEntry e : FillEntry.values()) assertThat(FillEntry.parse(e.wire())).isEqualTo(e);
        for (OrderKind k : OrderKind.values()) assertThat(OrderKind.parse(k.wire())).isEqualTo(k);
        for (OrderStatus s : OrderStatus.values()) assertThat(OrderStatus.parse(s.wire())).isEqualTo(s);
        assertThat(Side.parse("BUY")).isEqualTo(Side.BUY);
        assertThatThrownBy(() -> Side.parse("long")).hasMessageContaining("'long'");
        assertThatThrownBy(() -> Side.parse(null)).hasMessageContaining("buy or sell");
        assertThatThrownBy(() -> FillEntry.parse("outin")).hasMessageContaining("'outin'");
        assertThatThrownBy(() -> OrderKind.parse("modify")).hasMessageContaining("'modify'");
        assertThatThrownBy(() -> OrderStatus.parse("filled")).hasMessageContaining("'filled'");
    }

    @Test
    void sideSignsAndOpposites() {
        assertThat(Side.BUY.sign()).isEqualTo(1);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
        assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
        assertThat(Side.of(3)).isEqualTo(Side.BUY);
        assertThat(Side.of(-1)).isEqualTo(Side.SELL);
        assertThatThrownBy(() -> Side.of(0)).hasMessageContaining("non-zero");
    }

    @Test
    void recordsNameWhatIsMissingAndAddUpMoney() {
        assertThatThrownBy(() -> new Fill(7, 1, 1, null, "EURUSD", null, FillEntry.IN, 1.1, 1, 0, 0, 0, 0, null))
                .hasMessageContaining("fill 7").hasMessageContaining("side");
        Fill f = new Fill(7, 1, 1, null, "EURUSD", Side.SELL, FillEntry.OUT, 1.1, 1, -3.5, -1.25, 100, 0, null);
        assertThat(f.netProfit()).isEqualTo(95.25);
        assertThat(f.signalId()).isEmpty();
        Position p = new Position(9, "XAUUSD", Side.BUY, 0.1, 2000, 0, 0, 12.5, -0.5, -1, 0, null);
        assertThat(p.netProfit()).isEqualTo(11.0);
        assertThat(OrderIntent.close("EURUSD", Side.BUY, 9, 0, "flat").opens()).isFalse();
        assertThatThrownBy(() -> OrderIntent.open(" ", Side.BUY, 1, 1, 0, 0, 0, 0, 0, "", "", 0, ""))
                .hasMessageContaining("symbol");
        assertThat(new AccountState(1, 1, 0, 1, null).positions()).isEmpty();
    }

    @Test
    void numbersNoTerminalReportsAreRejectedNamingTheTicketAndTheField() {
        assertThatThrownBy(() -> new Position(9, "EURUSD", Side.BUY, -1, 1.1, 0, 0, 0, 0, 0, 0, ""))
                .hasMessageContaining("position 9 EURUSD: volume must be > 0");
        assertThatThrownBy(() -> new Position(9, "EURUSD", Side.BUY, 1, 0, 0, 0, 0, 0, 0, 0, ""))
                .hasMessageContaining("open price must be > 0");
        assertThatThrownBy(() -> new Position(9, "EURUSD", Side.BUY, 1, 1.1, -1, 0, 0, 0, 0, 0, ""))
                .hasMessageContaining("sl must be a price or 0");
        assertThatThrownBy(() -> new Position(9, "EURUSD", Side.BUY, 1, 1.1, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, ""))
                .hasMessageContaining("profit must be finite");
        assertThat(new Position(9, "EURUSD", Side.BUY, 1, 1.1, 1.09, 0, 0, 0, 0, 0, "").hasStopLoss()).isTrue();
        assertThatThrownBy(() -> new Fill(8, 1, 1, "", "EURUSD", Side.BUY, FillEntry.IN, Double.NaN, 1, 0, 0, 0, 0, ""))
                .hasMessageContaining("fill 8: price NaN");
        assertThatThrownBy(() -> new Fill(9, 1, 1, "", "EURUSD", Side.BUY, FillEntry.IN, 1, -1, 0, 0, 0, 0, ""))
                .hasMessageContaining("fill 9: volume -1");
        assertThatThrownBy(() -> new Fill(9, 1, 1, "", "EURUSD", Side.BUY, FillEntry.IN, 1, 1, 0, Double.NaN, 0, 0, ""))
                .hasMessageContaining("must be finite");
    }
}
