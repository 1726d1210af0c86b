package io.vprop.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded mutations of byte inputs, libFuzzer-style without coverage instrumentation: bit flips, interesting bytes,
 * deletes, inserts, duplicated ranges, dictionary tokens (inserted, or replacing a whole number/word), digit nudges,
 * line swaps, splices with another corpus entry, truncation and, for files, gzip / cut-off gzip / UTF-16 re-encodings.
 * One to six mutations are stacked per input. Same seed and corpus, same inputs.
 */
final class Mutator {
    static final int MAX_LEN = 80 * 1024; // above the codec's 64 KiB limit, so too_large stays reachable
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc3, (byte) 0xef, '\n', '\r',
            '\t', ',', '"', '\\', '{', '}', '[', ']', ':', '.', '-', '+', 'e', 'E', '0', '9', ' ', '#', '=', '<', '>'};

    private final SplittableRandom rnd;
    private final byte[][] dictionary;
    private final boolean fileEncodings;

    Mutator(long seed, List<String> tokens, List<byte[]> corpus, boolean fileEncodings) {
        this.rnd = new SplittableRandom(seed);
        this.fileEncodings = fileEncodings;
        Set<String> all = new LinkedHashSet<>(tokens);
        all.addAll(words(corpus));
        List<byte[]> d = new ArrayList<>();
        for (String t : all) d.add(t.getBytes(StandardCharsets.UTF_8));
        this.dictionary = d.toArray(byte[][]::new);
    }

    int dictionarySize() { return dictionary.length; }

    /** The words and quoted strings of the seeds (field names, symbols, enum values), at most 600. */
    static Set<String> words(List<byte[]> corpus) {
        Set<String> w = new LinkedHashSet<>();
        for (byte[] c : corpus) {
            String s = new String(c, 0, Math.min(c.length, 16_384), StandardCharsets.ISO_8859_1);
            for (String part : s.split("[^A-Za-z0-9_.<>/+-]+")) {
                if (part.length() >= 2 && part.length() <= 40 && w.size() < 600) w.add(part);
            }
        }
        return w;
    }

    int nextInt(int bound) { return rnd.nextInt(bound); }

    byte[] mutate(byte[] input, List<byte[]> corpus) {
        Buf b = new Buf(input);
        int n = 1 + Math.min(rnd.nextInt(6), rnd.nextInt(6)); // mostly small stacks
        for (int i = 0; i < n; i++) one(b, corpus);
        byte[] out = b.bytes();
        if (fileEncodings && rnd.nextInt(40) == 0) out = reencode(out);
        return out.length > MAX_LEN ? java.util.Arrays.copyOf(out, MAX_LEN) : out;
    }

    private void one(Buf b, List<byte[]> corpus) {
        int len = b.len;
        switch (rnd.nextInt(14)) {
            case 0 -> { if (len > 0) b.a[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8)); }
            case 1 -> { if (len > 0) b.a[rnd.nextInt(len)] = INTERESTING[rnd.nextInt(INTERESTING.length)]; }
            case 2 -> { if (len > 0) { int at = rnd.nextInt(len); b.delete(at, at + 1 + rnd.nextInt(Math.min(len - at, 16))); } }
            case 3 -> {
                byte[] r = new byte[1 + rnd.nextInt(8)];
                for (int i = 0; i < r.length; i++) r[i] = rnd.nextInt(3) == 0 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : (byte) rnd.nextInt(256);
                b.insert(rnd.nextInt(len + 1), r);
            }
            case 4, 5 -> b.insert(rnd.nextInt(len + 1), token());
            case 6, 7 -> replaceWord(b, token());
            case 8 -> nudgeDigit(b);
            case 9 -> {
                if (len > 1) {
                    int from = rnd.nextInt(len), n = 1 + rnd.nextInt(Math.min(len - from, 64));
                    byte[] chunk = java.util.Arrays.copyOfRange(b.a, from, from + n);
                    int times = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(64) : 1;
                    for (int t = 0; t < times && b.len + chunk.length <= MAX_LEN; t++) b.insert(rnd.nextInt(b.len + 1), chunk);
                }
            }
            case 10 -> swapLines(b);
            case 11 -> {
                byte[] other = corpus.get(rnd.nextInt(corpus.size()));
                int cut = rnd.nextInt(len + 1), from = rnd.nextInt(other.length + 1);
                b.len = cut;
                b.insert(cut, java.util.Arrays.copyOfRange(other, from, other.length));
            }
            case 12 -> { if (len > 0) b.len = rnd.nextInt(len); }
            default -> { if (len > 1) { int at = rnd.nextInt(len); b.a[at] = b.a[rnd.nextInt(len)]; } }
        }
    }

    private byte[] token() { return dictionary[rnd.nextInt(dictionary.length)]; }

    /** Replaces the number or word under a random position (a value, a field name) by a token. */
    private void replaceWord(Buf b, byte[] t) {
        if (b.len == 0) { b.insert(0, t); return; }
        int at = rnd.nextInt(b.len), s = at, e = at;
        while (s > 0 && wordByte(b.a[s - 1])) s--;
        while (e < b.len && wordByte(b.a[e])) e++;
        if (e == s) e = s + 1;
        b.delete(s, e);
        b.insert(s, t);
    }

    private static boolean wordByte(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-' || c == '+' || c == '_';
    }

    private void nudgeDigit(Buf b) {
        for (int tries = 0; tries < 8 && b.len > 0; tries++) {
            int at = rnd.nextInt(b.len);
            if (b.a[at] >= '0' && b.a[at] <= '9') {
                b.a[at] = (byte) ('0' + (b.a[at] - '0' + (rnd.nextBoolean() ? 1 : 9)) % 10);
                return;
            }
        }
    }

    private void swapLines(Buf b) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.len; i++) if (b.a[i] == '\n') { lines.add(new int[]{start, i + 1}); start = i + 1; }
        if (start < b.len) lines.add(new int[]{start, b.len});
        if (lines.size() < 2) return;
        int[] x = lines.get(rnd.nextInt(lines.size())), y = lines.get(rnd.nextInt(lines.size()));
        byte[] lx = java.util.Arrays.copyOfRange(b.a, x[0], x[1]);
        if (rnd.nextBoolean()) { b.insert(y[0], lx); return; } // duplicate a line
        if (x[0] == y[0]) return;
        int[] first = x[0] < y[0] ? x : y, second = x[0] < y[0] ? y : x;
        if (first[1] > second[0]) return;
        byte[] a = java.util.Arrays.copyOfRange(b.a, first[0], first[1]), c = java.util.Arrays.copyOfRange(b.a, second[0], second[1]);
        b.delete(second[0], second[1]);
        b.insert(second[0], a);
        b.delete(first[0], first[1]);
        b.insert(first[0], c);
    }

    /** gzip (possibly cut off), or UTF-16 with a byte order mark: the encodings the market readers detect. */
    private byte[] reencode(byte[] in) {
        switch (rnd.nextInt(3)) {
            case 0, 1 -> {
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                    gz.write(in);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                byte[] g = bo.toByteArray();
                return rnd.nextBoolean() ? java.util.Arrays.copyOf(g, rnd.nextInt(g.length + 1)) : g;
            }
            default -> {
                boolean le = rnd.nextBoolean();
                byte[] u = new String(in, StandardCharsets.ISO_8859_1).getBytes(le ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
                byte[] out = new byte[u.length + 2];
                out[0] = (byte) (le ? 0xff : 0xfe);
                out[1] = (byte) (le ? 0xfe : 0xff);
                System.arraycopy(u, 0, out, 2, u.length);
                return out;
            }
        }
    }

    /** A growable byte buffer. */
    private static final class Buf {
        byte[] a;
        int len;

        Buf(byte[] in) {
            a = java.util.Arrays.copyOf(in, Math.max(16, in.length * 2));
            len = in.length;
        }

        void insert(int at, byte[] t) {
            if (len + t.length > MAX_LEN) return;
            if (len + t.length > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, len + t.length));
            System.arraycopy(a, at, a, at + t.length, len - at);
            System.arraycopy(t, 0, a, at, t.length);
            len += t.length;
        }

        void delete(int from, int to) {
            System.arraycopy(a, to, a, from, len - to);
            len -= to - from;
        }

        byte[] bytes() { return java.util.Arrays.copyOf(a, len); }
    }
}
