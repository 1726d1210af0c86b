package io.vprop.market.io;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.testing.SharedData;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads every shared market file and checks the facts shared/data/README.md documents about it. */
class RealFilesTest {

    record TickStats(long rows, Tick first, Tick last, TreeMap<Integer, Long> flags, long locked, long crossed,
                     long sameMsAsPrevious) {
    }

    static TickStats scan(String file) {
        try (Mt5TickReader r = MarketFiles.openTicks(SharedData.file(file), null)) {
            TreeMap<Integer, Long> flags = new TreeMap<>();
            long rows = 0, locked = 0, crossed = 0, sameMs = 0;
            Tick first = null, last = null, t;
            while ((t = r.next()) != null) {
                if (first == null) first = t;
                else if (t.timeMs() == last.timeMs()) sameMs++;
                rows++;
                flags.merge(t.flags(), 1L, Long::sum);
                if (t.bid() == t.ask()) locked++;
                if (t.ask() < t.bid()) crossed++;
                last = t;
            }
            assertThat(r.badRowCount()).isZero();
            assertThat(r.rowsRead()).isEqualTo(rows);
            return new TickStats(rows, first, last, flags, locked, crossed, sameMs);
        }
    }

    @Test
    void eurusdOandaTicksMatchTheReadme() {
        TickStats s = scan(SharedData.EURUSD_TICKS);
        assertThat(s.rows()).isEqualTo(532_903);
        assertThat(s.first().symbol()).isEqualTo("EURUSD");
        assertThat(Instant.ofEpochMilli(s.first().timeMs())).isEqualTo(Instant.parse("2014-05-01T00:00:00.292Z"));
        assertThat(Instant.ofEpochMilli(s.last().timeMs())).isEqualTo(Instant.parse("2014-05-15T23:59:56.324Z"));
        assertThat(s.flags()).containsEntry(6, 295_883L).containsEntry(2, 118_129L).containsEntry(4, 118_609L)
                .containsEntry(0, 282L).hasSize(4);
        assertThat(s.crossed()).isZero();
        assertThat(s.locked()).isZero();
        assertThat(s.sameMsAsPrevious()).isEqualTo(4_494);
    }

    @Test
    void nzdusdOandaTicksMatchTheReadme() {
        TickStats s = scan(SharedData.NZDUSD_TICKS);
        assertThat(s.rows()).isEqualTo(457_699);
        assertThat(s.first().symbol()).isEqualTo("NZDUSD");
        assertThat(Instant.ofEpochMilli(s.first().timeMs())).isEqualTo(Instant.parse("2014-05-01T00:00:02.230Z"));
        assertThat(Instant.ofEpochMilli(s.last().timeMs())).isEqualTo(Instant.parse("2014-05-15T23:59:53.450Z"));
        assertThat(s.flags()).containsEntry(6, 302_359L).containsEntry(2, 78_750L).containsEntry(4, 76_291L)
                .containsEntry(0, 299L);
        assertThat(s.sameMsAsPrevious()).isEqualTo(7_043);
    }

    @Test
    void histdataAndNautilusTicksMatchTheReadme() {
        TickStats e = scan(SharedData.EURUSD_HIST_TICKS);
        assertThat(e.rows()).isEqualTo(99_308);
        assertThat(Instant.ofEpochMilli(e.first().timeMs())).isEqualTo(Instant.parse("2020-01-30T15:27:51.336Z"));
        assertThat(Instant.ofEpochMilli(e.last().timeMs())).isEqualTo(Instant.parse("2020-01-31T21:59:56.198Z"));
        assertThat(e.flags()).containsEntry(0, 2_061L).containsEntry(6, 23_060L);

        TickStats a = scan(SharedData.AUDUSD_TICKS);
        assertThat(a.rows()).isEqualTo(100_000);
        assertThat(a.first().symbol()).isEqualTo("AUDUSD");
        assertThat(a.locked()).isEqualTo(3_498);
        assertThat(a.flags()).doesNotContainKey(0).containsEntry(2, 40_388L).containsEntry(4, 38_746L);
        assertThat(a.sameMsAsPrevious()).isEqualTo(179);
        assertThat(Instant.ofEpochMilli(a.last().timeMs())).isEqualTo(Instant.parse("2020-01-31T20:59:54.501Z"));
    }

