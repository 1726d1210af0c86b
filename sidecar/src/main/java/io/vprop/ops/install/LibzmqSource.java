package io.vprop.ops.install;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where libzmq.dll comes from: a file the trader has, or a download that is accepted only if its SHA-256 matches
 * the digest given with it (a DLL the terminal loads into its process is never taken on trust).
 */
public sealed interface LibzmqSource {

    /** The DLL's bytes, verified. */
    byte[] fetch();

    /** A local file; checked against {@code sha256} when one is given. */
    record LocalFile(Path file, String sha256) implements LibzmqSource {
        @Override
        public byte[] fetch() {
            if (!Files.isRegularFile(file)) throw new InstallException("--libzmq " + file + ": no such file");
            try {
                byte[] b = Files.readAllBytes(file);
                if (sha256 != null) verify(b, Sha256.parse("--libzmq-sha256", sha256), file.toString());
                return b;
            } catch (IOException e) {
                throw new InstallException("--libzmq " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** A download over HTTP(S); the digest is mandatory. */
    record Download(URI url, String sha256) implements LibzmqSource {
        public Download {
            String s = url.getScheme();
            if (s == null || !(s.equals("https") || s.equals("http")))
                throw new InstallException("--libzmq-url " + url + ": must be an http(s) URL");
            sha256 = Sha256.parse("--libzmq-sha256 (required with --libzmq-url)", sha256);
        }

        @Override
        public byte[] fetch() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200)
                    throw new InstallException("--libzmq-url " + url + ": HTTP " + r.statusCode());
                verify(r.body(), sha256, url.toString());
                return r.body();
            } catch (IOException e) {
                throw new InstallException("--libzmq-url " + url + ": download failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallException("--libzmq-url " + url + ": download interrupted", e);
            }
        }
    }

    private static void verify(byte[] data, String expected, String what) {
        String actual = Sha256.of(data);
        if (!actual.equals(expected))
            throw new InstallException("libzmq.dll from " + what + " has SHA-256 " + actual + " but " + expected
                    + " was expected: not installed (wrong file or tampered download)");
    }
}
