package io.vprop.challenge.history;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;

/** The hand-written report fixtures under src/test/resources/history. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/history/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture history/" + name, e);
        }
    }

    static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
