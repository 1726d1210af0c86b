package io.vprop.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Publishes kernel events (signals, fills, decisions, peer state) to subscribers such as WebSocket sessions.
 * The kernel only enqueues; serialization and delivery happen on the bus's own thread, so a slow browser can
 * never stall the market path. When the queue is full the event is dropped and counted.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    /** One event as subscribers receive it, already JSON: {"type":…, "ts_ms":…, "data":…}. */
    public record Event(String type, long tsMs, Object data) {
    }

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(65_536);
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public EventBus() {
        thread = new Thread(this::deliver, "vprop-events");
        thread.setDaemon(true);
        thread.start();
    }

    public void publish(String type, long tsMs, Object data) {
        if (!queue.offer(new Event(type, tsMs, data))) dropped.incrementAndGet();
    }

    public Runnable subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public long dropped() { return dropped.get(); }

    public long published() { return published.get(); }

    private void deliver() {
        while (running) {
            try {
                Event e = queue.poll(200, TimeUnit.MILLISECONDS);
                if (e == null || subscribers.isEmpty()) continue;
                String text = json.writeValueAsString(Map.of("type", e.type(), "ts_ms", e.tsMs(), "data", e.data()));
                for (Consumer<String> s : subscribers) {
                    try {
                        s.accept(text);
                    } catch (RuntimeException ex) {
                        log.debug("event subscriber failed: {}", ex.toString());
                    }
                }
                published.incrementAndGet();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ex) {
                log.warn("event delivery failed: {}", ex.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
