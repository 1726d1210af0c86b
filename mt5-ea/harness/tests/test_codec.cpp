// Protocol golden vectors through the EA's own MQL5 codec (VProp/Protocol.mqh, VProp/Messages.mqh):
// valid/*.json decode into their type's struct, encode and compare equal by value; invalid/*.json yield exactly
// the code, field and ref_seq listed in invalid.tsv. Every enum's wire words: round trips, parity with the Java
// codec's word lists, unknown words refused naming the field. Plus codec edge cases the vectors do not cover.
// usage: test_codec <repo-root>
#include <VProp/Protocol.mqh>

#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <vector>

#include "check.h"
#include "messages.h"

// Same JSON by value: numbers compare as doubles (1 == 1.0), objects by key set, arrays in order.
// The message types the EA knows: the words of its type table (ENUM_VP_MSG_TYPE's values are their positions).
static int msg_types() {
    int n = 0;
    while (!VPWordAt(VP_WORDS_MSG_TYPE, n).s.empty()) n++;
    return n;
}

static bool same_json(CJsonDoc &a, int na, CJsonDoc &b, int nb, const std::string &path, std::string &why) {
    int ka = a.Kind(na), kb = b.Kind(nb);
    if (ka != kb) { why = path + ": kind " + std::to_string(ka) + " vs " + std::to_string(kb); return false; }
    switch (ka) {
    case VPJ_NUMBER:
        if (!(a.Num(na) == b.Num(nb))) { why = path + ": " + a.Str(na).s + " vs " + b.Str(nb).s; return false; }
        return true;
    case VPJ_STRING:
        if (a.Str(na) != b.Str(nb)) { why = path + ": '" + a.Str(na).s + "' vs '" + b.Str(nb).s + "'"; return false; }
        return true;
    case VPJ_BOOL:
        if (a.Bool(na) != b.Bool(nb)) { why = path + ": bool differs"; return false; }
        return true;
    case VPJ_ARRAY:
        if (a.Size(na) != b.Size(nb)) { why = path + ": array sizes differ"; return false; }
        for (int i = 0; i < a.Size(na); i++)
            if (!same_json(a, a.At(na, i), b, b.At(nb, i), path + "[" + std::to_string(i) + "]", why)) return false;
        return true;
    case VPJ_OBJECT:
        if (a.Size(na) != b.Size(nb)) { why = path + ": objects have different key counts"; return false; }
        for (int c = a.First(na); c >= 0; c = a.Next(c)) {
            int o = b.Find(nb, a.Key(c));
            if (o < 0) { why = path + "." + a.Key(c).s + ": missing after round trip"; return false; }
            if (!same_json(a, c, b, o, path + "." + a.Key(c).s, why)) return false;
        }
        return true;
    }
    return true;
}

