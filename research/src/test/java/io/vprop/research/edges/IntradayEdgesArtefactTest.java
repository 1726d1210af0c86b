package io.vprop.research.edges;

import io.vprop.market.BarSeries;
import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.vprop.research.edges.EdgeArtefactTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The intraday part of the artefact: the engine's M5/M15/H1 recorded on M1 quotes (a bar file or a tick file read as
 * M1 bars), fitted the same way on re-run to the byte, merged with an H4/D1 part into one artefact that is itself
 * byte-identical on re-run, and refused when it or a part was edited.
 */
class IntradayEdgesArtefactTest {
    static final Path M1 = SharedData.dir().resolve("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz");
    static final Path TICKS = SharedData.dir().resolve("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");

    /** Three days of the intraday engine on EURUSD M1 quotes (after a day's warm-up), fitted and written. */
    static byte[] intraday(Path data) {
        BarLibrary lib = new BarLibrary(List.of(data), ServerClock.UTC);
        List<Candidate> c = CandidateRecording.record(lib, List.of("EURUSD"), SignalConfig.INTRADAY, Timeframe.M15,
                BacktestUnitRunner.Options.defaults(Timeframe.M1).withCosts(null, null, 0, 1), 86_400_000L,
                ms("2014-05-05"), ms("2014-05-08"), 1);
        assertThat(c).extracting(Candidate::timeframe).contains(Timeframe.M5, Timeframe.M15).doesNotContain(Timeframe.M1);
        EdgeFit.Result fit = EdgeFit.fit(EdgeFit.window(c, ms("2014-05-05"), ms("2014-05-08")), EdgeFit.Params.defaults());
        Map<String, String> hashes = new TreeMap<>(Map.of(data.getFileName().toString(), lib.sha256("EURUSD", Timeframe.M1)));
        return EdgeArtefact.write(fit, new EdgeArtefact.Provenance("vprop edges fit (test)", "test", hashes,
                Map.of("timeframes", List.of("M5", "M15", "H1"), "regime_timeframe", "M15", "fit_to_utc", "2014-05-08")));
    }

    @Test
    void aTickFileReadsAsTheM1BarsOfItsBids() {
        BarSeries fromTicks = new BarLibrary(List.of(TICKS), ServerClock.UTC).bars("EURUSD", Timeframe.M1);
        BarSeries m1 = new BarLibrary(List.of(M1), ServerClock.UTC).bars("EURUSD", Timeframe.M1);
        // shared/data/README.md: the oanda M1 bars are exactly the 1-minute aggregation of these ticks' bids
        assertThat(fromTicks.size()).isEqualTo(m1.size()).isGreaterThan(1_000);
        assertThat(fromTicks.symbol()).isEqualTo("EURUSD");
        assertThat(fromTicks.timeframe()).isEqualTo(Timeframe.M1);
        for (int i = 0; i < m1.size(); i += 97) {
            assertThat(fromTicks.openTimeMs(i)).isEqualTo(m1.openTimeMs(i));
            assertThat(new double[]{fromTicks.open(i), fromTicks.high(i), fromTicks.low(i), fromTicks.close(i)})
                    .containsExactly(m1.open(i), m1.high(i), m1.low(i), m1.close(i));
        }
    }

    @Test
    void theIntradayFitAndTheMergeAreByteIdenticalOnReRunAndEditsAreRefused(@TempDir Path dir) throws Exception {
        byte[] part = intraday(M1);
        assertThat(intraday(M1)).isEqualTo(part);
        byte[] swing = EdgeArtefactTest.derive(new BarLibrary(List.of(EdgeArtefactTest.H4), ServerClock.UTC), 30, 1);
        List<EdgeArtefact.Part> parts = List.of(new EdgeArtefact.Part("h4d1", swing), new EdgeArtefact.Part("m1", part));
        byte[] merged = EdgeArtefact.merge(parts, "vprop edges merge (test)");
        assertThat(EdgeArtefact.merge(parts, "vprop edges merge (test)")).isEqualTo(merged);

        Path f = dir.resolve("merged.json");
        Files.write(f, merged);
        EdgeTable t = EdgeArtefact.read(f);
        assertThat(t.size()).isEqualTo(EdgeArtefact.read(write(dir, "s.json", swing)).size()
                + EdgeArtefact.read(write(dir, "p.json", part)).size());
        assertThat(t.covers(Timeframe.M5, "EURUSD")).isTrue();
        assertThat(t.covers(Timeframe.H4, "USDJPY")).isTrue();
        assertThat(t.covers(Timeframe.M5, "USDJPY")).isFalse();      // the M1 part has EURUSD only
        assertThat(t.hasPriors(Timeframe.M15)).isTrue();
        assertThat(t.hasPriors(Timeframe.H4)).isTrue();
        String text = new String(merged, StandardCharsets.UTF_8);
        assertThat(text).contains("\"parts\"", "EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz", "EURUSD_snowguru_H4_2007-2023.bars.csv.gz");
        // the test window of the M1 part says when it was fitted to; an H4/D1 engine only looks at the H4/D1 part
        assertThat(EdgeArtefact.fitEndMs(f, List.of(Timeframe.M5))).isEqualTo(ms("2014-05-08"));

        String edited = text.replaceFirst("\"shrunk_gross_r\" : (-?[0-9.E-]+)", "\"shrunk_gross_r\" : 0.5");
        assertThat(edited).isNotEqualTo(text);
        assertThatThrownBy(() -> EdgeArtefact.read(write(dir, "edited.json", edited.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("does not match its content");
        byte[] editedPart = new String(part, StandardCharsets.UTF_8)
                .replaceFirst("\"shrunk_gross_r\" : (-?[0-9.E-]+)", "\"shrunk_gross_r\" : 0.5").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EdgeArtefact.merge(List.of(new EdgeArtefact.Part("m1", editedPart)), "merge"))
                .hasMessageContaining("does not match its content");
    }

    private static Path write(Path dir, String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
