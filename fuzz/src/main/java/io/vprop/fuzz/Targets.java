package io.vprop.fuzz;

import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.ProfileException;
import io.vprop.governors.scenario.ScenarioCheck;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.BadRowReason;
import io.vprop.market.io.MarketDataException;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.ErrorCode;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The fuzz targets by name (docs/fuzzing.md has each one's contract). */
final class Targets {
    private Targets() {
    }

    static final Map<String, Supplier<FuzzTarget>> ALL = Map.of(
            "protocol", Protocol::new,
            "ticks", Ticks::new,
            "bars", Bars::new,
            "profiles", Profiles::new,
            "scenarios", Scenarios::new,
            "config", Config::new);

    /** In the order `all` runs them: cheapest first. */
    static final List<String> NAMES = List.of("protocol", "ticks", "bars", "profiles", "scenarios", "config");

    static FuzzTarget create(String name) {
        Supplier<FuzzTarget> s = ALL.get(name);
        if (s == null) throw new IllegalArgumentException("unknown fuzz target '" + name + "' (targets: " + NAMES + ")");
        return s.get();
    }

    static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"\"", "\\\"", "\\u0000",
            "\\ud800", "\\uDFFF", "\\u00e9", "null", "true", "false", "NaN", "-NaN", "Infinity", "-Infinity", "+1", "1e308",
            "1e309", "-1e309", "4.9e-324", "-0", "-0.0", "0", "-1", "01", "1.", ".5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "2147483647", "2147483648",
            "-2147483649", "18446744073709551616", "1" + "0".repeat(400), "0." + "0".repeat(300) + "1", "1.5", "0.1",
            "\"é\"", "\"\uD83D\uDE00\"", "\u00a0", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":{\"a\":", "{}",
            "[]", "/*", "//", "'", "\t", "\r\n", "\u2028", "\"2024-03-10T21:59:00Z\"", "\"2024-02-30T00:00:00Z\"",
            "\"1970-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"25:00\"", "\"23:59\"", "\"00:00\"",
            "\"Europe/Prague\"", "\"America/New_York\"", "\"Mars/Base\"", "\"UTC+14\"", "\"\"");

    static final List<String> MARKET_TOKENS = List.of("\t", ",", "\n", "\r\n", "\r", " ", "\t\t", ",,", "<DATE>",
            "<TIME>", "<BID>", "<ASK>", "<LAST>", "<VOLUME>", "<FLAGS>", "<OPEN>", "<HIGH>", "<LOW>", "<CLOSE>", "<TICKVOL>",
            "<VOL>", "<SPREAD>", "timestamp", "timestamp_utc", "open,high,low,close", "volume", "2014.05.01",
            "2024.02.29", "2023.02.29", "9999.12.31", "0000.00.00", "1970.01.01", "00:00:00.292", "23:59:59.999",
            "24:00:00", "23:59:60", "00:00", "2024-03-10T02:30:00Z", "2024-03-10 02:30:00", "+14:00", "-05:00", "+00:00",
            "Z", "T", "1e5", "1E-400", "NaN", "Infinity", "-1", "0", "0.0", "-0", "99999999999999999999", "1.38686",
            "1.38687", "0.00001", ".", "..", "1325376000", "1325376000000", "99999999999999", "-1325376000",
            "\u00ef\u00bb\u00bf", "\u0000", "\u00ff", "é", "1,5", "6", "4");

    static final List<String> PROPERTIES_TOKENS = List.of("=", ":", " ", "\t", "\\", "\\\n", "\\\r\n", "\\u", "\\u12",
            "\\uZZZZ", "\\u0000", "\\u00e9", "\\uD800", "#", "!", "\n", "\r", "\u0000", "\u00e9", "\uD83D\uDE00",
            "true", "false", "yes", "-1", "0", "65535", "65536", "9223372036854775808", "NaN", "Infinity", "1e309",
            "max", "tcp://127.0.0.1:5555", "ipc://", "http://", "https://x", "[::1]", "localhost:", "EURUSD,GBPUSD",
            ",", "/dev/null", "/nonexistent", "..", "C:\\\\x", "EUR=1.1", "USD", "@channel", "123456:ABC", "");

    // ------------------------------------------------------------------ protocol

    /** {@link ProtocolCodec#decode}: an {@link Envelope} or a {@link ProtocolException}; a decoded message re-encodes. */
    static final class Protocol implements FuzzTarget {
        private static final Set<ErrorCode> WHOLE_MESSAGE = EnumSet.of(ErrorCode.MALFORMED_JSON, ErrorCode.NOT_AN_OBJECT,
                ErrorCode.TOO_LARGE);
        private static final Set<ErrorCode> DECODE_CODES = EnumSet.of(ErrorCode.MALFORMED_JSON, ErrorCode.NOT_AN_OBJECT,
                ErrorCode.TOO_LARGE, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.UNKNOWN_TYPE, ErrorCode.MISSING_FIELD,
                ErrorCode.WRONG_TYPE, ErrorCode.NON_FINITE, ErrorCode.OUT_OF_RANGE, ErrorCode.CROSSED_QUOTE);
        private final ProtocolCodec codec = new ProtocolCodec();

        @Override public String name() { return "protocol"; }

        @Override public String contract() {
            return "ProtocolCodec.decode returns an Envelope or throws ProtocolException with a decode error code, a "
                    + "message and (except malformed_json, not_an_object, too_large) the offending field; a decoded "
                    + "Envelope encodes and decodes back to an equal Envelope";
        }

        @Override public String extension() { return ".json"; }

        @Override public List<String> dictionary() { return JSON_TOKENS; }

        @Override public String run(byte[] input) {
            Envelope e;
            try {
                e = codec.decode(input);
            } catch (ProtocolException x) {
                if (x.code() == null || !DECODE_CODES.contains(x.code()))
                    throw new ContractBreak("decode error code not a decode code", x.code() + ": " + x.getMessage(), x);
                if (x.getMessage() == null || x.getMessage().isBlank())
                    throw new ContractBreak("ProtocolException without a message", String.valueOf(x.code()), x);
                if (!WHOLE_MESSAGE.contains(x.code()) && (x.field() == null || x.field().isBlank()))
                    throw new ContractBreak("ProtocolException without its field", x.code() + ": " + x.getMessage(), x);
                return "err:" + x.code() + ":" + x.field();
            }
            byte[] wire = codec.encode(e);
            Envelope back;
            try {
                back = codec.decode(wire);
            } catch (ProtocolException x) {
                throw new ContractBreak("a decoded message does not decode after encode", x.getMessage(), x);
            }
            if (!back.equals(e)) throw new ContractBreak("decode(encode(m)) != m", e + " vs " + back, null);
            return "ok:" + e.payload().getClass().getSimpleName();
        }
    }

    // ------------------------------------------------------------------ market files

    /** Shared by the tick and bar targets: the input becomes a file, read to the end strict (UTC) and lenient (NY close). */
    abstract static class MarketFile implements FuzzTarget {
        private static final int ROW_CAP = 100_000;
        private final String fileName;
        Path file;

        MarketFile(String fileName) { this.fileName = fileName; }

        @Override public List<String> dictionary() { return MARKET_TOKENS; }

        @Override public boolean fileEncodings() { return true; }

        @Override public String extension() { return fileName.substring(fileName.indexOf('.')); }

        @Override public void open(Path scratch) { file = scratch.resolve(fileName); }

        @Override public String run(byte[] input) throws Exception {
            Files.write(file, input);
            String strict = read(ParseMode.STRICT, ServerClock.UTC);
            String lenient = read(ParseMode.LENIENT, ServerClock.newYorkClose());
            extras();
            return strict + "|" + lenient;
        }

        private String read(ParseMode mode, ServerClock clock) {
            try (AutoCloseable r = openReader(mode, clock)) {
                int n = 0;
                while (next(r) && ++n < ROW_CAP) { }
                return "ok";
            } catch (MarketDataException x) {
                check(x);
                return "err:" + x.reason() + ":" + x.column() + ":" + (x.line() > 1 ? "row" : x.line());
            } catch (Exception x) {
                throw x instanceof RuntimeException re ? re : new IllegalStateException(x);
            }
        }

        /** The documented message: file, then "line N, column C: " for a row's problem. */
        void check(MarketDataException x) {
            String m = x.getMessage();
            if (m == null || !m.startsWith(fileName) && !m.contains(file.toString()))
                throw new ContractBreak("market error does not name the file", String.valueOf(m), x);
            BadRowReason r = x.reason();
            if (r == null) return; // file-level: empty, unknown header, header-only, unreadable
            if (x.line() < 1) throw new ContractBreak("market row error without a line", m, x);
            if (r != BadRowReason.TRUNCATED && x.column() < 1)
                throw new ContractBreak("market row error without a column", m, x);
            String where = " line " + x.line() + (x.column() > 0 ? ", column " + x.column() : "") + ": ";
            if (!m.startsWith(fileName + where)) throw new ContractBreak("market error message not 'file line N, column C: reason'", m, x);
        }

        abstract AutoCloseable openReader(ParseMode mode, ServerClock clock);

        abstract boolean next(AutoCloseable reader);

        /** The other read paths the CLI takes over the same file. */
        void extras() {
            try {
                MarketFiles.digitsMismatch(file, "EURUSD", 5);
            } catch (MarketDataException x) {
                check(x);
            }
        }
    }

    /** MarketFiles.openTicks → Mt5TickReader. */
    static final class Ticks extends MarketFile {
        Ticks() { super("EURUSD_fuzz.ticks.csv"); }

        @Override public String name() { return "ticks"; }

        @Override public String contract() {
            return "MarketFiles.openTicks + Mt5TickReader.next to the end (strict UTC, lenient NY-close clock) return "
                    + "ticks or throw MarketDataException naming the file and, for a bad row, 'line N, column C: reason'";
        }

        @Override AutoCloseable openReader(ParseMode mode, ServerClock clock) {
            return MarketFiles.openTicks(file, "EURUSD", clock, mode);
        }

        @Override boolean next(AutoCloseable reader) { return ((Mt5TickReader) reader).next() != null; }
    }

    /** MarketFiles.openBars → Mt5BarReader or CsvBarReader (detected from the header). */
    static final class Bars extends MarketFile {
        Bars() { super("EURUSD_fuzz_M1.bars.csv"); }

        @Override public String name() { return "bars"; }

        @Override public String contract() {
            return "MarketFiles.openBars (MT5 and generic CSV layouts) + next to the end (strict UTC, lenient NY-close "
                    + "clock), timesCarryTheirZone and digitsMismatch return or throw MarketDataException naming the "
                    + "file and, for a bad row, 'line N, column C: reason'";
        }

        @Override AutoCloseable openReader(ParseMode mode, ServerClock clock) {
            return MarketFiles.openBars(file, "EURUSD", Timeframe.M1, clock, mode);
        }

        @Override boolean next(AutoCloseable reader) { return ((BarSource) reader).next() != null; }

        @Override void extras() {
            super.extras();
            try {
                MarketFiles.timesCarryTheirZone(file);
            } catch (MarketDataException x) {
                check(x);
            }
        }
    }

    // ------------------------------------------------------------------ governors

    /** Shared by profiles and scenarios: a ProfileException naming its field, or an IllegalArgumentException naming the file. */
    abstract static class GovernorFile implements FuzzTarget {
        private final String fileName;
        Path file;

        GovernorFile(String fileName) { this.fileName = fileName; }

        @Override public String extension() { return ".json"; }

        @Override public List<String> dictionary() { return JSON_TOKENS; }

        @Override public void open(Path scratch) { file = scratch.resolve(fileName); }

        @Override public String run(byte[] input) throws Exception {
            Files.write(file, input);
            try {
                return "ok:" + load();
            } catch (ProfileException x) {
                if (x.field() == null || x.field().isBlank())
                    throw new ContractBreak("ProfileException without its field", x.getMessage(), x);
                return "err:" + x.field() + ":" + Fuzzer.shape(x.getMessage());
            } catch (IllegalArgumentException x) {
                String m = x.getMessage();
                if (m == null || !(m.startsWith(file.toString()) || namesField(m)))
                    throw new ContractBreak("error names neither the file nor a field", String.valueOf(m), x);
                if (m.contains("not valid JSON") && !m.startsWith(file + " line "))
                    throw new ContractBreak("JSON syntax error without its line", m, x);
                return "err:" + Fuzzer.shape(m.startsWith(file.toString()) ? m.substring(file.toString().length()) : m);
            }
        }

        boolean namesField(String message) { return false; }

        abstract Object load();
    }

    /** ProfileLoader.file (what `--profile FILE.json` reads). */
    static final class Profiles extends GovernorFile {
        Profiles() { super("fuzz-profile.json"); }

        @Override public String name() { return "profiles"; }

        @Override public String contract() {
            return "ProfileLoader.file returns a FirmProfile or throws ProfileException (an IllegalArgumentException "
                    + "whose message starts with the dotted field path) or an IllegalArgumentException naming the file "
                    + "(FILE line L, column C: not valid JSON (...); cannot read)";
        }

        @Override Object load() { return ProfileLoader.file(file).id().isEmpty() ? "" : "profile"; }
    }

    /** ScenarioCheck.validate → ScenarioLoader.load (what `vprop governors check` reads). */
    static final class Scenarios extends GovernorFile {
        Scenarios() { super("fuzz-scenario.json"); }

        @Override public String name() { return "scenarios"; }

        @Override public String contract() {
            return "ScenarioLoader.load (through ScenarioCheck.validate) returns a scenario or throws ProfileException "
                    + "naming the field (events[i].field for a step) or an IllegalArgumentException naming the file "
                    + "(with line and column for a JSON syntax error) or the unknown profile id";
        }

        @Override boolean namesField(String m) { return m.startsWith("profile: unknown profile id"); }

        @Override Object load() { return ScenarioCheck.validate(file) > 0 ? "steps" : "none"; }
    }

    // ------------------------------------------------------------------ config

    /** VpropConfig.load (what `--config FILE` and `vprop config check` read). */
    static final class Config implements FuzzTarget {
        private Path file;

        @Override public String name() { return "config"; }

        @Override public String contract() {
            return "VpropConfig.load returns a configuration or throws ConfigException whose message has one line per "
                    + "problem, each naming the key or the file";
        }

        @Override public String extension() { return ".properties"; }

        @Override public List<String> dictionary() { return PROPERTIES_TOKENS; }

        @Override public void open(Path scratch) { file = scratch.resolve("fuzz.properties"); }

        @Override public String run(byte[] input) throws Exception {
            Files.write(file, input);
            try {
                VpropConfig.load(file, Map.of(), Map.of());
                return "ok";
            } catch (ConfigException x) {
                String m = x.getMessage();
                if (m == null || m.isBlank()) throw new ContractBreak("ConfigException without a message", "", x);
                StringBuilder shape = new StringBuilder("err");
                for (String line : m.split("\n")) {
                    int colon = line.indexOf(": ");
                    if (colon < 1) throw new ContractBreak("config error line names no key", line, x);
                    String head = line.startsWith(file.toString()) ? line.substring(file.toString().length() + 2) : line;
                    int c = head.indexOf(':');
                    shape.append(':').append(Fuzzer.shape(c < 0 ? head : head.substring(0, c)));
                }
                return shape.toString();
            }
        }
    }
}
