package io.vprop.bench.models;

import io.vprop.models.registry.OnnxSessions;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the model benchmarks share: one direct input buffer per row, and removing their scratch registries. */
final class BenchInputs {
    private BenchInputs() {
    }

    /** A filled, flipped direct buffer per row (ONNX Runtime reads them without a copy; rewind before each call). */
    static FloatBuffer[] directRows(float[][] rows) {
        FloatBuffer[] out = new FloatBuffer[rows.length];
        for (int k = 0; k < rows.length; k++) out[k] = OnnxSessions.directFloats(rows[k].length).put(rows[k]).flip();
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
