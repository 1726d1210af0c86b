package io.vprop.challenge.history;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The first worksheet of an .xlsx workbook as rows, read with the JDK alone: the file is a zip of XML parts
 * (workbook, its relationships, shared strings, styles, sheets), read here with StAX. Cell values: shared and
 * inline strings as written, numbers as their decimal text, and numbers in a date or time format (Excel serial
 * days) as "2023.06.23 07:53:00", the way MT5 writes times in its HTML report.
 */
final class XlsxGrid {
    private static final long MAX_PART_BYTES = 256L << 20; // a 256 MiB sheet is far beyond any trade history
    // Excel's built-in number formats that show a date or a time.
    private static final Set<Integer> BUILTIN_DATE_FORMATS = Set.of(14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47);

    private XlsxGrid() {
    }

    /** The parts of the zip by name; fails naming the file when it is not a complete zip. */
    static Map<String, byte[]> parts(byte[] bytes, String file) {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) continue;
                parts.put(stripSlash(entry.getName()), readLimited(zip, entry.getName(), file));
            }
        } catch (ZipException e) {
            throw new HistoryImportException(file + ": not a readable .xlsx (zip) file, truncated or damaged: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new HistoryImportException(file + ": the .xlsx (zip) file is truncated or damaged: " + e.getMessage());
        }
        if (parts.isEmpty()) throw new HistoryImportException(file + ": the .xlsx (zip) file holds no part (truncated?)");
        return parts;
    }

    static boolean isWorkbook(Map<String, byte[]> parts) {
        return parts.containsKey("xl/workbook.xml");
    }

    /** The rows of the workbook's first sheet, with its name for messages. */
    static Sheet firstSheet(Map<String, byte[]> parts, String file) {
        try {
            String[] sheet = firstSheetNameAndPart(parts, file);
            byte[] xml = parts.get(sheet[1]);
            if (xml == null)
                throw new HistoryImportException(file + ": the workbook names sheet part " + sheet[1] + " but the "
                        + "file does not hold it (truncated?)");
            List<String> strings = sharedStrings(parts.get("xl/sharedStrings.xml"));
            Set<Integer> dateStyles = dateStyles(parts.get("xl/styles.xml"));
            String where = file + " sheet '" + sheet[0] + "'";
            return new Sheet(sheet[0], readSheet(xml, strings, dateStyles, where));
        } catch (XMLStreamException e) {
            throw new HistoryImportException(file + ": damaged workbook XML: " + e.getMessage());
        }
    }

    record Sheet(String name, List<GridRow> rows) {
    }

    private static String[] firstSheetNameAndPart(Map<String, byte[]> parts, String file) throws XMLStreamException {
        String name = null, relId = null;
        XMLStreamReader r = reader(parts.get("xl/workbook.xml"));
        while (r.hasNext() && name == null) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheet")) {
                name = r.getAttributeValue(null, "name");
                for (int i = 0; i < r.getAttributeCount(); i++)
                    if (r.getAttributeLocalName(i).equals("id")) relId = r.getAttributeValue(i);
            }
        }
        if (name == null) throw new HistoryImportException(file + ": the workbook has no sheet");
        String target = "xl/worksheets/sheet1.xml";
        byte[] rels = parts.get("xl/_rels/workbook.xml.rels");
        if (rels != null && relId != null) {
            XMLStreamReader rr = reader(rels);
            while (rr.hasNext()) {
                if (rr.next() == XMLStreamConstants.START_ELEMENT && rr.getLocalName().equals("Relationship")
                        && relId.equals(rr.getAttributeValue(null, "Id"))) {
                    String t = rr.getAttributeValue(null, "Target");
                    target = t.startsWith("/") ? stripSlash(t) : "xl/" + t;
                }
            }
        }
        return new String[]{name, target};
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        if (xml == null) return strings;
        XMLStreamReader r = reader(xml);
        StringBuilder current = null;
        boolean inText = false, inPhonetic = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> current = new StringBuilder();
                    case "rPh" -> inPhonetic = true;
                    case "t" -> inText = !inPhonetic;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> strings.add(current == null ? "" : current.toString());
                    case "rPh" -> inPhonetic = false;
                    case "t" -> inText = false;
                    default -> { }
                }
            } else if (inText && current != null && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)) {
                current.append(r.getText());
            }
        }
        return strings;
    }

    /** The cell style indexes whose number format shows a date or time. */
    private static Set<Integer> dateStyles(byte[] xml) throws XMLStreamException {
        Set<Integer> styles = new HashSet<>();
        if (xml == null) return styles;
        Set<Integer> dateFormats = new HashSet<>(BUILTIN_DATE_FORMATS);
        XMLStreamReader r = reader(xml);
        boolean inCellXfs = false;
        int xfIndex = 0;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                if (n.equals("numFmt") && looksLikeDate(r.getAttributeValue(null, "formatCode")))
                    dateFormats.add(parseInt(r.getAttributeValue(null, "numFmtId"), -1));
                else if (n.equals("cellXfs")) inCellXfs = true;
                else if (n.equals("xf") && inCellXfs) {
                    if (dateFormats.contains(parseInt(r.getAttributeValue(null, "numFmtId"), 0))) styles.add(xfIndex);
                    xfIndex++;
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        return styles;
    }

    private static boolean looksLikeDate(String code) {
        if (code == null) return false;
        String c = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").toLowerCase();
        return c.matches(".*[ydhs].*") || c.matches(".*m.*[ds:].*") || c.contains("mm:");
    }

    private static List<GridRow> readSheet(byte[] xml, List<String> strings, Set<Integer> dateStyles, String where)
            throws XMLStreamException {
        List<GridRow> rows = new ArrayList<>();
        XMLStreamReader r = reader(xml);
        List<String> cells = null;
        int rowNumber = 0, col = -1;
        String type = null;
        int style = 0;
        StringBuilder value = null;
        boolean inValue = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        rowNumber = parseInt(r.getAttributeValue(null, "r"), rowNumber + 1);
                        cells = new ArrayList<>();
                        col = -1;
                    }
                    case "c" -> {
                        String ref = r.getAttributeValue(null, "r");
                        col = ref == null ? col + 1 : columnIndex(ref);
                        type = r.getAttributeValue(null, "t");
                        style = parseInt(r.getAttributeValue(null, "s"), 0);
                        value = new StringBuilder();
                    }
                    case "v", "t" -> inValue = value != null;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "v", "t" -> inValue = false;
                    case "c" -> {
                        if (cells != null && value != null) {
                            while (cells.size() <= col) cells.add("");
                            cells.set(col, cellText(type, style, value.toString(), strings, dateStyles));
                        }
                        value = null;
                    }
                    case "row" -> {
                        if (cells != null) rows.add(new GridRow(where + " row " + rowNumber, cells));
                        cells = null;
                    }
                    default -> { }
                }
            } else if (inValue && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)) {
                value.append(r.getText());
            }
        }
        return rows;
    }

    private static String cellText(String type, int style, String raw, List<String> strings, Set<Integer> dateStyles) {
        if ("s".equals(type)) {
            int i = parseInt(raw.strip(), -1);
            return i >= 0 && i < strings.size() ? HtmlGrid.clean(strings.get(i)) : "";
        }
        if ("inlineStr".equals(type) || "str".equals(type) || "e".equals(type) || "d".equals(type))
            return HtmlGrid.clean(raw);
        if ("b".equals(type)) return "1".equals(raw.strip()) ? "TRUE" : "FALSE";
        String number = raw.strip();
        if (!number.isEmpty() && dateStyles.contains(style)) {
            try {
                return Cells.formatSerial(Double.parseDouble(number));
            } catch (NumberFormatException e) {
                return number;
            }
        }
        return number;
    }

    /** "C12" → 2. */
    static int columnIndex(String ref) {
        int col = 0, i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return col - 1;
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    private static byte[] readLimited(InputStream in, String entry, String file) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_PART_BYTES + 1));
        if (data.length > MAX_PART_BYTES)
            throw new HistoryImportException(file + ": part " + entry + " is larger than " + (MAX_PART_BYTES >> 20)
                    + " MiB; not a trade history");
        return data;
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static int parseInt(String s, int otherwise) {
        if (s == null) return otherwise;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
