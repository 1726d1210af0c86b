// Every governors/scenarios/*.json through the EA's own governor code (VProp/Governors.mqh): the same profile
// (bundled id or inline "rules"), the same events, and every checkpoint compared exactly as the Java
// ScenarioRunner does (action, rule, hits, numbers within 0.005, booleans, times; expectError by field name).
// usage: test_governors <repo-root>
#include <VProp/Governors.mqh>

#include <dirent.h>

#include <algorithm>
#include <ctime>
#include <vector>

#include "check.h"

static const char *NUMERIC[] = {"measured", "threshold", "balance", "equity", "dayAnchor", "dailyFloor", "dailyHeadroom",
                                "highWaterMark", "overallFloor", "overallHeadroom", "openRisk", "sizingHeadroom",
                                "countedProfit", "profitTarget", "targetProgressPct", "tradingDays", "profitableDays",
                                "bestDayProfit", "profitStillNeeded", "heldSharePct", "newsViolations"};

// ISO-8601 instant ("2024-05-08T09:00:00Z", optional fraction, Z or +hh:mm) or epoch ms number
static bool parse_time(CJsonDoc &doc, int n, long &out) {
    if (n < 0) return false;
    if (doc.Kind(n) == VPJ_NUMBER) { out = doc.Int(n); return true; }
    std::string s = doc.Str(n).s;
    int y, mo, d, h, mi;
    double sec;
    if (sscanf(s.c_str(), "%d-%d-%dT%d:%d:%lf", &y, &mo, &d, &h, &mi, &sec) != 6) return false;
    long ms = VPDaysFromCivil(y, mo, d) * 86400000L + (long)h * 3600000 + (long)mi * 60000 + (long)std::llround(sec * 1000);
    size_t tpos = s.find('T');
    size_t z = s.find_first_of("Z+-", tpos);
    if (z != std::string::npos && s[z] != 'Z') {
        int oh = 0, om = 0;
        sscanf(s.c_str() + z + 1, "%d:%d", &oh, &om);
        long off = (oh * 60L + om) * 60000L;
        ms += s[z] == '+' ? -off : off;
    }
    out = ms;
    return true;
}