static std::vector<std::string> list_dir(const std::string &dir) {
    std::vector<std::string> out;
    DIR *d = opendir(dir.c_str());
    if (!d) return out;
    while (dirent *e = readdir(d)) {
        std::string n = e->d_name;
        if (n.size() > 5 && n.substr(n.size() - 5) == ".json") out.push_back(n);
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

static void valid_vectors(const std::string &dir) {
    std::vector<std::string> files = list_dir(dir);
    check::expect(files.size() >= 13, "valid vectors present (" + std::to_string(files.size()) + ") in " + dir);
    std::vector<std::string> types;
    for (auto &f : files) {
        std::string raw;
        check::read_file(dir + "/" + f, raw);
        CVPDecoder dec;
        VPEnvelope env;
        VPError e;
        if (!check::expect(dec.Decode(string(raw), (int)raw.size(), env, e), "valid/" + f + " decodes",
                           wire(e.code) + " " + e.field.s + " " + e.message.s))
            continue;
        types.push_back(VPMsgTypeWire(env.type).s);
        string encoded;
        bool read = reencode(dec, env, encoded);
        CJsonDoc a, b;
        a.Parse(string(raw));
        bool parsed = read && b.Parse(encoded);
        std::string why;
        check::expect(parsed && same_json(a, 0, b, 0, "$", why), "valid/" + f + " round-trips through its " +
                      VPMsgTypeWire(env.type).s + " struct", why + " encoded=" + encoded.s);
        VPEnvelope again;
        string twice;
        bool ok = dec.Decode(encoded, StringLen(encoded), again, e) && reencode(dec, again, twice);
        check::expect(ok && twice == encoded, "valid/" + f + " re-encodes identically");
    }
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    // every type of docs/protocol.md §3 (ENUM_VP_MSG_TYPE), news and firm_state included
    check::expect(types.size() == (size_t)msg_types(), "every message type has a valid vector (" + std::to_string(types.size()) + "/" +
                                                        std::to_string(msg_types()) + ")");
}

static void invalid_vectors(const std::string &dir, const std::string &tsv) {
    std::string text;
    if (!check::expect(check::read_file(tsv, text), "invalid.tsv readable at " + tsv)) return;
    std::stringstream lines(text);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> col;
        std::stringstream ls(line);
        std::string c;
        while (std::getline(ls, c, '\t')) col.push_back(c);
        while (col.size() < 4) col.push_back("");
        rows++;
        std::string raw;
        if (!check::expect(check::read_file(dir + "/" + col[0], raw), "invalid/" + col[0] + " exists")) continue;
        CVPDecoder dec;
        VPEnvelope m;
        VPError e;
        bool ok = dec.Decode(string(raw), (int)raw.size(), m, e);
        std::string got = wire(e.code) + "|" + e.field.s + "|" + std::to_string(e.ref_seq);
        std::string want = col[1] + "|" + col[2] + "|" + col[3];
        check::expect(!ok && got == want, "invalid/" + col[0] + " -> " + want, "got " + (ok ? "accepted" : got));
        if (!ok && !col[2].empty())
            check::expect(e.message.s.find(col[2]) != std::string::npos, "invalid/" + col[0] + " message names the field",
                          e.message.s);
    }
    check::expect(rows > 30, "invalid.tsv lists the invalid vectors (" + std::to_string(rows) + ")");
}

static CVPDecoder g_dec;  // the decoder of the last decode(): Read() hands out that message's payload
static bool decode(const std::string &json, VPEnvelope &env, VPError &e) {
    return g_dec.Decode(string(json), (int)json.size(), env, e);
}
template <typename M> static bool decode(const std::string &json, VPEnvelope &env, M &m, VPError &e) {
    return decode(json, env, e) && g_dec.Read(m);
}

static void edge_cases() {
    VPEnvelope env;
    VPError e;
    VPErrorMsg back;
    // escapes survive a round trip
    {
        VPEnvelope h;
        h.seq = 3;
        h.ts_ms = 1;
        VPErrorMsg m;
        m.code = VP_ERR_INTERNAL;
        m.message = "quote \" backslash \\ newline \n tab \t ctl \x01 end";
        m.field = "a/b";
        string enc = VPEncode(h, m);
        check::expect(decode(enc.s, env, back, e) && back.message == m.message && back.field == m.field &&
                          back.code == VP_ERR_INTERNAL && env.seq == 3,
                      "string escapes round-trip", enc.s);
    }
    check::expect(decode(R"({"v":1,"type":"error","seq":1,"ts_ms":0,"code":"x","message":"\u00e9\u0041"})", env, back, e) &&
                      back.message.s == "\xc3\xa9" "A", "\\u escapes decode", back.message.s);
    // integers at the edges of long
    check::expect(decode(R"({"v":1,"type":"ack","seq":9223372036854775807,"ts_ms":0,"ack_seq":0})", env, e) &&
                      env.seq == 9223372036854775807L, "seq = Long.MAX_VALUE accepted");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":9223372036854775808,"ts_ms":0,"ack_seq":0})", env, e) &&
                      e.code == VP_ERR_WRONG_TYPE && e.field.s == "seq", "seq beyond long is wrong_type", wire(e.code));
    check::expect(!decode(R"({"v":1,"type":"ack","seq":2,"ts_ms":-1,"ack_seq":0})", env, e) && e.code == VP_ERR_OUT_OF_RANGE &&
                      e.field.s == "ts_ms" && e.ref_seq == 2, "negative ts_ms is out_of_range with ref_seq");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1.0,"ts_ms":0,"ack_seq":0})", env, e) && e.code == VP_ERR_WRONG_TYPE &&
                      e.field.s == "seq", "fractional seq is wrong_type");
    check::expect(!decode(R"({"v":2,"type":"tick","seq":1,"ts_ms":0})", env, e) && e.code == VP_ERR_UNSUPPORTED_VERSION,
                  "v=2 on a tick is unsupported_version");
    // a hello may carry a higher version
    check::expect(!decode(R"({"v":2,"type":"hello","seq":1,"ts_ms":0})", env, e) && e.code == VP_ERR_MISSING_FIELD &&
                      e.field.s == "versions", "v=2 hello passes the version check");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1,"ts_ms":0,"ack_seq":0,"resend":"yes"})", env, e) &&
                      e.code == VP_ERR_WRONG_TYPE && e.field.s == "resend", "resend must be boolean");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":01,"ts_ms":0,"ack_seq":0})", env, e) && e.code == VP_ERR_MALFORMED_JSON,
                  "leading zero is malformed");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1,"ts_ms":0,"ack_seq":0)", env, e) && e.code == VP_ERR_MALFORMED_JSON,
                  "unterminated object is malformed");
    std::string deep(40, '[');
    check::expect(!decode(deep + std::string(40, ']'), env, e) && e.code == VP_ERR_MALFORMED_JSON,
                  "nesting beyond 32 levels is rejected, not a crash");
    check::expect(decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":"X","bid":1,"ask":1,"time_msc":0,"extra":{"a":[1,2]}})",
                         env, e), "unknown extra fields are ignored");
    check::expect(!decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":"X","bid":-Infinity,"ask":1,"time_msc":0})",
                          env, e) && e.code == VP_ERR_NON_FINITE && e.field.s == "bid", "-Infinity is non_finite");
    check::expect(!decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":null,"bid":1,"ask":1,"time_msc":0})",
                          env, e) && e.code == VP_ERR_MISSING_FIELD && e.field.s == "symbol", "null counts as missing");
    check::expect(!decode(R"({"v":1,"type":"signal","seq":5,"ts_ms":0,"prev":0,"id":"a","kind":"close","symbol":"X","side":"buy","expiry_ms":1,"position":-3})",
                          env, e) && e.code == VP_ERR_OUT_OF_RANGE && e.field.s == "position", "close signal with negative position");
    VPSignalMsg sig;
    check::expect(decode(R"({"v":1,"type":"signal","seq":5,"ts_ms":0,"prev":0,"id":"a","kind":"close","symbol":"X","side":"sell","expiry_ms":1})",
                         env, sig, e) && sig.kind == VP_SIGNAL_CLOSE && sig.side == VP_SIDE_SELL && sig.lots == 0,
                  "close signal needs no lots or price");
    check::expect(decode(R"({"v":1,"type":"signal","seq":5,"ts_ms":0,"prev":0,"id":"a","symbol":"X","side":"buy","lots":1,"price":1.1,"expiry_ms":1})",
                         env, sig, e) && sig.kind == VP_SIGNAL_OPEN, "a signal without kind is an open");
    // the payload is handed out as the struct of the message's type only
    VPTickMsg tick;
    VPAckMsg ack;
    check::expect(decode(R"({"v":1,"type":"ack","seq":7,"ts_ms":0,"ack_seq":6})", env, ack, e) && ack.ack_seq == 6 &&
                      env.type == VP_MSG_ACK && !g_dec.Read(tick),
                  "Read() gives the payload as the struct of its type, and refuses another type");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":7,"ts_ms":0})", env, e) && !g_dec.Read(ack),
                  "Read() gives nothing after a refused message");
    check::expect(decode(R"({"v":1,"type":"heartbeat","seq":8,"ts_ms":5})", env, e) && env.type == VP_MSG_HEARTBEAT &&
                      VPEncodeHeartbeat(env).s == R"({"v":1,"type":"heartbeat","seq":8,"ts_ms":5})",
                  "a heartbeat is the envelope alone");
    {
        // the body decides the type written; prev only for reliable types
        VPEnvelope h;
        h.type = VP_MSG_TICK;
        h.seq = 9;
        h.prev = 4;
        VPSignalAckMsg a;
        a.signal_id = "s-1";
        a.status = VP_ACK_EXECUTED;
        std::string enc = VPEncode(h, a).s;
        check::expect(enc.find(R"("type":"signal_ack","seq":9,"ts_ms":0,"prev":4,)") != std::string::npos &&
                          enc.find(R"("status":"executed")") != std::string::npos,
                      "an encoder writes its body's type and the envelope's prev", enc);
        VPTickMsg t;
        enc = VPEncode(h, t).s;
        check::expect(enc.find("prev") == std::string::npos, "no prev on a non-reliable type", enc);
    }
    // numbers written by the EA read back exactly
    double samples[] = {1.08524, 1e-05, 100000.0, 0.1 + 0.2, -12.5, 123456789.123456789, 5e-324, 1.7976931348623157e308};
    bool all = true;
    std::string bad;
    for (double d : samples) {
        string t = JsonNumber(d);
        if (StringToDouble(t) != d) { all = false; bad += t.s + " "; }
    }
    check::expect(all, "JsonNumber round-trips doubles exactly", bad);
}


