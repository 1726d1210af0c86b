package io.vprop.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-install token file: generated once, owner-only from its first byte, kept, and checked when read. */
class ApiTokenTest {
    @TempDir
    Path dir;

    @Test
    void generatedOnceOwnerOnlyAndKept() throws Exception {
        Path data = dir.resolve("data"); // not there yet: created with the token
        String token = ApiToken.loadOrCreate(data);
        assertThat(token).matches("[0-9a-f]{64}");
        Path f = data.resolve(ApiToken.FILE);
        assertThat(Files.readString(f)).isEqualTo(token + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(ApiToken.loadOrCreate(data)).isEqualTo(token);
        assertThat(ApiToken.loadOrCreate(dir.resolve("other"))).as("another installation").isNotEqualTo(token);
    }

    @Test
    void aFileOthersCouldReadIsMadeOwnerOnlyAndATokenOfTheOlderFormatIsKept() throws Exception {
        Path f = dir.resolve(ApiToken.FILE);
        String older = "0123456789abcdef0123456789abcdef0123456789abcdef"; // 24 bytes, written before this change
        Files.writeString(f, older + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ApiToken.loadOrCreate(dir)).isEqualTo(older);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatHoldsNoTokenIsNamed() throws Exception {
        Files.writeString(dir.resolve(ApiToken.FILE), "secret\n");
        assertThatThrownBy(() -> ApiToken.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve(ApiToken.FILE).toString()).hasMessageContaining("does not hold an API token")
                .hasMessageContaining("delete it");
    }
}
