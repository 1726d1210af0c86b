package io.vprop.memory.index;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaFlatIndexTest extends VectorIndexContract {
    @Override
    protected VectorIndex create(int dimension) {
        return new JavaFlatIndex(dimension);
    }

    @Override
    protected VectorIndex read(Path file, int dimension) {
        return JavaFlatIndex.readFrom(file);
    }

    @Test
    void foreignFileIsRejectedByMagic() throws Exception {
        Path f = dir.resolve("foreign.index");
        Files.writeString(f, "this is not an index at all");
        assertThatThrownBy(() -> JavaFlatIndex.readFrom(f)).hasMessageContaining("is not a VProp Java vector index");
    }
}