// ------------------------------------------------------------------------------------------------ enums
// Every value of an enum -> its wire word -> the same value; words distinct; a word outside the list refused.
template <typename E> static void round_trip(const char *name, int count, string (*to_wire)(E), bool (*parse)(const string &, E &),
                                             const std::string &table) {
    bool ok = true;
    std::string bad, words = "|";
    std::set<std::string> seen;
    for (int i = 0; i < count; i++) {
        E v = (E)i;
        std::string w = to_wire(v).s;
        E back = (E)(count - 1 - i);  // anything but v, unless v is that one
        if (!parse(string(w), back) || back != v || !seen.insert(w).second) { ok = false; bad += std::to_string(i) + "='" + w + "' "; }
        words += w + "|";
    }
    check::expect(ok && words == table, std::string(name) + ": each of its " + std::to_string(count) +
                  " values round-trips through its own wire word", bad + words);
    E untouched = (E)0;
    bool empty_is_a_word = table.find("||") == 0;  // ENUM_VP_FILL_REASON: "" is VP_FILL_REASON_NONE
    check::expect(!parse(string("bogus"), untouched) && !parse(string("buy|sell"), untouched) &&
                      parse(string(""), untouched) == empty_is_a_word && VPWordAt(string(table), count).s.empty() &&
                      VPWordAt(string(table), -1).s.empty(),
                  std::string(name) + ": an unknown word parses to nothing, a value beyond the list has no word");
}

