package io.vprop.app;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The per-install API token (docs/api.md, "Access"): 32 random bytes as 64 hex digits in {@code data.dir/http.token},
 * readable by its owner only. Generated once, by the first sidecar start or {@code vprop token}, and kept: the panel
 * page, scripts and the EA harness all read the same one.
 */
public final class ApiToken {
    public static final String FILE = "http.token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ApiToken() { }

    /** The token of the installation whose data directory is {@code dir}, generated on first use. */
    public static String loadOrCreate(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            if (!Files.exists(f)) {
                try {
                    return create(dir, f);
                } catch (FileAlreadyExistsException raced) {
                    // another process (the sidecar, `vprop token`) created it in the meantime: use that one
                }
            }
            return read(f);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the API token file " + f + ": " + e.getMessage(), e);
        }
    }

    private static String create(Path dir, Path f) throws IOException {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        Files.createDirectories(dir);
        // created owner-only, never readable by others even for an instant (no chmod after the write)
        if (posix(dir)) Files.createFile(f, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        else Files.createFile(f); // Windows: the data dir's ACL applies
        Files.writeString(f, token + "\n", StandardCharsets.UTF_8);
        return token;
    }

    private static String read(Path f) throws IOException {
        String token = "";
        // a file created a moment ago by another process may not have its content yet
        for (int i = 0; i < 20 && token.isEmpty(); i++) {
            token = Files.readString(f, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) sleep();
        }
        if (!token.matches("[0-9a-f]{32,}"))
            throw new IllegalStateException(f + " does not hold an API token (at least 32 lower-case hex digits); delete it "
                    + "and a new token is generated at the next start");
        if (posix(f)) {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
            if (!OWNER_ONLY.containsAll(p)) {
                Files.setPosixFilePermissions(f, EnumSet.copyOf(OWNER_ONLY));
                LoggerFactory.getLogger(ApiToken.class).warn("{} was readable by others ({}): made owner-only; "
                        + "delete it to get a new token if others may have read it", f, PosixFilePermissions.toString(p));
            }
        }
        return token;
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
