package io.vprop.signal.feature;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.testing.SharedData;
import io.vprop.market.io.MarketFiles;
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
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.statistics.CorrelationCoefficientIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.DoubleNum;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        bars = readBars(SharedData.file("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"), "EURUSD", Timeframe.M1);
        assertThat(bars).hasSize(15_366);
        series = series("EURUSD", bars);
    }

    static BarSeries series(String name, List<Bar> bars) {
        BarSeries s = new BaseBarSeriesBuilder().withName(name).withNumTypeOf(DoubleNum.class).build();
        for (Bar b : bars)
            s.addBar(Duration.ofMinutes(1), Instant.ofEpochMilli(b.openTimeMs() + 60_000).atZone(ZoneOffset.UTC),
                    b.open(), b.high(), b.low(), b.close(), 0);
        return s;
    }

    @Test
    void donchianRealisedVolAndReturnAutocorrelationMatchTa4j() {
        DonchianChannelUpperIndicator upper = new DonchianChannelUpperIndicator(series, 20);
        DonchianChannelLowerIndicator lower = new DonchianChannelLowerIndicator(series, 20);
        Indicator<Num> logRet = TransformIndicator.log(new ClosePriceRatioIndicator(series));
        StandardDeviationIndicator vol50 = new StandardDeviationIndicator(logRet, 50);
        // our autocorrelation pairs (r[t-1], r[t]) over 50 pairs
        CorrelationCoefficientIndicator ac = new CorrelationCoefficientIndicator(new PreviousValueIndicator(logRet), logRet, 50);
        BarFeatures f = new BarFeatures();
        int compared = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            f.update(b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), 0);
            if (i < 60) continue;
            // our levels are those of the 20 bars BEFORE bar i (a breakout compares bar i with them)
            assertThat(f.donchianHigh()).as("Donchian high at %d", i).isEqualTo(upper.getValue(i - 1).doubleValue());
            assertThat(f.donchianLow()).as("Donchian low at %d", i).isEqualTo(lower.getValue(i - 1).doubleValue());
            assertThat(f.realizedVol()).as("realised vol at %d", i).isCloseTo(vol50.getValue(i).doubleValue(), within(1e-9));
            assertThat(f.autocorrelation()).as("lag-1 autocorrelation at %d", i).isCloseTo(ac.getValue(i).doubleValue(), within(1e-6));
            compared++;
        }
        assertThat(compared).isEqualTo(bars.size() - 60);
    }

    @Test
    void crossSymbolCorrelationMatchesTa4jOnAlignedEurusdNzdusdBars() throws Exception {
        List<Bar> nz = readBars(SharedData.file("bars/NZDUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"), "NZDUSD", Timeframe.M1);
        Map<Long, Bar> byTime = new HashMap<>();
        for (Bar b : nz) byTime.put(b.openTimeMs(), b);
        // the minutes both symbols have a bar for; returns are taken between consecutive common minutes on both sides
        List<Bar> a = new ArrayList<>(), c = new ArrayList<>();
        for (Bar e : bars) {
            Bar n = byTime.get(e.openTimeMs());
            if (n != null) { a.add(e); c.add(n); }
        }
        int end = a.size();
        assertThat(end).as("common minutes").isGreaterThan(10_000);
        BarSeries sa = series("EURUSD", a), sc = series("NZDUSD", c);
        CorrelationCoefficientIndicator rho = new CorrelationCoefficientIndicator(
                TransformIndicator.log(new ClosePriceRatioIndicator(sa)), TransformIndicator.log(new ClosePriceRatioIndicator(sc)), 100);
        CrossSymbolCorrelation x = new CrossSymbolCorrelation(2, 60_000, 100);
        int compared = 0;
        double maxRho = -1;
        for (int i = 1; i < end; i++) {
            x.onBar(0, a.get(i).openTimeMs(), Math.log(a.get(i).close() / a.get(i - 1).close()), a.get(i).close());
            x.onBar(1, c.get(i).openTimeMs(), Math.log(c.get(i).close() / c.get(i - 1).close()), c.get(i).close());
            if (i >= 101) {
                assertThat(x.correlation(0, 1)).as("ρ at %d", i).isCloseTo(rho.getValue(i).doubleValue(), within(1e-6));
                compared++;
                maxRho = Math.max(maxRho, x.correlation(0, 1));
            }
        }
        assertThat(compared).isEqualTo(end - 101);
        assertThat(maxRho).as("EUR and NZD against USD co-move at times").isGreaterThan(0.5);
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

    private static List<Bar> readBars(Path file, String symbol, Timeframe tf) {
        List<Bar> out = new ArrayList<>();
        try (var in = MarketFiles.openBars(file, symbol, tf)) {
            for (Bar b = in.next(); b != null; b = in.next()) out.add(b);
        }
        return out;
    }
}
