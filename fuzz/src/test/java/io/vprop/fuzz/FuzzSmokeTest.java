package io.vprop.fuzz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short fixed-seed run of every target in the normal suite: each corpus file as it is (seeds and the reproducers of
 * fixed findings), then mutations. The 10-million-input campaigns are `bench/run.sh fuzz` (docs/fuzzing.md).
 */
class FuzzSmokeTest {
    static final int INPUTS = 1_000;

    static List<String> targets() { return Targets.NAMES; }

    @ParameterizedTest
    @MethodSource("targets")
    void keepsItsContract(String name) throws Exception {
        List<byte[]> seeds = FuzzMain.corpus(Path.of("corpus", name));
        try (FuzzTarget target = Targets.create(name)) {
            Fuzzer.Report r = new Fuzzer(target, 20261202L, seeds, null).run(Math.max(INPUTS, seeds.size()), null, null);

            assertThat(r.inputs).isGreaterThanOrEqualTo(seeds.size());
            assertThat(r.findings.values().stream().map(f -> f.signature + " x" + f.count + ": " + f.message
                    + "\n    " + String.join("\n    ", f.stack)).collect(Collectors.joining("\n")))
                    .as("findings of %s", name).isEmpty();
            assertThat(r.hangs).as("hangs of %s", name).isEmpty();
            // the seeds parse or fail as documented, and the mutations reach both outcomes
            assertThat(r.accepted).as("accepted inputs of %s", name).isPositive();
            assertThat(r.rejected).as("rejected inputs of %s", name).isPositive();
        }
    }

    /**
     * The protocol target's seeds are the golden vectors (docs/fuzzing.md): each one as it is, the invalid ones under
     * "invalid_". A message kind added to the vectors without its seeds would go unfuzzed (symbol_update, control,
     * balance, order and firm_state once did).
     */
    @Test
    void protocolCorpusHoldsEveryGoldenVector() throws IOException {
        Path vectors = Path.of("..", "protocol", "vectors"), corpus = Path.of("corpus", "protocol");
        List<String> missing = new ArrayList<>();
        for (String kind : List.of("valid", "invalid"))
            try (Stream<Path> files = Files.list(vectors.resolve(kind))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    Path seed = corpus.resolve((kind.equals("invalid") ? "invalid_" : "") + f.getFileName());
                    if (!Files.exists(seed) || !Arrays.equals(Files.readAllBytes(seed), Files.readAllBytes(f)))
                        missing.add(kind + "/" + f.getFileName() + " -> " + seed);
                }
            }
        assertThat(missing).as("golden vectors missing from (or different in) fuzz/corpus/protocol").isEmpty();
        assertThat(corpus.resolve("symbol_update.json")).exists();
    }
}
