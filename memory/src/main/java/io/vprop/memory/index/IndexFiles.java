package io.vprop.memory.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Persistence of a vector index as two files: the index itself ({@code name.index}, written by the
 * implementation) and a header beside it ({@code name.index.meta}) with our magic, the index kind,
 * dimension, size, the SHA-256 of the index file and the fingerprint of the SQLite rows it was built
 * from. The header is written last and both are moved into place atomically, so a crash mid-save
 * leaves either the old consistent pair or a mismatch that {@link #verify} rejects.
 */
public final class IndexFiles {

    static final String MAGIC = "VPROP-VECTOR-INDEX";
    static final String FORMAT = "1";

    private final Path indexFile;
    private final Path metaFile;

    public IndexFiles(Path directory, String name) {
        this.indexFile = directory.resolve(name + ".index");
        this.metaFile = directory.resolve(name + ".index.meta");
    }

    public Path indexFile() {
        return indexFile;
    }

    /** Writes index and header; {@code sourceFingerprint} identifies the data it was built from. */
    public void save(VectorIndex index, String sourceFingerprint) {
        try {
            Files.createDirectories(indexFile.toAbsolutePath().getParent());
            Path tmpIndex = indexFile.resolveSibling(indexFile.getFileName() + ".tmp");
            Path tmpMeta = metaFile.resolveSibling(metaFile.getFileName() + ".tmp");
            index.writeTo(tmpIndex);
            Properties p = new Properties();
            p.setProperty("magic", MAGIC);
            p.setProperty("format", FORMAT);
            p.setProperty("kind", index.kind());
            p.setProperty("dimension", String.valueOf(index.dimension()));
            p.setProperty("size", String.valueOf(index.size()));
            p.setProperty("sha256", sha256(tmpIndex));
            p.setProperty("source", sourceFingerprint);
            try (OutputStream out = Files.newOutputStream(tmpMeta)) {
                p.store(out, "VProp similarity index header; do not edit");
            }
            Files.deleteIfExists(metaFile); // no window where a new index pairs with an old header
            move(tmpIndex, indexFile);
            move(tmpMeta, metaFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save vector index to " + indexFile, e);
        }
    }

    /**
     * Checks the pair against what is expected now. Returns empty if the files may be loaded, else
     * the reason they must be rebuilt (missing, foreign, corrupted, other kind/dimension, stale).
     */
    public Optional<String> verify(String expectedKind, int expectedDimension, String expectedSource) {
        if (!Files.isRegularFile(indexFile)) {
            return Optional.of("index file " + indexFile + " is missing");
        }
        if (!Files.isRegularFile(metaFile)) {
            return Optional.of("header " + metaFile + " is missing (foreign or half-written index)");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("header " + metaFile + " is unreadable: " + e.getMessage());
        }
        if (!MAGIC.equals(p.getProperty("magic")) || !FORMAT.equals(p.getProperty("format"))) {
            return Optional.of("header " + metaFile + " is not a VProp index header (magic/format)");
        }
        if (!expectedKind.equals(p.getProperty("kind"))) {
            return Optional.of("index kind is " + p.getProperty("kind") + ", configured " + expectedKind);
        }
        if (!String.valueOf(expectedDimension).equals(p.getProperty("dimension"))) {
            return Optional.of("index dimension is " + p.getProperty("dimension") + ", configured " + expectedDimension);
        }
        try {
            String actual = sha256(indexFile);
            if (!actual.equals(p.getProperty("sha256"))) {
                return Optional.of("index file " + indexFile + " is corrupted or foreign (SHA-256 " + actual
                        + " does not match the header)");
            }
        } catch (IOException e) {
            return Optional.of("index file " + indexFile + " is unreadable: " + e.getMessage());
        }
        if (!expectedSource.equals(p.getProperty("source"))) {
            return Optional.of("index is stale: built from " + p.getProperty("source") + ", the database now holds " + expectedSource);
        }
        return Optional.empty();
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