// The word lists of the Java codec (the reference both sides implement), read from its sources.
static std::vector<std::string> java_list(const std::string &src, const std::string &name) {
    std::vector<std::string> out;
    std::smatch m;
    if (!std::regex_search(src, m, std::regex("\\b" + name + R"(\s*=\s*List\.of\(([^)]*)\))"))) return out;
    std::string inner = m[1];
    std::regex word(R"re("([^"]*)")re");
    for (auto it = std::sregex_iterator(inner.begin(), inner.end(), word); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}
static std::string bars(const std::vector<std::string> &words) {
    std::string s = "|";
    for (auto &w : words) s += w + "|";
    return s;
}

static void enum_words(const std::string &root) {
    round_trip<ENUM_VP_MSG_TYPE>("ENUM_VP_MSG_TYPE", msg_types(), VPMsgTypeWire, VPMsgTypeParse, VP_WORDS_MSG_TYPE.s);
    round_trip<ENUM_VP_ORDER_TYPE>("ENUM_VP_ORDER_TYPE", 5, VPOrderTypeWire, VPOrderTypeParse, VP_WORDS_ORDER_TYPE.s);
    round_trip<ENUM_VP_ORDER_STATE>("ENUM_VP_ORDER_STATE", 6, VPOrderStateWire, VPOrderStateParse, VP_WORDS_ORDER_STATE.s);
    round_trip<ENUM_VP_SIDE>("ENUM_VP_SIDE", 2, VPSideWire, VPSideParse, VP_WORDS_SIDE.s);
    round_trip<ENUM_VP_SIGNAL_KIND>("ENUM_VP_SIGNAL_KIND", 2, VPSignalKindWire, VPSignalKindParse, VP_WORDS_SIGNAL_KIND.s);
    round_trip<ENUM_VP_ACK_STATUS>("ENUM_VP_ACK_STATUS", 3, VPAckStatusWire, VPAckStatusParse, VP_WORDS_ACK_STATUS.s);
    round_trip<ENUM_VP_FILL_ENTRY>("ENUM_VP_FILL_ENTRY", 3, VPFillEntryWire, VPFillEntryParse, VP_WORDS_FILL_ENTRY.s);
    round_trip<ENUM_VP_BALANCE_KIND>("ENUM_VP_BALANCE_KIND", 8, VPBalanceKindWire, VPBalanceKindParse, VP_WORDS_BALANCE_KIND.s);
    round_trip<ENUM_VP_FILL_REASON>("ENUM_VP_FILL_REASON", 9, VPFillReasonWire, VPFillReasonParse, VP_WORDS_FILL_REASON.s);
    round_trip<ENUM_VP_MARGIN_MODE>("ENUM_VP_MARGIN_MODE", 2, VPMarginModeWire, VPMarginModeParse, VP_WORDS_MARGIN_MODE.s);
    round_trip<ENUM_VP_GOV_MODE>("ENUM_VP_GOV_MODE", 4, VPGovModeWire, VPGovModeParse, VP_WORDS_GOV_MODE.s);
    round_trip<ENUM_VP_RULE_STATUS>("ENUM_VP_RULE_STATUS", 3, VPRuleStatusWire, VPRuleStatusParse, VP_WORDS_RULE_STATUS.s);
    round_trip<ENUM_VP_CONTROL_ACTION>("ENUM_VP_CONTROL_ACTION", 5, VPControlActionWire, VPControlActionParse, VP_WORDS_CONTROL_ACTION.s);
    round_trip<ENUM_VP_CONTROL_STATUS>("ENUM_VP_CONTROL_STATUS", 2, VPControlStatusWire, VPControlStatusParse, VP_WORDS_CONTROL_STATUS.s);
    round_trip<ENUM_VP_IMPACT>("ENUM_VP_IMPACT", 3, VPImpactWire, VPImpactParse, VP_WORDS_IMPACT.s);
    round_trip<ENUM_VP_ERROR_CODE>("ENUM_VP_ERROR_CODE", 15, VPErrorCodeWire, VPErrorCodeParse, VP_WORDS_ERROR_CODE.s);
    {
        const ENUM_TIMEFRAMES all[] = {PERIOD_M1, PERIOD_M5, PERIOD_M15, PERIOD_M30, PERIOD_H1, PERIOD_H4, PERIOD_D1};
        bool ok = true;
        std::string words;
        for (ENUM_TIMEFRAMES tf : all) {
            ENUM_TIMEFRAMES back = PERIOD_CURRENT, lower = PERIOD_CURRENT, prefixed = PERIOD_CURRENT;
            std::string w = VPTimeframeWire(tf).s, low = w;
            for (auto &c : low) c = (char)tolower(c);
            ok = ok && VPTimeframeParse(string(w), back) && back == tf && VPTimeframeParse(string(" " + low + " "), lower) &&
                 lower == tf && VPTimeframeParse(string("PERIOD_" + w), prefixed) && prefixed == tf;
            words += w + " ";
        }
        check::expect(ok && words == "M1 M5 M15 M30 H1 H4 D1 ", "ENUM_TIMEFRAMES: M1..D1 round-trip (any case, PERIOD_ prefix)", words);
        ENUM_TIMEFRAMES tf = PERIOD_M1;
        check::expect(!VPTimeframeParse(string("M2"), tf) && !VPTimeframeParse(string(""), tf) && !VPTimeframeParse(string("PERIOD_"), tf) &&
                          tf == PERIOD_M1 && VPTimeframeWire(PERIOD_CURRENT).s.empty(),
                      "ENUM_TIMEFRAMES: a timeframe the protocol lacks parses to nothing");
    }
    check::expect(VPWordAt(string("|a|b|"), 2).s.empty() && VPWordAt(string("|a|b|"), 1).s == "b" &&
                      VPWordIndex(string("|ab|b|"), string("b")) == 1 && VPWordIndex(string("|a|b|"), string("a|b")) == -1,
                  "word tables: index and word, no partial matches");

    // the same words as the Java codec, in the same order
    std::string codec, payload, types, codes;
    std::string pdir = root + "/protocol/src/main/java/io/vprop/protocol/";
    bool read = check::read_file(pdir + "ProtocolCodec.java", codec) && check::read_file(pdir + "Payload.java", payload) &&
                check::read_file(pdir + "MessageType.java", types) && check::read_file(pdir + "ErrorCode.java", codes);
    if (!check::expect(read, "the Java codec's sources are readable under " + pdir)) return;
    struct { const char *java; const std::string *src; std::string ours; } lists[] = {
        {"SIDES", &payload, VP_WORDS_SIDE.s},           {"IMPACTS", &payload, VP_WORDS_IMPACT.s},
        {"KINDS", &payload, VP_WORDS_BALANCE_KIND.s},
        {"KINDS", &codec, VP_WORDS_SIGNAL_KIND.s},       {"ENTRIES", &codec, VP_WORDS_FILL_ENTRY.s},
        {"STATUSES", &codec, VP_WORDS_ACK_STATUS.s},     {"MARGIN_MODES", &codec, VP_WORDS_MARGIN_MODE.s},
        {"MODES", &codec, VP_WORDS_GOV_MODE.s},          {"RULE_STATUSES", &codec, VP_WORDS_RULE_STATUS.s},
        {"ACTIONS", &payload, VP_WORDS_CONTROL_ACTION.s}, {"STATUSES", &payload, VP_WORDS_CONTROL_STATUS.s},
        {"ORDER_TYPES", &payload, VP_WORDS_ORDER_TYPE.s}, {"TYPES", &payload, VP_WORDS_PENDING_TYPE.s},
        {"STATES", &payload, VP_WORDS_ORDER_STATE.s}};
    for (auto &l : lists) {
        std::string java = bars(java_list(*l.src, l.java));
        check::expect(java == l.ours, std::string("words of Java's ") + l.java + " = the EA's " + l.ours, "Java: " + java);
    }
    std::vector<std::string> jtypes, jreliable, ereliable;
    std::regex type_re(R"re([A-Z_]+\("([a-z_]+)",\s*(true|false)\))re");
    for (auto it = std::sregex_iterator(types.begin(), types.end(), type_re); it != std::sregex_iterator(); ++it) {
        jtypes.push_back((*it)[1]);
        if ((*it)[2] == "true") jreliable.push_back((*it)[1]);
    }
    for (int i = 0; i < msg_types(); i++)
        if (VPIsReliable((ENUM_VP_MSG_TYPE)i)) ereliable.push_back(VPMsgTypeWire((ENUM_VP_MSG_TYPE)i).s);
    check::expect(bars(jtypes) == VP_WORDS_MSG_TYPE.s && bars(jreliable) == bars(ereliable),
                  "message types and the reliable ones = Java's MessageType", bars(jtypes) + " reliable " + bars(jreliable));
    std::vector<std::string> jcodes;
    std::regex code_re(R"(^\s{4}([A-Z_]+)[,;])");
    std::stringstream lines(codes);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, code_re)) {
            std::string w = m[1];
            for (auto &c : w) c = (char)tolower(c);
            jcodes.push_back(w);
        }
    }
    jcodes.push_back("other");  // the EA's name for a code it does not know
    check::expect(bars(jcodes) == VP_WORDS_ERROR_CODE.s, "error codes = Java's ErrorCode (+ other)", bars(jcodes));
}

