package io.vprop.challenge.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.trade.Side;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A VProp research result: {@code vprop walkforward}'s {@code result.json} or {@code vprop backtest}'s JSON. Read
 * from the file, never from the research module (the challenge module may not depend on it), so the field names
 * are the research module's: its trade spelling ({@code TradeJson}: {@code open_ms}, {@code close_ms} in UTC epoch ms,
 * {@code pnl_usd} net of commission and swap, {@code commission_usd}, {@code swap_usd}, {@code risk_usd} with 0 = no
 * stop, {@code worst_excursion_usd}), or the {@code BacktestTrade} record's names that {@code vprop backtest} writes
 * ({@code openMs}, {@code closeMs}, {@code pnl}, {@code commission}, {@code swap}, {@code riskMoney},
 * {@code worstExcursion}, {@code entryPrice}, {@code exitPrice}); null or "NaN" stands for "not defined".
 *
 * <p>A walk-forward result holds out-of-sample trades only. Format v2 says so by name ({@code "kind": "walkforward"},
 * {@code oos_trades}); v1 called the same array {@code trades}. Either way each trade must open inside one of the
 * folds' test windows {@code [test_from_utc, test_to_utc)}, or the file is refused: a trade outside them would be
 * in-sample. A backtest ({@code "kind": "backtest"}, or no kind and a {@code trades} array) has no out-of-sample
 * split: all its trades are read, and the history's source says "in sample".
 */
final class ResearchResult {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WALKFORWARD_V1 = "vprop-walkforward-v1";
    static final String WALKFORWARD_V2 = "vprop-walkforward-v2";

    private ResearchResult() {
    }

    /** The text starts like a JSON object (after white space): the only JSON this importer reads. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) return c == '{' || c == '[';
        }
        return false;
    }

    static JsonNode parse(String text, String name, String formats) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new HistoryImportException(name + (at == null ? "" : " line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": not valid JSON (" + e.getOriginalMessage() + ")" + formats, e);
        }
        if (root == null || !root.isObject())
            throw new HistoryImportException(name + ": JSON that is not a VProp research result (expected an object "
                    + "with \"kind\": \"walkforward\" or \"backtest\")" + formats);
        return root;
    }

    /** Which research result {@code root} is. */
    static HistoryFormat detect(JsonNode root, String name, String formats) {
        String kind = root.path("kind").asText(""), format = root.path("format").asText("");
        if (kind.equals("walkforward") || format.startsWith("vprop-walkforward-")) return HistoryFormat.VPROP_WALKFORWARD;
        if (kind.equals("backtest") || format.startsWith("vprop-backtest")) return HistoryFormat.VPROP_BACKTEST;
        if (kind.isEmpty() && format.isEmpty() && root.path("trades").isArray()) return HistoryFormat.VPROP_BACKTEST;
        throw new HistoryImportException(name + ": JSON that is not a VProp research result ("
                + (kind.isEmpty() ? "no \"kind\"" : "\"kind\": \"" + kind + "\"")
                + (format.isEmpty() ? "" : ", \"format\": \"" + format + "\"")
                + "; expected \"kind\": \"walkforward\" or \"backtest\", or a \"trades\" array)" + formats);
    }

    static TradeHistory read(JsonNode root, HistoryFormat format, String name, ImportOptions options) {
        TradeHistory h = format == HistoryFormat.VPROP_WALKFORWARD ? walkForward(root, name) : backtest(root, name);
        if (options != null && !options.currency().isEmpty() && !options.currency().equals(h.currency()))
            throw new HistoryImportException(name + ": the research result's account currency is " + h.currency()
                    + " but the import options say " + options.currency());
        return h;
    }

    private static TradeHistory walkForward(JsonNode root, String name) {
        String version = root.path("format").asText("");
        String array;
        if (version.equals(WALKFORWARD_V2)) array = "oos_trades";
        else if (version.equals(WALKFORWARD_V1)) array = "trades"; // v1: the same out-of-sample trades, older name
        else throw new HistoryImportException(name + ": walk-forward result format '" + version + "' is not one this "
                    + "build reads (" + WALKFORWARD_V1 + ", " + WALKFORWARD_V2 + "): a newer VProp wrote it");
        List<long[]> windows = testWindows(root, name);
        List<ClosedTrade> trades = trades(root, array, name);
        for (int i = 0; i < trades.size(); i++) {
            ClosedTrade t = trades.get(i);
            boolean inside = false;
            for (long[] w : windows) inside |= t.openMs() >= w[0] && t.openMs() < w[1];
            if (!inside)
                throw new HistoryImportException(t.source() + ": opens at " + java.time.Instant.ofEpochMilli(t.openMs())
                        + ", outside every fold's test window: not an out-of-sample trade");
        }
        trades.sort(Comparator.comparingLong(ClosedTrade::closeMs));
        double balance = number(root.path("spec"), "initial_balance_usd", name + " spec", false);
        String runner = root.path("runner").asText("");
        return new TradeHistory(trades, "USD", balance, name + " (" + HistoryFormat.VPROP_WALKFORWARD.title()
                + ": out-of-sample trades" + (runner.isEmpty() ? "" : ", " + runner) + ")", List.of());
    }

