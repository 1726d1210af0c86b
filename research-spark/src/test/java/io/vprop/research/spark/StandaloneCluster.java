package io.vprop.research.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone master and one worker (1 core, 1 GB) as child JVMs on 127.0.0.1, from the test's own class path
 * (the Maven artifacts: no Spark distribution). Ports are free ones picked here; logs go to target/spark-cluster/.
 * The worker starts executors with the application's spark.executor.extraClassPath (SPARK_TESTING=1 tells Spark's
 * launcher not to look for a jars/ folder under SPARK_HOME).
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path logs;
    private final String masterUrl;

    private StandaloneCluster(Path logs, String masterUrl) {
        this.logs = logs;
        this.masterUrl = masterUrl;
    }

    String masterUrl() { return masterUrl; }

    /** The executors the worker started (one folder each under work/APP/), as files named "stderr". */
    long executorLogs() throws IOException {
        Path work = logs.resolve("home").resolve("work");
        if (!Files.isDirectory(work)) return 0;
        try (var s = Files.walk(work)) {
            return s.filter(p -> p.getFileName().toString().equals("stderr")).count();
        }
    }

    /** The test JVM's class path (surefire's booter jar hides it from java.class.path). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static StandaloneCluster start() throws Exception {
        Path logs = Path.of("target", "spark-cluster").toAbsolutePath();
        Path home = logs.resolve("home");
        if (Files.isDirectory(home.resolve("work"))) { // an earlier run's executors
            try (var s = Files.walk(home.resolve("work"))) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(home.resolve("work"));
        int port = freePort(), ui = freePort(), workerUi = freePort();
        StandaloneCluster c = new StandaloneCluster(logs, "spark://127.0.0.1:" + port);
        try {
            c.spawn("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--webui-port", String.valueOf(ui));
            c.spawn("worker", home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", String.valueOf(workerUi), "--work-dir",
                    home.resolve("work").toString(), c.masterUrl);
            c.awaitWorker(ui);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void spawn(String name, Path home, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String o : System.getProperty("vprop.spark.add.opens", "").split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_TESTING", "1");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_CONF_DIR");
        processes.add(pb.start());
    }

    /** Polls the master's JSON page until the worker is ALIVE (60 s at most: a start-up bound, not a timing check). */
    private void awaitWorker(int uiPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) throw new IllegalStateException("a Spark JVM died at start; see " + logs);
            }
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"aliveworkers\" : 1") || body.contains("\"aliveworkers\":1")) return;
            } catch (IOException notYet) {
                // the master's UI is not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no worker registered with " + masterUrl + " within 60 s; see " + logs);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy); // the worker's executors
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