static std::vector<std::string> list_json(const std::string &dir) {
    std::vector<std::string> out;
    if (DIR *d = opendir(dir.c_str())) {
        while (dirent *e = readdir(d)) {
            std::string n = e->d_name;
            if (n.size() > 5 && n.substr(n.size() - 5) == ".json") out.push_back(n);
        }
        closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

static double num(CJsonDoc &doc, int o, const char *k, double dflt) {
    int n = doc.Find(o, string(k));
    return n >= 0 && doc.Kind(n) == VPJ_NUMBER ? doc.Num(n) : dflt;
}
static std::string text(CJsonDoc &doc, int o, const char *k) {
    int n = doc.Find(o, string(k));
    return n >= 0 && doc.Kind(n) == VPJ_STRING ? doc.Str(n).s : "";
}

// The scenario's attach section through the EA's own replay (CVPGovernors::Rebuild) and its expect compared as
// the Java ScenarioRunner does; then the ledger starts from the rebuilt state (Attach).
static void run_attach(CJsonDoc &doc, int a, const std::string &file, double initial, CVPGovernors &gov, int &checkpoints) {
    long now = 0, start = 0;
    parse_time(doc, doc.Find(a, "time"), now);
    parse_time(doc, doc.Find(a, "start"), start);
    double balance = num(doc, a, "balance", 0);
    double equity = num(doc, a, "equity", balance);
    CArr<VPGovDeal> deals;
    int arr = doc.Find(a, "deals");
    int k = 0;
    if (arr >= 0)
        for (int n = doc.First(arr); n >= 0; n = doc.Next(n), k++) {
            ArrayResize(deals, k + 1);
            parse_time(doc, doc.Find(n, "time"), deals[k].t);
            std::string type = text(doc, n, "type");
            deals[k].kind = type == "in" ? VPG_DEAL_IN : type == "out" ? VPG_DEAL_OUT : VPG_DEAL_BALANCE;
            deals[k].position = (long)num(doc, n, "position", 0);
            deals[k].volume = num(doc, n, "volume", deals[k].kind == VPG_DEAL_BALANCE ? 0 : 1);
            deals[k].amount = num(doc, n, "amount", 0);
        }
    VPGovAttach st;
    gov.Rebuild(now, balance, equity, start, initial > 0 ? initial : 0, deals, st);
    int x = doc.Find(a, "expect");
    if (x >= 0) {
        checkpoints++;
        std::string bad;
        std::string status = text(doc, x, "status");
        if (!status.empty() && status != (st.ok ? "OK" : "BLOCKED")) bad += " status: expected " + status + ";";
        int rn = doc.Find(x, "rule");
        if (rn >= 0 && doc.Str(rn).s != st.rule.s) bad += " rule: expected " + doc.Str(rn).s + ", got '" + st.rule.s + "';";
        std::string reason = text(doc, x, "reason");
        if (!reason.empty() && st.reason.s.find(reason) == std::string::npos)
            bad += " reason: expected it to contain '" + reason + "', got '" + st.reason.s + "';";
        struct { const char *key; double actual; } nums[] = {
            {"initialBalance", st.initial}, {"dayStartBalance", st.day_start_balance}, {"dayStartEquity", st.day_start_equity},
            {"highWaterMark", st.high_water}, {"tradingDays", (double)(st.trading_days + (st.traded_today ? 1 : 0))},
            {"profitableDays", (double)st.profitable_days}, {"bestDayProfit", st.best_day}, {"dayProfit", st.day_profit},
            {"dealsRead", (double)st.deals_read}};
        for (auto &nv : nums) {
            int n = doc.Find(x, string(nv.key));
            if (n >= 0 && !(std::fabs(nv.actual - doc.Num(n)) <= 0.005))
                bad += std::string(" ") + nv.key + ": expected " + doc.Str(n).s + ", got " + std::to_string(nv.actual) + ";";
        }
        struct { const char *key; long actual; } times[] = {
            {"challengeStart", st.start}, {"dayStart", st.day_start}, {"blockedUntil", st.blocked_until}};
        for (auto &tv : times) {
            long want;
            if (parse_time(doc, doc.Find(x, string(tv.key)), want) && want != tv.actual)
                bad += std::string(" ") + tv.key + ": expected " + std::to_string(want) + ", got " + std::to_string(tv.actual) + ";";
        }
        check::expect(bad.empty(), file + " attach -> " + (st.ok ? "OK " : "BLOCKED ") + st.rule.s, bad);
    }
    gov.Attach(st);
}

static ENUM_VPG_ORDER_TYPE order_type(CJsonDoc &doc, int o) {
    int i = VPWordIndex(VPG_WORDS_ORDER_TYPE, string(text(doc, o, "orderType")));
    return i < 0 ? VPG_OT_MARKET : (ENUM_VPG_ORDER_TYPE)i;
}

// A resting order of the file: {ticket, symbol, orderType, volume, price, stopLoss, takeProfit, expiry, signalId, moneyPerPriceUnit}
static VPGovOrder pending_order(CJsonDoc &doc, int o) {
    VPGovOrder r;
    r.ticket = (long)num(doc, o, "ticket", 0);
    r.symbol = string(text(doc, o, "symbol"));
    r.type = order_type(doc, o);
    r.volume = num(doc, o, "volume", 0);
    r.price = num(doc, o, "price", 0);
    r.stop_loss = num(doc, o, "stopLoss", 0);
    r.take_profit = num(doc, o, "takeProfit", 0);
    r.expiry_ms = 0;
    parse_time(doc, doc.Find(o, "expiry"), r.expiry_ms);
    r.money_per_unit = num(doc, o, "moneyPerPriceUnit", 0);
    r.signal_id = string(text(doc, o, "signalId"));
    return r;
}

static void run_file(const std::string &root, const std::string &file, int &checkpoints) {
    std::string raw;
    std::string path = root + "/governors/scenarios/" + file;
    check::read_file(path, raw);
    CJsonDoc doc;
    if (!check::expect(doc.Parse(string(raw)), file + " parses", doc.Error().s)) return;
    double initial = num(doc, 0, "initialBalance", 0);
    std::string profile_json;
    int rules = doc.Find(0, "rules");
    std::string profile = text(doc, 0, "profile");
    if (!profile.empty()) {
        std::string ppath = root + "/governors/src/main/resources/io/vprop/governors/profiles/" + profile + ".json";
        if (!check::expect(check::read_file(ppath, profile_json), file + ": profile " + profile + " readable")) return;
    } else if (rules >= 0) {
        // inline rules: cut the object's text out of the file by re-serialising is not needed; find it by braces
        size_t at = raw.find("\"rules\"");
        size_t open = raw.find('{', at);
        int depth = 0;
        size_t i = open;
        bool in_str = false;
        for (; i < raw.size(); i++) {
            char c = raw[i];
            if (in_str) { if (c == '\\') i++; else if (c == '"') in_str = false; continue; }
            if (c == '"') in_str = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) break;
        }
        profile_json = raw.substr(open, i - open + 1);
    }
    CVPGovernors gov;
    string err;
    int attach = doc.Find(0, "attach");
    // attached mid-challenge: the initial balance is the configured one and may be unknown (the ledger is rebuilt)
    if (!check::expect(gov.LoadProfileText(string(profile_json), attach >= 0 && !(initial > 0) ? 1 : initial, err),
                       file + ": profile loads", err.s)) return;
    if (attach >= 0) run_attach(doc, attach, file, initial, gov, checkpoints);
    int events = doc.Find(0, "events");
    int step = 0;
    for (int ev = doc.First(events); ev >= 0; ev = doc.Next(ev), step++) {
        std::string type = text(doc, ev, "type");
        VPGovEvent e;
        e.kind = type == "account" ? VPG_EV_ACCOUNT : type == "order" ? VPG_EV_ORDER : type == "fill" ? VPG_EV_FILL
               : type == "news" ? VPG_EV_NEWS : type == "ack" ? VPG_EV_ACK : type == "balance" ? VPG_EV_BALANCE
               : type == "pending" ? VPG_EV_PENDING : VPG_EV_CLOCK;
        parse_time(doc, doc.Find(ev, "time"), e.t);
        e.balance = num(doc, ev, "balance", 0);
        e.equity = num(doc, ev, "equity", 0);
        e.pending_orders = (int)num(doc, ev, "pendingOrders", 0);
        e.symbol = text(doc, ev, "symbol");
        e.buy = text(doc, ev, "side") == "BUY";
        e.lots = type == "fill" ? num(doc, ev, "volume", 0) : num(doc, ev, "lots", 0);
        e.price = type == "fill" ? num(doc, ev, "price", 0) : num(doc, ev, "entryPrice", 0);
        e.stop_loss = num(doc, ev, "stopLoss", 0);
        e.risk_at_stop = num(doc, ev, "riskAtStop", -1);
        e.money_per_unit = num(doc, ev, "moneyPerPriceUnit", 0);
        int en = doc.Find(ev, "entry");
        e.entry = en < 0 ? true : doc.Bool(en);
        e.profit = num(doc, ev, "profit", 0);
        e.position_open_ms = e.t;
        parse_time(doc, doc.Find(ev, "openTime"), e.position_open_ms);
        e.deal_ms = e.t;
        parse_time(doc, doc.Find(ev, "dealTime"), e.deal_ms);
        e.release_ms = 0;
        parse_time(doc, doc.Find(ev, "releaseTime"), e.release_ms);
        e.currency = text(doc, ev, "currency");
        StringToUpper(e.currency);
        std::string impact = text(doc, ev, "impact");
        e.impact = impact == "HIGH" ? VP_IMPACT_HIGH : impact == "MEDIUM" ? VP_IMPACT_MEDIUM : VP_IMPACT_LOW;
        // orders in flight: the signal id of an order, fill or ack; a fill's position, an ack's ticket; an order's expiry
        e.signal_id = string(text(doc, ev, "signalId"));
        e.ticket = (long)num(doc, ev, type == "fill" ? "position" : "ticket", 0);
        e.expiry_ms = 0;
        parse_time(doc, doc.Find(ev, "expiry"), e.expiry_ms);
        // balance operation: kind by its wire name, amount to cents as the Java loader does, deal ticket
        {
            std::string words = VPG_WORDS_BALANCE_KIND.s, k = "|" + text(doc, ev, "kind") + "|";
            size_t at = words.find(k);
            int idx = 0;
            for (size_t i = 0; at != std::string::npos && i < at; i++) if (words[i] == '|') idx++;
            e.balance_kind = (ENUM_VPG_BALANCE_KIND)(at == std::string::npos ? 0 : idx); // the |s before it
            e.amount_c = VPGCents(num(doc, ev, "amount", 0));
            e.deal = (long)num(doc, ev, "deal", 0);
        }
        std::string status = text(doc, ev, "status");
        e.ack_status = status == "REJECTED" ? VP_ACK_REJECTED : status == "EXECUTED" ? VP_ACK_EXECUTED : VP_ACK_ACCEPTED;
        e.order_type = VPG_OT_MARKET;
        e.pending_state = VPG_PS_PLACED;
        e.take_profit = 0;
        if (type == "pending") {
            // "place": the check before it is sent (an order entering at its trigger); else the terminal's order message
            std::string action = text(doc, ev, "action");
            VPGovOrder o = pending_order(doc, ev);
            long t = e.t;
            VPGovPendingEvent(e, o);
            e.t = t;
            e.risk_at_stop = num(doc, ev, "riskAtStop", -1);
            if (action == "place") {
                e.kind = VPG_EV_ORDER;
            } else {
                std::string up = action;
                for (auto &c : up) c = (char)toupper(c);
                int st = VPWordIndex(VPG_WORDS_PENDING_STATE, string(up));
                check::expect(st >= 0, file + ": pending action " + action + " known");
                e.pending_state = (ENUM_VPG_PENDING_STATE)(st < 0 ? 0 : st);
            }
        }
        if (type == "account") {
            CArr<VPGovPosition> ps;
            int arr = doc.Find(ev, "positions");
            int k = 0;
            if (arr >= 0)
                for (int p = doc.First(arr); p >= 0; p = doc.Next(p), k++) {
                    ArrayResize(ps, k + 1);
                    ps[k].symbol = string(text(doc, p, "symbol"));
                    ps[k].buy = text(doc, p, "side") == "BUY";
                    ps[k].volume = num(doc, p, "volume", 0);
                    ps[k].open_price = num(doc, p, "openPrice", 0);
                    ps[k].stop_loss = num(doc, p, "stopLoss", 0);
                    ps[k].open_ms = 0;
                    parse_time(doc, doc.Find(p, "openTime"), ps[k].open_ms);
                    ps[k].profit = num(doc, p, "profit", 0);
                    ps[k].money_per_unit = num(doc, p, "moneyPerPriceUnit", 0);
                    ps[k].ticket = (long)num(doc, p, "ticket", 0);
                    ps[k].signal_id = string(text(doc, p, "signalId"));
                }
            gov.SetPositions(ps);
            CArr<VPGovOrder> os;
            int oa = doc.Find(ev, "orders");
            int j = 0;
            if (oa >= 0)
                for (int o = doc.First(oa); o >= 0; o = doc.Next(o), j++) {
                    ArrayResize(os, j + 1);
                    os[j] = pending_order(doc, o);
                }
            gov.SetOrders(os);
            if (e.pending_orders < j) e.pending_orders = j;
        }
        std::string label = file + " #" + std::to_string(step) + " " + type;
        VPGovDecision d;
        string why;
        bool ok = gov.Evaluate(e, d, why);
        std::string expect_error = text(doc, ev, "expectError");
        if (!expect_error.empty()) {
            checkpoints++;
            check::expect(!ok && why.s.find(expect_error) != std::string::npos, label + " rejected naming " + expect_error,
                          ok ? "accepted" : why.s);
            continue;
        }
        if (!ok) {
            check::expect(false, label + " evaluates", why.s);
            continue;
        }
        int x = doc.Find(ev, "expect");
        if (x < 0) continue;
        checkpoints++;
        std::string bad;
        std::string action = text(doc, x, "action");
        if (!action.empty() && action != VPGovActionName(d.action).s)
            bad += " action: expected " + action + ", got " + VPGovActionName(d.action).s + ";";
        int rn = doc.Find(x, "rule");
        if (rn >= 0 && doc.Str(rn).s != d.rule.s) bad += " rule: expected " + doc.Str(rn).s + ", got '" + d.rule.s + "';";
        std::string message = text(doc, x, "message");
        if (!message.empty() && d.message.s.find(message) == std::string::npos)
            bad += " message: expected it to contain '" + message + "', got '" + d.message.s + "';";
        int hits = doc.Find(x, "hits");
        if (hits >= 0)
            for (int h = doc.First(hits); h >= 0; h = doc.Next(h))
                if (d.hits.s.find("|" + doc.Str(h).s + "|") == std::string::npos)
                    bad += " hits: expected " + doc.Str(h).s + " among " + d.hits.s + ";";
        for (const char *k : NUMERIC) {
            int n = doc.Find(x, string(k));
            if (n < 0) continue;
            bool known = true;
            double actual = std::string(k) == "measured" ? d.measured : std::string(k) == "threshold" ? d.threshold
                          : gov.Number(string(k), known);
            if (!(std::fabs(actual - doc.Num(n)) <= 0.005))
                bad += std::string(" ") + k + ": expected " + doc.Str(n).s + ", got " + std::to_string(actual) + ";";
        }
        const char *bools[] = {"halted", "paused", "targetLocked"};
        bool actual_b[] = {gov.Halted(), gov.IsPaused(), gov.TargetLocked()};
        for (int i = 0; i < 3; i++) {
            int n = doc.Find(x, string(bools[i]));
            if (n >= 0 && doc.Bool(n) != actual_b[i]) bad += std::string(" ") + bools[i] + " differs;";
        }
        const char *times[] = {"dayStart", "nextReset", "pausedUntil", "until"};
        long actual_t[] = {gov.DayStartMs(), gov.NextResetMs(), gov.PausedUntilMs(), d.until_ms};
        for (int i = 0; i < 4; i++) {
            long want;
            if (parse_time(doc, doc.Find(x, string(times[i])), want) && want != actual_t[i])
                bad += std::string(" ") + times[i] + ": expected " + std::to_string(want) + ", got " + std::to_string(actual_t[i]) + ";";
        }
        int cn = doc.Find(x, "cancel");
        if (cn >= 0) {
            std::string want = "[", got = "[";
            for (int c = doc.First(cn); c >= 0; c = doc.Next(c)) want += std::to_string((long)doc.Num(c)) + ",";
            for (int c = 0; c < gov.CancelCount(); c++) got += std::to_string(gov.CancelTicket(c)) + ",";
            if (want != got) bad += " cancel: expected " + want + "], got " + got + "];";
        }
        check::expect(bad.empty(), label + " -> " + VPGovActionName(d.action).s + " " + d.rule.s, bad);
    }
}

static long utc(int y, int mo, int d, int h, int mi) { return VPDaysFromCivil(y, mo, d) * 86400000L + h * 3600000L + mi * 60000L; }

// DST rules without a tz database: transitions of 2024 as published (US: Mar 10 / Nov 3, EU: Mar 31 / Oct 27)
static void zones() {
    VPZone ny, chi, prg, lon, bus, beu, fix, bad;
    check::expect(VPZoneParse("America/New_York", ny) && VPZoneParse("America/Chicago", chi) &&
                      VPZoneParse("Europe/Prague", prg) && VPZoneParse("Europe/London", lon) &&
                      VPZoneParse("Broker/US-DST", bus) && VPZoneParse("Broker/EU-DST", beu) && VPZoneParse("UTC+03:00", fix),
                  "zones of the bundled profiles parse");
    check::expect(!VPZoneParse("Mars/Olympus", bad) && !VPZoneParse("UTC+25:00", bad), "unknown zones are refused");
    check::expect(VPZoneOffset(ny, utc(2024, 3, 10, 6, 59)) == -5 * 3600 && VPZoneOffset(ny, utc(2024, 3, 10, 7, 0)) == -4 * 3600,
                  "New York springs forward at 07:00 UTC on 2024-03-10");
    check::expect(VPZoneOffset(ny, utc(2024, 11, 3, 5, 59)) == -4 * 3600 && VPZoneOffset(ny, utc(2024, 11, 3, 6, 0)) == -5 * 3600,
                  "New York falls back at 06:00 UTC on 2024-11-03");
    check::expect(VPZoneOffset(chi, utc(2024, 3, 10, 7, 59)) == -6 * 3600 && VPZoneOffset(chi, utc(2024, 3, 10, 8, 0)) == -5 * 3600,
                  "Chicago springs forward at 08:00 UTC");
    check::expect(VPZoneOffset(prg, utc(2024, 3, 31, 0, 59)) == 3600 && VPZoneOffset(prg, utc(2024, 3, 31, 1, 0)) == 7200 &&
                      VPZoneOffset(prg, utc(2024, 10, 27, 0, 59)) == 7200 && VPZoneOffset(prg, utc(2024, 10, 27, 1, 0)) == 3600,
                  "Prague switches at 01:00 UTC on the last Sundays of March and October");
    check::expect(VPZoneOffset(lon, utc(2024, 7, 1, 12, 0)) == 3600 && VPZoneOffset(lon, utc(2024, 1, 1, 12, 0)) == 0,
                  "London is UTC+1 in summer, UTC in winter");
    check::expect(VPZoneOffset(bus, utc(2024, 3, 10, 7, 0)) == 3 * 3600 && VPZoneOffset(bus, utc(2024, 3, 9, 7, 0)) == 2 * 3600 &&
                      VPZoneOffset(beu, utc(2024, 3, 20, 12, 0)) == 2 * 3600,
                  "broker servers switch GMT+2/+3 with New York (US-DST) or Europe (EU-DST)");
    check::expect(VPZoneOffset(fix, utc(2024, 7, 1, 0, 0)) == 3 * 3600, "fixed offsets have no DST");
    check::expect(VPZoneToUtc(ny, utc(2024, 3, 10, 2, 30)) == utc(2024, 3, 10, 7, 0),
                  "a local time in the spring gap maps to the transition instant");
    check::expect(VPZoneToUtc(ny, utc(2024, 11, 3, 1, 30)) == utc(2024, 11, 3, 5, 30),
                  "a local time in the autumn overlap maps to the earlier instant");
    check::expect(VPWeekday(VPDaysFromCivil(2024, 5, 8)) == 3, "2024-05-08 is a Wednesday");
}

// Bad profiles are refused with the field named, never used
static void bad_profiles(const std::string &root) {
    std::string good;
    check::read_file(root + "/governors/src/main/resources/io/vprop/governors/profiles/ftmo-2step.json", good);
    struct Case { const char *what, *from, *to, *field; };
    const Case cases[] = {
        {"unknown zone", "\"Europe/Prague\"", "\"Europe/Atlantis\"", "dayReset.zone"},
        {"bad reset time", "\"time\": \"00:00\"", "\"time\": \"24:00\"", "dayReset.time"},
        {"unknown max-loss mode", "\"STATIC\"", "\"SOMETIMES\"", "maxLoss.mode"},
        {"buffers inverted", "\"blockEntriesAtPct\": 80", "\"blockEntriesAtPct\": 99", "buffers.blockEntriesAtPct"},
        {"limit as text", "\"limitPct\": 5", "\"limitPct\": \"5\"", "dailyLoss.limitPct"},
        {"unknown day", "[\"FRIDAY\"]", "[\"FUNDAY\"]", "forcedFlat[0].days"},
        {"unknown daily-loss base", "\"INITIAL\"", "\"EQUITY\"", "dailyLoss.base"},
        {"unknown daily-loss anchor", "\"BALANCE\"", "\"balance\"", "dailyLoss.anchor"},
        {"unknown daily-loss outcome", "\"BREACH\"", "\"WARN\"", "dailyLoss.outcome"},
        {"unknown news mode", "\"BLOCK\"", "\"BLOCK|HAIRCUT\"", "news.mode"},
        {"daily-loss outcome missing", "\"outcome\": \"BREACH\",\n", "", "dailyLoss.outcome"},
        {"unknown max-loss outcome", "\"STATIC\", \"outcome\": \"BREACH\"", "\"STATIC\", \"outcome\": \"HALT\"", "maxLoss.outcome"},
        {"limit percentage finer than 1e-6 %", "\"limitPct\": 5", "\"limitPct\": 5.0000001", "dailyLoss.limitPct"},
        {"target percentage finer than 1e-6 %", "\"targetPct\": 10", "\"targetPct\": 10.00000005", "profitTarget.targetPct"},
        {"limit amount finer than a cent", "\"limitPct\": 10", "\"limitAmount\": 10000.005", "maxLoss.limitAmount"},
    };
    for (const Case &c : cases) {
        std::string bad = good;
        size_t at = bad.find(c.from);
        if (!check::expect(at != std::string::npos, std::string("profile fixture has ") + c.from)) continue;
        bad.replace(at, strlen(c.from), c.to);
        CVPGovernors gov;
        string err;
        bool ok = gov.LoadProfileText(string(bad), 100000, err);
        check::expect(!ok && err.s.find(c.field) == 0, std::string("profile with ") + c.what + " refused naming " + c.field,
                      ok ? "accepted" : err.s);
    }
    CVPGovernors gov;
    string err;
    check::expect(!gov.LoadProfileText(string(good), 0, err) && err.s.find("initialBalance") == 0, "initial balance 0 refused");
    check::expect(!gov.LoadProfileText(string("{\"id\":\"x\""), 1000, err) && err.s.find("not valid JSON") == 0,
                  "truncated profile refused as invalid JSON");
    VPGovDecision d;
    check::expect(!gov.Evaluate(VPGovEvent{}, d, err), "no events before a profile is loaded");
}

// The governors' enums: profile words <-> values (the order of each table is the enum's), actions ordered by
// severity, the mode each action puts the EA in.
static void enums() {
    struct Table { const char *name; std::string words; int count; } tables[] = {
        {"ENUM_VPG_DAILY_BASE", VPG_WORDS_DAILY_BASE.s, 2},     {"ENUM_VPG_DAILY_ANCHOR", VPG_WORDS_DAILY_ANCHOR.s, 3},
        {"ENUM_VPG_LIMIT_OUTCOME", VPG_WORDS_LIMIT_OUTCOME.s, 2}, {"ENUM_VPG_MAX_MODE", VPG_WORDS_MAX_MODE.s, 4},
        {"ENUM_VPG_NEWS_MODE", VPG_WORDS_NEWS_MODE.s, 2}};
    for (auto &t : tables) {
        bool ok = VPWordAt(string(t.words), t.count).s.empty() && VPWordIndex(string(t.words), string("Bogus")) < 0;
        for (int i = 0; i < t.count; i++) ok = ok && VPWordIndex(string(t.words), VPWordAt(string(t.words), i)) == i;
        check::expect(ok, std::string(t.name) + ": every profile word maps to its value and back " + t.words);
    }
    check::expect(VPG_DAILY_BASE_ANCHOR == VPWordIndex(VPG_WORDS_DAILY_BASE, string("ANCHOR")) &&
                      VPG_ANCHOR_HIGHER == VPWordIndex(VPG_WORDS_DAILY_ANCHOR, string("HIGHER_OF_BALANCE_AND_EQUITY")) &&
                      VPG_LIMIT_PAUSE == VPWordIndex(VPG_WORDS_LIMIT_OUTCOME, string("PAUSE_UNTIL_RESET")) &&
                      VPG_MAX_TRAILING_INTRADAY_EQUITY == VPWordIndex(VPG_WORDS_MAX_MODE, string("TRAILING_INTRADAY_EQUITY")) &&
                      VPG_NEWS_HAIRCUT == VPWordIndex(VPG_WORDS_NEWS_MODE, string("HAIRCUT")),
                  "profile words name the enum values they should");
    check::expect(VPG_ALLOW < VPG_BLOCK_NEW_ENTRIES && VPG_BLOCK_NEW_ENTRIES < VPG_PAUSE_UNTIL_RESET &&
                      VPG_PAUSE_UNTIL_RESET < VPG_FLATTEN_AND_HALT,
                  "ENUM_VPG_ACTION is ordered by severity (the most severe hit wins)");
    check::expect(VPGovModeOf(VPG_ALLOW) == VP_MODE_OK && VPGovModeOf(VPG_BLOCK_NEW_ENTRIES) == VP_MODE_BLOCKED &&
                      VPGovModeOf(VPG_PAUSE_UNTIL_RESET) == VP_MODE_PAUSED && VPGovModeOf(VPG_FLATTEN_AND_HALT) == VP_MODE_HALTED &&
                      VPGovActionName(VPG_FLATTEN_AND_HALT).s == "FLATTEN_AND_HALT" && VPGovActionName(VPG_ALLOW).s == "ALLOW",
                  "each action names itself as the Java engine does and puts the EA in its mode");
}

// Money in exact cents: the same conversion and integer percentages as Java's profile.Cents (CentsTest's cases)
static void cents() {
    double double_floor = 100000.80 - 5 / 100.0 * 100000.80;
    long initial = VPGCents(100000.80);
    long floor = initial - VPGPctOf(initial, 5, false);
    check::expect(double_floor > 95000.76 && floor == 9500076 && !(VPGCents(95000.76) < floor) && VPGCents(95000.75) < floor,
                  "issue 17: the floor 5 % below 100,000.80 is 95,000.76 to the cent (a double gave 95,000.76000000001)");
    check::expect(VPGCents(95000.76000000001) == 9500076 && VPGCents(95000.759999999) == 9500076 && VPGCents(0.125) == 13 &&
                      VPGCents(-0.125) == -12 && VPGCents(0.1 + 0.2) == 30 && VPGFromCents(9500076) == 95000.76,
                  "VPGCents: nearest cent, half up, as Java's Cents.of");
    check::expect(VPGPctOf(3333333, 3, false) == 99999 && VPGPctOf(3333333, 3, true) == 100000 &&
                      VPGPctOf(10000000, 5, false) == 500000 && VPGPctOf(10000000, 5, true) == 500000 &&
                      VPGPctOf(12345678, 0.5, true) == 61729 && VPGPctOf(-1001, 50, false) == -501 && VPGPctOf(1000, 0.000001, true) == 1,
                  "VPGPctOf: integer percentages rounded down (limits) or up (targets), as Java's Cents.pctOf");
    check::expect(VPGExactPct(4.7) && VPGExactPct(33.333333) && !VPGExactPct(33.3333333) && VPGExactCents(1000.01) &&
                      !VPGExactCents(1000.005), "percentages exact to 1e-6 %, amounts to the cent, or refused");
}

int main(int argc, char **argv) {
    std::string root = argc > 1 ? argv[1] : "../..";
    emu::quiet = true;
    std::vector<std::string> files = list_json(root + "/governors/scenarios");
    if (!check::expect(files.size() >= 10, "scenario files found in " + root + "/governors/scenarios (" +
                                                  std::to_string(files.size()) + ")"))
        return check::finish();
    int checkpoints = 0;
    for (auto &f : files) run_file(root, f, checkpoints);
    zones();
    bad_profiles(root);
    enums();
    cents();
    printf("governor scenarios: %zu file(s), %d checkpoint(s)\n", files.size(), checkpoints);
    return check::finish();
}
