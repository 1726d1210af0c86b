package io.vprop.research.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepTest {
    /** Unit i → a number that depends only on i, with doubles that need all 17 digits to round-trip. */
    static final class Numbers implements SweepTask<Integer, Double> {
        final String version;

        Numbers(String version) { this.version = version; }

        @Override public String id(Integer u) { return "n/" + u; }

        @Override public String inputs(Integer u) { return version + "|" + u; }

        @Override
        public Double compute(Integer u) {
            if (u == 13 && version.equals("broken")) throw new IllegalArgumentException("thirteen");
            return Math.sin(u) / 3 + Math.sqrt(u);
        }

        @Override public JsonNode encode(Double r) { return DoubleNode.valueOf(r); }

        @Override public Double decode(JsonNode json) { return json.asDouble(); }
    }

    static final List<Integer> UNITS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeBackInUnitOrderWhateverTheThreadCount() {
        List<Double> one = Sweep.run("t", UNITS, new Numbers("v1"), SweepOptions.quiet().withThreads(1)).results();
        List<Double> seven = Sweep.run("t", UNITS, new Numbers("v1"), SweepOptions.quiet().withThreads(7)).results();
        assertThat(seven).isEqualTo(one);
        assertThat(one.get(42)).isEqualTo(Math.sin(42) / 3 + Math.sqrt(42));
    }

    @Test
    void aCheckpointIsReusedExactlyAndStaleEntriesAreRecomputed(@TempDir Path dir) throws Exception {
        Path cp = dir.resolve("sub/cp.jsonl");
        SweepOptions opts = SweepOptions.quiet().withThreads(3).withCheckpoint(cp);
        SweepRun<Double> first = Sweep.run("t", UNITS, new Numbers("v1"), opts);
        assertThat(first.computed()).isEqualTo(500);
        assertThat(Files.readAllLines(cp)).hasSize(500);
        SweepRun<Double> second = Sweep.run("t", UNITS, new Numbers("v1"), opts);
        assertThat(second.reused()).isEqualTo(500);
        assertThat(second.results()).isEqualTo(first.results()); // bit for bit through JSON
        SweepRun<Double> changed = Sweep.run("t", UNITS.subList(0, 10), new Numbers("v2"), opts);
        assertThat(changed.stale()).isEqualTo(10);
        assertThat(changed.computed()).isEqualTo(10);
    }

    @Test
    void aFailingUnitIsNamedAndWhatFinishedStaysInTheCheckpoint(@TempDir Path dir) throws Exception {
        Path cp = dir.resolve("cp.jsonl");
        assertThatThrownBy(() -> Sweep.run("t", UNITS, new Numbers("broken"),
                SweepOptions.quiet().withThreads(1).withCheckpoint(cp)))
                .isInstanceOf(SweepException.class).hasMessageContaining("unit n/13 failed").hasMessageContaining("thirteen");
        assertThat(Files.readAllLines(cp)).hasSize(13);
    }

    @Test
    void aBrokenLineInsideTheCheckpointIsAnError(@TempDir Path dir) throws Exception {
        Path cp = dir.resolve("cp.jsonl");
        Files.writeString(cp, "{\"id\":\"n/1\",\"hash\":\"x\",\"result\":1}\nnot json\n{\"id\":\"n/2\",\"hash\":\"x\",\"result\":1}\n");
        assertThatThrownBy(() -> Sweep.run("t", UNITS, new Numbers("v1"), SweepOptions.quiet().withCheckpoint(cp)))
                .hasMessageContaining("line 2 is not JSON");
    }

    @Test
    void progressShowsDoneTotalRateAndEtaAsPlainLinesOffATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sweep.run("train", UNITS, new Numbers("v1"), new SweepOptions(2, null, out, false));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").contains("train [##############################] 500/500 units")
                .contains("units/s").contains("done in");
        Progress p = new Progress("x", 100, 40, null, false);
        assertThat(p.line()).startsWith("x [############..................] 40/100 units (40 from checkpoint)")
                .endsWith("ETA --");
        assertThat(Progress.duration(3725)).isEqualTo("1h02m");
        assertThat(Progress.duration(125)).isEqualTo("2m05s");
    }
}
