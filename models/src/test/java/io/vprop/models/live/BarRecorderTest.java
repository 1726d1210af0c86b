package io.vprop.models.live;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.BarFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarRecorderTest {
    @TempDir
    Path dir;

    @Test
    void recordsReadableBarsInTimeOrderAcrossRestartsAndATornLine() throws Exception {
        long t0 = 1_400_000_000_000L;
        try (BarRecorder r = new BarRecorder(dir)) {
            for (int i = 0; i < 5; i++) r.offer("EURUSD", Timeframe.M5, t0 + i * 300_000L, 1.1, 1.2, 1.0, 1.15, 10 + i);
            r.offer("GBPUSD", Timeframe.H1, t0, 1.6, 1.7, 1.5, 1.65, 3);
            r.offer("../evil", Timeframe.H1, t0, 1, 1, 1, 1, 1); // never becomes a path
            r.flush(5_000);
            assertThat(r.written()).isEqualTo(6);
        }
        Path f = BarRecorder.file(dir, "EURUSD", Timeframe.M5);
        Files.writeString(f, "1400000009", StandardCharsets.US_ASCII, StandardOpenOption.APPEND); // a crash mid-line
        try (BarRecorder r = new BarRecorder(dir)) {
            // a restart replays the last bars: only the new one is appended
            for (int i = 3; i < 7; i++) r.offer("EURUSD", Timeframe.M5, t0 + i * 300_000L, 1.1, 1.2, 1.0, 1.15, 10 + i);
            r.flush(5_000);
            assertThat(r.written()).isEqualTo(2);
        }
        Path copy = dir.resolve("EURUSD_M5_copy.csv");
        // the torn line is one bad row of its own; the strict reader names it, so read what the retrainer reads
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(1 + 5 + 1 + 2);
        assertThat(lines.get(6)).isEqualTo("1400000009");
        Files.write(copy, lines.stream().filter(l -> !l.equals("1400000009")).toList());
        List<Bar> bars = BarFiles.readAll(copy);
        assertThat(bars).hasSize(7);
        assertThat(bars.get(6).openTimeMs()).isEqualTo(t0 + 6 * 300_000L);
        assertThat(bars.get(6).tickVolume()).isEqualTo(16);
        assertThat(Files.exists(dir.resolve("GBPUSD_H1.csv"))).isTrue();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("evil"));
        }
    }
}
