package io.vprop.models.live;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends every closed bar the engine sees to {@code dir/SYMBOL_TF.csv} ({@code timestamp,open,high,low,close,volume},
 * epoch ms — the generic CSV the market readers accept) so background retraining learns from the market as it was
 * traded. The kernel thread only offers to a bounded queue (never blocks, never does I/O); a daemon thread writes
 * and flushes. A bar not later than the file's last one (a restart replaying bars) is skipped, so files stay in time
 * order. When the queue is full a bar is dropped and counted rather than slowing the signal path.
 */
final class BarRecorder implements AutoCloseable {
    private static final Bar STOP = new Bar("", Timeframe.M1, 0, 1, 1, 1, 1, 0, 0);

    private final Path dir;
    private final BlockingQueue<Bar> queue = new ArrayBlockingQueue<>(65_536);
    private final Map<String, BufferedWriter> writers = new HashMap<>();
    private final Map<String, Long> lastTime = new HashMap<>();
    private final AtomicLong written = new AtomicLong(), dropped = new AtomicLong(), failed = new AtomicLong();
    private final Thread thread;
    private volatile String lastError = "";

    public BarRecorder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the bar recording directory " + dir + ": " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "vprop-bar-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    public static Path file(Path dir, String symbol, Timeframe tf) {
        return dir.resolve(symbol + "_" + tf.name() + ".csv");
    }

    /** Called on the kernel thread for every closed bar. Never blocks. */
    public void offer(String symbol, Timeframe tf, long openTimeMs, double o, double h, double l, double c, double volume) {
        if (symbol == null || !symbol.matches("[A-Za-z0-9._#-]{1,32}")) return; // not a name to put in a file name
        if (!queue.offer(new Bar(symbol, tf, openTimeMs, o, h, l, c, (long) volume, 0))) dropped.incrementAndGet();
    }

    public Path dir() {
        return dir;
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    public String lastError() {
        return lastError;
    }

    /** Waits until every bar offered so far is written (tests, shutdown). */
    public void flush(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!queue.isEmpty() && System.currentTimeMillis() < end) Thread.sleep(5);
        synchronized (writers) {
            for (BufferedWriter w : writers.values()) {
                try {
                    w.flush();
                } catch (IOException e) {
                    lastError = e.getMessage();
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Bar b = queue.poll(1, TimeUnit.SECONDS);
                if (b == STOP) break;
                synchronized (writers) {
                    if (b != null) write(b);
                    if (b == null || queue.isEmpty()) {
                        for (BufferedWriter w : writers.values()) w.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            lastError = e.getMessage();
        }
    }

    private void write(Bar b) {
        String key = b.symbol() + "_" + b.timeframe().name();
        try {
            BufferedWriter w = writers.get(key);
            if (w == null) {
                Path f = file(dir, b.symbol(), b.timeframe());
                boolean fresh = !Files.exists(f) || Files.size(f) == 0;
                lastTime.put(key, fresh ? Long.MIN_VALUE : lastTimestamp(f));
                w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (fresh) w.write("timestamp,open,high,low,close,volume\n");
                else if (!endsWithNewline(f)) w.write("\n"); // a line torn by a crash stays a bad row of its own
                writers.put(key, w);
            }
            if (b.openTimeMs() <= lastTime.get(key)) return;
            w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d%n", b.openTimeMs(), b.open(), b.high(), b.low(),
                    b.close(), b.tickVolume()));
            lastTime.put(key, b.openTimeMs());
            written.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            lastError = "cannot record " + key + ": " + e.getMessage();
        }
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            if (r.length() == 0) return true;
            r.seek(r.length() - 1);
            return r.read() == '\n';
        }
    }

    /** The timestamp of the last complete line of a recording (a torn last line from a crash is ignored). */
    static long lastTimestamp(Path f) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            long len = r.length();
            int tail = (int) Math.min(len, 4096);
            byte[] buf = new byte[tail];
            r.seek(len - tail);
            r.readFully(buf);
            String[] lines = new String(buf, StandardCharsets.US_ASCII).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                String[] cols = lines[i].split(",");
                if (cols.length == 6) {
                    try {
                        return Long.parseLong(cols[0].trim());
                    } catch (NumberFormatException headerOrTorn) {
                        // keep looking backwards
                    }
                }
            }
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        try {
            if (!queue.offer(STOP, 2, TimeUnit.SECONDS)) thread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writers) {
            for (BufferedWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    lastError = e.getMessage();
                }
            }
            writers.clear();
        }
    }
}
