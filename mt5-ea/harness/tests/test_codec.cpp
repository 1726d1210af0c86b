// Protocol golden vectors through the EA's own MQL5 codec (VProp/Protocol.mqh):
// valid/*.json decode, encode and compare equal by value; invalid/*.json yield exactly the code, field and
// ref_seq listed in invalid.tsv. Plus codec edge cases the vectors do not cover.
// usage: test_codec <repo-root>
#include <VProp/Protocol.mqh>

#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "check.h"

// Same JSON by value: numbers compare as doubles (1 == 1.0), objects by key set, arrays in order.
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
        VPMessage m;
        VPError e;
        if (!check::expect(dec.Decode(string(raw), (int)raw.size(), m, e), "valid/" + f + " decodes",
                           e.code.s + " " + e.field.s + " " + e.message.s))
            continue;
        types.push_back(m.type.s);
        string encoded = VPEncode(m);
        CJsonDoc a, b;
        a.Parse(string(raw));
        bool parsed = b.Parse(encoded);
        std::string why;
        check::expect(parsed && same_json(a, 0, b, 0, "$", why), "valid/" + f + " round-trips", why + " encoded=" + encoded.s);
        VPMessage again;
        bool ok = dec.Decode(encoded, StringLen(encoded), again, e);
        check::expect(ok && VPEncode(again) == encoded, "valid/" + f + " re-encodes identically");
    }
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    // the 14 types of docs/protocol.md §3 (VPIsKnownType), news included
    check::expect(types.size() == 14, "every message type has a valid vector (" + std::to_string(types.size()) + "/14)");
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
        VPMessage m;
        VPError e;
        bool ok = dec.Decode(string(raw), (int)raw.size(), m, e);
        std::string got = e.code.s + "|" + e.field.s + "|" + std::to_string(e.ref_seq);
        std::string want = col[1] + "|" + col[2] + "|" + col[3];
        check::expect(!ok && got == want, "invalid/" + col[0] + " -> " + want, "got " + (ok ? "accepted" : got));
        if (!ok && !col[2].empty())
            check::expect(e.message.s.find(col[2]) != std::string::npos, "invalid/" + col[0] + " message names the field",
                          e.message.s);
    }
    check::expect(rows > 30, "invalid.tsv lists the invalid vectors (" + std::to_string(rows) + ")");
}

static bool decode(const std::string &json, VPMessage &m, VPError &e) {
    CVPDecoder dec;
    return dec.Decode(string(json), (int)json.size(), m, e);
}

static void edge_cases() {
    VPMessage m;
    VPError e;
    // escapes survive a round trip
    VPClear(m);
    m.type = "error"; m.seq = 3; m.ts_ms = 1; m.code = "internal";
    m.message = "quote \" backslash \\ newline \n tab \t ctl \x01 end"; m.field = "a/b";
    string enc = VPEncode(m);
    VPMessage back;
    check::expect(decode(enc.s, back, e) && back.message == m.message && back.field == m.field,
                  "string escapes round-trip", enc.s);
    check::expect(decode(R"({"v":1,"type":"error","seq":1,"ts_ms":0,"code":"x","message":"\u00e9\u0041"})", back, e) &&
                      back.message.s == "\xc3\xa9" "A", "\\u escapes decode", back.message.s);
    // integers at the edges of long
    check::expect(decode(R"({"v":1,"type":"ack","seq":9223372036854775807,"ts_ms":0,"ack_seq":0})", back, e) &&
                      back.seq == 9223372036854775807L, "seq = Long.MAX_VALUE accepted");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":9223372036854775808,"ts_ms":0,"ack_seq":0})", back, e) &&
                      e.code.s == "wrong_type" && e.field.s == "seq", "seq beyond long is wrong_type", e.code.s);
    check::expect(!decode(R"({"v":1,"type":"ack","seq":2,"ts_ms":-1,"ack_seq":0})", back, e) && e.code.s == "out_of_range" &&
                      e.field.s == "ts_ms" && e.ref_seq == 2, "negative ts_ms is out_of_range with ref_seq");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1.0,"ts_ms":0,"ack_seq":0})", back, e) && e.code.s == "wrong_type" &&
                      e.field.s == "seq", "fractional seq is wrong_type");
    check::expect(!decode(R"({"v":2,"type":"tick","seq":1,"ts_ms":0})", back, e) && e.code.s == "unsupported_version",
                  "v=2 on a tick is unsupported_version");
    // a hello may carry a higher version
    check::expect(!decode(R"({"v":2,"type":"hello","seq":1,"ts_ms":0})", back, e) && e.code.s == "missing_field" &&
                      e.field.s == "versions", "v=2 hello passes the version check");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1,"ts_ms":0,"ack_seq":0,"resend":"yes"})", back, e) &&
                      e.code.s == "wrong_type" && e.field.s == "resend", "resend must be boolean");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":01,"ts_ms":0,"ack_seq":0})", back, e) && e.code.s == "malformed_json",
                  "leading zero is malformed");
    check::expect(!decode(R"({"v":1,"type":"ack","seq":1,"ts_ms":0,"ack_seq":0)", back, e) && e.code.s == "malformed_json",
                  "unterminated object is malformed");
    std::string deep(40, '[');
    check::expect(!decode(deep + std::string(40, ']'), back, e) && e.code.s == "malformed_json",
                  "nesting beyond 32 levels is rejected, not a crash");
    check::expect(decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":"X","bid":1,"ask":1,"time_msc":0,"extra":{"a":[1,2]}})",
                         back, e), "unknown extra fields are ignored");
    check::expect(!decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":"X","bid":-Infinity,"ask":1,"time_msc":0})",
                          back, e) && e.code.s == "non_finite" && e.field.s == "bid", "-Infinity is non_finite");
    check::expect(!decode(R"({"v":1,"type":"tick","seq":5,"ts_ms":0,"symbol":null,"bid":1,"ask":1,"time_msc":0})",
                          back, e) && e.code.s == "missing_field" && e.field.s == "symbol", "null counts as missing");
    check::expect(!decode(R"({"v":1,"type":"signal","seq":5,"ts_ms":0,"prev":0,"id":"a","kind":"close","symbol":"X","side":"buy","expiry_ms":1,"position":-3})",
                          back, e) && e.code.s == "out_of_range" && e.field.s == "position", "close signal with negative position");
    check::expect(decode(R"({"v":1,"type":"signal","seq":5,"ts_ms":0,"prev":0,"id":"a","kind":"close","symbol":"X","side":"buy","expiry_ms":1})",
                         back, e) && back.kind.s == "close" && back.lots == 0, "close signal needs no lots or price");
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

int main(int argc, char **argv) {
    std::string root = argc > 1 ? argv[1] : "../..";
    std::string vec = root + "/protocol/vectors";
    valid_vectors(vec + "/valid");
    invalid_vectors(vec + "/invalid", vec + "/invalid.tsv");
    edge_cases();
    return check::finish();
}