    private static TradeHistory backtest(JsonNode root, String name) {
        List<ClosedTrade> trades = trades(root, "trades", name);
        trades.sort(Comparator.comparingLong(ClosedTrade::closeMs));
        String currency = root.path("currency").asText("USD");
        if (!currency.equals("USD") && root.path("trades").path(0).has("pnl_usd"))
            throw new HistoryImportException(name + ": currency '" + currency + "', but the trades' money is in USD "
                    + "(pnl_usd): a file this build cannot read consistently");
        double balance = root.has("initial_balance_usd") ? number(root, "initial_balance_usd", name, false)
                : number(root, "initialBalance", name, false);
        return new TradeHistory(trades, "USD", balance, name + " (" + HistoryFormat.VPROP_BACKTEST.title()
                + ": every trade, in sample)", List.of());
    }

    /** The folds' test windows [from, to) as UTC epoch ms; the dates are 00:00 UTC. */
    private static List<long[]> testWindows(JsonNode root, String name) {
        JsonNode folds = root.path("folds");
        if (!folds.isArray() || folds.isEmpty())
            throw new HistoryImportException(name + ": a walk-forward result without folds: the test windows that tell "
                    + "out-of-sample trades are missing");
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            String where = name + " folds[" + i + "]";
            out.add(new long[]{date(folds.get(i), "test_from_utc", where), date(folds.get(i), "test_to_utc", where)});
        }
        return out;
    }

    private static long date(JsonNode o, String field, String where) {
        String s = o.path(field).asText("");
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new HistoryImportException(where + ", field " + field + ": '" + s + "' is not a date (YYYY-MM-DD)", e);
        }
    }

    private static List<ClosedTrade> trades(JsonNode root, String array, String name) {
        JsonNode list = root.get(array);
        if (list == null || !list.isArray())
            throw new HistoryImportException(name + ": no \"" + array + "\" array" + (array.equals("oos_trades")
                    && root.has("trades") ? " (it has \"trades\": a " + WALKFORWARD_V2 + " file must call them oos_trades)" : ""));
        List<ClosedTrade> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = name + " " + array + "[" + i + "]";
            JsonNode t = list.get(i);
            if (!t.isObject()) throw new HistoryImportException(where + ": not an object");
            Spelling f = !t.has("open_ms") && t.has("openMs") ? Spelling.RECORD : Spelling.TRADE_JSON;
            String symbol = text(t, "symbol", where);
            Side side;
            try {
                side = Side.parse(text(t, "side", where));
            } catch (IllegalArgumentException e) {
                throw new HistoryImportException(where + ", field side: " + e.getMessage(), e);
            }
            double lots = number(t, "lots", where, true);
            if (!(lots > 0)) throw new HistoryImportException(where + ", field lots: " + lots + " (must be > 0)");
            long open = millis(t, f.openMs, where), close = millis(t, f.closeMs, where);
            if (close < open) throw new HistoryImportException(where + ": " + f.closeMs + " " + close + " is before "
                    + f.openMs + " " + open);
            double pnl = number(t, f.pnl, where, true);
            double commission = number(t, f.commission, where, true);
            double swap = number(t, f.swap, where, true);
            double risk = number(t, f.risk, where, false);
            double worst = number(t, f.worst, where, false);
            String position = t.path("position").asText("");
            String id = position.isEmpty() ? Integer.toString(i + 1) : position;
            if (!ids.add(symbol + "#" + id)) id = id + "/" + (i + 1); // units of a walk-forward number positions alone
            ids.add(symbol + "#" + id);
            out.add(new ClosedTrade(symbol + "#" + id, symbol, side, lots, open, close,
                    number(t, f.entryPrice, where, false), number(t, f.exitPrice, where, false),
                    pnl - commission - swap, commission, swap, Double.isNaN(worst) ? Double.NaN : Math.min(worst, 0),
                    risk > 0 ? risk : Double.NaN, where));
        }
        return out;
    }

    /** The two spellings of a research trade: the JSON one (TradeJson) and the record's own names. */
    private enum Spelling {
        TRADE_JSON("open_ms", "close_ms", "pnl_usd", "commission_usd", "swap_usd", "risk_usd", "worst_excursion_usd",
                "entry_price", "exit_price"),
        RECORD("openMs", "closeMs", "pnl", "commission", "swap", "riskMoney", "worstExcursion", "entryPrice", "exitPrice");

        final String openMs, closeMs, pnl, commission, swap, risk, worst, entryPrice, exitPrice;

        Spelling(String openMs, String closeMs, String pnl, String commission, String swap, String risk, String worst,
                 String entryPrice, String exitPrice) {
            this.openMs = openMs;
            this.closeMs = closeMs;
            this.pnl = pnl;
            this.commission = commission;
            this.swap = swap;
            this.risk = risk;
            this.worst = worst;
            this.entryPrice = entryPrice;
            this.exitPrice = exitPrice;
        }
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank())
            throw new HistoryImportException(where + ", field " + field + ": " + (n == null ? "missing" : "'" + n + "'")
                    + " (expected text)");
        return n.asText();
    }

    private static long millis(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber())
            throw new HistoryImportException(where + ", field " + field + ": " + (n == null ? "missing" : "'" + n + "'")
                    + " (expected UTC epoch milliseconds)");
        return n.asLong();
    }

    /** A number; NaN for null or absent when not {@code required}. */
    private static double number(JsonNode o, String field, String where, boolean required) {
        JsonNode n = o.get(field);
        // Jackson writes a record's NaN as the string "NaN": "not defined", like null
        boolean undefined = n == null || n.isNull() || (n.isTextual() && n.asText().equals("NaN"));
        if (undefined) {
            if (required) throw new HistoryImportException(where + ", field " + field + ": " + (n == null ? "missing"
                    : n.isNull() ? "null" : "NaN") + " (expected a number)");
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()))
            throw new HistoryImportException(where + ", field " + field + ": '" + n + "' is not a number");
        return n.asDouble();
    }
}
