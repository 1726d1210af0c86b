package io.vprop.market.io;

import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DigitsCheckTest {

    @Test
    void filesPrintedWithTheSpecsDigitsPass() {
        assertThat(MarketFiles.digitsMismatch(SharedData.file(SharedData.EURUSD_TICKS), "EURUSD", 5)).isEmpty();
        assertThat(MarketFiles.digitsMismatch(SharedData.file(SharedData.EURUSD_M1), "EURUSD", 5)).isEmpty();
        assertThat(MarketFiles.digitsMismatch(SharedData.file(SharedData.USDJPY_BID), "USDJPY", 3)).isEmpty();
        // the H4 source strips trailing zeros (118.2), but its rows still reach 3 decimals
        assertThat(MarketFiles.digitsMismatch(SharedData.file("bars/h4_d1/USDJPY_snowguru_H4_2007-2023.bars.csv.gz"), "USDJPY", 3)).isEmpty();
    }

    @Test
    void aFileWhoseDecimalsDisagreeWithTheSpecIsReported() {
        // a JPY file played as a 5-digit symbol, and a 5-digit file for a 3-digit spec
        assertThat(MarketFiles.digitsMismatch(SharedData.file(SharedData.USDJPY_BID), "USDJPY", 5)).hasValueSatisfying(f ->
                assertThat(f).isEqualTo("usdjpy-m1-bid-2013.csv: prices have 3 decimals (most in the first 2000 rows) but the "
                        + "USDJPY spec has 5 digits: check the symbol, or the source strips trailing zeros"));
        assertThat(MarketFiles.digitsMismatch(SharedData.file(SharedData.EURUSD_HIST_TICKS), "EURUSD", 3))
                .hasValueSatisfying(f -> assertThat(f).contains("prices have 5 decimals").contains("EURUSD spec has 3 digits")
                        .contains("finer than the symbol's point"));
    }

    @Test
    void anEmptyFileHasNothingToReport(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("XAUUSD_M1.csv");
        Files.writeString(f, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
        assertThat(MarketFiles.digitsMismatch(f, "XAUUSD", 2)).isEmpty();
        Files.writeString(f, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                + "2024.01.02\t00:00:00\t2063.1\t2064.35\t2062.9\t2063.5\t10\t0\t0\n");
        assertThat(MarketFiles.digitsMismatch(f, "XAUUSD", 2)).isEmpty();
        assertThat(MarketFiles.digitsMismatch(f, "XAUUSD", 3)).isPresent();
    }
}
