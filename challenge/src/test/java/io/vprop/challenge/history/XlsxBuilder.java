package io.vprop.challenge.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a minimal .xlsx workbook the way Excel lays one out (content types, workbook and its relationships, shared
 * strings, styles, one sheet), so the tests need neither Excel nor Apache POI. A cell is a String (a shared string,
 * or an inline string when {@link #inlineStrings}), a Number, or a LocalDateTime (an Excel serial day number in a
 * date-time style); null leaves the cell out, as Excel does for an empty one.
 */
final class XlsxBuilder {
    private final String sheetName;
    private final List<List<Object>> rows = new ArrayList<>();
    private boolean inlineStrings;

    XlsxBuilder(String sheetName) {
        this.sheetName = sheetName;
    }

    XlsxBuilder inlineStrings() {
        inlineStrings = true;
        return this;
    }

    XlsxBuilder row(List<Object> cells) {
        rows.add(new ArrayList<>(cells));
        return this;
    }

    byte[] build() {
        Map<String, Integer> shared = new LinkedHashMap<>();
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<Object> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v == null) continue;
                String ref = column(c) + (r + 1);
                if (v instanceof LocalDateTime t) {
                    sheet.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(serial(t)).append("</v></c>");
                } else if (v instanceof Number n) {
                    double d = n.doubleValue(); // Excel writes the shortest form: 2001, not 2001.0
                    String text = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(text).append("</v></c>");
                } else if (inlineStrings) {
                    sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(escape(v.toString()))
                            .append("</t></is></c>");
                } else {
                    int i = shared.computeIfAbsent(v.toString(), k -> shared.size());
                    sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(i).append("</v></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + shared.size()
                + "\" uniqueCount=\"" + shared.size() + "\">");
        for (String s : shared.keySet()) sst.append("<si><t xml:space=\"preserve\">").append(escape(s)).append("</t></si>");
        sst.append("</sst>");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                        + "</Types>");
                put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        + "</Relationships>");
                put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"" + escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                        + "</Relationships>");
                put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy.mm.dd hh:mm:ss\"/></numFmts>"
                        + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>"
                        + "</styleSheet>");
                put(zip, "xl/sharedStrings.xml", sst.toString());
                put(zip, "xl/worksheets/sheet1.xml", sheet.toString());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Days since 1899-12-30, Excel's day zero (after its 1900 leap-year quirk). */
    static double serial(LocalDateTime t) {
        return Duration.between(LocalDateTime.of(1899, 12, 30, 0, 0), t).toMillis() / 86_400_000d;
    }

    static String column(int index) {
        StringBuilder b = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) b.insert(0, (char) ('A' + (i - 1) % 26));
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
