package io.vprop.transport.libzmq;

import io.vprop.transport.Dealer;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.RoutingId;
import io.vprop.transport.ZmqProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kernel.cpu}: the libzmq provider pins the calling thread and a ROUTER's I/O thread to one CPU, read back from
 * the kernel's own view of each thread (/proc …/status, Cpus_allowed_list); JeroMQ refuses, saying what is needed.
 */
class PinningTest {

    @Test
    void theCallingThreadIsPinnedToTheCpuAsked() throws Exception {
        ZmqProvider libzmq = Impl.require("libzmq");
        AtomicReference<String> allowed = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                libzmq.pinCurrentThread(0);
                allowed.set(cpusAllowed(Path.of("/proc/thread-self/status")));
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(failed.get()).isNull();
        assertThat(allowed.get()).isEqualTo("0");
    }

    @Test
    void aCpuThatDoesNotExistIsAClearError() {
        ZmqProvider libzmq = Impl.require("libzmq");
        assertThatThrownBy(() -> libzmq.pinCurrentThread(1023))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CPU 1023");
    }

    @Test
    void aPinnedRoutersIoThreadRunsOnItsCpuAndStillCarriesFrames() throws Exception {
        ZmqProvider libzmq = Impl.require("libzmq");
        List<String> before = ioThreads();
        try (PeerTransport router = libzmq.router("tcp://127.0.0.1:*", 0);
             Dealer dealer = libzmq.dealer(router.endpoint(), new RoutingId("t", "1", "c"))) {
            PeerTransport.Inbound in = Impl.firstPing(router, dealer);
            assertThat(in).isNotNull();
            List<String> added = new ArrayList<>(ioThreads());
            added.removeAll(before);
            List<String> masks = new ArrayList<>();
            for (String task : added) masks.add(cpusAllowed(Path.of("/proc/self/task", task, "status")));
            assertThat(masks).as("the pinned router's context started one I/O thread, on CPU 0").contains("0");
        }
    }

    @Test
    void jeromqCannotPinAndSaysWhatWould() {
        ZmqProvider jeromq = Impl.require("jeromq");
        assertThatThrownBy(() -> jeromq.pinCurrentThread(0)).hasMessageContaining("zmq.impl=libzmq");
        assertThatThrownBy(() -> jeromq.router("tcp://127.0.0.1:*", 0)).hasMessageContaining("zmq.impl=libzmq");
    }

    /** Task ids of this process's libzmq I/O threads (named ZMQbg/IO/N). */
    private static List<String> ioThreads() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith("ZMQbg/IO")) out.add(t.getFileName().toString());
                } catch (IOException gone) {
                    // the thread ended while we listed
                }
            }
        }
        return out;
    }

    private static String cpusAllowed(Path status) throws IOException {
        for (String line : Files.readAllLines(status))
            if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).strip();
        throw new IllegalStateException("no Cpus_allowed_list in " + status);
    }
}
