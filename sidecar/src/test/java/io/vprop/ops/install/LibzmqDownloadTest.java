package io.vprop.ops.install;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libzmq.dll downloads from a real local HTTP server: accepted only with the right SHA-256. */
class LibzmqDownloadTest {
    HttpServer server;
    byte[] dll = new byte[100_000];
    AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        new Random(3).nextBytes(dll);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/libzmq.dll", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, dll.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(dll); }
        });
        server.createContext("/missing.dll", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private URI url(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    @Test
    void rightHashIsAccepted() {
        byte[] got = new LibzmqSource.Download(url("/libzmq.dll"), Sha256.of(dll).toUpperCase()).fetch();
        assertThat(got).isEqualTo(dll);
        assertThat(requests).hasValue(1);
    }

    @Test
    void wrongHashIsRefusedNamingBothDigests() {
        String wrong = Sha256.of(new byte[]{1, 2, 3});
        assertThatThrownBy(() -> new LibzmqSource.Download(url("/libzmq.dll"), wrong).fetch())
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("has SHA-256 " + Sha256.of(dll))
                .hasMessageContaining(wrong + " was expected");
        assertThat(requests).hasValue(1);
    }

    @Test
    void httpErrorsAndMissingDigestAreClear() {
        assertThatThrownBy(() -> new LibzmqSource.Download(url("/missing.dll"), Sha256.of(dll)).fetch())
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> new LibzmqSource.Download(url("/libzmq.dll"), null))
                .hasMessageContaining("--libzmq-sha256 (required with --libzmq-url) is required");
        assertThatThrownBy(() -> new LibzmqSource.Download(URI.create("ftp://example.org/libzmq.dll"), Sha256.of(dll)))
                .hasMessageContaining("must be an http(s) URL");
        assertThatThrownBy(() -> new LibzmqSource.Download(URI.create("http://127.0.0.1:1/libzmq.dll"), Sha256.of(dll)).fetch())
                .hasMessageContaining("download failed");
    }
}