    @Test
    void detectsEveryLayout() {
        assertThat(MarketFiles.detect(SharedData.file(SharedData.EURUSD_TICKS))).isEqualTo(MarketFormat.MT5_TICKS);
        assertThat(MarketFiles.detect(SharedData.file(SharedData.EURUSD_M1))).isEqualTo(MarketFormat.MT5_BARS);
        assertThat(MarketFiles.detect(SharedData.file(SharedData.GBPUSD_BID))).isEqualTo(MarketFormat.CSV_BARS);
        assertThat(MarketFiles.detect(SharedData.file(SharedData.CME_6E))).isEqualTo(MarketFormat.CSV_BARS);
    }

    record BarStats(long rows, Bar first, Bar last, int minSpread, int maxSpread, long minVolume) {
    }

    static BarStats scanBars(String file, Timeframe tf) {
        try (BarSource r = MarketFiles.openBars(SharedData.file(file), null, tf)) {
            long rows = 0, minVol = Long.MAX_VALUE;
            int minSpread = Integer.MAX_VALUE, maxSpread = Integer.MIN_VALUE;
            Bar first = null, last = null, b;
            while ((b = r.next()) != null) {
                if (first == null) first = b;
                rows++;
                minSpread = Math.min(minSpread, b.spread());
                maxSpread = Math.max(maxSpread, b.spread());
                minVol = Math.min(minVol, b.tickVolume());
                assertThat(b.timeframe()).isEqualTo(tf);
                last = b;
            }
            return new BarStats(rows, first, last, minSpread, maxSpread, minVol);
        }
    }

    @Test
    void mt5BarFilesMatchTheReadme() {
        BarStats m1 = scanBars(SharedData.EURUSD_M1, Timeframe.M1);
        assertThat(m1.rows()).isEqualTo(15_366);
        assertThat(m1.first().symbol()).isEqualTo("EURUSD");
        assertThat(Instant.ofEpochMilli(m1.first().openTimeMs())).isEqualTo(Instant.parse("2014-05-01T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(m1.last().openTimeMs())).isEqualTo(Instant.parse("2014-05-15T23:59:00Z"));
        assertThat(m1.minSpread()).isEqualTo(7);
        assertThat(m1.maxSpread()).isEqualTo(127);

        BarStats nz = scanBars(SharedData.NZDUSD_M1, Timeframe.M1);
        assertThat(nz.rows()).isEqualTo(15_543);
        assertThat(nz.minSpread()).isEqualTo(11);
        assertThat(nz.maxSpread()).isEqualTo(292);

        BarStats h1 = scanBars(SharedData.EURUSD_H1, Timeframe.H1);
        assertThat(h1.rows()).isEqualTo(74_439);
        assertThat(Instant.ofEpochMilli(h1.first().openTimeMs())).isEqualTo(Instant.parse("2007-01-01T21:00:00Z"));
        assertThat(Instant.ofEpochMilli(h1.last().openTimeMs())).isEqualTo(Instant.parse("2018-12-31T21:00:00Z"));
        assertThat(h1.minSpread()).isEqualTo(4);
        assertThat(h1.maxSpread()).isEqualTo(200);
    }

    @Test
    void genericCsvBarFilesMatchTheReadme() {
        BarStats gbp = scanBars(SharedData.GBPUSD_BID, Timeframe.M1);
        assertThat(gbp.rows()).isEqualTo(30_117);
        assertThat(gbp.first().symbol()).isEqualTo("GBPUSD");
        assertThat(Instant.ofEpochMilli(gbp.first().openTimeMs())).isEqualTo(Instant.parse("2012-02-01T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(gbp.last().openTimeMs())).isEqualTo(Instant.parse("2012-03-01T00:00:00Z"));
        assertThat(gbp.minVolume()).isZero();

        BarStats jpy = scanBars(SharedData.USDJPY_BID, Timeframe.M1);
        assertThat(jpy.rows()).isEqualTo(28_761);
        assertThat(jpy.first().symbol()).isEqualTo("USDJPY");
        assertThat(jpy.first().open()).isBetween(70.0, 100.0); // 3-digit yen prices, early 2013

        BarStats cme = scanBars(SharedData.CME_6E, Timeframe.M1);
        assertThat(cme.rows()).isEqualTo(29_996);
        assertThat(cme.first().symbol()).isEqualTo("6EH4");
        assertThat(Instant.ofEpochMilli(cme.first().openTimeMs())).isEqualTo(Instant.parse("2024-01-01T23:01:00Z"));
        assertThat(Instant.ofEpochMilli(cme.last().openTimeMs())).isEqualTo(Instant.parse("2024-01-31T23:59:00Z"));
        assertThat(cme.minVolume()).isPositive(); // "no zero-volume bars"
    }
}
