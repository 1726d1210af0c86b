package io.vprop.cli;

import io.vprop.market.io.BadRowReason;
import io.vprop.market.io.FileReadCounts;
import io.vprop.market.io.MarketDataException;
import io.vprop.market.io.ParseMode;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --bad-rows stop|skip} for the commands that read market files (replay, backtest), and what a skipping run
 * passed over: per file and reason, as summary table rows and as JSON. A stopping run ends with one line naming file,
 * line, column and reason (docs/market-data.md).
 */
final class BadRowsOption {
    @Option(names = "--bad-rows", defaultValue = "stop", paramLabel = "stop|skip",
            description = "a market file row that does not read (crossed quote, not a number, time going backwards, truncated "
                    + "line): stop with an error naming file, line and column, or skip it and count it by reason in the "
                    + "summary (default: ${DEFAULT-VALUE})")
    String value = "stop";

    ParseMode mode() {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "stop" -> ParseMode.STRICT;
            case "skip" -> ParseMode.LENIENT;
            default -> throw new IllegalArgumentException("--bad-rows must be stop or skip, got " + value);
        };
    }

    /** The one line a run stopped by a bad file prints on stderr. */
    static String errorLine(MarketDataException e) {
        return e.getMessage() + (e.reason() != null ? " (--bad-rows skip skips such rows and counts them in the summary)" : "");
    }

    /** Data lines read so far over all files: what a progress bar counts. */
    static long linesRead(List<FileReadCounts> reads) {
        long n = 0;
        for (FileReadCounts r : reads) n += r.linesRead();
        return n;
    }

    /** Per file: rows read, rows skipped by reason; for the JSON summary. */
    static List<Map<String, Object>> json(List<FileReadCounts> reads) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileReadCounts r : reads) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.fileName());
            m.put("rows_read", r.rowsRead());
            m.put("rows_skipped", r.badRowCount());
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (BadRowReason reason : BadRowReason.values()) {
                Long n = r.badRows().get(reason);
                if (n != null) byReason.put(reason.name().toLowerCase(Locale.ROOT), n);
            }
            m.put("skipped_by_reason", byReason);
            files.add(m);
        }
        return files;
    }

    /** Summary table rows: each file's rows read and, when any were skipped, the count and share of each reason. */
    static void print(PrintStream out, List<FileReadCounts> reads, String labelFormat) {
        for (FileReadCounts r : reads) {
            long total = r.rowsRead() + r.badRowCount();
            out.printf(labelFormat, "rows read", String.format(Locale.ROOT, "%,d rows of %s%s", r.rowsRead(), r.fileName(),
                    r.badRowCount() == 0 ? "" : String.format(Locale.ROOT, ", %,d skipped (%.1f %%)", r.badRowCount(),
                            100.0 * r.badRowCount() / Math.max(total, 1))));
            for (BadRowReason reason : BadRowReason.values()) {
                Long n = r.badRows().get(reason);
                if (n != null) out.printf(labelFormat, "  skipped", String.format(Locale.ROOT, "%,d rows: %s", n, reason.describe()));
            }
        }
    }
}
