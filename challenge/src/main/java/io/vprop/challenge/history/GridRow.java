package io.vprop.challenge.history;

import java.util.List;

/**
 * One row of a table as the importers see it, whatever the file: an HTML {@code <tr>} (merged cells expanded to
 * the columns they cover, hidden cells dropped), a spreadsheet row (cells at their column letters) or a CSV line.
 *
 * @param where      "report.html line 57", "report.xlsx sheet 'Sheet1' row 57", "deals.csv line 3"
 * @param cells      the trimmed text of each column, "" where empty
 * @param cellWheres where each cell is when that differs from the row (an HTML row spread over several lines);
 *                   empty when the row's place serves for all its cells
 */
record GridRow(String where, List<String> cells, List<String> cellWheres) {
    GridRow {
        cells = List.copyOf(cells);
        cellWheres = List.copyOf(cellWheres);
    }

    GridRow(String where, List<String> cells) {
        this(where, cells, List.of());
    }

    /** The text in column {@code index}, "" past the end of the row. */
    String cell(int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }

    /** Where column {@code index} of this row is, for an error message. */
    String whereCell(int index) {
        return index >= 0 && index < cellWheres.size() ? cellWheres.get(index) : where;
    }

    /** True when every cell is empty. */
    boolean blank() {
        return cells.stream().allMatch(String::isEmpty);
    }

    /** The first non-empty cell, "" when the row is blank. */
    String first() {
        return cells.stream().filter(c -> !c.isEmpty()).findFirst().orElse("");
    }

    /** The non-empty cells in order. */
    List<String> filled() {
        return cells.stream().filter(c -> !c.isEmpty()).toList();
    }
}
