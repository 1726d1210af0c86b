package io.vprop.memory.shortterm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server started by the test: 127.0.0.1 on a free port, its own temp dir, no
 * persistence. Fails loudly if redis-server is not installed (install/deps/memory.apt lists it).
 */
final class RedisServerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    RedisServerProcess() throws IOException {
        this.dir = Files.createTempDirectory("vprop-redis");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        start();
    }

    int port() {
        return port;
    }

    static String binary() {
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("redis-server not found in /usr/bin or /usr/local/bin: install the Debian package "
                + "redis-server (listed in install/deps/memory.apt)");
    }

    void start() throws IOException {
        process = new ProcessBuilder(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes());
                byte[] buf = new byte[7];
                if (s.getInputStream().read(buf) > 0 && new String(buf).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s; log: "
                + Files.readString(dir.resolve("redis.log")));
    }

    /** SIGSTOP / SIGCONT: a hung server that keeps its data (clients time out instead of being refused). */
    void pause() throws Exception {
        signal("STOP");
    }

    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, like a crashed server: no shutdown, no save. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
