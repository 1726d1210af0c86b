package io.vprop.signal.feature;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.signal.SharedData;
import io.vprop.signal.data.Mt5BarCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceRatioIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Differential test: the same real bars (shared EURUSD M1 OANDA 2014-05-01..15, 15,366 bars) go into our incremental
 * indicators and into ta4j's; every value must agree within a tolerance, on every bar after a short burn-in.
 */
class Ta4jDifferentialTest {
    static List<Bar> bars;
    static BarSeries series;

    @BeforeAll
    static void load() throws Exception {
        bars = Mt5BarCsv.read(SharedData.file("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"), "EURUSD", Timeframe.M1);
        assertThat(bars).hasSize(15_366);
        series = new BaseBarSeriesBuilder().withName("EURUSD").withNumTypeOf(DoubleNum.class).build();
        for (Bar b : bars)
            series.addBar(Duration.ofMinutes(1), Instant.ofEpochMilli(b.openTimeMs() + 60_000).atZone(ZoneOffset.UTC),
                    b.open(), b.high(), b.low(), b.close(), 0);
    }

    @Test
    void emaAtrSmaStdBollingerZscoreAndReturnsMatchTa4j() {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator ema12 = new EMAIndicator(close, 12);
        EMAIndicator ema26 = new EMAIndicator(close, 26);
        ATRIndicator atr14 = new ATRIndicator(series, 14);
        SMAIndicator sma20 = new SMAIndicator(close, 20);
        StandardDeviationIndicator sd20 = new StandardDeviationIndicator(close, 20);
        BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(sma20);
        BollingerBandWidthIndicator width = new BollingerBandWidthIndicator(
                new BollingerBandsUpperIndicator(mid, sd20, DoubleNum.valueOf(2)), mid,
                new BollingerBandsLowerIndicator(mid, sd20, DoubleNum.valueOf(2)));
        ClosePriceRatioIndicator ratio = new ClosePriceRatioIndicator(series);

        BarFeatures f = new BarFeatures();
        int compared = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            f.update(b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), 0);
            if (i < 30) continue; // burn-in: windows not yet full
            double price = b.close();
            assertThat(f.emaFast()).as("EMA12 at bar %d", i).isCloseTo(ema12.getValue(i).doubleValue(), within(1e-9 * price));
            assertThat(f.emaSlow()).as("EMA26 at bar %d", i).isCloseTo(ema26.getValue(i).doubleValue(), within(1e-9 * price));
            assertThat(f.atr()).as("ATR14 at bar %d", i).isCloseTo(atr14.getValue(i).doubleValue(), within(1e-10));
            assertThat(f.sma()).as("SMA20 at bar %d", i).isCloseTo(sma20.getValue(i).doubleValue(), within(1e-10));
            double sd = sd20.getValue(i).doubleValue();
            assertThat(f.closeStd()).as("StdDev20 at bar %d", i).isCloseTo(sd, within(1e-8));
            assertThat(f.bollingerWidth()).as("Bollinger width at bar %d", i)
                    .isCloseTo(width.getValue(i).doubleValue(), within(1e-4));
            double z = sd > 0 ? (price - sma20.getValue(i).doubleValue()) / sd : 0;
            if (sd > 2e-5) assertThat(f.zScore()).as("z-score at bar %d", i).isCloseTo(z, within(1e-3));
            assertThat(f.lastReturn()).as("log return at bar %d", i)
                    .isCloseTo(Math.log(ratio.getValue(i).doubleValue()), within(1e-12));
            compared++;
        }
        assertThat(compared).isEqualTo(bars.size() - 30);
    }
}
