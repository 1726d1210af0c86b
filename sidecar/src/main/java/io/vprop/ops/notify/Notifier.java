package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.config.VpropConfig;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.kernel.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Subscribes to the kernel's events and tells the trader what matters: governor warnings and breaches, pauses and
 * resumes, disconnections, and a daily digest at each reset of the firm day (the profile's {@link FirmDayClock}, the
 * one the governors reset on: 17:00 America/Chicago for Topstep), covering the firm day that just ended. Mapping and rate limiting run on the bus's thread
 * (cheap); HTTP calls run on the notifier's own thread with a bounded queue, so a slow Telegram never delays
 * events for anyone else. A failed send is logged and counted, never retried in a loop.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<NotificationChannel> channels;
    private final EventMapping mapping;
    private final TokenBucket limiter;
    private final DigestTally digest;
    private final FirmDayClock firmDay;
    private final LongSupplier clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadPoolExecutor sender;
    /** Notifications handed to the sender and not yet delivered (or given up on). */
    private final AtomicInteger unsent = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Runnable unsubscribe = () -> { };
    private volatile long nextDigestMs = -1;

    /** @param firmDay the firm's day clock: the digest is sent at each of its resets */
    public Notifier(List<NotificationChannel> channels, String label, int burst, int perMinute, LongSupplier clock,
                    FirmDayClock firmDay) {
        this.channels = List.copyOf(channels);
        this.mapping = new EventMapping(label);
        this.limiter = new TokenBucket(burst, perMinute);
        this.clock = clock;
        this.firmDay = firmDay;
        this.digest = new DigestTally(clock.getAsLong(), firmDay);
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "vprop-notify");
            t.setDaemon(true);
            return t;
        }, (r, ex) -> {          // the queue is full (or the notifier closed): that notification is lost, and counted
            failed.incrementAndGet();
            unsent.decrementAndGet();
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vprop-digest");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The notifier the configuration asks for, subscribed to {@code events}, its digest scheduled at the resets of
     * {@code firmDay}; null when no channel is configured.
     */
    public static Notifier start(VpropConfig cfg, EventBus events, FirmDayClock firmDay) { return start(cfg, events, firmDay, null); }

    /** As {@link #start(VpropConfig, EventBus, FirmDayClock)}, counting into {@code vprop_notifications_total{result}} when a registry is given. */
    public static Notifier start(VpropConfig cfg, EventBus events, FirmDayClock firmDay,
                                 io.micrometer.core.instrument.MeterRegistry metrics) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<NotificationChannel> ch = new ArrayList<>();
        if (!cfg.get("notify.telegram.token").isEmpty())
            ch.add(new TelegramChannel(cfg.get("notify.telegram.api"), cfg.get("notify.telegram.token"),
                    cfg.get("notify.telegram.chat"), http));
        if (!cfg.get("notify.webhook.url").isEmpty()) ch.add(new WebhookChannel(cfg.get("notify.webhook.url"), http));
        if (ch.isEmpty()) return null;
        Notifier n = new Notifier(ch, cfg.get("account"), cfg.getInt("notify.burst"), cfg.getInt("notify.rate.per.minute"),
                System::currentTimeMillis, firmDay);
        n.subscribe(events);
        n.scheduleDigest();
        if (metrics != null) n.bind(metrics);
        log.info("notifications on: {}", ch.stream().map(NotificationChannel::name).toList());
        return n;
    }

    public void subscribe(EventBus events) { unsubscribe = events.subscribe(this::onEvent); }

    /** Handles one bus event (JSON). Public so tests and other event sources can feed it directly. */
    public void onEvent(String eventJson) {
        List<Notification> ns;
        try {
            JsonNode e = json.readTree(eventJson);
            digest.onEvent(e);
            ns = mapping.map(e);
        } catch (IOException | IllegalArgumentException ex) {
            log.warn("event not understood by the notifier: {}", ex.getMessage());
            return;
        }
        for (Notification n : ns) {
            digest.onNotification(n);
            offer(n);
        }
    }

    /** Sends the digest of the firm day that ends at the reset {@code resetMs} (the timer calls this at each reset). */
    public void sendDigest(long resetMs) {
        offer(new Notification("daily_digest", Notification.Severity.INFO, "📊 " + digest.drain(resetMs), clock.getAsLong()));
    }

    private void offer(Notification n) {
        int held = limiter.acquire(n.key(), clock.getAsLong());
        if (held < 0) {
            suppressed.incrementAndGet();
            return;
        }
        Notification out = held == 0 ? n : n.withText(n.text() + " (" + held + " similar message(s) suppressed)");
        unsent.incrementAndGet();
        sender.execute(() -> {
            try {
                deliver(out);
            } finally {
                unsent.decrementAndGet();
            }
        });
    }

    private void deliver(Notification n) {
        for (NotificationChannel c : channels) {
            try {
                c.send(n);
                sent.incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
                log.warn("notification via {} failed: {}", c.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Exposes the counters for Prometheus (ops/grafana-dashboard.json plots them). */
    public void bind(io.micrometer.core.instrument.MeterRegistry metrics) {
        for (var e : java.util.Map.of("sent", sent, "suppressed", suppressed, "failed", failed).entrySet())
            io.micrometer.core.instrument.FunctionCounter.builder("vprop_notifications", e.getValue(), AtomicLong::get)
                    .tag("result", e.getKey()).description("notifications by outcome").register(metrics);
    }

    /**
     * Schedules the digest at the firm's next reset, and from there at each following one. Each run is scheduled on
     * its own: a firm day lasts 23 or 25 hours in a daylight-saving week, so a fixed 24 h period would drift.
     */
    void scheduleDigest() {
        long now = clock.getAsLong();
        long next = firmDay.nextReset(Math.max(now, nextDigestMs));
        nextDigestMs = next;
        try {
            timer.schedule(this::digestDue, next - now, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: no more digests
        }
    }

    private void digestDue() {
        // late (the machine slept through resets): the digest runs to the latest reset and names every day it covers
        long reset = Math.max(nextDigestMs, firmDay.dayStart(clock.getAsLong()));
        try {
            sendDigest(reset);
        } catch (RuntimeException e) {
            log.warn("daily digest failed: {}", e.toString());
        }
        nextDigestMs = reset;
        scheduleDigest();
    }

    /** When the next digest is due (UTC ms), -1 before it is scheduled. */
    public long nextDigestMs() { return nextDigestMs; }

    /** Messages delivered (per channel), held back by the rate limit, and failed or dropped. */
    public long sent() { return sent.get(); }

    public long suppressed() { return suppressed.get(); }

    public long failed() { return failed.get(); }

    /** Waits until every queued message has been attempted (for shutdown and tests). */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        // counted by the tasks themselves: a task the worker has taken off the queue but not yet started is in neither
        // the queue nor the executor's active count, so those two alone can say "drained" while it is still to run
        while (unsent.get() > 0) {
            if (System.currentTimeMillis() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        unsubscribe.run();
        timer.shutdownNow();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) sender.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
