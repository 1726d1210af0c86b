package io.vprop.challenge.history;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An MT5 HTML report as rows. MT5 lays a report out as one wide table (the tester as a few): a header cell may span
 * several columns ({@code colspan}) and some cells are written but hidden ({@code class="hidden"}: a magic number
 * in Positions, the Cost column in Deals). Hidden cells are dropped and spans expanded, so column {@code i} of a
 * data row lines up with column {@code i} of its section's header row.
 */
final class HtmlGrid {
    private static final int MAX_SPAN = 64;

    private HtmlGrid() {
    }

    /** The page title ("70358000: Demo - Trade History Report"), "" when there is none. */
    static String title(Document doc) {
        return doc.title();
    }

    static Document parse(String html) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        return parser.parseInput(html, "");
    }

    static List<GridRow> rows(Document doc, String file) {
        List<GridRow> rows = new ArrayList<>();
        for (Element tr : doc.select("tr")) {
            List<String> cells = new ArrayList<>();
            List<String> wheres = new ArrayList<>();
            for (Element cell : tr.children()) {
                String tag = cell.tagName().toLowerCase(Locale.ROOT);
                if (!tag.equals("td") && !tag.equals("th")) continue;
                if (cell.hasClass("hidden")) continue;
                String text = clean(cell.text());
                String where = file + " line " + line(cell, tr);
                int span = span(cell);
                for (int i = 0; i < span; i++) {
                    cells.add(i == 0 ? text : "");
                    wheres.add(where);
                }
            }
            rows.add(new GridRow(file + " line " + line(tr, tr), cells, wheres));
        }
        return rows;
    }

    private static int line(Element e, Element fallback) {
        int line = e.sourceRange().start().lineNumber();
        return line > 0 ? line : fallback.sourceRange().start().lineNumber();
    }

    private static int span(Element cell) {
        String s = cell.attr("colspan").trim();
        if (s.isEmpty()) return 1;
        try {
            return Math.max(1, Math.min(MAX_SPAN, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Non-breaking spaces (MT5's thousands separator and padding) become plain spaces; ends are trimmed. */
    static String clean(String text) {
        return text.replace('\u00a0', ' ').strip();
    }
}
