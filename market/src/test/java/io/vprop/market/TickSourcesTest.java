package io.vprop.market;

import io.vprop.testing.SharedData;

import io.vprop.market.io.MarketFiles;
import io.vprop.market.synthetic.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TickSourcesTest {

    @Test
    void mergingTwoRealFilesKeepsEveryTickInTimeOrder() {
        Map<String, Long> counts = new HashMap<>();
        long prev = Long.MIN_VALUE, n = 0;
        try (TickSource s = TickSources.merge(List.of(
                MarketFiles.openTicks(SharedData.file(SharedData.EURUSD_TICKS), null),
                MarketFiles.openTicks(SharedData.file(SharedData.NZDUSD_TICKS), null)))) {
            Tick t;
            while ((t = s.next()) != null) {
                assertThat(t.timeMs()).isGreaterThanOrEqualTo(prev);
                prev = t.timeMs();
                counts.merge(t.symbol(), 1L, Long::sum);
                n++;
            }
        }
        assertThat(counts).containsEntry("EURUSD", 532_903L).containsEntry("NZDUSD", 457_699L);
        assertThat(n).isEqualTo(532_903L + 457_699L);
    }

    @Test
    void untilCutsAnEndlessSource() {
        long start = Instant.parse("2024-03-04T08:00:00Z").toEpochMilli();
        TickSource s = TickSources.until(new SyntheticMarket(1, start, 20), start + 60_000);
        long n = 0;
        Tick t;
        while ((t = s.next()) != null) {
            assertThat(t.timeMs()).isLessThan(start + 60_000);
            n++;
        }
        assertThat(n).isBetween(600L, 3_000L); // ~20/s × 1.2/0.84 London activity × 60 s ≈ 1,700
        assertThat(s.next()).isNull();
    }
}
