package io.vprop.market.io;

import java.nio.file.Files;
import io.vprop.testing.SharedData;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAsTicksTest {

    static long count(TickSource s) {
        long n = 0;
        try (s) {
            Tick t;
            while ((t = s.next()) != null) {
                assertThat(t.ask()).isGreaterThanOrEqualTo(t.bid());
                n++;
            }
        }
        return n;
    }

    @Test
    void tickFilesStayTicksAndBarFilesBecomeFourTicksPerBar() {
        SymbolSpec eurusd = SymbolSpec.fxMajor("EURUSD");
        assertThat(count(MarketFiles.openAsTicks(SharedData.file(SharedData.EURUSD_TICKS), eurusd, null, 0))).isEqualTo(532_903);
        assertThat(count(MarketFiles.openAsTicks(SharedData.file(SharedData.EURUSD_M1), eurusd, null, 0))).isEqualTo(4L * 15_366);
        assertThat(count(MarketFiles.openAsTicks(SharedData.file(SharedData.GBPUSD_BID), SymbolSpec.fxMajor("GBPUSD"), null, 15)))
                .isEqualTo(4L * 30_117);
    }

    @Test
    void timeframeFromFileName() {
        assertThat(MarketFiles.timeframeFromFileName(Path.of("EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("EURUSD_oanda_H1_2007-2018.bars.csv.gz"))).isEqualTo(Timeframe.H1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("6EH4.XCME_1min_bars_20240101_20240131.csv.gz"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("gbpusd-m1-bid-2012.csv"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("prices.csv"))).isNull();
    }

    @Test
    void barFileWithoutATimeframeIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path p = dir.resolve("prices.csv");
        Files.writeString(p, "timestamp,open,high,low,close\n2024-01-01 00:00:00,1,1,1,1\n");
        assertThatThrownBy(() -> MarketFiles.openAsTicks(p, SymbolSpec.fxMajor("EURUSD"), null, 5))
                .hasMessageContaining("cannot tell the bar timeframe of prices.csv");
    }
}
