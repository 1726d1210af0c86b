package io.vprop.governors.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.governors.profile.ActivityConfig;
import io.vprop.governors.profile.BalanceOpsConfig;
import io.vprop.governors.profile.BufferConfig;
import io.vprop.governors.profile.ConsistencyConfig;
import io.vprop.governors.profile.DailyLossConfig;
import io.vprop.governors.profile.DayResetConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.LimitOutcome;
import io.vprop.governors.profile.MaxLossConfig;
import io.vprop.governors.profile.NewsConfig;
import io.vprop.governors.profile.PreTradeConfig;
import io.vprop.governors.profile.ProfileException;
import io.vprop.governors.profile.ProfitTargetConfig;
import io.vprop.governors.profile.ScheduleConfig;
import io.vprop.governors.profile.SizeConfig;
import io.vprop.governors.profile.TradingDaysConfig;
import io.vprop.governors.profile.WindowConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads firm profiles (JSON) from the classpath by id or from a file. Every rule block must carry a
 * {@code "source"} (URL of the firm's page, or {@code "vprop"} for VProp's own safety settings); single values
 * may override it in a {@code "sources"} object. Unknown keys are rejected.
 */
public final class ProfileLoader {
    /** Profiles shipped in {@code io/vprop/governors/profiles/}. */
    public static final List<String> BUNDLED = List.of("ftmo-2step", "ftmo-1step", "fundednext-stellar-2step",
            "the5ers-high-stakes", "e8-one", "fundingpips-2step", "topstep-50k");
    private static final String RESOURCE_DIR = "/io/vprop/governors/profiles/";
    /** Strict like the EA's JSON reader (Json.mqh): a key given twice is an error, not "the last one wins". */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The source recorded for a {@code maxLoss.outcome} the profile leaves out. */
    public static final String DEFAULT_MAX_LOSS_OUTCOME = "default: BREACH (maxLoss.outcome not stated)";

    private ProfileLoader() {}

