package io.vprop.app;

import io.vprop.config.VpropConfig;
import io.vprop.transport.libzmq.LibZmqProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kernel.cpu}: a sidecar on libzmq runs its kernel thread and its ROUTER's I/O thread on that CPU, as the
 * kernel reports each thread's allowed CPUs (/proc/self/task/TID/status).
 */
class KernelCpuTest {

    @Test
    void theKernelThreadAndTheRoutersIoThreadRunOnTheCpuAsked(@TempDir Path dir) throws Exception {
        String why = new LibZmqProvider().unavailableReason();
        Assumptions.assumeTrue(why == null, "libzmq transport not usable here: " + why);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data.dir", dir.resolve("sidecar").toString());
        o.put("zmq.endpoint", "tcp://127.0.0.1:*");
        o.put("zmq.impl", "libzmq");
        o.put("kernel.cpu", "0");
        List<String> ioBefore = tasks("ZMQbg/IO"), kernelsBefore = tasks("vprop-kernel");
        try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), false)) {
            // a thread takes its name in /proc once it first runs, which a loaded machine can delay past start()
            List<String> kernels = new ArrayList<>();
            for (int i = 0; i < 500 && kernels.isEmpty(); i++) {
                kernels = new ArrayList<>(tasks("vprop-kernel"));
                kernels.removeAll(kernelsBefore);
                if (kernels.isEmpty()) Thread.sleep(10);
            }
            assertThat(kernels).hasSize(1);
            String mask = null;
            for (int i = 0; i < 500 && !"0".equals(mask); i++) { // the thread pins itself as it starts
                mask = cpusAllowed(kernels.get(0));
                if (!"0".equals(mask)) Thread.sleep(10);
            }
            assertThat(mask).as("the kernel thread").isEqualTo("0");
            List<String> io = new ArrayList<>();
            for (int i = 0; i < 500 && io.isEmpty(); i++) {
                io = new ArrayList<>(tasks("ZMQbg/IO"));
                io.removeAll(ioBefore);
                if (io.isEmpty()) Thread.sleep(10);
            }
            assertThat(io).as("the ROUTER's context started its I/O thread").isNotEmpty();
            for (String t : io) assertThat(cpusAllowed(t)).as("I/O thread " + t).isEqualTo("0");
        }
    }

    /** Task ids of this process's threads whose name starts with {@code prefix}. */
    private static List<String> tasks(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> all = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : all.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) out.add(t.getFileName().toString());
                } catch (IOException gone) {
                    // ended while listed
                }
            }
        }
        return out;
    }

    private static String cpusAllowed(String task) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/task", task, "status")))
            if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).strip();
        throw new IllegalStateException("no Cpus_allowed_list for task " + task);
    }
}
