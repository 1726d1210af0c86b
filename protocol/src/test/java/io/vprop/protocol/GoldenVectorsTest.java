package io.vprop.protocol;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** protocol/vectors: every valid message round-trips, every invalid one yields its documented error. */
class GoldenVectorsTest {
    private static final Path VECTORS = RepoPaths.root().resolve("protocol/vectors");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final ProtocolCodec codec = new ProtocolCodec();

    @TestFactory
    Stream<DynamicTest> validVectorsRoundTrip() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(VECTORS.resolve("valid"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(MessageType.values().length);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            byte[] raw = Files.readAllBytes(f);
            Envelope decoded = codec.decode(raw);
            byte[] encoded = codec.encode(decoded);
            assertThat(codec.decode(encoded)).isEqualTo(decoded);
            assertSameJson(JSON.readTree(raw), JSON.readTree(encoded), "$");
        }));
    }

    @Test
    void everyMessageTypeHasAValidVector() throws IOException {
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        try (Stream<Path> s = Files.list(VECTORS.resolve("valid"))) {
            for (Path p : s.toList()) seen.add(codec.decode(Files.readAllBytes(p)).type());
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
    }

    @TestFactory
    Stream<DynamicTest> invalidVectorsProduceTheirError() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(VECTORS.resolve("invalid.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            rows.add(line.split("\t", -1));
        }
        assertThat(rows).hasSizeGreaterThan(30);
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            byte[] raw = Files.readAllBytes(VECTORS.resolve("invalid").resolve(r[0]));
            assertThatThrownBy(() -> codec.decode(raw))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code().wire()).as("code").isEqualTo(r[1]);
                        assertThat(e.field() == null ? "" : e.field()).as("field").isEqualTo(r[2]);
                        assertThat(e.refSeq()).as("ref_seq").isEqualTo(Long.parseLong(r[3]));
                        assertThat(e.getMessage()).as("message names the field").contains(r[2]);
                    });
        }));
    }

    /** JSON equality where numbers compare by value (1 == 1.0), so the encoder may write 100000.0 for 100000. */
    static void assertSameJson(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path).isTrue();
            assertThat(actual.doubleValue()).as(path).isEqualTo(expected.doubleValue());
        } else if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            assertThat(iter(actual.fieldNames())).as(path + " fields").containsExactlyInAnyOrderElementsOf(iter(expected.fieldNames()));
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var e = it.next();
                assertSameJson(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) assertSameJson(expected.get(i), actual.get(i), path + "[" + i + "]");
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static List<String> iter(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
