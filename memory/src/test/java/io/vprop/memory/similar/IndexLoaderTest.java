package io.vprop.memory.similar;

import io.vprop.memory.TestTrades;
import io.vprop.memory.TradeRecord;
import io.vprop.memory.faiss.FaissIndexes;
import io.vprop.memory.index.Faiss;
import io.vprop.memory.index.IndexFiles;
import io.vprop.memory.index.Neighbor;
import io.vprop.memory.index.VectorIndex;
import io.vprop.memory.longterm.SqliteLongTermMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The persisted index is loaded when valid and rebuilt from SQLite when missing, stale, corrupted or foreign. */
class IndexLoaderTest {

    private static final int D = 8;

    @TempDir
    Path dir;

    private SqliteLongTermMemory store;
    private final Random rnd = new Random(5);

    @BeforeEach
    void fillStore() {
        store = SqliteLongTermMemory.open(dir.resolve("t.sqlite"));
        List<TradeRecord> trades = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            trades.add(TestTrades.trade(id, "acc", "a", "r", "EURUSD", id % 3 == 0 ? -5 : 5, TestTrades.randomVector(rnd, D)));
        }
        trades.add(TestTrades.trade(999, "acc", "a", "r", "EURUSD", 1, new float[] {1, 2})); // other layout: ignored
        store.insertTrades(trades);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private IndexSpec spec(IndexSpec.Type type) {
        if (type != IndexSpec.Type.JAVA_FLAT) {
            Faiss.require();
        }
        return switch (type) {
            case JAVA_FLAT -> IndexSpec.javaFlat(D);
            case FAISS_FLAT -> IndexSpec.faissFlat(D);
            case FAISS_HNSW -> IndexSpec.faissHnsw(D, 16, 40, 64);
        };
    }

    private IndexLoader.Opened open(IndexSpec spec, IndexFiles files) {
        return IndexLoader.open(spec, files, store);
    }

    @ParameterizedTest
    @EnumSource(IndexSpec.Type.class)
    void missingIndexIsBuiltFromSqliteThenLoadedNextTime(IndexSpec.Type type) {
        IndexSpec spec = spec(type);
        IndexFiles files = new IndexFiles(dir, "sim");
        float[] q = TestTrades.randomVector(rnd, D);
        List<Neighbor> first;
        try (VectorIndex built = assertOpened(open(spec, files), true, "missing")) {
            assertThat(built.size()).isEqualTo(500);
            first = built.search(q, 10);
        }
        try (VectorIndex loaded = assertOpened(open(spec, files), false, "loaded")) {
            assertThat(loaded.search(q, 10)).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexSpec.Type.class)
    void staleIndexIsRebuiltWhenSqliteGainedTrades(IndexSpec.Type type) {
        IndexSpec spec = spec(type);
        IndexFiles files = new IndexFiles(dir, "sim");
        open(spec, files).index().close();
        store.insertTrade(TestTrades.trade(501, "acc", "a", "r", "EURUSD", 5, TestTrades.randomVector(rnd, D)));
        try (VectorIndex rebuilt = assertOpened(open(spec, files), true, "stale")) {
            assertThat(rebuilt.size()).isEqualTo(501);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexSpec.Type.class)
    void corruptedIndexFileIsDetectedAndRebuilt(IndexSpec.Type type) throws Exception {
        IndexSpec spec = spec(type);
        IndexFiles files = new IndexFiles(dir, "sim");
        open(spec, files).index().close();
        try (FileChannel ch = FileChannel.open(files.indexFile(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00, 0x13, 0x37}), Files.size(files.indexFile()) / 2);
        }
        try (VectorIndex rebuilt = assertOpened(open(spec, files), true, "corrupted or foreign")) {
            assertThat(rebuilt.size()).isEqualTo(500);
        }
        assertThat(files.verify(spec.kind(), D, store.featureFingerprint(D))).as("repaired on disk").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IndexSpec.Type.class)
    void foreignFileWithoutOurHeaderIsRebuilt(IndexSpec.Type type) throws Exception {
        IndexSpec spec = spec(type);
        IndexFiles files = new IndexFiles(dir, "sim");
        Files.write(files.indexFile(), new byte[] {'I', 'x', 'F', 'I', 1, 2, 3, 4, 5, 6, 7, 8});
        try (VectorIndex rebuilt = assertOpened(open(spec, files), true, "header")) {
            assertThat(rebuilt.size()).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexSpec.Type.class)
    void indexOfAnotherKindIsNotLoadedAsThisKind(IndexSpec.Type type) {
        IndexSpec spec = spec(type);
        IndexFiles files = new IndexFiles(dir, "sim");
        IndexSpec other = type == IndexSpec.Type.JAVA_FLAT && FaissIndexes.available() ? IndexSpec.faissFlat(D) : IndexSpec.javaFlat(D);
        if (other.kind().equals(spec.kind())) {
            other = IndexSpec.javaFlat(D + 1);
        }
        try (VectorIndex o = other.create()) {
            files.save(o, store.featureFingerprint(D));
        }
        try (VectorIndex rebuilt = assertOpened(open(spec, files), true, "configured")) {
            assertThat(rebuilt.kind()).isEqualTo(spec.kind());
        }
    }

    private static VectorIndex assertOpened(IndexLoader.Opened opened, boolean rebuilt, String reason) {
        assertThat(opened.rebuilt()).as(opened.reason()).isEqualTo(rebuilt);
        assertThat(opened.reason()).contains(reason);
        return opened.index();
    }
}
