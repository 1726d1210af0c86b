package io.vprop.market.io;

import java.nio.charset.StandardCharsets;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads LF (or CRLF) terminated lines straight out of a byte buffer, without creating a String per line: the
 * current line is {@code buf[start, end)}. The buffer is reused; it only grows when a single line is longer
 * than the buffer. A read that fails (a corrupt .gz, a disk error) is a {@link MarketDataException} naming the file
 * and the line being read, whoever is reading: the row readers, the header sniffing and the digits sample alike.
 */
final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final String fileName;
    byte[] buf;
    private int pos;     // first unread byte
    private int limit;   // end of valid bytes
    private boolean eof;
    /** current line, excluding the line terminator */
    int start, end;
    long lineNumber;
    /** whether the current line ended with a line break (false: the file's last bytes, possibly cut off) */
    boolean terminated;
    /** the compressed input stopped mid-stream (a cut-off .gz): what was decompressed is still read, then the end */
    boolean cutOff;

    LineReader(InputStream in, String fileName, int bufferSize) {
        this.in = in;
        this.fileName = fileName;
        this.buf = new byte[bufferSize];
    }

    /** Advances to the next line; false at end of input. A final line without terminator still counts. */
    boolean next() {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    end = (i > pos && buf[i - 1] == '\r') ? i - 1 : i;
                    pos = i + 1;
                    lineNumber++;
                    terminated = true;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    if (end > start && buf[end - 1] == '\r') end--;
                    pos = limit;
                    lineNumber++;
                    terminated = false;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** Moves the unread tail to the front (growing if the buffer is full of one line) and reads more bytes. */
    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true;
            else limit += n;
        } catch (EOFException e) {
            eof = true;
            cutOff = true;
        } catch (IOException e) {
            throw new MarketDataException(fileName, lineNumber + 1, 0, null, "cannot read: " + describe(e));
        }
    }

    /** An I/O failure in words; a ZipException is the compressed data, not the disk. */
    static String describe(IOException e) {
        return e instanceof ZipException ? "corrupt gzip data (" + e.getMessage() + ")" : String.valueOf(e.getMessage());
    }

    String lineAsString() {
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
