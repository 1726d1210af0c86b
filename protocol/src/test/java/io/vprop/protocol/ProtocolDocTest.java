package io.vprop.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/protocol.md is read as a specification, not prose: its type table (§3), its list of reliable types and its
 * error table (§6) must be exactly what the codec implements, and every payload field the type table names must
 * behave as the table says — a field written without a default is required (dropping it from the type's golden
 * vector gives {@code missing_field} naming it), a field written with one, such as {@code `title` ("")} or
 * {@code `flags` (0)}, may be left out (unless its note makes it required for some value of another field, which the
 * golden vectors of that field's values test instead). A golden vector may carry no field the table does not name.
 *
 * <p>Why: the doc is what an independent client (another EA, a script) is written from; a doc that drifts from the
 * codec breaks such clients silently, which is what an outside review of the protocol once found.
 */
class ProtocolDocTest {
    private static final Path DOC = RepoPaths.root().resolve("docs/protocol.md");
    private static final Path VALID = RepoPaths.root().resolve("protocol/vectors/valid");
    private static final Set<String> HEADER = Set.of("v", "type", "seq", "ts_ms", "prev", "resend", "ack_req");
    private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]*");
    /** A parenthesis after a field that opens with a default value: ("), (0), ([]), (0; …), (0 = …), (0: …), (0 when …). */
    private static final Pattern DEFAULT = Pattern.compile("^\\s*\\((\"\"|\\[]|false|true|-?\\d+(\\.\\d+)?(?=[);:,]| =| when)|[^)]*\\bdefault\\b)");

    /** A field with a default that another field's value makes required: {@code `position` (0; required … for close_position)}. */
    private static final Pattern CONDITIONAL = Pattern.compile("^\\s*\\([^)]*\\brequired\\b");

    private final ProtocolCodec codec = new ProtocolCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    /** One row of the §3 table: the type and each documented payload field with whether it is required. */
    record Row(String type, Map<String, Boolean> fields) {
    }

    @Test
    void typeTableNamesExactlyTheCodecsTypes() throws IOException {
        Set<String> documented = rows().stream().map(Row::type).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> implemented = Arrays.stream(MessageType.values()).map(t -> t.wire).collect(Collectors.toSet());
        assertThat(documented).as("types in docs/protocol.md §3").containsExactlyInAnyOrderElementsOf(implemented);
    }

    @Test
    void reliableListIsExactlyTheReliableTypes() throws IOException {
        Matcher m = Pattern.compile("Reliable types[^:]*:\\s*\\*\\*(.+?)\\*\\*", Pattern.DOTALL).matcher(doc());
        assertThat(m.find()).as("the 'Reliable types' sentence of §3").isTrue();
        Set<String> documented = backticked(m.group(1));
        Set<String> reliable = Arrays.stream(MessageType.values()).filter(t -> t.reliable).map(t -> t.wire).collect(Collectors.toSet());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(reliable);
    }

    @Test
    void errorTableIsExactlyTheErrorCodes() throws IOException {
        String section = section("## 6. Errors");
        Set<String> documented = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            Matcher m = Pattern.compile("^\\| `([a-z_]+)` \\|").matcher(line);
            if (m.find()) documented.add(m.group(1));
        }
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void everyCodeAMessageAloneCanCauseHasAnInvalidVector() throws IOException {
        // the session-level codes need a history (an earlier seq, no hello, a lost message) or a failing receiver
        Set<String> sessionLevel = Set.of("seq_not_increasing", "hello_required", "gap", "internal");
        Set<String> covered = Files.readAllLines(VALID.resolveSibling("invalid.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", -1)[1]).collect(Collectors.toSet());
        for (ErrorCode c : ErrorCode.values()) {
            if (sessionLevel.contains(c.wire())) continue;
            assertThat(covered).as("an invalid vector yields " + c.wire()).contains(c.wire());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedFieldIsRequiredOrOptionalAsTheTableSays() throws IOException {
        Map<String, ObjectNode> vectors = vectorsByType();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows()) {
            ObjectNode vector = vectors.get(row.type());
            tests.add(DynamicTest.dynamicTest(row.type() + ": has a golden vector naming only documented fields", () -> {
                assertThat(vector).as("a valid vector of type " + row.type()).isNotNull();
                vector.fieldNames().forEachRemaining(f -> {
                    if (!HEADER.contains(f)) assertThat(row.fields()).as(row.type() + " documents field " + f).containsKey(f);
                });
            }));
            if (vector == null) continue;
            row.fields().forEach((field, required) -> {
                if (required != null) tests.add(DynamicTest.dynamicTest(
                    row.type() + "." + field + (required ? " is required" : " may be left out"), () -> {
                        if (!vector.has(field)) {
                            assertThat(required).as(row.type() + "." + field + " is required but its golden vector lacks it").isFalse();
                            return;
                        }
                        ObjectNode without = vector.deepCopy();
                        without.remove(field);
                        byte[] raw = json.writeValueAsBytes(without);
                        if (required) {
                            ProtocolException e = null;
                            try {
                                codec.decode(raw);
                            } catch (ProtocolException thrown) {
                                e = thrown;
                            }
                            assertThat(e).as(row.type() + " without " + field + " is refused").isNotNull();
                            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
                            assertThat(e.field()).isEqualTo(field);
                        } else {
                            assertThat(codec.decode(raw).type().wire).isEqualTo(row.type());
                        }
                    }));
            });
        }
        return tests.stream();
    }

    /** The §3 table, one row per type. */
    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : section("## 3. Types").split("\n")) {
            Matcher m = Pattern.compile("^\\| `([a-z_]+)` \\| [^|]+ \\| (.*) \\|\\s*$").matcher(line);
            if (m.find()) rows.add(new Row(m.group(1), fields(m.group(2))));
        }
        assertThat(rows).as("rows of the §3 table").hasSizeGreaterThan(10);
        return rows;
    }

    /**
     * The fields of one table cell: items separated by top-level commas, up to the end of the first sentence; an
     * item starts with its field name(s) in backticks ({@code `open high low close` > 0} names four). Items that
     * do not start with a plain name — constraints such as {@code `bid ≤ ask`} — name no field.
     */
    static Map<String, Boolean> fields(String cell) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String item : topLevelItems(firstSentence(afterIntroduction(cell)))) {
            String s = item.strip();
            if (!s.startsWith("`")) continue;
            int close = s.indexOf('`', 1);
            if (close < 0) continue;
            String[] names = s.substring(1, close).split(" ");
            if (!Arrays.stream(names).allMatch(n -> IDENT.matcher(n).matches())) continue;
            String rest = s.substring(close + 1);
            // null: required for some values of another field only (documented, not tested here)
            Boolean required = DEFAULT.matcher(rest).find() ? (CONDITIONAL.matcher(rest).find() ? null : Boolean.FALSE) : Boolean.TRUE;
            for (String n : names) out.put(n, required);
        }
        return out;
    }

    /** A cell that opens with prose ("a deal that is not a trade (…): `deal` …") lists its fields after the colon. */
    private static String afterIntroduction(String cell) {
        if (cell.startsWith("`") || cell.startsWith("—")) return cell;
        int depth = 0;
        boolean code = false;
        for (int i = 0; i + 1 < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '`') code = !code;
            else if (!code && (c == '(' || c == '[' || c == '{')) depth++;
            else if (!code && (c == ')' || c == ']' || c == '}')) depth--;
            else if (!code && depth == 0 && c == ':' && cell.charAt(i + 1) == ' ') return cell.substring(i + 2);
        }
        return cell;
    }

    private static String firstSentence(String cell) {
        int depth = 0;
        boolean code = false;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '`') code = !code;
            else if (!code && (c == '(' || c == '[' || c == '{')) depth++;
            else if (!code && (c == ')' || c == ']' || c == '}')) depth--;
            else if (!code && depth == 0 && c == '.' && i + 1 < cell.length() && cell.charAt(i + 1) == ' ') return cell.substring(0, i);
        }
        return cell;
    }

    private static List<String> topLevelItems(String s) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean code = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') code = !code;
            else if (!code && (c == '(' || c == '[' || c == '{')) depth++;
            else if (!code && (c == ')' || c == ']' || c == '}')) depth--;
            else if (!code && depth == 0 && c == ',') {
                items.add(s.substring(start, i));
                start = i + 1;
            }
        }
        items.add(s.substring(start));
        return items;
    }

    private static Set<String> backticked(String s) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(s);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** Per type, its golden vector with the most fields (the one that exercises the most of the table). */
    private Map<String, ObjectNode> vectorsByType() throws IOException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(VALID)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode node = (ObjectNode) json.readTree(p.toFile());
                String type = node.path("type").asText();
                ObjectNode best = out.get(type);
                if (best == null || node.size() > best.size()) out.put(type, node);
            }
        }
        return out;
    }

    private static String doc() throws IOException { return Files.readString(DOC); }

    /** From a heading to the next heading of the same level. */
    private static String section(String heading) throws IOException {
        String doc = doc();
        int from = doc.indexOf("\n" + heading);
        assertThat(from).as("docs/protocol.md has '" + heading + "'").isGreaterThanOrEqualTo(0);
        int to = doc.indexOf("\n## ", from + heading.length() + 1);
        return to < 0 ? doc.substring(from) : doc.substring(from, to);
    }
}
