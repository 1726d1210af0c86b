package io.vprop.market.io;

import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs the fuzzer found (issue 18 item 8, docs/fuzzing.md), kept as they were minimised; the same bytes are in
 * fuzz/corpus/ticks and fuzz/corpus/bars. Corrupt gzip data escaped as an UncheckedIOException from the digits sample
 * and the zone sniffing (only the row readers caught it), and a corrupt or cut-off gzip header was a "cannot open"
 * error without a line. Every path now says file, line and what is wrong.
 */
class FuzzFindingsTest {
    /** gzip whose trailer CRC is wrong after valid-looking data: "Corrupt GZIP trailer" at the end of the stream. */
    static final String TICKS_CORRUPT_TRAILER = "1f8b08000000db875926db769394528854a518f190e8fb3f4ae3cf458810bccc1cf663d899790df9b8d09cb7ebd30edb5a34a44bd118";
    static final String BARS_CORRUPT_TRAILER = "1f8b08000000000002035d8e610a83300c467f778791a44d9a7488202a53e6a64cd9ee7f93b595312a94bc10fabea4eedb3d684cbd";
    /** the gzip magic alone: the header is cut off. */
    static final String GZIP_MAGIC_ONLY = "1f8b";

    @TempDir
    Path dir;

    private Path write(String name, String hex) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, HexFormat.of().parseHex(hex));
        return p;
    }

    @Test
    void corruptGzipIsAMarketDataExceptionOnEveryReadPath() throws IOException {
        Path ticks = write("EURUSD.ticks.csv", TICKS_CORRUPT_TRAILER);
        Path bars = write("EURUSD_M1.bars.csv", BARS_CORRUPT_TRAILER);
        for (Path p : new Path[]{ticks, bars}) {
            assertThatThrownBy(() -> MarketFiles.digitsMismatch(p, "EURUSD", 5))
                    .isInstanceOf(MarketDataException.class)
                    .hasMessageMatching(p.getFileName() + " line \\d+: cannot read: corrupt gzip data \\(.*\\)");
        }
        assertThatThrownBy(() -> MarketFiles.timesCarryTheirZone(bars)).isInstanceOf(MarketDataException.class)
                .hasMessageContaining("EURUSD_M1.bars.csv line ");
        assertThatThrownBy(() -> {
            try (BarSource b = MarketFiles.openBars(bars, "EURUSD", Timeframe.M1)) {
                while (b.next() != null) { }
            }
        }).isInstanceOf(MarketDataException.class).hasMessageContaining("EURUSD_M1.bars.csv line ");
    }

    @Test
    void aCutOffGzipHeaderIsATruncatedFileAtLineOne() throws IOException {
        Path p = write("EURUSD_M1.bars.csv", GZIP_MAGIC_ONLY);
        for (ThrowingRead read : new ThrowingRead[]{
                () -> MarketFiles.timesCarryTheirZone(p), () -> MarketFiles.digitsMismatch(p, "EURUSD", 5),
                () -> MarketFiles.openBars(p, "EURUSD", Timeframe.M1), () -> MarketFiles.openTicks(p, "EURUSD")}) {
            MarketDataException e = (MarketDataException) org.assertj.core.api.Assertions.catchThrowable(read::run);
            assertThat(e).isNotNull();
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo(BadRowReason.TRUNCATED);
            assertThat(e.getMessage()).isEqualTo("EURUSD_M1.bars.csv line 1: truncated file: the compressed data ends "
                    + "before the header line (a cut-off .gz)");
        }
    }

    interface ThrowingRead {
        void run() throws Exception;
    }
}
