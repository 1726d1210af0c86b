package io.vprop.market.io;

import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A bar file's timeframe read from its name (vprop backtest and replay rely on it). */
class TimeframeFromFileNameTest {

    @Test
    void timeframeFromFileName() {
        assertThat(MarketFiles.timeframeFromFileName(Path.of("EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("EURUSD_oanda_H1_2007-2018.bars.csv.gz"))).isEqualTo(Timeframe.H1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("6EH4.XCME_1min_bars_20240101_20240131.csv.gz"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("gbpusd-m1-bid-2012.csv"))).isEqualTo(Timeframe.M1);
        assertThat(MarketFiles.timeframeFromFileName(Path.of("prices.csv"))).isNull();
    }
}
