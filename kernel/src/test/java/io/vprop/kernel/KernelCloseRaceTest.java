package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.journal.Journal;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.transport.RouterEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown order under load (issue 18): HTTP threads keep calling into the kernel over a real ZeroMQ ROUTER while it
 * closes. Before the fix a wake-up could reach the ROUTER's inproc socket after its context began closing
 * (NullPointerException in {@code zmq.Ctx.sendCommand}, once in a fresh clone's CI run), and a call queued during the
 * shutdown waited for ever. Now every call gets an answer — its result, or "the sidecar kernel is closed" — and no
 * caller sees an exception from the transport.
 */
class KernelCloseRaceTest {
    @TempDir
    Path dir;

    @Test
    void callsRacingAShutdownAreAllAnsweredAndNoneThrows() throws Exception {
        int rounds = 15, callers = 4;
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        int answered = 0, refused = 0;
        for (int round = 0; round < rounds; round++) {
            try (Journal journal = new Journal(dir.resolve("sidecar-" + round + ".db"), false)) {
                SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                        new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), journal, System::currentTimeMillis),
                        peer -> Strategy.NONE, new RiskEngine(5), new EventBus(), new SimpleMeterRegistry());
                Thread loop = new Thread(kernel, "kernel-" + round);
                loop.start();
                AtomicBoolean go = new AtomicBoolean(true);
                ConcurrentLinkedQueue<CompletableFuture<Integer>> futures = new ConcurrentLinkedQueue<>();
                CountDownLatch started = new CountDownLatch(callers);
                Thread[] threads = new Thread[callers];
                for (int c = 0; c < callers; c++) {
                    threads[c] = new Thread(() -> {
                        started.countDown();
                        while (go.get()) {
                            try {
                                futures.add(kernel.call(k -> 1));
                            } catch (Throwable t) {
                                thrown.add(t);
                            }
                        }
                    }, "caller-" + c);
                    threads[c].start();
                }
                started.await();
                Thread.sleep(round % 5);         // close at a different point of the callers' work each round
                kernel.close();
                Thread.sleep(2);                 // callers keep calling into the closed kernel for a while
                go.set(false);
                for (Thread t : threads) t.join(5_000);
                loop.join(5_000);
                assertThat(loop.isAlive()).as("kernel loop stopped").isFalse();
                for (CompletableFuture<Integer> f : futures) {
                    try {
                        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(1);
                        answered++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
                        refused++;
                    } catch (TimeoutException e) {
                        throw new AssertionError("a call queued during the shutdown was never answered (round " + round + ")");
                    }
                }
            }
        }
        assertThat(List.copyOf(thrown)).as("exceptions thrown to callers").isEmpty();
        assertThat(answered).as("calls answered before the close").isPositive();
        assertThat(refused).as("calls refused after the close").isPositive();
    }
}
