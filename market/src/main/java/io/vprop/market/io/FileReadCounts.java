package io.vprop.market.io;

import java.util.Map;

/**
 * What a market file reader has read so far, for progress bars and skip summaries: every reader
 * {@link MarketFiles} opens implements it ({@code source instanceof FileReadCounts}). The counts are written by the
 * reading thread and may be read, slightly stale, from another (a progress bar).
 */
public interface FileReadCounts {
    /** The file's name (no directory). */
    String fileName();

    /** Good rows returned so far. */
    long rowsRead();

    /** Data lines consumed so far (good, skipped and blank): the progress through the file. */
    long linesRead();

    /** Rows skipped so far by reason (always empty when bad rows stop the read). */
    Map<BadRowReason, Long> badRows();

    /** Total rows skipped so far. */
    default long badRowCount() {
        long n = 0;
        for (long v : badRows().values()) n += v;
        return n;
    }
}
