package io.vprop.research.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file of finished units, one JSON object a line: {@code {"id":…,"hash":…,"result":…}}. Each unit's line goes
 * to the operating system in one write as soon as the unit is done (so a killed JVM loses only the units in flight),
 * and to the disk (fsync) at most once a second and at close (so a power cut loses at most the last second). A last
 * line cut short by a kill is cut off the file when it is opened again; any other unreadable line is an error.
 */
final class Checkpoint implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long SYNC_EVERY_NS = 1_000_000_000L;

    record Entry(String hash, JsonNode result) {
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final FileChannel channel;
    private final int ignoredTail;
    private long lastSync = System.nanoTime();

    private Checkpoint(Path file, Map<String, Entry> entries, FileChannel channel, int ignoredTail) {
        this.file = file;
        this.entries = entries;
        this.channel = channel;
        this.ignoredTail = ignoredTail;
    }

    /** Reads {@code file} when it exists (a later line for an id wins) and opens it for appending. */
    static Checkpoint open(Path file) {
        Map<String, Entry> entries = new HashMap<>();
        int ignored = 0;
        long keep = -1; // bytes to keep when the last line is cut short
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                boolean endsWithNewline = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
                List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) continue;
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (IOException e) {
                        if (i == lines.size() - 1 && !endsWithNewline) { // cut short by a kill mid-write
                            ignored = 1;
                            int lastNewline = bytes.length - 1;
                            while (lastNewline >= 0 && bytes[lastNewline] != '\n') lastNewline--;
                            keep = lastNewline + 1;
                            continue;
                        }
                        throw new IllegalStateException("checkpoint " + file + " line " + (i + 1)
                                + " is not JSON (" + e.getMessage().lines().findFirst().orElse("") + "); delete the file to start over", e);
                    }
                    if (!node.hasNonNull("id") || !node.hasNonNull("hash") || !node.has("result")) {
                        throw new IllegalStateException("checkpoint " + file + " line " + (i + 1)
                                + " lacks id, hash or result; delete the file to start over");
                    }
                    entries.put(node.get("id").asText(), new Entry(node.get("hash").asText(), node.get("result")));
                }
            } else if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (keep >= 0) ch.truncate(keep);
            return new Checkpoint(file, entries, ch, ignored);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() { return file; }

    /** 1 when the last line was cut short and ignored. */
    int ignoredTail() { return ignoredTail; }

    Entry get(String id) { return entries.get(id); }

    synchronized void append(String id, String hash, JsonNode result) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        line.put("hash", hash);
        line.set("result", result);
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            long now = System.nanoTime();
            if (now - lastSync >= SYNC_EVERY_NS) {
                channel.force(false);
                lastSync = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