    public static FirmProfile bundled(String id) {
        try (InputStream in = ProfileLoader.class.getResourceAsStream(RESOURCE_DIR + id + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("profile: unknown profile id '" + id + "' (bundled: " + BUNDLED + ")");
            }
            return parse(JSON.readTree(in), id + ".json");
        } catch (IOException e) {
            throw new IllegalArgumentException("profile " + id + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static FirmProfile file(Path path) {
        try {
            return parse(JSON.readTree(Files.readString(path)), path.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("profile file not found: " + path);
        } catch (JsonProcessingException e) {
            throw notJson(path.toString(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static FirmProfile json(String text, String origin) {
        try {
            return parse(JSON.readTree(text), origin);
        } catch (JsonProcessingException e) {
            throw notJson(origin, e);
        }
    }

    /**
     * A JSON syntax error as {@code FILE line L, column C: not valid JSON (what)}: Jackson's own message has the
     * location only in its tail ("at [Source: ...]"), which the short message drops, so say where.
     */
    public static IllegalArgumentException notJson(String origin, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new IllegalArgumentException(origin + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }

    /** Parses a profile object; a {@link ProfileException} message is prefixed with {@code origin}. */
    public static FirmProfile parse(JsonNode root, String origin) {
        try {
            return read(new JsonFields(root, ""));
        } catch (ProfileException e) {
            throw new ProfileException(e.field(), e.getMessage().substring(e.field().length() + 2) + " (in " + origin + ")");
        }
    }

    private static FirmProfile read(JsonFields f) {
        Map<String, String> sources = new LinkedHashMap<>();
        String id = f.text("id");
        String name = f.text("name", id);
        f.text("description", "");

        JsonFields r = required(f, "dayReset");
        DayResetConfig reset = new DayResetConfig(r.text("zone"), r.time("time"));
        source(r, "dayReset", sources);

        DailyLossConfig daily = null;
        JsonFields d = f.object("dailyLoss");
        if (d != null) {
            daily = new DailyLossConfig(d.number("limitPct", Double.NaN), d.number("limitAmount", Double.NaN),
                    d.enumValue("base", DailyLossConfig.Base.class), d.enumValue("anchor", DailyLossConfig.Anchor.class),
                    d.enumValue("outcome", LimitOutcome.class));
            source(d, "dailyLoss", sources);
        }

        JsonFields m = required(f, "maxLoss");
        // every firm surveyed ends the account at its maximum loss: BREACH is the documented default (docs/governors.md),
        // and the profile's sources say so when it was taken (the bundled profiles all state it)
        boolean maxOutcomeGiven = m.has("outcome");
        MaxLossConfig max = new MaxLossConfig(m.number("limitPct", Double.NaN), m.number("limitAmount", Double.NaN),
                m.enumValue("mode", MaxLossConfig.Mode.class), m.bool("lockAtInitial", false), m.number("lockOffsetPct", 0),
                maxOutcomeGiven ? m.enumValue("outcome", LimitOutcome.class) : LimitOutcome.BREACH);
        source(m, "maxLoss", sources);
        if (!maxOutcomeGiven) sources.put("maxLoss.outcome", DEFAULT_MAX_LOSS_OUTCOME);

        BufferConfig buffers = null;
        JsonFields b = f.object("buffers");
        if (b != null) {
            buffers = new BufferConfig(b.number("blockEntriesAtPct"), b.number("flattenAtPct"), b.integer("flattenBeforeResetMinutes", 0));
            source(b, "buffers", sources);
        }

        PreTradeConfig pre = null;
        JsonFields p = f.object("preTrade");
        if (p != null) {
            pre = new PreTradeConfig(p.number("slippagePctOfRisk"), p.number("gapPctOfRisk"));
            source(p, "preTrade", sources);
        }

        NewsConfig news = null;
        JsonFields n = f.object("news");
        if (n != null) {
            NewsConfig.Mode mode = n.enumValue("mode", NewsConfig.Mode.class);
            // pending orders: the firm's policy when stated; otherwise a BLOCK embargo covers pending fills, a haircut does not
            NewsConfig.PendingPolicy pending = n.has("pendingOrders") ? n.enumValue("pendingOrders", NewsConfig.PendingPolicy.class)
                    : mode == NewsConfig.Mode.HAIRCUT ? NewsConfig.PendingPolicy.KEEP : NewsConfig.PendingPolicy.CANCEL;
            news = new NewsConfig(n.integer("minutesBefore"), n.integer("minutesAfter"), mode,
                    n.number("haircutKeepPct", 100), n.integer("exemptIfOpenedMinutesBefore", 0), pending,
                    n.integer("cancelPendingMinutesBefore", pending == NewsConfig.PendingPolicy.CANCEL ? 1 : 0));
            source(n, "news", sources);
        }

        List<WindowConfig> flat = new ArrayList<>();
        JsonNode ff = f.raw("forcedFlat");
        if (ff != null && !ff.isNull()) {
            if (!ff.isArray()) throw new ProfileException("forcedFlat", "must be an array");
            for (int i = 0; i < ff.size(); i++) {
                JsonFields w = new JsonFields(ff.get(i), "forcedFlat[" + i + "]");
                flat.add(new WindowConfig(w.text("id"), w.text("zone"), days(w), w.time("start"),
                        w.integer("durationMinutes"), w.integer("leadMinutes", 0)));
                source(w, "forcedFlat[" + i + "]", sources);
            }
        }

        ConsistencyConfig consistency = null;
        JsonFields c = f.object("consistency");
        if (c != null) {
            consistency = new ConsistencyConfig(c.number("bestDayMaxPct"));
            source(c, "consistency", sources);
        }

        TradingDaysConfig days = null;
        JsonFields td = f.object("tradingDays");
        if (td != null) {
            days = new TradingDaysConfig(td.integer("minTradingDays"), td.integer("minProfitableDays", 0),
                    td.number("profitableDayPct", 0));
            source(td, "tradingDays", sources);
        }

        ProfitTargetConfig target = null;
        JsonFields t = f.object("profitTarget");
        if (t != null) {
            target = new ProfitTargetConfig(t.number("targetPct"));
            source(t, "profitTarget", sources);
        }

        ActivityConfig activity = null;
        JsonFields a = f.object("activity");
        if (a != null) {
            activity = new ActivityConfig(a.integer("minHoldSeconds", 0), a.number("minShareHeldPct", 0),
                    a.integer("maxOrdersPerSecond", 0), a.integer("maxRequestsPerDay", 0), a.integer("maxPositionsPerDay", 0),
                    a.integer("maxTradesPerDay", 0), a.integer("cooldownAfterLosses", 0), a.integer("cooldownMinutes", 0));
            source(a, "activity", sources);
        }

        SizeConfig size = null;
        JsonFields s = f.object("size");
        if (s != null) {
            Map<String, Double> bySymbol = new LinkedHashMap<>();
            JsonFields bs = s.object("maxLotsPerTicketBySymbol");
            if (bs != null) {
                s.raw("maxLotsPerTicketBySymbol").fieldNames().forEachRemaining(k -> bySymbol.put(k, bs.number(k)));
            }
            size = new SizeConfig(s.number("maxLotsPerTicket", 0), bySymbol, s.number("maxLotsPerSymbol", 0),
                    s.integer("maxOpenPositions", 0), s.integer("maxOpenOrders", 0), s.number("maxRiskPctPerTrade", 0),
                    s.bool("stopLossRequired", false), s.integer("stopLossWithinSeconds", 0));
            source(s, "size", sources);
        }

        ScheduleConfig schedule = null;
        JsonFields sc = f.object("schedule");
        if (sc != null) {
            List<WindowConfig> sessions = new ArrayList<>();
            JsonNode ss = sc.raw("sessions");
            if (ss != null && !ss.isNull()) {
                if (!ss.isArray()) throw new ProfileException("schedule.sessions", "must be an array");
                for (int i = 0; i < ss.size(); i++) {
                    JsonFields w = new JsonFields(ss.get(i), "schedule.sessions[" + i + "]");
                    LocalTime start = w.time("start");
                    LocalTime end = w.time("end");
                    if (start.equals(end)) throw new ProfileException(w.field("end"), "equals start " + start + " (empty session)");
                    long minutes = Duration.between(start, end).toMinutes();
                    if (minutes <= 0) minutes += 24 * 60;
                    sessions.add(new WindowConfig(w.text("id", "session" + i), w.text("zone"), days(w), start, (int) minutes, 0));
                    w.rejectUnknown();
                }
            }
            schedule = new ScheduleConfig(sessions, sc.integer("noEntriesBeforeResetMinutes", 0));
            source(sc, "schedule", sources);
        }

        Map<String, List<String>> symbolCurrencies = new LinkedHashMap<>();
        JsonFields sym = f.object("symbolCurrencies");
        if (sym != null) {
            f.raw("symbolCurrencies").fields().forEachRemaining(en -> {
                sym.has(en.getKey());
                if (!en.getValue().isArray() || en.getValue().isEmpty()) {
                    throw new ProfileException(sym.field(en.getKey()), "must be a non-empty array of currency codes");
                }
                List<String> cs = new ArrayList<>();
                en.getValue().forEach(x -> cs.add(x.asText().toUpperCase(Locale.ROOT)));
                symbolCurrencies.put(en.getKey(), cs);
            });
        }
        BalanceOpsConfig balanceOps = BalanceOpsConfig.DEFAULT;
        JsonFields bo = f.object("balanceOps");
        if (bo != null) {
            balanceOps = new BalanceOpsConfig(bo.enumValue("payoutFloor", BalanceOpsConfig.PayoutFloor.class));
            source(bo, "balanceOps", sources);
        }
        f.rejectUnknown();
        return new FirmProfile(id, name, reset, daily, max, buffers, pre, news, flat, consistency, days, target,
                activity, size, schedule, symbolCurrencies, sources, balanceOps);
    }

    private static JsonFields required(JsonFields f, String name) {
        JsonFields o = f.object(name);
        if (o == null) throw new ProfileException(name, "missing value");
        return o;
    }

    /** Days of week; absent = every day. */
    private static Set<DayOfWeek> days(JsonFields w) {
        JsonNode arr = w.raw("days");
        if (arr == null || arr.isNull()) return EnumSet.allOf(DayOfWeek.class);
        if (!arr.isArray()) throw new ProfileException(w.field("days"), "must be an array of day names");
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode d : arr) {
            try {
                out.add(DayOfWeek.valueOf(d.asText()));
            } catch (IllegalArgumentException e) {
                throw new ProfileException(w.field("days"), "unknown day '" + d.asText() + "' (use MONDAY..SUNDAY)");
            }
        }
        return out;
    }

    /** Reads the block's mandatory source URL and optional per-field sources, then rejects unknown keys. */
    private static void source(JsonFields block, String name, Map<String, String> sources) {
        sources.put(name, block.text("source"));
        block.bool("secondarySource", false);
        block.text("note", "");
        JsonFields per = block.object("sources");
        if (per != null) {
            block.raw("sources").fieldNames().forEachRemaining(k -> sources.put(name + "." + k, per.text(k)));
        }
        block.rejectUnknown();
    }
}
