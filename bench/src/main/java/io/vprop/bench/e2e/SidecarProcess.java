package io.vprop.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code vprop} command (sidecar/target/vprop-sidecar.jar) as a separate process, for the harnesses that kill -9
 * it: started with its output appended to a log file, killed with SIGKILL ({@link Process#destroyForcibly} on Linux).
 */
final class SidecarProcess {
    private final List<String> command;
    private final Path log;
    private Process process;

    /** @param jvm JVM flags before {@code -jar} (e.g. a CDS archive); args: the vprop command line */
    SidecarProcess(Path jar, List<String> jvm, List<String> args, Path log) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvm);
        c.add("-jar");
        c.add(jar.toString());
        c.addAll(args);
        this.command = List.copyOf(c);
        this.log = log;
    }

    List<String> command() { return command; }

    void start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** CPU time the process has used so far (user + system), in ms; -1 when unknown. */
    long cpuMs() {
        return process == null ? -1 : process.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    boolean alive() { return process != null && process.isAlive(); }

    /** SIGKILL, and waits until the process is gone (its ports free). */
    void kill9() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("process survived kill -9: " + command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (the shutdown hook runs), waiting up to 30 s. */
    void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
