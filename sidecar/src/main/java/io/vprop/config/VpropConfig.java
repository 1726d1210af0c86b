package io.vprop.config;

import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.io.MarketDataException;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ServerClock;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * VProp's configuration: documented keys with defaults (docs/configuration.md), read from a properties file,
 * overridden by environment variables ({@code VPROP_ZMQ_ENDPOINT} for {@code zmq.endpoint}) and then by command-line
 * flags. Unknown keys and bad values are errors that name the key, never silently ignored.
 */
public final class VpropConfig {

    /** Every key with its default and a one-line description (the source of docs/configuration.md). */
    public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("zmq.endpoint", "tcp://127.0.0.1:5555", "ZeroMQ ROUTER address the sidecar binds (EA and paper terminal connect here)");
        key("kernel.cpu", "-1", "pin the kernel thread and the ROUTER's libzmq I/O thread to this CPU (0-based; -1 = no pinning; needs zmq.impl=libzmq): each hand-off between them becomes a context switch instead of a vCPU wake-up (docs/benchmarks.md)");
        key("zmq.impl", "jeromq", "ZeroMQ implementation of the sidecar's ROUTER and the paper terminals' DEALERs: jeromq (pure Java) or libzmq (the system's libzmq5 through the zmq-native binding; docs/benchmarks.md)");
        key("http.host", "127.0.0.1", "address of the REST/WebSocket API and web panel; state changes need the token (data.dir/http.token) on every address, anything but loopback needs it for reads too");
        key("http.port", "8080", "port of the REST/WebSocket API and web panel (0 = any free port)");
        key("http.allowed.hosts", "", "host names (comma-separated, no port; IPv6 in brackets) the API and panel answer to besides 127.0.0.1, localhost and [::1]: "
                + "the name a remote browser or a reverse proxy uses; any other Host is refused (DNS rebinding). A non-loopback http.host is added itself");
        key("data.dir", "var", "directory of the journal (sidecar.db), the paper terminal's journal and reports");
        key("journal.decisions.retention.days", "30", "journaled decision events (the engine's trades and skips with reasons, for the panel) older than this are deleted, a batch at a time; 0 = keep forever");
        key("journal.durable", "false", "true = SQLite synchronous=FULL (survives power loss, slower); false survives process crashes");
        key("firm.profile", "ftmo-2step", "prop-firm profile the governors enforce: a bundled id (docs/governors.md) or a custom profile file ending in .json; "
                + "its day reset is the firm day of the analytics, the panel and the daily digest too");
        key("firm.initial.balance", "0", "the account's starting balance as the firm counts it (0 = the first balance the terminal reports)");
        key("strategy", "demo", "signal source: engine (the signal engine), demo (EMA-cross stand-in that trades often), none (manual signals only)");
        key("demo.timeframe", "M1", "the bars whose EMA(8)/EMA(21) cross the demo strategy trades on (M1, M5, M15, M30, H1, H4, D1); vprop replay and vprop demo --data of bar files take the files' finest timeframe unless this is set");
        key("engine.timeframes", "intraday", "the signal engine's timeframes: intraday (M5, M15, H1; regime on M15) or swing (H4, D1; regime on H4), built from ticks or taken from the EA's bars");
        key("engine.edges", "auto", "the signal engine's edges: handset (the alphas' priors, Beta(2,3) bandit), fitted (the artefact shipped with the engine: H4/D1 and intraday cells, "
                + "hand-set priors where it has none), a vprop-edges-v1 file written by vprop edges fit or merge, or auto = fitted (docs/signal-engine.md, Fitted edges)");
        key("calendar.file", "", "economic calendar CSV (DateTime,Currency,Impact,Event,...; ForexFactory export) whose high-impact releases are pushed to the terminals' news governors; empty = none");
        key("engine.memory", "vector", "where the signal engine learns how setups like the current one ended: vector (trade memory under data.dir/memory, k nearest past entries; /api/memory) or recent (the last 50 outcomes per alpha and regime, as vprop backtest does; no trade memory is kept)");
        key("memory.redis", "", "host:port of a Redis server for short-term trade memory (empty = in-process)");
        key("heartbeat.ms", "1000", "heartbeat period towards each terminal");
        key("stale.ms", "5000", "a terminal silent this long is stale: no signals to it");
        key("feed.max.ahead.ms", "600000", "a tick dated further ahead of the sidecar's clock is refused (error out_of_range on time_msc) and leaves its symbol's clock alone; 0 = no bound (the demo's synthetic market sets 0: it runs ahead of the wall clock)");
        key("signal.ttl.ms", "30000", "how long a signal stays valid for the terminal");
        key("risk.max.positions.per.symbol", "1", "open positions allowed per symbol per terminal");
        key("risk.per.trade.pct", "", "risk per trade, % of the equity: the demo strategy's size and the cap on the signal engine's Kelly size; "
                + "empty = the challenge lab's choice for firm.profile from risk.lab.file, else 0.25 (built in); the panel's Risk page shows which (docs/configuration.md, Risk per trade)");
        key("risk.lab.file", "", "the challenge lab's risk per trade per firm, a vprop-risk-default-v1 file written by vprop challenge --write-risk-default; "
                + "empty = the bundled one (the engine's out-of-sample trades, docs/research/edges-h4d1)");
        key("risk.max.quote.age.ms", "120000", "no entries on a symbol whose last quote is older than this on the terminal's clock (a frozen feed, a symbol out of session); 0 = no bound");
        key("paper.symbols", "EURUSD,GBPUSD,USDJPY,AUDUSD,USDCAD,EURJPY", "symbols of the synthetic market");
        key("paper.data", "", "tick or bar file to replay instead of the synthetic market (MT5 export CSV or generic CSV, .gz ok; its clock: paper.data.tz)");
        key("paper.data.tz", "", "the clock of paper.data's times, as vprop backtest --server-tz: UTC (the files in shared/data), an offset (+02:00, UTC+3), an IANA zone, "
                + "or NY+7 for 'New York close' servers (GMT+2 winter, GMT+3 summer); required when the file's times carry no zone (an MT5 export: its broker's server time)");
        key("paper.bars.mode", "ohlc", "path of a replayed bar file's quotes, as vprop backtest --bars-mode: ohlc (the nearer extreme first) or conservative (the stop first when a bar holds both stop and target)");
        key("paper.seed", "42", "seed of the synthetic market (same seed, same market)");
        key("paper.speed", "10", "market time per wall time (1 = real time, 10 = ten times faster, max = as fast as possible)");
        key("paper.replay.window", "1", "at speed max: ticks in flight before waiting for the sidecar (1 = exact lockstep, deterministic)");
        key("paper.ticks.per.second", "4", "synthetic ticks per symbol per market second (on average)");
        key("paper.balance", "100000", "paper account initial balance");
        key("paper.leverage", "100", "paper account leverage");
        key("paper.margin.mode", "hedging", "hedging or netting");
        key("paper.commission.per.lot", "", "commission per lot per side in the account currency for every symbol; empty = each instrument's commission from the instrument table (docs/instruments.md)");
        key("paper.instruments", "", "instrument override file (CSV, docs/instruments.md) over the built-in table of specs, commissions, swaps and spreads; empty = the built-in table");
        key("paper.fx.rates", "", "fixed conversion rates PAIR=price,... for profit currencies no paper symbol quotes (e.g. USDJPY=150 to trade EURJPY alone); empty = none");
        key("paper.latency.ms", "0", "simulated execution latency");
        key("paper.slippage.points", "0", "maximum random slippage in points (seeded)");
        key("paper.account", "100001", "paper account login, part of its routing id");
        key("paper.snapshot.ms", "1000", "account snapshot period (market time) besides every change");
        key("account", "", "MT5 account login this installation serves (written by vprop install; named in notifications)");
        key("log.dir", "", "directory of the rotating log files (vprop.log, 10 MB x 30 kept); empty = console only");
        key("log.json", "false", "true = log files as JSON lines (one object per event) for log shippers");
        key("notify.telegram.token", "", "Telegram bot token (from @BotFather); empty = no Telegram notifications");
        key("notify.telegram.chat", "", "Telegram chat id the bot writes to (required with the token)");
        key("notify.telegram.api", "https://api.telegram.org", "Telegram Bot API base URL (change only for a proxy or a test server)");
        key("notify.webhook.url", "", "URL that receives every notification as a JSON POST; empty = none");
        key("notify.rate.per.minute", "6", "notifications per kind per minute after a burst of notify.burst; the rest are counted and summarized");
        key("notify.burst", "3", "notifications of one kind sent at once before the rate limit applies");
        key("models.dir", "", "model registry directory (versions, active.json, live.json); empty = <data.dir>/models");
        key("models.serve", "true", "true = the engine's Q* uses the served models (registry tpsl/meta) where they answer and models.use.* allows; false = the drift baseline only");
        // defaults = the per-model verdict of the out-of-sample walk-forward (docs/research/models-oos/README.md)
        key("models.use.tpsl", "true", "true = a served TP/SL classifier answers the engine's Q* where it applies; default from the walk-forward verdict (docs/research/models-oos)");
        key("models.use.meta", "false", "true = a served meta-learner (with its stage-1 classifier as input) answers the engine's Q*; default from the walk-forward verdict (docs/research/models-oos)");
        key("models.use.seq", "false", "true = a served sequence model's heads feed the meta-learner's row (needs models.use.meta); default from the walk-forward verdict (docs/research/models-oos)");
        key("models.rollback.margin", "0.02", "automatic rollback when the served version's live Brier score exceeds the previous version's (live, else holdout) by more than this");
        key("models.rollback.min.trades", "30", "closed trades a served version needs before its live metrics can trigger an automatic rollback (0 = never roll back automatically)");
        key("models.retrain.bars", "", "bars file(s) (MT5 export, comma-separated) the background retraining learns from, merged with the bars recorded live; empty = recorded bars only");
        key("models.retrain.interval.hours", "0", "retrain the TP/SL classifier in the background every this many hours (0 = no schedule)");
        key("models.retrain.after.trades", "0", "retrain after this many new closed trades (0 = off)");
        key("models.retrain.on.drift", "true", "retrain when the drift monitor raises an alarm (needs a served autoencoder)");
        key("models.record.bars", "true", "record every closed bar to <models.dir>/bars/SYMBOL_TF.csv for retraining");
        key("research.dir", "", "folder of research results (vprop walkforward --out DIR/NAME, vprop backtest --out DIR/NAME.json); the panel's Challenge page offers the newest; empty = <data.dir>/research");
    }

    private static void key(String name, String dflt, String doc) { KEYS.put(name, new String[]{dflt, doc}); }

    private final Map<String, String> values;
    /** The keys a file, the environment or a flag set: a default the user did not choose can follow the data. */
    private final java.util.Set<String> explicit;

    private VpropConfig(Map<String, String> values, java.util.Set<String> explicit) {
        this.values = values;
        this.explicit = java.util.Set.copyOf(explicit);
    }

    /** Defaults ← file (if given) ← environment ← overrides. */
    public static VpropConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        KEYS.forEach((k, d) -> v.put(k, d[0]));
        java.util.Set<String> set = new java.util.HashSet<>();
        List<String> errors = new ArrayList<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " does not exist");
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) { // Properties.load: a backslash-u not followed by four hex digits
                throw new ConfigException(file + badEscapeLine(file) + ": malformed \\uXXXX escape (a backslash-u must be "
                        + "followed by four hex digits; write \\\\ for a backslash)");
            }
            for (String k : p.stringPropertyNames()) {
                if (!KEYS.containsKey(k)) errors.add(file + ": unknown key '" + k + "'" + suggestion(k));
                else {
                    v.put(k, p.getProperty(k).trim());
                    set.add(k);
                }
            }
        }
        for (String k : KEYS.keySet()) {
            String e = env.get(envName(k));
            if (e != null) {
                v.put(k, e.trim());
                set.add(k);
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!KEYS.containsKey(o.getKey())) errors.add("unknown key '" + o.getKey() + "'");
            else if (o.getValue() != null) {
                v.put(o.getKey(), o.getValue());
                set.add(o.getKey());
            }
        }
        VpropConfig c = new VpropConfig(v, set);
        errors.addAll(c.validate());
        // one line per problem: a value quoted in a message may hold a line break (an escaped \n in the file)
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors.stream().map(VpropConfig::oneLine).toList()));
        return c;
    }

    private static String oneLine(String error) {
        return error.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** " line N" of the first backslash-u escape without four hex digits outside a comment, or "" (Properties says no line). */
    private static String badEscapeLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).stripLeading();
                if (l.startsWith("#") || l.startsWith("!")) continue;
                for (int j = 0; j + 1 < l.length(); j++) {
                    if (l.charAt(j) != '\\') continue;
                    if (l.charAt(j + 1) == 'u' && !(j + 6 <= l.length() && l.substring(j + 2, j + 6).matches("[0-9a-fA-F]{4}")))
                        return " line " + (i + 1);
                    j++; // an escaped character, possibly a backslash
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the message stays without a line
        }
        return "";
    }

    /** Whether a path-valued key holds something the OS can take as a path (no NUL, nothing the platform forbids). */
    private static boolean isPath(String value) {
        try {
            Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private boolean isFile(String value) {
        return isPath(value) && Files.isRegularFile(Path.of(value));
    }

    public static VpropConfig defaults() { return load(null, Map.of(), Map.of()); }

    /** The key table of docs/configuration.md (printed by {@code vprop config doc}). */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | default | environment | meaning |\n|---|---|---|---|\n");
        KEYS.forEach((k, v) -> b.append("| `").append(k).append("` | `").append(v[0]).append("` | `").append(envName(k))
                .append("` | ").append(v[1]).append(" |\n"));
        return b.toString();
    }

    public static String envName(String key) { return "VPROP_" + key.toUpperCase(Locale.ROOT).replace('.', '_'); }

    private static String suggestion(String k) {
        // normalise the unknown key once: a file with many long unknown keys made this quadratic (the config fuzzer
        // spent 80 % of its time here)
        String n = k.replace(".", "").replace("_", "").replace("-", "");
        if (n.length() > 64) return "";
        for (String known : KEYS.keySet())
            if (known.replace(".", "").equalsIgnoreCase(n)) return " (did you mean '" + known + "'?)";
        return "";
    }

    private List<String> validate() {
        List<String> e = new ArrayList<>();
        intIn(e, "http.port", 0, 65535);
        for (String h : list("http.allowed.hosts"))
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]"))
                e.add("http.allowed.hosts: '" + h + "' is not a host name (a name or address only: no scheme, port or path; "
                        + "an IPv6 address in brackets)");
        intIn(e, "heartbeat.ms", 50, 60_000);
        intIn(e, "stale.ms", 100, 600_000);
        intIn(e, "signal.ttl.ms", 100, 86_400_000);
        intIn(e, "risk.max.positions.per.symbol", 1, 1000);
        intIn(e, "paper.leverage", 1, 10_000);
        intIn(e, "paper.latency.ms", 0, 60_000);
        intIn(e, "paper.snapshot.ms", 10, 3_600_000);
        intIn(e, "paper.replay.window", 1, 100_000);
        positive(e, "paper.balance");
        if (!get("paper.commission.per.lot").isEmpty()) nonNegative(e, "paper.commission.per.lot");
        for (String k : List.of("data.dir", "log.dir", "models.dir", "research.dir"))
            if (!isPath(get(k))) e.add(k + ": '" + get(k) + "' is not a valid path");
        if (!get("paper.instruments").isEmpty() && !isFile(get("paper.instruments")))
            e.add("paper.instruments: file '" + get("paper.instruments") + "' does not exist");
        try {
            CurrencyConverter.parseFixedRates(get("paper.fx.rates"));
        } catch (IllegalArgumentException x) {
            e.add("paper.fx.rates: " + x.getMessage());
        }
        nonNegative(e, "firm.initial.balance");
        nonNegative(e, "feed.max.ahead.ms");
        nonNegative(e, "risk.max.quote.age.ms");
        if (!get("risk.per.trade.pct").isEmpty()) {
            positive(e, "risk.per.trade.pct");
            if (e.stream().noneMatch(x -> x.startsWith("risk.per.trade.pct")) && getDouble("risk.per.trade.pct") > 10)
                e.add("risk.per.trade.pct: " + get("risk.per.trade.pct") + " is above 10 (% of the equity per trade)");
        }
        if (!get("risk.lab.file").isEmpty() && !isFile(get("risk.lab.file")))
            e.add("risk.lab.file: file '" + get("risk.lab.file") + "' does not exist");
        nonNegative(e, "paper.slippage.points");
        positive(e, "paper.ticks.per.second");
        bool(e, "journal.durable");
        intIn(e, "journal.decisions.retention.days", 0, 36_500);
        oneOf(e, "strategy", "demo", "none", "engine");
        oneOf(e, "engine.timeframes", "intraday", "swing");
        oneOf(e, "engine.memory", "vector", "recent");
        oneOf(e, "demo.timeframe", "M1", "M5", "M15", "M30", "H1", "H4", "D1");
        String edges = get("engine.edges");
        if (!List.of("auto", "handset", "fitted").contains(edges) && !isFile(edges))
            e.add("engine.edges: '" + edges + "' is not auto, handset, fitted or an existing edges file");
        oneOf(e, "zmq.impl", "jeromq", "libzmq");
        int errors = e.size(), cpus = Runtime.getRuntime().availableProcessors();
        intIn(e, "kernel.cpu", -1, 1023);
        if (e.size() == errors && getInt("kernel.cpu") >= cpus)
            e.add("kernel.cpu: CPU " + getInt("kernel.cpu") + " does not exist here (this machine has CPUs 0-" + (cpus - 1) + ")");
        else if (e.size() == errors && getInt("kernel.cpu") >= 0 && !get("zmq.impl").equals("libzmq"))
            e.add("kernel.cpu: pinning threads needs zmq.impl=libzmq (the native library does it), not " + get("zmq.impl"));
        oneOf(e, "paper.margin.mode", "hedging", "netting");
        oneOf(e, "paper.bars.mode", "ohlc", "conservative");
        if (!get("paper.speed").equals("max")) positive(e, "paper.speed");
        if (!get("zmq.endpoint").matches("(tcp|ipc|inproc)://.+")) e.add("zmq.endpoint: '" + get("zmq.endpoint") + "' is not a ZeroMQ address like tcp://127.0.0.1:5555");
        if (!get("paper.data").isEmpty() && !isFile(get("paper.data")))
            e.add("paper.data: file '" + get("paper.data") + "' does not exist");
        else if (!get("paper.data").isEmpty() || !get("paper.data.tz").isEmpty()) checkDataClock(e);
        if (!get("memory.redis").isEmpty() && !get("memory.redis").matches("[^:]+:\\d{1,5}"))
            e.add("memory.redis: '" + get("memory.redis") + "' must be host:port");
        if (get("paper.symbols").isBlank()) e.add("paper.symbols: must name at least one symbol");
        bool(e, "log.json");
        bool(e, "models.serve");
        bool(e, "models.use.tpsl");
        bool(e, "models.use.meta");
        bool(e, "models.use.seq");
        bool(e, "models.retrain.on.drift");
        bool(e, "models.record.bars");
        nonNegative(e, "models.rollback.margin");
        intIn(e, "models.rollback.min.trades", 0, 1_000_000);
        nonNegative(e, "models.retrain.interval.hours");
        intIn(e, "models.retrain.after.trades", 0, 1_000_000);
        for (String f : get("models.retrain.bars").split(",")) {
            if (!f.isBlank() && !isFile(f.trim()))
                e.add("models.retrain.bars: file '" + f.trim() + "' does not exist");
        }
        intIn(e, "notify.rate.per.minute", 1, 600);
        intIn(e, "notify.burst", 1, 100);
        if (!get("account").isEmpty() && !get("account").matches("[0-9]{1,20}"))
            e.add("account: '" + get("account") + "' must be the MT5 login number");
        httpUrl(e, "notify.telegram.api", false);
        httpUrl(e, "notify.webhook.url", true);
        if (get("notify.telegram.token").isEmpty() != get("notify.telegram.chat").isEmpty())
            e.add("notify.telegram.token and notify.telegram.chat: give both or neither (token "
                    + (get("notify.telegram.token").isEmpty() ? "missing" : "set") + ", chat "
                    + (get("notify.telegram.chat").isEmpty() ? "missing" : "'" + get("notify.telegram.chat") + "'") + ")");
        if (!get("notify.telegram.token").isEmpty() && !get("notify.telegram.token").matches("[0-9]+:[A-Za-z0-9_-]+"))
            e.add("notify.telegram.token: not a bot token like 123456:ABC-def (from @BotFather)");
        if (!get("notify.telegram.chat").isEmpty() && !get("notify.telegram.chat").matches("-?[0-9]+|@[A-Za-z0-9_]{5,}"))
            e.add("notify.telegram.chat: '" + get("notify.telegram.chat") + "' is not a chat id (a number) or @channelname");
        return e;
    }

    /** paper.data.tz: a clock ServerClock reads, and given whenever paper.data's times carry no zone (no silent UTC). */
    private void checkDataClock(List<String> e) {
        try {
            dataClock();
        } catch (MarketDataException damaged) {
            // a damaged file: the replay names its line and column when it opens it
        } catch (IllegalArgumentException bad) {
            e.add(get("paper.data.tz").isEmpty() ? bad.getMessage() : "paper.data.tz: " + bad.getMessage());
        }
    }

    /**
     * The clock of paper.data's times: paper.data.tz; without it UTC, but only if the file's times carry their zone
     * (an MT5 export is written in its broker's server time): otherwise an error naming both keys.
     */
    public ServerClock dataClock() {
        String tz = get("paper.data.tz");
        if (get("paper.data").isEmpty()) return tz.isEmpty() ? ServerClock.UTC : ServerClock.parse(tz);
        return MarketFiles.clockOf(List.of(Path.of(get("paper.data"))), tz.isEmpty() ? null : tz, "paper.data",
                "paper.data.tz (--server-tz with --data)");
    }

    private void intIn(List<String> e, String k, long min, long max) {
        try {
            long v = Long.parseLong(get(k));
            if (v < min || v > max) e.add(k + ": " + v + " is outside " + min + ".." + max);
        } catch (NumberFormatException x) {
            e.add(k + ": '" + get(k) + "' is not a whole number");
        }
    }

    private void positive(List<String> e, String k) { number(e, k, true); }

    private void nonNegative(List<String> e, String k) { number(e, k, false); }

    private void number(List<String> e, String k, boolean strict) {
        try {
            double v = Double.parseDouble(get(k));
            if (!Double.isFinite(v) || (strict ? v <= 0 : v < 0))
                e.add(k + ": " + get(k) + " must be a " + (strict ? "positive" : "non-negative") + " number");
        } catch (NumberFormatException x) {
            e.add(k + ": '" + get(k) + "' is not a number");
        }
    }

    private void httpUrl(List<String> e, String k, boolean emptyOk) {
        String v = get(k);
        if (v.isEmpty() && emptyOk) return;
        if (!v.matches("https?://[^\\s/]+(/\\S*)?")) e.add(k + ": '" + v + "' is not an http(s) URL");
    }

    private void bool(List<String> e, String k) {
        if (!get(k).equals("true") && !get(k).equals("false")) e.add(k + ": '" + get(k) + "' must be true or false");
    }

    private void oneOf(List<String> e, String k, String... allowed) {
        if (!List.of(allowed).contains(get(k))) e.add(k + ": '" + get(k) + "' must be one of " + List.of(allowed));
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalArgumentException("unknown config key " + key);
        return v;
    }

    /** Whether the key was set by a file, the environment or a flag rather than left at its default. */
    public boolean isSet(String key) {
        get(key); // an unknown key is an error here too
        return explicit.contains(key);
    }

    public int getInt(String key) { return Integer.parseInt(get(key)); }

    public double getDouble(String key) { return Double.parseDouble(get(key)); }

    public boolean getBool(String key) { return Boolean.parseBoolean(get(key)); }

    /** A comma-separated key's entries, trimmed, empty ones dropped. */
    public List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String v : get(key).split(",")) if (!v.isBlank()) out.add(v.trim());
        return out;
    }

    public Path dataDir() { return Path.of(get("data.dir")); }

    /** Where research results are looked for: research.dir, else data.dir/research. */
    public Path researchDir() { return get("research.dir").isEmpty() ? dataDir().resolve("research") : Path.of(get("research.dir")); }

    public Map<String, String> asMap() { return Map.copyOf(values); }
}
