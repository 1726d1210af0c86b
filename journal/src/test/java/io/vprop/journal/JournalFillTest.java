package io.vprop.journal;

import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fills row is read into the trade vocabulary; a bad row names its deal. */
class JournalFillTest {
    @Test
    void badRowsAreNamed() {
        assertThatThrownBy(() -> JournalFill.ofRow("p1", 7, 0, 1, "", "EURUSD", "buy", "sideways", 1, 1, 0, 0, 0, 0, ""))
                .hasMessageContaining("fill 7").hasMessageContaining("sideways");
        assertThatThrownBy(() -> JournalFill.ofRow("p1", 8, 0, 1, "", "EURUSD", "buy", "in", Double.NaN, 1, 0, 0, 0, 0, ""))
                .hasMessageContaining("fill 8").hasMessageContaining("price");
        assertThatThrownBy(() -> JournalFill.ofRow("p1", 9, 0, 1, "", "EURUSD", "buy", "in", 1, -1, 0, 0, 0, 0, ""))
                .hasMessageContaining("volume -1");
        assertThatThrownBy(() -> JournalFill.ofRow("p1", 10, 0, 1, "", "EURUSD", "long", "in", 1, 1, 0, 0, 0, 0, ""))
                .hasMessageContaining("fill 10").hasMessageContaining("'long'");
    }

    @Test
    void aGoodRowReadsItsWords() {
        JournalFill f = JournalFill.ofRow("p1", 7, 70, 1, "s1", "EURUSD", "sell", "inout", 1.1, 0.5, -1, 0, 2, 1_000, "sl");
        assertThat(f.peer()).isEqualTo("p1");
        assertThat(f.fill().side()).isEqualTo(Side.SELL);
        assertThat(f.fill().entry()).isEqualTo(FillEntry.INOUT);
        assertThat(f.fill().order()).isEqualTo(70);
    }
}
