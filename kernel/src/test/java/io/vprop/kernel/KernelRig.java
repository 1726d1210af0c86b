package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.protocol.Payload;
import io.vprop.risk.RiskEngine;
import io.vprop.transport.InProcessTransport;
import io.vprop.transport.PeerTransport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A kernel on its ports for tests: the in-process transport, a journal in memory, a clock the test moves. The test's
 * thread is the kernel's thread: {@link #round()} runs one round of the kernel's loop, so nothing races.
 */
final class KernelRig implements AutoCloseable {
    static final long T0 = 1_700_000_000_000L;

    final AtomicLong clock = new AtomicLong(T0);
    final InMemoryJournal journal;
    final InProcessTransport transport = new InProcessTransport("kernel-test");
    final RecordingStrategy strategy = new RecordingStrategy();
    final EventBus events = new EventBus();
    /** Every event the kernel published, as subscribers get it (JSON), in order. */
    final List<String> published = new CopyOnWriteArrayList<>();
    final SidecarKernel kernel;

    KernelRig() { this(new InMemoryJournal(), t -> t); }

    /** @param wrap puts something between the kernel and the transport (to watch what it sends) */
    KernelRig(InMemoryJournal journal, UnaryOperator<PeerTransport> wrap) {
        this.journal = journal;
        events.subscribe(published::add);
        kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(wrap.apply(transport), journal, clock::get), peer -> strategy, new RiskEngine(1),
                events, new SimpleMeterRegistry());
        kernel.start();
    }

    FakeTerminal terminal() { return new FakeTerminal(transport, FakeTerminal.ID, clock::get); }

    /** A terminal that said hello and was welcomed. */
    FakeTerminal welcomedTerminal() {
        FakeTerminal t = terminal();
        t.send(FakeTerminal.hello(0));
        round();
        return t;
    }

    /** One round of the kernel's loop on this thread: frames in, calls, housekeeping when due. */
    void round() { kernel.runOnce(0); }

    void advance(long ms) { clock.addAndGet(ms); }

    /** Waits (the bus delivers on its own thread) for a published event of {@code type} containing {@code text}. */
    String awaitEvent(String type, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            for (String e : published) if (e.contains("\"type\":\"" + type + "\"") && e.contains(text)) return e;
            Thread.sleep(5);
        }
        throw new AssertionError("no " + type + " event with " + text + " in " + published);
    }

    static Payload.Account account(double balance) {
        return new Payload.Account(balance, balance, 0, balance, List.of());
    }

    @Override
    public void close() {
        kernel.close();
        events.close();
    }
}
