package io.vprop.models.registry;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Versioned models of one name on disk, and the one being served:
 * <pre>
 *   root/NAME/v0001/model.onnx      the ONNX file
 *   root/NAME/v0001/metadata.json   {@link ModelMetadata}
 *   root/NAME/active.json           activation history, newest last (replaced atomically)
 * </pre>
 * {@link #activate} loads a version fully — SHA-256, ONNX Runtime session, signature, feature schema, and the parity
 * rows within {@link #PARITY_TOLERANCE} — and only then swaps a volatile reference, so readers never wait and never
 * see a half-loaded model; any failure throws {@link ModelRejectedException} and the current model keeps serving.
 * Sessions swapped out stay open until {@link #close()} because a reader may still be inside one (a few MB each).
 */
public final class ModelRegistry<M extends ServedModel> implements AutoCloseable {
    public static final double PARITY_TOLERANCE = 1e-5;

    /** The model being served: immutable, swapped as a whole. */
    public record Served<M extends ServedModel>(int version, ModelMetadata metadata, M model) {
    }

    private record History(List<Integer> history) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;
    private final String name;
    private final List<String> expectedFeatures;
    private final ModelLoader<M> loader;
    private final List<M> retired = new ArrayList<>();
    private volatile Served<M> current;

    /** A registry of TP/SL-style binary classifiers (input features[N, F] → probability[N, 1]). */
    public static ModelRegistry<OnnxClassifier> classifiers(Path root, String name, List<String> expectedFeatures) {
        return new ModelRegistry<>(root, name, expectedFeatures, OnnxClassifier.LOADER);
    }

    /**
     * Opens (creating if needed) the registry for {@code name} under {@code root} and serves the active version
     * if there is one. A stored active version that no longer loads is reported by the exception.
     */
    public ModelRegistry(Path root, String name, List<String> expectedFeatures, ModelLoader<M> loader) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("bad model name '" + name + "'");
        this.dir = root.resolve(name);
        this.name = name;
        this.expectedFeatures = List.copyOf(expectedFeatures);
        this.loader = Objects.requireNonNull(loader, "loader");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model directory " + dir, e);
        }
        List<Integer> h = history();
        if (!h.isEmpty()) current = load(h.get(h.size() - 1));
    }

    public String name() {
        return name;
    }

    /** The model being served, or null when none was activated. Lock-free. */
    public Served<M> current() {
        return current;
    }

    /** Stores a new version (not yet served) and returns its number. */
    public synchronized int publish(byte[] onnx, ModelMetadata meta) {
        Objects.requireNonNull(onnx, "onnx");
        if (!meta.features().equals(expectedFeatures)) {
            throw new ModelRejectedException("model features " + meta.features() + " differ from the expected " + expectedFeatures);
        }
        int v = versions().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Path tmp = dir.resolve(".tmp-v" + v);
        Path target = versionDir(v);
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            Files.write(tmp.resolve("model.onnx"), onnx);
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("metadata.json").toFile(),
                    meta.withVersion(v, sha256(onnx)));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + name + " v" + v + " in " + dir, e);
        }
        return v;
    }

    /** Loads, verifies and serves {@code version}; on any failure the current model keeps serving. */
    public synchronized Served<M> activate(int version) {
        Served<M> next = load(version);
        List<Integer> h = new ArrayList<>(history());
        h.add(version);
        writeHistory(h);
        swap(next);
        return next;
    }

    /**
     * Serves the version that was active before the current one (verified like any activation) and drops the
     * current one from the history, so repeated rollbacks walk further back.
     */
    public synchronized Served<M> rollback() {
        List<Integer> h = new ArrayList<>(history());
        if (h.size() < 2) throw new IllegalStateException("no previous version of " + name + " to roll back to (history " + h + ")");
        h.remove(h.size() - 1);
        Served<M> prev = load(h.get(h.size() - 1));
        writeHistory(h);
        swap(prev);
        return prev;
    }

    /** All stored versions' metadata, oldest first. */
    public List<ModelMetadata> list() {
        List<ModelMetadata> out = new ArrayList<>();
        for (int v : versions()) out.add(readMetadata(v));
        return out;
    }

    /** Activation history, oldest first; the last entry is the served version. */
    public List<Integer> history() {
        return history(dir);
    }

    private static List<Integer> history(Path dir) {
        Path f = dir.resolve("active.json");
        if (!Files.exists(f)) return List.of();
        try {
            return List.copyOf(JSON.readValue(f.toFile(), History.class).history());
        } catch (IOException e) {
            throw new ModelRejectedException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void swap(Served<M> next) {
        Served<M> old = current;
        current = next; // volatile write: readers switch at their next call, none is blocked
        if (old != null) retired.add(old.model());
    }

    private Served<M> load(int version) {
        Path vd = versionDir(version);
        if (!Files.isDirectory(vd)) throw new ModelRejectedException(name + " v" + version + " does not exist in " + dir);
        ModelMetadata meta = readMetadata(version);
        if (!meta.features().equals(expectedFeatures)) {
            throw new ModelRejectedException(name + " v" + version + " is incompatible: features " + meta.features()
                    + " but the server computes " + expectedFeatures);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(vd.resolve("model.onnx"));
        } catch (NoSuchFileException e) {
            throw new ModelRejectedException(name + " v" + version + ": model.onnx is missing in " + vd, e);
        } catch (IOException e) {
            throw new ModelRejectedException(name + " v" + version + ": cannot read model.onnx: " + e.getMessage(), e);
        }
        String sha = sha256(bytes);
        if (!sha.equals(meta.sha256())) {
            throw new ModelRejectedException(name + " v" + version + ": model.onnx is corrupted (sha256 " + sha
                    + " but metadata says " + meta.sha256() + ")");
        }
        M m = loader.load(bytes, meta, name + " v" + version);
        try {
            checkParity(meta, m, version);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return new Served<>(version, meta, m);
    }

    private void checkParity(ModelMetadata meta, M m, int version) {
        if (meta.parityInputs() == null || meta.parityInputs().length == 0
                || meta.parityExpected() == null || meta.parityExpected().length == 0) {
            throw new ModelRejectedException(name + " v" + version + ": metadata has no parity rows to verify the model with");
        }
        float[] got;
        try {
            got = m.evaluateFlat(meta.parityInputs());
        } catch (RuntimeException e) {
            throw new ModelRejectedException(name + " v" + version + ": the model cannot run its parity rows: " + e.getMessage(), e);
        }
        if (got.length != meta.parityExpected().length) {
            throw new ModelRejectedException(name + " v" + version + ": parity rows produce " + got.length
                    + " outputs but the metadata stores " + meta.parityExpected().length);
        }
        for (int i = 0; i < got.length; i++) {
            double diff = Math.abs(got[i] - meta.parityExpected()[i]);
            if (!(diff <= PARITY_TOLERANCE)) {
                throw new ModelRejectedException(name + " v" + version + ": parity check failed on output " + i
                        + ": ONNX Runtime " + got[i] + " vs trained model " + meta.parityExpected()[i]);
            }
        }
    }

    private ModelMetadata readMetadata(int version) {
        return readMetadata(dir, name, version);
    }

    private static ModelMetadata readMetadata(Path dir, String name, int version) {
        Path f = versionDir(dir, version).resolve("metadata.json");
        try {
            return JSON.readValue(f.toFile(), ModelMetadata.class);
        } catch (IOException e) {
            throw new ModelRejectedException(name + " v" + version + ": unreadable metadata " + f + ": " + e.getMessage(), e);
        }
    }

    /** The versions stored under one name and its activation history (newest last), as read from disk. */
    public record Stored(String name, List<ModelMetadata> versions, List<Integer> history) {
        /** The served version, or null when none was activated. */
        public Integer active() {
            return history.isEmpty() ? null : history.get(history.size() - 1);
        }
    }

    /**
     * What {@code root/name} holds, read without creating a folder, loading a model or serving anything — for
     * listings. A name never published gives no versions; a {@code root} that does not exist is an error.
     */
    public static Stored stored(Path root, String name) {
        if (!Files.isDirectory(root)) throw new UncheckedIOException(new NoSuchFileException(root + ": no such registry directory"));
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) return new Stored(name, List.of(), List.of());
        List<ModelMetadata> versions = new ArrayList<>();
        for (int v : versions(dir)) versions.add(readMetadata(dir, name, v));
        return new Stored(name, List.copyOf(versions), history(dir));
    }

    private void writeHistory(List<Integer> h) {
        Path f = dir.resolve("active.json"), tmp = dir.resolve(".active.json.tmp");
        try {
            JSON.writeValue(tmp.toFile(), new History(h));
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    private List<Integer> versions() {
        return versions(dir);
    }

    private static List<Integer> versions(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d{4,}"))
                    .map(n -> Integer.parseInt(n.substring(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Path versionDir(int v) {
        return versionDir(dir, v);
    }

    private static Path versionDir(Path dir, int v) {
        return dir.resolve(String.format("v%04d", v));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(q);
        }
    }

    @Override
    public synchronized void close() {
        retired.forEach(ServedModel::close);
        retired.clear();
        Served<M> c = current;
        current = null;
        if (c != null) c.model().close();
    }
}
