package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.regime.Regime;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The artefact is reproducible: re-deriving it from the shared bars (record → fit → write) gives the same bytes for
 * the same inputs and seed, a changed parameter gives another version, and a hand-edited file is refused.
 */
class EdgeArtefactTest {
    static final Path H4 = SharedData.dir().resolve("bars/h4_d1");

    static long ms(String iso) { return Instant.parse(iso + "T00:00:00Z").toEpochMilli(); }

    static byte[] derive(BarLibrary lib, double priorCap, long seed) {
        List<String> symbols = List.of("EURUSD", "USDJPY");
        List<Timeframe> tfs = List.of(Timeframe.H4, Timeframe.D1);
        List<Candidate> c = CandidateRecording.record(lib, symbols, tfs, BacktestUnitRunner.Options.defaults(Timeframe.H4)
                .withCosts(null, null, 0, seed), 90L * 86_400_000, ms("2012-01-01"), ms("2013-01-01"), 2);
        EdgeFit.Result fit = EdgeFit.fit(EdgeFit.window(c, ms("2012-01-01"), ms("2012-12-27")), new EdgeFit.Params(priorCap));
        Map<String, String> hashes = new TreeMap<>();
        for (String s : symbols) for (Timeframe tf : tfs) hashes.put(lib.file(s, tf).getFileName().toString(), lib.sha256(s, tf));
        return EdgeArtefact.write(fit, new EdgeArtefact.Provenance("vprop edges fit (test)", "test", hashes,
                Map.of("prior_cap", priorCap, "seed", seed)));
    }

    @Test
    void theSameInputsGiveTheSameBytesAndAnotherParameterAnotherVersion(@TempDir Path dir) throws Exception {
        BarLibrary lib = new BarLibrary(List.of(H4), ServerClock.UTC);
        byte[] a = derive(lib, 30, 1), b = derive(new BarLibrary(List.of(H4), ServerClock.UTC), 30, 1);
        assertThat(b).isEqualTo(a);
        byte[] other = derive(lib, 10, 1);
        Path f = dir.resolve("edges.json"), g = dir.resolve("other.json");
        Files.write(f, a);
        Files.write(g, other);
        EdgeTable t = EdgeArtefact.read(f), u = EdgeArtefact.read(g);
        assertThat(t.version()).startsWith("edges-").isNotEqualTo(u.version());
        assertThat(t.size()).isGreaterThan(10);
        assertThat(new String(a, StandardCharsets.UTF_8)).contains("EURUSD_snowguru_H4_2007-2023.bars.csv.gz", "\"n_eff\"", "\"shrunk_gross_r\"");
        // the table's priors are the file's
        assertThat(t.priorA(Regime.NORMAL_RANGE, AlphaId.MOMENTUM) + t.priorB(Regime.NORMAL_RANGE, AlphaId.MOMENTUM))
                .isGreaterThan(5).isLessThanOrEqualTo(35 + 1e-9);
    }

    @Test
    void aHandEditedArtefactIsRefused(@TempDir Path dir) throws Exception {
        byte[] a = derive(new BarLibrary(List.of(H4), ServerClock.UTC), 30, 1);
        String text = new String(a, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"shrunk_gross_r\" : (-?[0-9.E-]+)", "\"shrunk_gross_r\" : 0.5");
        assertThat(edited).isNotEqualTo(text);
        Path f = dir.resolve("edited.json");
        Files.writeString(f, edited);
        assertThatThrownBy(() -> EdgeArtefact.read(f)).hasMessageContaining("does not match its content");
    }
}
