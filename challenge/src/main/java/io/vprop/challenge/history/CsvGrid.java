package io.vprop.challenge.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A delimited text file as rows. The delimiter is the one of comma, semicolon and tab that the header line uses
 * most (outside quotes). Fields may be quoted with double quotes ("" inside is a quote), as spreadsheets write
 * them; a quoted field does not span lines. Blank lines are skipped; line numbers are the file's.
 */
final class CsvGrid {
    private CsvGrid() {
    }

    static List<GridRow> rows(String text, String file) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        int headerAt = 0;
        while (headerAt < lines.length && lines[headerAt].isBlank()) headerAt++;
        if (headerAt == lines.length) return List.of();
        char delimiter = delimiter(lines[headerAt]);
        List<GridRow> rows = new ArrayList<>();
        for (int i = headerAt; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String where = file + " line " + (i + 1);
            rows.add(new GridRow(where, split(lines[i], delimiter, where)));
        }
        return rows;
    }

    static char delimiter(String header) {
        int comma = count(header, ','), semicolon = count(header, ';'), tab = count(header, '\t');
        if (tab >= comma && tab >= semicolon && tab > 0) return '\t';
        return semicolon > comma ? ';' : ',';
    }

    private static int count(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (ch == c && !quoted) n++;
        }
        return n;
    }

    private static List<String> split(String line, char delimiter, String where) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (ch == delimiter) {
                cells.add(HtmlGrid.clean(cell.toString()));
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) throw new HistoryImportException(where + ": a quoted field is not closed (truncated line?)");
        cells.add(HtmlGrid.clean(cell.toString()));
        return cells;
    }
}
