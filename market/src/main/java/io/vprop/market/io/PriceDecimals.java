package io.vprop.market.io;

import java.nio.file.Path;

/**
 * How many decimals a market file prints its prices with: the most seen in the price columns (bid/ask, or OHLC) of
 * the first rows. The largest count is used because some sources strip trailing zeros (118.2 for 118.200).
 */
final class PriceDecimals {
    private PriceDecimals() {
    }

    /** Most decimals among the price cells of the first {@code sampleRows} data rows; -1 when the file has no rows. */
    static int max(Path file, int sampleRows) {
        try (LineReader lines = MarketFiles.open(file)) {
            if (!lines.next()) return -1;
            String header = lines.lineAsString().trim();
            if (header.startsWith("\u00ef\u00bb\u00bf")) header = header.substring(3);
            MarketFormat format = MarketFiles.detect(file, header);
            String separator = format == MarketFormat.CSV_BARS ? "," : "\t";
            int first = format == MarketFormat.CSV_BARS ? 1 : 2;
            int last = format == MarketFormat.MT5_TICKS ? 3 : first + 3;
            int max = -1, rows = 0;
            while (rows < sampleRows && lines.next()) {
                String[] cells = lines.lineAsString().split(separator, -1);
                rows++;
                for (int c = first; c <= last && c < cells.length; c++) {
                    String v = cells[c].trim();
                    if (v.isEmpty()) continue;
                    int dot = v.indexOf('.');
                    max = Math.max(max, dot < 0 ? 0 : v.length() - dot - 1);
                }
            }
            return max;
        }
    }
}
