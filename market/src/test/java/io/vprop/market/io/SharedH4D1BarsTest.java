package io.vprop.market.io;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared H4/D1 bars of 12 pairs (shared/data/bars/h4_d1) read as they are, strictly, through MarketFiles: the
 * rows, first and last bar of shared/data/README.md, the symbol and timeframe from the file name, no spread (the
 * source has none: a backtest models it). They are MT5 exports in UTC: their times need a server clock, UTC.
 */
class SharedH4D1BarsTest {
    static Stream<Arguments> files() {
        return Stream.of(
            row("EURUSD_snowguru_H4_2007-2023.bars.csv.gz", 25_847, "2007-09-04 04:00", "2023-09-11 08:00"),
            row("EURUSD_snowguru_D1_2007-2023.bars.csv.gz", 5_013, "2007-09-04 00:00", "2023-09-11 00:00"),
            row("GBPUSD_snowguru_H4_2007-2023.bars.csv.gz", 25_847, "2007-09-03 20:00", "2023-09-11 08:00"),
            row("GBPUSD_snowguru_D1_2007-2023.bars.csv.gz", 5_013, "2007-09-03 00:00", "2023-09-11 00:00"),
            row("USDJPY_snowguru_H4_2007-2023.bars.csv.gz", 25_866, "2007-08-14 12:00", "2023-09-11 08:00"),
            row("USDJPY_snowguru_D1_2007-2023.bars.csv.gz", 5_022, "2007-08-14 00:00", "2023-09-11 00:00"),
            row("USDCHF_snowguru_H4_2007-2023.bars.csv.gz", 25_847, "2007-09-04 00:00", "2023-09-11 08:00"),
            row("USDCHF_snowguru_D1_2007-2023.bars.csv.gz", 5_012, "2007-09-04 00:00", "2023-09-11 00:00"),
            row("NZDUSD_snowguru_H4_2007-2023.bars.csv.gz", 25_848, "2007-08-31 12:00", "2023-09-11 08:00"),
            row("NZDUSD_snowguru_D1_2007-2023.bars.csv.gz", 5_012, "2007-08-31 00:00", "2023-09-11 00:00"),
            row("EURAUD_snowguru_H4_2007-2023.bars.csv.gz", 25_867, "2007-08-14 00:00", "2023-09-11 08:00"),
            row("EURAUD_snowguru_D1_2007-2023.bars.csv.gz", 5_021, "2007-08-14 00:00", "2023-09-11 00:00"),
            row("EURCAD_snowguru_H4_2007-2023.bars.csv.gz", 25_861, "2007-08-17 00:00", "2023-09-11 08:00"),
            row("EURCAD_snowguru_D1_2007-2023.bars.csv.gz", 5_020, "2007-08-17 00:00", "2023-09-11 00:00"),
            row("EURCHF_snowguru_H4_2007-2023.bars.csv.gz", 25_847, "2007-09-04 00:00", "2023-09-11 08:00"),
            row("EURCHF_snowguru_D1_2007-2023.bars.csv.gz", 5_012, "2007-09-04 00:00", "2023-09-11 00:00"),
            row("EURJPY_snowguru_H4_2007-2023.bars.csv.gz", 25_867, "2007-08-14 08:00", "2023-09-11 08:00"),
            row("EURJPY_snowguru_D1_2007-2023.bars.csv.gz", 5_022, "2007-08-14 00:00", "2023-09-11 00:00"),
            row("GBPAUD_snowguru_H4_2007-2023.bars.csv.gz", 25_855, "2007-08-31 00:00", "2023-09-11 08:00"),
            row("GBPAUD_snowguru_D1_2007-2023.bars.csv.gz", 5_013, "2007-08-31 00:00", "2023-09-11 00:00"),
            row("GBPCAD_snowguru_H4_2007-2023.bars.csv.gz", 25_860, "2007-08-29 08:00", "2023-09-11 08:00"),
            row("GBPCAD_snowguru_D1_2007-2023.bars.csv.gz", 5_016, "2007-08-29 00:00", "2023-09-11 00:00"),
            row("GBPCHF_snowguru_H4_2007-2023.bars.csv.gz", 25_849, "2007-09-03 04:00", "2023-09-11 08:00"),
            row("GBPCHF_snowguru_D1_2007-2023.bars.csv.gz", 5_011, "2007-09-03 00:00", "2023-09-11 00:00"));
    }

    private static Arguments row(String file, int rows, String first, String last) {
        return Arguments.of(file, rows, first, last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsAsTheReadmeSays(String name, int rows, String first, String last) {
        Path file = SharedData.file("bars/h4_d1/" + name);
        assertThat(MarketFiles.detect(file)).isEqualTo(MarketFormat.MT5_BARS);
        assertThat(MarketFiles.timesCarryTheirZone(file)).as("an MT5 export: the reader must be told its clock").isFalse();
        Timeframe tf = MarketFiles.timeframeFromFileName(file);
        assertThat(tf).isEqualTo(name.contains("_H4_") ? Timeframe.H4 : Timeframe.D1);
        String symbol = MarketFiles.symbolFromFileName(file);
        int n = 0;
        Bar firstBar = null, lastBar = null;
        try (BarSource s = MarketFiles.openBars(file, null, tf, ServerClock.UTC, ParseMode.STRICT)) {
            Bar b;
            while ((b = s.next()) != null) {
                if (firstBar == null) firstBar = b;
                lastBar = b;
                n++;
                assertThat(b.spread()).isZero();
                assertThat(b.timeframe()).isEqualTo(tf);
            }
        }
        assertThat(n).isEqualTo(rows);
        assertThat(firstBar.symbol()).isEqualTo(symbol).isEqualTo(name.substring(0, 6));
        assertThat(firstBar.openTimeMs()).isEqualTo(utc(first));
        assertThat(lastBar.openTimeMs()).isEqualTo(utc(last));
    }

    private static long utc(String readme) {
        return LocalDateTime.parse(readme.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
