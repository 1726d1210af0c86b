package io.vprop.challenge.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.ConsistencyConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.NewsConfig;
import io.vprop.governors.profile.ProfitTargetConfig;
import io.vprop.governors.profile.TradingDaysConfig;
import io.vprop.governors.profile.WindowConfig;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code phases.json}: each bundled profile's phases as changes to the profile. Problems name the key. */
final class PhasePlans {
    private static final String RESOURCE = "/io/vprop/challenge/sim/phases.json";
    private static final Set<String> KEYS = Set.of("name", "funded", "targetPct", "minTradingDays", "without",
            "timeLimitDays", "inactivityDays", "source", "note");
    private static final Set<String> BLOCKS = Set.of("news", "forcedFlat", "consistency", "tradingDays", "profitTarget");
    private static volatile JsonNode root;

    private PhasePlans() {}

    static FirmPlan bundled(String id) {
        JsonNode phases = root().get(id);
        if (phases == null || !phases.isArray()) {
            throw new IllegalArgumentException("firm '" + id + "': no phases in phases.json (known: " + known() + ")");
        }
        FirmProfile base = FirmPlan.firmRulesOnly(ProfileLoader.bundled(id));
        List<Phase> out = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) out.add(phase(base, phases.get(i), id + "[" + i + "]"));
        // the bundled names describe the profile's phase-1 setting ("… (phase 1; …)"); the plan covers every phase
        return new FirmPlan(id, base.name().replaceFirst("\\s*\\(.*\\)\\s*$", ""), out);
    }

    private static Phase phase(FirmProfile p, JsonNode n, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) throw new IllegalArgumentException("phases.json " + where + "." + k + ": unknown key (known: " + KEYS + ")");
        }
        String name = text(n, "name", where);
        boolean funded = n.path("funded").asBoolean(false);
        NewsConfig news = p.news();
        List<WindowConfig> flat = p.forcedFlat();
        ConsistencyConfig consistency = p.consistency();
        TradingDaysConfig days = p.tradingDays();
        ProfitTargetConfig target = p.profitTarget();
        for (JsonNode w : n.path("without")) {
            switch (w.asText()) {
                case "news" -> news = null;
                case "forcedFlat" -> flat = List.of();
                case "consistency" -> consistency = null;
                case "tradingDays" -> days = null;
                case "profitTarget" -> target = null;
                default -> throw new IllegalArgumentException("phases.json " + where + ".without: unknown block '"
                        + w.asText() + "' (known: " + BLOCKS + ")");
            }
        }
        if (n.has("targetPct")) target = new ProfitTargetConfig(n.get("targetPct").asDouble());
        if (n.has("minTradingDays")) {
            int min = n.get("minTradingDays").asInt();
            days = days == null ? new TradingDaysConfig(min, 0, 0)
                    : new TradingDaysConfig(min, days.minProfitableDays(), days.profitableDayPct());
        }
        String id = p.id() + "#" + name.replace(' ', '-');
        FirmProfile derived = new FirmProfile(id, p.name() + " — " + name, p.dayReset(), p.dailyLoss(), p.maxLoss(),
                p.buffers(), p.preTrade(), news, flat, consistency, days, target, p.activity(), p.size(), p.schedule(),
                p.symbolCurrencies(), p.sources());
        return new Phase(name, derived, funded, n.path("timeLimitDays").asInt(0), n.path("inactivityDays").asInt(0),
                text(n, "source", where), n.path("note").asText(""));
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("phases.json " + where + "." + key + ": missing value");
        }
        return v.asText();
    }

    private static List<String> known() {
        List<String> ids = new ArrayList<>();
        root().fieldNames().forEachRemaining(k -> { if (!k.equals("about")) ids.add(k); });
        return ids;
    }

    private static JsonNode root() {
        JsonNode r = root;
        if (r == null) {
            try (InputStream in = PhasePlans.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("resource " + RESOURCE + " missing from the challenge jar");
                r = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException(RESOURCE + ": cannot read: " + e.getMessage(), e);
            }
            root = r;
        }
        return r;
    }

    /** For tests: every firm in the file. */
    static Map<String, FirmPlan> all() {
        Map<String, FirmPlan> m = new HashMap<>();
        for (String id : known()) m.put(id, bundled(id));
        return m;
    }
}