// A word outside its enum's list, in any message, is refused with out_of_range naming the field and the words.
static void unknown_words(const std::string &vec) {
    struct Case { const char *file, *key, *value, *field, *words; } cases[] = {
        {"signal.json", "side", "buy", "side", "|buy|sell|"},
        {"signal.json", "kind", "open", "kind", "|open|close|"},
        {"signal_ack.json", "status", "executed", "status", "|accepted|rejected|executed|"},
        {"fill.json", "entry", "in", "entry", "|in|out|inout|"},
        {"fill.json", "side", "buy", "side", "|buy|sell|"},
        {"balance.json", "kind", "payout", "kind", "|deposit|withdrawal|payout|credit|bonus|correction|charge|commission|"},
        {"hello.json", "margin_mode", "hedging", "margin_mode", "|netting|hedging|"},
        {"governor_state.json", "mode", "ok", "mode", "|ok|blocked|halted|paused|"},
        {"governor_state.json", "status", "ok", "rules[0].status", "|ok|warning|breach|"},
        {"account.json", "side", "buy", "positions[0].side", "|buy|sell|"},
        {"news.json", "impact", "high", "impact", "|low|medium|high|"},
        {"signal_pending.json", "order_type", "buy_limit", "order_type", "|market|buy_limit|sell_limit|buy_stop|sell_stop|"},
        {"order.json", "state", "placed", "state", "|placed|modified|cancelled|expired|filled|rejected|"},
        {"order.json", "order_type", "buy_limit", "order_type", "|buy_limit|sell_limit|buy_stop|sell_stop|"},
        {"account_orders.json", "order_type", "buy_limit", "orders[0].order_type", "|buy_limit|sell_limit|buy_stop|sell_stop|"},
        {"bar.json", "timeframe", "M1", "timeframe", "M1 M5 M15 M30 H1 H4 D1"},
    };
    for (auto &c : cases) {
        std::string raw;
        check::read_file(vec + "/valid/" + c.file, raw);
        std::regex field(std::string("\"") + c.key + R"re("(\s*):(\s*)")re" + c.value + "\"");
        std::string bad = std::regex_replace(raw, field, std::string("\"") + c.key + "\"$1:$2\"Bogus\"",
                                             std::regex_constants::format_first_only);
        CVPDecoder dec;
        VPEnvelope env;
        VPError e;
        bool ok = dec.Decode(string(bad), (int)bad.size(), env, e);
        check::expect(bad != raw && !ok && e.code == VP_ERR_OUT_OF_RANGE && e.field.s == c.field &&
                          e.message.s.find("'Bogus'") != std::string::npos && e.message.s.find(c.words) != std::string::npos,
                      std::string("unknown word in ") + c.file + " " + c.field + " -> out_of_range naming the field and the words",
                      ok ? "accepted" : wire(e.code) + " " + e.field.s + ": " + e.message.s);
    }
    {
        std::string raw;
        check::read_file(vec + "/valid/tick.json", raw);
        std::string bad = std::regex_replace(raw, std::regex(R"re("type"(\s*):(\s*)"tick")re"), "\"type\"$1:$2\"Tick\"");
        CVPDecoder dec;
        VPEnvelope env;
        VPError e;
        check::expect(!dec.Decode(string(bad), (int)bad.size(), env, e) && e.code == VP_ERR_UNKNOWN_TYPE && e.field.s == "type" &&
                          e.message.s.find("'Tick'") != std::string::npos,
                      "an unknown message type -> unknown_type naming the word (case matters)", wire(e.code) + " " + e.message.s);
    }
    // open text in the Java codec, so never an error here either: unknown words become *_OTHER
    Got<VPErrorMsg> err;
    check::expect(decode_as(R"({"v":1,"type":"error","seq":1,"ts_ms":0,"code":"brand_new","message":"m"})", VP_MSG_ERROR, err) &&
                      err.code == VP_ERR_OTHER,
                  "an error code this EA does not know is accepted as VP_ERR_OTHER (never answered with an error)");
    Got<VPFillMsg> fill;
    std::string raw;
    check::read_file(vec + "/valid/fill.json", raw);
    std::string other = std::regex_replace(raw, std::regex(R"re("reason"(\s*):(\s*)"expert")re"), "\"reason\"$1:$2\"margin_call\"");
    check::expect(other != raw && decode_as(other, VP_MSG_FILL, fill) && fill.reason == VP_FILL_REASON_OTHER,
                  "a fill reason this EA does not know is accepted as VP_FILL_REASON_OTHER (open text, as in Java)");
}

int main(int argc, char **argv) {
    std::string root = argc > 1 ? argv[1] : "../..";
    std::string vec = root + "/protocol/vectors";
    valid_vectors(vec + "/valid");
    invalid_vectors(vec + "/invalid", vec + "/invalid.tsv");
    edge_cases();
    enum_words(root);
    unknown_words(vec);
    return check::finish();
}
