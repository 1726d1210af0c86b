package io.vprop.ops.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 as lower-case hex: how downloads are verified and how the installer decides a file is unchanged. */
final class Sha256 {
    private Sha256() { }

    public static String of(byte[] data) { return HexFormat.of().formatHex(digest().digest(data)); }

    public static String of(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new InstallException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Checks and normalizes a hex digest given by the user; the error names the option. */
    public static String parse(String option, String hex) {
        if (hex == null) throw new InstallException(option + " is required");
        String h = hex.trim().toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}"))
            throw new InstallException(option + ": '" + hex + "' is not a SHA-256 digest (64 hex digits)");
        return h;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
