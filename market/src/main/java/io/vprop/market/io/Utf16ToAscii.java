package io.vprop.market.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Some MT5 builds save exports as "Unicode" (UTF-16 with a byte order mark). Market files are ASCII, so this
 * stream turns each UTF-16 code unit back into one byte ('?' for anything outside ASCII, which then fails to
 * parse with a clear message) and the byte-level parsers work unchanged.
 */
final class Utf16ToAscii extends InputStream {
    private final InputStream in;
    private final boolean littleEndian;
    private final byte[] pair = new byte[8192];

    Utf16ToAscii(InputStream in, boolean littleEndian) {
        this.in = in;
        this.littleEndian = littleEndian;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int want = Math.min(len, pair.length / 2) * 2;
        int n = readFully(pair, want);
        if (n <= 0) return -1;
        int out = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            int lo = littleEndian ? pair[i] & 0xff : pair[i + 1] & 0xff;
            int hi = littleEndian ? pair[i + 1] & 0xff : pair[i] & 0xff;
            b[off + out++] = (byte) (hi == 0 && lo < 0x80 ? lo : '?');
        }
        return out;
    }

    /** Reads an even number of bytes (a code unit is never split), fewer only at end of input. */
    private int readFully(byte[] buf, int want) throws IOException {
        int n = 0;
        while (n < want) {
            int r = in.read(buf, n, want - n);
            if (r < 0) break;
            n += r;
            if (n % 2 == 0 && n > 0 && in.available() == 0) break;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
