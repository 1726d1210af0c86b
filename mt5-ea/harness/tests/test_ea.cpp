// The whole EA (VPropEA.mq5 with its includes) against a scripted sidecar on a real ZeroMQ ROUTER, with the
// emulated terminal and an emulated clock: hello/welcome, streaming, a signal executed once, fills, acks,
// duplicates, gaps, hello_required, resends, the governors' halt, the silent-sidecar fail-safe, a restart.
// usage: test_ea <repo-root>
#include <Experts/VProp/VPropEA.mq5>

#include <unistd.h>

#include <thread>

#include "check.h"
#include "messages.h"
#include "router.h"

static TestRouter router;
static std::string peer;
static std::vector<RouterMsg> seen;  // everything the EA sent, in order
static long sidecar_seq = 100;

// Messages sent to the EA and messages the EA read off its socket (every zmq_recv of the EA's socket goes through
// __wrap_zmq_recv: the Makefile links test_ea with --wrap=zmq_recv). ZeroMQ delivery is asynchronous even on loopback,
// and "the socket is readable" says nothing of a second message sent while the first is unread: without the count a
// signal sent right behind a news message could still be in flight through every round of a pump (a loaded machine).
static long sent_to_ea = 0, read_by_ea = 0;
static long ea_socket = 0;
extern "C" int __real_zmq_recv(void *socket, void *buf, size_t len, int flags);
extern "C" int __wrap_zmq_recv(void *socket, void *buf, size_t len, int flags) {
    int n = __real_zmq_recv(socket, buf, len, flags);
    if (n >= 0 && (long)socket == g_session.SocketHandle()) read_by_ea++;
    return n;
}

// before a round: what was sent to the EA and not read yet must be readable on its socket (up to 1 s); a new socket
// (the EA reopened it) or a message that never comes (the EA was not listening) forgets the difference
static void await_sent() {
    long handle = g_session.SocketHandle();
    if (handle != ea_socket) {
        ea_socket = handle;
        read_by_ea = sent_to_ea;
    }
    if (read_by_ea < sent_to_ea && handle != 0 && !socket_readable(handle, 1000)) read_by_ea = sent_to_ea;
}

// sends as the sidecar; the next round waits until it can be read (await_sent)
static void to_ea(const std::string &body) {
    if (g_session.SocketHandle() != ea_socket) await_sent();   // count from the socket the message goes to
    router.send(peer, body);
    sent_to_ea++;
    socket_readable(g_session.SocketHandle(), 1000);
}

static void pump(int rounds, long advance_ms = 20) {
    for (int i = 0; i < rounds; i++) {
        await_sent();
        emu::clock_ms += advance_ms;
        OnTimer();
        while (!emu::transactions.empty()) {
            MqlTradeTransaction t = emu::transactions.front();
            emu::transactions.erase(emu::transactions.begin());
            MqlTradeRequest rq{};
            MqlTradeResult rs{};
            OnTradeTransaction(t, rq, rs);
        }
        for (auto &m : router.drain(2)) {
            peer = m.peer;
            seen.push_back(m);
        }
    }
    // let what the last timer sent arrive (TCP on loopback is fast, but asynchronous)
    for (std::vector<RouterMsg> more = router.drain(50); !more.empty(); more = router.drain(50))
        for (auto &m : more) {
            peer = m.peer;
            seen.push_back(m);
        }
}

// What the EA sent since `from`, of one type, as that type's struct (with its envelope in .env).
template <typename M> static std::vector<Got<M>> of_type(ENUM_VP_MSG_TYPE type, size_t from = 0) {
    std::vector<Got<M>> out;
    for (size_t i = from; i < seen.size(); i++) {
        Got<M> m;
        if (decode_as(seen[i].body, type, m)) out.push_back(m);
    }
    return out;
}
static std::vector<Got<VPHelloMsg>> hellos_since(size_t from = 0) { return of_type<VPHelloMsg>(VP_MSG_HELLO, from); }
static std::vector<Got<VPSignalAckMsg>> acks_since(size_t from) { return of_type<VPSignalAckMsg>(VP_MSG_SIGNAL_ACK, from); }
static std::vector<Got<VPErrorMsg>> errors_since(size_t from) { return of_type<VPErrorMsg>(VP_MSG_ERROR, from); }
static std::vector<Got<VPGovernorStateMsg>> states_since(size_t from = 0) {
    return of_type<VPGovernorStateMsg>(VP_MSG_GOVERNOR_STATE, from);
}

// Waits (real time, up to 2 s) until the EA has sent a message of `type` since `from`, without running the EA:
// a new DEALER's first messages may take a while on a loaded machine.
static void await_sent(ENUM_VP_MSG_TYPE type, size_t from) {
    for (int i = 0; i < 40; i++) {
        CVPDecoder dec;
        for (size_t k = from; k < seen.size(); k++) {
            VPEnvelope env;
            VPError e;
            if (dec.Decode(string(seen[k].body), (int)seen[k].body.size(), env, e) && env.type == type) return;
        }
        for (auto &m : router.drain(50)) {
            peer = m.peer;
            seen.push_back(m);
        }
    }
}

static std::string sidecar_account(long seq, long prev) {
    return "{\"v\":1,\"type\":\"account\",\"seq\":" + std::to_string(seq) + ",\"ts_ms\":1,\"prev\":" + std::to_string(prev) +
           ",\"balance\":1,\"equity\":1,\"margin\":0,\"free_margin\":1,\"positions\":[]}";
}

static bool all_valid(std::string &bad) {
    CVPDecoder dec;
    for (auto &s : seen) {
        VPEnvelope m;
        VPError e;
        if (!dec.Decode(string(s.body), (int)s.body.size(), m, e)) { bad = wire(e.code) + " " + e.message.s + " in " + s.body; return false; }
    }
    return true;
}

static std::string welcome(long ack_seq) {
    return "{\"v\":1,\"type\":\"welcome\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1,\"version\":1,"
           "\"session\":\"s-1\",\"ack_seq\":" + std::to_string(ack_seq) + ",\"heartbeat_ms\":1000,\"stale_ms\":5000}";
}

static long last_signal_seq = 0;
static std::string signal_json(const std::string &id, long seq, long prev, double price, bool resend = false,
                               const std::string &side = "buy", double lots = 0.1) {
    double sl = side == "buy" ? price - 0.005 : price + 0.005;
    double tp1 = side == "buy" ? price + 0.003 : price - 0.003;
    double tp2 = side == "buy" ? price + 0.006 : price - 0.006;
    char b[1024];
    snprintf(b, sizeof b,
             "{\"v\":1,\"type\":\"signal\",\"seq\":%ld,\"ts_ms\":1,\"prev\":%ld,%s\"id\":\"%s\",\"kind\":\"open\","
             "\"symbol\":\"EURUSD\",\"side\":\"%s\",\"lots\":%.2f,\"price\":%.5f,\"max_deviation\":0.0005,\"sl\":%.5f,"
             "\"tp1\":%.5f,\"tp2\":%.5f,\"expiry_ms\":%ld}",
             seq, prev, resend ? "\"resend\":true," : "", id.c_str(), side.c_str(), lots, price, sl, tp1, tp2,
             emu::now_ms() + 60000);
    return b;
}

static std::string control_json(const std::string &id, long seq, long prev, const std::string &action, long position = 0,
                                const std::string &symbol = "", bool resend = false) {
    char b[512];
    snprintf(b, sizeof b,
             "{\"v\":1,\"type\":\"control\",\"seq\":%ld,\"ts_ms\":1,\"prev\":%ld,%s\"id\":\"%s\",\"action\":\"%s\","
             "\"position\":%ld,\"symbol\":\"%s\",\"reason\":\"harness: %s\",\"time_ms\":%ld}",
             seq, prev, resend ? "\"resend\":true," : "", id.c_str(), action.c_str(), position, symbol.c_str(), action.c_str(),
             emu::now_ms());
    return b;
}
static std::vector<Got<VPControlAckMsg>> control_acks_since(size_t from) {
    return of_type<VPControlAckMsg>(VP_MSG_CONTROL_ACK, from);
}
static std::string cack(const std::vector<Got<VPControlAckMsg>> &a) {
    std::string out;
    for (auto &x : a) out += x.control_id.s + " " + VPControlStatusWire(x.status).s + " closed=" + std::to_string(x.closed) +
                             " cancelled=" + std::to_string(x.cancelled) + " (" + x.reason.s + "); ";
    return out.empty() ? "no control_ack" : out;
}
static int requests_of(const std::string &op) {
    int n = 0;
    for (auto &r : emu::requests) n += r.op == op && r.retcode == TRADE_RETCODE_DONE;
    return n;
}

static std::string ack(long ack_seq) {
    return "{\"v\":1,\"type\":\"ack\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1,\"ack_seq\":" +
           std::to_string(ack_seq) + ",\"echo_seq\":0}";
}

static int opens() {
    int n = 0;
    for (auto &r : emu::requests) n += r.op == "open" && r.retcode == TRADE_RETCODE_DONE;
    return n;
}

static void setup_world(const std::string &root) {
    emu::reset();
    emu::quiet = true;
    emu::files_dir = "build/Files-ea-" + std::to_string(getpid());
    system(("rm -rf " + emu::files_dir + " && mkdir -p " + emu::files_dir + "/VProp/profiles && cp " + root +
            "/governors/src/main/resources/io/vprop/governors/profiles/*.json " + emu::files_dir + "/VProp/profiles/")
               .c_str());
    emu::Symbol &s = emu::sym("EURUSD");
    s.stops_level = 10;
    for (int d = 1; d <= 5; d++) s.sessions[d].push_back({0, 86400});
    emu::sym("GBPUSD").base = "GBP";
    emu::set_quote("EURUSD", 1.08500, 1.08510);
    emu::set_quote("GBPUSD", 1.27000, 1.27015);
    MqlRates bar{};
    bar.time = 1700007000;
    bar.open = 1.0849; bar.high = 1.0853; bar.low = 1.0848; bar.close = 1.0851; bar.tick_volume = 42; bar.spread = 10;
    emu::sym("EURUSD").bars[0] = {bar, bar};
    emu::sym("EURUSD").bars[0][1].time += 60;
    InpSymbols = "EURUSD,GBPUSD";
    InpTimeframes = "M1";
    InpFirmProfile = "ftmo-2step";
    InpTerminalName = "Harness Terminal";
}

// One deal of the seeded history, server time from UTC (as MT5 stores deal times).
static void seed_trade(long position, bool in, double profit, long utc_ms) {
    emu::Deal d{};
    d.ticket = emu::next_ticket++;
    d.position = (ulong)position;
    d.symbol = "EURUSD";
    d.type = DEAL_TYPE_BUY;
    d.entry = in ? DEAL_ENTRY_IN : DEAL_ENTRY_OUT;
    d.volume = 1;
    d.price = 1.085;
    d.profit = profit;
    d.time_msc = utc_ms + emu::server_offset_s * 1000;
    emu::deals.push_back(d);
}

// Starts a fresh EA instance (its own state dir) on the seeded history and welcomes it; returns its firm_state.
static std::vector<Got<VPFirmStateMsg>> attach_fresh(const std::string &name, size_t &mark) {
    InpTerminalName = string(name);
    mark = seen.size();
    check::expect(OnInit() == INIT_SUCCEEDED, name + ": OnInit");
    pump(3);
    to_ea(welcome(0));
    pump(5);
    return of_type<VPFirmStateMsg>(VP_MSG_FIRM_STATE, mark);
}

// State on attach: an account found up mid-challenge, and one whose history does not reach back to its deposit.
static void attach_tests() {
    long day = 86400000L;
    long now = emu::now_ms();
    emu::positions.clear();
    emu::deals.clear();
    emu::seed_deposit(100000, now - 3 * day);
    seed_trade(501, true, 0, now - 2 * day);
    seed_trade(501, false, 3000, now - 2 * day + 3600000);
    emu::account.balance = 103000;
    size_t mark;
    auto firm = attach_fresh("Attach_Up", mark);
    check::expect(firm.size() == 1 && firm[0].ok && firm[0].initial_balance == 100000 && firm[0].day_start_balance == 103000 &&
                      firm[0].trading_days == 1 && firm[0].best_day == 3000 && firm[0].deals_read == 2,
                  "attached up 3,000: firm_state from the deal history (initial 100,000, day start 103,000, 1 trading day)",
                  firm.empty() ? "none" : firm[0].reason.s + " dsb " + std::to_string(firm[0].day_start_balance));
    bool known;
    check::expect(g_gov.Number(string("dailyFloor"), known) == 98000 && g_gov.Number(string("overallFloor"), known) == 90000,
                  "the EA's daily floor is 103,000 - 5,000 (not 95,000 from the initial balance)",
                  std::to_string(g_gov.Number(string("dailyFloor"), known)));
    OnDeinit(0);

    // the terminal holds only the trades, not the deposit: blocked, the reason says what to configure
    emu::deals.clear();
    seed_trade(601, true, 0, now - 2 * day);
    seed_trade(601, false, 3000, now - 2 * day + 3600000);
    firm = attach_fresh("Attach_Short", mark);
    check::expect(firm.size() == 1 && !firm[0].ok && firm[0].rule.s == "attach.history" &&
                      firm[0].reason.s.find("ChallengeStart") != std::string::npos,
                  "history without the deposit: firm_state blocked by attach.history naming ChallengeStart",
                  firm.empty() ? "none" : firm[0].reason.s);
    emu::set_quote("EURUSD", 1.08500, 1.08510);
    size_t before = seen.size();
    int opened = opens();
    to_ea(signal_json("sig-attach", ++sidecar_seq, 0, 1.08510));
    pump(5);
    auto acks = acks_since(before);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_REJECTED && acks[0].rule.s == "attach.history" && opens() == opened,
                  "a signal while the firm state is unknown is rejected by attach.history",
                  acks.empty() ? "no ack" : wire(acks[0].status) + " " + acks[0].rule.s);
    check::expect(emu::chart_comment.find("BLOCKED: Unknown challenge start") != std::string::npos,
                  "the chart panel shows why and what to configure", emu::chart_comment);
    OnDeinit(0);
    InpTerminalName = "";
}

int main(int argc, char **argv) {
    std::string root = argc > 1 ? argv[1] : "../..";
    setup_world(root);
    if (!check::expect(router.bind(), "scripted sidecar ROUTER bound")) return check::finish();
    InpEndpoint = string(router.endpoint());

    // --- bad inputs are refused with the field named
    InpTimerMs = 50;
    check::expect(OnInit() == INIT_PARAMETERS_INCORRECT, "InpTimerMs above 20 ms is refused");
    InpTimerMs = 20;
    InpSymbols = "EURUSD,NOSUCH";
    check::expect(OnInit() == INIT_PARAMETERS_INCORRECT, "an unknown watched symbol is refused");
    InpSymbols = "EURUSD,GBPUSD";
    InpFirmProfile = "no-such-firm";
    check::expect(OnInit() == INIT_PARAMETERS_INCORRECT, "a missing firm profile is refused (never trades unguarded)");
    InpFirmProfile = "ftmo-2step";
    emu::dlls_allowed = false;
    check::expect(OnInit() == INIT_FAILED, "\"Allow DLL imports\" off is refused with a message");
    emu::dlls_allowed = true;

    // --- hello
    check::expect(OnInit() == INIT_SUCCEEDED, "OnInit succeeds");
    check::expect(emu::timer_ms == 20, "millisecond timer set to 20 ms");
    pump(10);
    check::expect(g_session.State() == VP_SESSION_HELLO_SENT && emu::chart_comment.find("connecting to sidecar") != std::string::npos,
                  "before welcome the session waits in HELLO_SENT and the panel says connecting", emu::chart_comment);
    auto hellos = hellos_since();
    check::expect(hellos.size() == 1 && ArraySize(hellos[0].symbols) == 2 && hellos[0].symbols[0].symbol.s == "EURUSD" &&
                      hellos[0].symbols[1].symbol.s == "GBPUSD" && ArraySize(hellos[0].symbols[0].sessions) == 5 &&
                      hellos[0].server_offset_s == 7200 && hellos[0].margin_mode == VP_MARGIN_HEDGING && hellos[0].firm_profile.s == "ftmo-2step",
                  "hello lists every watched symbol with its spec and sessions");
    check::expect(peer == "Harness_Terminal/51234567/EURUSD.1.1", "routing id is <terminal>/<account>/<chart>", peer);
    check::expect(of_type<VPTickMsg>(VP_MSG_TICK).empty(), "nothing streamed before welcome");

    // --- welcome -> streaming
    to_ea(welcome(0));
    pump(3);
    check::expect(g_session.State() == VP_SESSION_WELCOMED && emu::chart_comment.find("sidecar connected") != std::string::npos &&
                      emu::chart_comment.find("mode: ok") != std::string::npos,
                  "welcome -> WELCOMED, the panel says connected, mode ok", emu::chart_comment);
    emu::set_quote("GBPUSD", 1.27001, 1.27016);
    emu::set_quote("EURUSD", 1.08500, 1.08510);
    pump(10);
    auto ticks = of_type<VPTickMsg>(VP_MSG_TICK);
    bool both = false, eur = false;
    for (auto &t : ticks) { both = both || t.symbol.s == "GBPUSD"; eur = eur || t.symbol.s == "EURUSD"; }
    check::expect(both && eur, "ticks for every watched symbol, not only the chart's", std::to_string(ticks.size()));
    auto bars = of_type<VPBarMsg>(VP_MSG_BAR);
    check::expect(bars.size() == 1 && bars[0].timeframe == PERIOD_M1 && bars[0].close == 1.0851 && bars[0].time_msc == 1700007000000L,
                  "the closed M1 bar is streamed once", std::to_string(bars.size()));
    auto accounts = of_type<VPAccountMsg>(VP_MSG_ACCOUNT);
    check::expect(!accounts.empty() && accounts[0].balance == 100000 && accounts[0].env.prev == 0, "account snapshot sent (reliable)");
    auto states = states_since();
    check::expect(!states.empty() && states.back().mode == VP_MODE_OK && ArraySize(states.back().rules) >= 3,
                  "governor_state sent with the rules");
    auto firm = of_type<VPFirmStateMsg>(VP_MSG_FIRM_STATE);
    check::expect(firm.size() == 1 && firm[0].ok && firm[0].initial_balance == 100000 && firm[0].deals_read == 0 &&
                      firm[0].env.prev >= 0,
                  "firm_state (reliable) sent after the welcome: rebuilt from the history's deposit of 100,000",
                  firm.empty() ? "none" : firm[0].reason.s);

    // --- symbol_update (protocol.md 4c): every symbol's tick value once after the welcome, then a symbol whose
    // value moved more than InpTickValueMovePct (0.01 %) since last sent, looked at once a second at most
    auto updates = of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE);
    check::expect(updates.size() == 2 && updates[0].symbol.s == "EURUSD" && updates[0].tick_value == 1.0 &&
                      updates[1].symbol.s == "GBPUSD" && updates[1].tick_value == 1.0 && updates[0].env.prev == 0,
                  "symbol_update (not reliable) with the tick value of every watched symbol after the welcome",
                  std::to_string(updates.size()));
    size_t tv_mark = seen.size();
    emu::sym("GBPUSD").tick_value = 1.00005;   // 0.005 %: below the threshold
    emu::sym("EURUSD").tick_value = 0;         // no rate: nothing to tell
    pump(60);
    check::expect(of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, tv_mark).empty(),
                  "a move of 0.005 % (or no tick value) sends nothing");
    emu::sym("EURUSD").tick_value = 1.0;
    emu::sym("GBPUSD").tick_value = 1.2655 / 1.2650;  // GBPUSD from 1.2650 to 1.2655: 0.04 %
    int rounds = 0;
    while (rounds < 60 && of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, tv_mark).empty()) {
        pump(1);
        rounds++;
    }
    updates = of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, tv_mark);
    check::expect(updates.size() == 1 && updates[0].symbol.s == "GBPUSD" && updates[0].tick_value == 1.2655 / 1.2650 && rounds <= 51,
                  "a move of 0.04 % is sent within a second, for that symbol only", std::to_string(rounds) + " rounds");
    tv_mark = seen.size();
    emu::sym("GBPUSD").tick_value = 1.2660 / 1.2650;  // moved again at once
    pump(45);                                          // 0.9 s after the last look: not yet
    check::expect(of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, tv_mark).empty(), "a symbol is looked at once a second at most");
    pump(10);
    updates = of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, tv_mark);
    check::expect(updates.size() == 1 && updates[0].tick_value == 1.2660 / 1.2650, "... and the new value goes a second after the last",
                  std::to_string(updates.size()));

    // --- a signal: executed once, acked, fill with its signal id
    size_t mark = seen.size();
    last_signal_seq = ++sidecar_seq;
    to_ea(signal_json("sig-A", last_signal_seq, 0, 1.08510));
    pump(10);
    auto acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].signal_id.s == "sig-A" && acks[0].status == VP_ACK_EXECUTED && acks[0].ticket > 0,
                  "signal executed and acked", acks.empty() ? "no ack" : wire(acks[0].status) + " " + acks[0].rule.s + " " + acks[0].reason.s);
    auto fills = of_type<VPFillMsg>(VP_MSG_FILL, mark);
    check::expect(fills.size() == 1 && fills[0].signal_id.s == "sig-A" && fills[0].entry == VP_ENTRY_IN && fills[0].side == VP_SIDE_BUY && fills[0].reason == VP_FILL_REASON_NONE && fills[0].volume == 0.1,
                  "fill from OnTradeTransaction carries the signal id");
    auto eacks = of_type<VPAckMsg>(VP_MSG_ACK, mark);
    check::expect(!eacks.empty() && eacks.back().ack_seq == last_signal_seq, "EA acks the signal's seq cumulatively");
    check::expect(opens() == 1, "one order sent");
    long first_ticket = acks.empty() ? 0 : acks[0].ticket;

    // --- duplicates: same seq resent, and the same id under a new seq
    mark = seen.size();
    to_ea(signal_json("sig-A", last_signal_seq, 0, 1.08510, true));
    pump(5);
    check::expect(opens() == 1 && acks_since(mark).empty() && !of_type<VPAckMsg>(VP_MSG_ACK, mark).empty(),
                  "a resent signal (seq <= last) is re-acked, not executed");
    long s2 = ++sidecar_seq;
    to_ea(signal_json("sig-A", s2, last_signal_seq, 1.08510));
    pump(5);
    acks = acks_since(mark);
    check::expect(opens() == 1 && acks.size() == 1 && acks[0].status == VP_ACK_EXECUTED && acks[0].reason.s == "already executed" &&
                      acks[0].ticket == first_ticket,
                  "the same id under a new seq is recognised as executed");
    last_signal_seq = s2;

    // --- a reliable message from the sidecar that is not a signal: kept in the chain, acked, nothing executed
    mark = seen.size();
    long r_seq = ++sidecar_seq;
    to_ea(sidecar_account(r_seq, last_signal_seq));
    pump(5);
    eacks = of_type<VPAckMsg>(VP_MSG_ACK, mark);
    check::expect(opens() == 1 && acks_since(mark).empty() && errors_since(mark).empty() && !eacks.empty() &&
                      eacks.back().ack_seq == r_seq,
                  "a reliable account from the sidecar is acked in order and acted on as nothing");
    last_signal_seq = r_seq;

    // --- gap and malformed input
    mark = seen.size();
    to_ea(signal_json("sig-gap", sidecar_seq + 5, sidecar_seq + 4, 1.08510));
    sidecar_seq += 5;
    to_ea("{\"v\":1,\"type\":\"tick\",");
    pump(5);
    auto errs = errors_since(mark);
    bool gap = false, malformed = false;
    for (auto &e : errs) { gap = gap || (e.code == VP_ERR_GAP && e.field.s == "prev"); malformed = malformed || e.code == VP_ERR_MALFORMED_JSON; }
    check::expect(gap && opens() == 1, "a signal after a gap is refused with error gap, not executed");
    check::expect(malformed, "malformed JSON is answered with error malformed_json");

    // --- outbox: unacked reliable messages are resent after hello_required -> welcome
    size_t unacked = (size_t)g_session.OutboxSize();
    check::expect(unacked >= 3, "account, signal_ack and fill wait in the outbox until acked", std::to_string(unacked));
    mark = seen.size();
    to_ea("{\"v\":1,\"type\":\"error\",\"seq\":" + std::to_string(++sidecar_seq) +
                          ",\"ts_ms\":1,\"code\":\"hello_required\",\"message\":\"restart\",\"field\":\"\",\"ref_seq\":0}");
    pump(5);
    hellos = hellos_since(mark);
    check::expect(hellos.size() == 1 && hellos[0].ack_seq == last_signal_seq, "hello_required -> hello with the last processed seq");
    check::expect(g_session.State() == VP_SESSION_HELLO_SENT && !g_session.Welcomed(), "hello_required -> back to HELLO_SENT");
    to_ea(welcome(0));
    pump(5);
    int resent = 0;
    for (size_t i = mark; i < seen.size(); i++) resent += seen[i].body.find("\"resend\":true") != std::string::npos;
    check::expect(resent >= (int)unacked, "after welcome every unacked message is resent with resend:true",
                  std::to_string(resent) + " of " + std::to_string(unacked));
    auto again = of_type<VPSymbolUpdateMsg>(VP_MSG_SYMBOL_UPDATE, mark);
    check::expect(again.size() == 2 && again[1].symbol.s == "GBPUSD" && again[1].tick_value == 1.2660 / 1.2650,
                  "after a new welcome every symbol's tick value is sent again (the sidecar restarted from the hello's)",
                  std::to_string(again.size()));
    to_ea(ack(1000000));
    pump(3);
    check::expect(g_session.OutboxSize() == 0, "a cumulative ack empties the outbox");

    // --- the seq chain of reliable messages is continuous
    {
        std::map<long, long> by_seq;  // first send or resend, once per seq
        CVPDecoder dec;
        for (auto &s : seen) {
            VPEnvelope m;
            VPError e;
            if (dec.Decode(string(s.body), (int)s.body.size(), m, e) && VPIsReliable(m.type)) by_seq[m.seq] = m.prev;
        }
        std::vector<std::pair<long, long>> chain(by_seq.begin(), by_seq.end());
        bool ok = !chain.empty() && chain[0].second == 0;
        for (size_t i = 1; i < chain.size(); i++) ok = ok && chain[i].second == chain[i - 1].first;
        check::expect(ok, "reliable messages chain by prev (" + std::to_string(chain.size()) + ")");
    }

    // --- balance operations: a payout the terminal has not reported as a transaction yet is found in the deal
    // history before the next snapshot, sent as `balance` before the `account` that shows it, and not read as a loss
    {
        mark = seen.size();
        double before = emu::account.balance;
        ulong payout = emu::balance_deal(DEAL_TYPE_BALANCE, -6000, "Payout 80%", false);
        pump(3);
        auto bals = of_type<VPBalanceMsg>(VP_MSG_BALANCE, mark);
        check::expect(bals.size() == 1 && bals[0].kind == VP_BAL_PAYOUT && bals[0].amount == -6000 &&
                          bals[0].deal == (long)payout && bals[0].comment.s == "Payout 80%",
                      "a payout deal is sent as a balance message (kind payout, amount -6000, its ticket)",
                      std::to_string(bals.size()));
        size_t bal_at = seen.size(), acc_at = seen.size();
        for (size_t i = mark; i < seen.size(); i++) {
            if (bal_at == seen.size() && seen[i].body.find("\"type\":\"balance\"") != std::string::npos) bal_at = i;
            Got<VPAccountMsg> a;
            if (acc_at == seen.size() && decode_as(seen[i].body, VP_MSG_ACCOUNT, a) && a.balance == before - 6000) acc_at = i;
        }
        check::expect(bal_at < acc_at && acc_at < seen.size(), "the balance message precedes the snapshot that shows it");
        check::expect(!g_gov.Halted() && !g_gov.IsPaused() && g_mode == VP_MODE_OK,
                      "a payout larger than the daily limit (5,000) is not a loss: no halt, no pause, no block", wire(g_mode));
        check::expect(of_type<VPFillMsg>(VP_MSG_FILL, mark).empty(), "a balance operation is never sent as a fill");
        // the terminal delivers the transaction late: the same ticket is not reported twice
        mark = seen.size();
        MqlTradeTransaction t{};
        t.deal = payout;
        t.type = TRADE_TRANSACTION_DEAL_ADD;
        t.deal_type = DEAL_TYPE_BALANCE;
        emu::transactions.push_back(t);
        emu::balance_deal(DEAL_TYPE_CREDIT, 500, "credit", true);
        emu::balance_deal(DEAL_TYPE_COMMISSION_MONTHLY, -1.25, "monthly commission", true);
        pump(3);
        bals = of_type<VPBalanceMsg>(VP_MSG_BALANCE, mark);
        check::expect(bals.size() == 2 && bals[0].kind == VP_BAL_CREDIT && bals[1].kind == VP_BAL_COMMISSION && bals[1].amount == -1.25,
                      "a repeated ticket is not sent again; credit and a monthly commission deal map to their kinds",
                      std::to_string(bals.size()));
        // put the account back as it was (the halt below needs the day's anchor where it was)
        emu::balance_deal(DEAL_TYPE_BALANCE, 6000, "deposit", true);
        emu::balance_deal(DEAL_TYPE_BALANCE, 1.25, "deposit", true);
        emu::balance_deal(DEAL_TYPE_CREDIT, -500, "credit out", true);
        pump(3);
    }

    // --- governors: equity through the daily floor -> flatten, halt, signals refused, governor_state halted
    mark = seen.size();
    emu::set_quote("EURUSD", 1.0300, 1.0301);  // 0.1 lot * 5,510 points... plus a manual loss below
    emu::account.balance = 94000;
    pump(5);
    check::expect(emu::positions.empty(), "halt flattens every VProp position");
    states = states_since(mark);
    check::expect(!states.empty() && states.back().mode == VP_MODE_HALTED && states.back().reason.s.find("daily-loss") == 0,
                  "governor_state reports halted by daily-loss", states.empty() ? "" : wire(states.back().mode));
    bool logged = false;
    for (auto &l : emu::log_lines) logged = logged || l.find("governor [timer]: FLATTEN_AND_HALT daily-loss") != std::string::npos;
    check::expect(logged, "the decision is in the Experts log");
    mark = seen.size();
    to_ea(signal_json("sig-B", ++sidecar_seq, last_signal_seq, 1.03010));
    last_signal_seq = sidecar_seq;
    pump(5);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_REJECTED && acks[0].rule.s == "daily-loss" && acks[0].reason.s.find("halted") == 0 && opens() == 1,
                  "a signal while halted is rejected with the rule", acks.empty() ? "" : acks[0].rule.s);
    check::expect(emu::chart_comment.find("halted") != std::string::npos, "the chart panel shows the mode");
    {
        // halted with the market closed: the flatten is retried once a second, not on every timer event
        emu::Position left{424242, "EURUSD", POSITION_TYPE_BUY, 0.1, 1.05, 0, 0, 0, 0, 770077, "sig-old"};
        emu::positions.push_back(left);
        emu::sym("EURUSD").trade_mode = SYMBOL_TRADE_MODE_DISABLED;
        size_t before = emu::requests.size();
        pump(50);  // 1 s
        int closes = 0;
        for (size_t i = before; i < emu::requests.size(); i++) closes += emu::requests[i].op == "close";
        check::expect(closes >= 1 && closes <= 2, "a refused flatten is retried about once a second (" + std::to_string(closes) + " in 1 s)");
        emu::sym("EURUSD").trade_mode = SYMBOL_TRADE_MODE_FULL;
        pump(60);
        check::expect(emu::positions.empty(), "the flatten completes when the market accepts it");
    }
    std::string bad;
    check::expect(all_valid(bad), "every message the EA sent passes the protocol codec", bad);

    // --- restart: seqs continue, the halt and executed ids persist
    long last_seq = 0;
    {
        CVPDecoder dec;
        for (auto &s : seen) {
            VPEnvelope m;
            VPError e;
            if (dec.Decode(string(s.body), (int)s.body.size(), m, e)) last_seq = std::max(last_seq, (long)m.seq);
        }
    }
    OnDeinit(0);
    mark = seen.size();
    check::expect(OnInit() == INIT_SUCCEEDED, "OnInit after a restart");
    pump(5);
    await_sent(VP_MSG_HELLO, mark);
    hellos = hellos_since(mark);
    check::expect(hellos.size() == 1 && hellos[0].env.seq > last_seq && hellos[0].ack_seq == last_signal_seq,
                  "after a restart seq continues above every seq used and ack_seq is remembered");
    size_t after_restart = seen.size();
    to_ea(welcome(1000000));
    pump(5);
    mark = seen.size();
    to_ea(signal_json("sig-A", ++sidecar_seq, last_signal_seq, 1.03010));
    last_signal_seq = sidecar_seq;
    pump(5);
    acks = acks_since(mark);
    check::expect(opens() == 1 && acks.size() == 1 && acks[0].reason.s == "already executed",
                  "an executed id is still known after a restart");
    states = states_since(after_restart);
    check::expect(!states.empty() && states.back().mode == VP_MODE_HALTED, "the halt survives a restart", states.empty() ? "none" : wire(states.back().mode) + " " + states.back().reason.s);

    // --- fail-safe: a silent sidecar blocks new entries (fresh world, no halt)
    OnDeinit(0);
    setup_world(root);
    InpEndpoint = string(router.endpoint());
    InpTerminalName = "Harness Terminal 2";
    {
        // a high-impact USD release in 5 minutes, as the MT5 economic calendar lists it (server time)
        MqlCalendarValue v{};
        v.id = 1;
        v.event_id = 77;
        v.time = TimeTradeServer() + 300;
        MqlCalendarEvent ev{};
        ev.id = 77;
        ev.importance = CALENDAR_IMPORTANCE_HIGH;
        ev.name = "Nonfarm Payrolls";
        ev.country_id = 840;
        emu::calendar.push_back({v, ev});
    }
    check::expect(OnInit() == INIT_SUCCEEDED, "second EA instance starts");
    pump(5);
    to_ea(welcome(0));
    pump(5);
    mark = seen.size();
    pump(30, 400);  // 12 s without a word from the sidecar
    states = states_since(mark);
    check::expect(!states.empty() && states.back().mode == VP_MODE_BLOCKED && states.back().reason.s.find("sidecar-silent") == 0,
                  "sidecar silent for InpSidecarSilentS -> no new entries", states.empty() ? "" : states.back().reason.s);
    mark = seen.size();
    to_ea("{\"v\":1,\"type\":\"welcome\",\"seq\":" + std::to_string(++sidecar_seq) +
                          ",\"ts_ms\":1,\"version\":1,\"session\":\"s-2\",\"ack_seq\":0,\"heartbeat_ms\":1000,\"stale_ms\":5000}");
    to_ea(signal_json("sig-C", ++sidecar_seq, 0, 1.08510));
    pump(5);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_EXECUTED, "entries resume once the sidecar speaks again",
                  acks.empty() ? "no ack" : acks[0].rule.s + " " + acks[0].reason.s);
    emu::connected = false;
    mark = seen.size();
    long d_seq = ++sidecar_seq;
    to_ea(signal_json("sig-D", d_seq, d_seq - 1, 1.08510));
    pump(5);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].rule.s == "terminal-disconnected", "terminal disconnected -> nothing new",
                  acks.empty() ? "no ack" : acks[0].rule.s);
    // --- news embargo from the calendar: 2 minutes before the release no entries on USD symbols
    emu::connected = true;
    for (int i = 0; i < 100; i++) {  // 200 s pass; the sidecar keeps talking
        to_ea("{\"v\":1,\"type\":\"heartbeat\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1}");
        pump(1, 2000);
    }
    mark = seen.size();
    long e_seq = ++sidecar_seq;
    to_ea(signal_json("sig-E", e_seq, d_seq, 1.08510));
    pump(3);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_REJECTED && acks[0].rule.s == "news-embargo",
                  "a signal 100 s before a high-impact USD release (MT5 calendar) is rejected by the news embargo",
                  acks.empty() ? "no ack" : acks[0].rule.s + " " + acks[0].reason.s);
    // --- news pushed by the sidecar (protocol type news): the same embargo, from the sidecar's calendar
    for (int i = 0; i < 150; i++) {  // 300 s pass: the MT5 calendar's USD release and its 2-minute window are over
        to_ea("{\"v\":1,\"type\":\"heartbeat\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1}");
        pump(1, 2000);
    }
    auto news_json = [](const std::string &currency, const std::string &impact, long release_ms) {
        return "{\"v\":1,\"type\":\"news\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1,\"release_ms\":" +
               std::to_string(release_ms) + ",\"currency\":\"" + currency + "\",\"impact\":\"" + impact +
               "\",\"title\":\"pushed by the sidecar\"}";
    };
    // news that does not concern EURUSD (JPY) or is not high-impact leaves entries open
    to_ea(news_json("JPY", "high", NowUtcMs() + 100000));
    to_ea(news_json("EUR", "medium", NowUtcMs() + 100000));
    mark = seen.size();
    long f_seq = ++sidecar_seq;
    to_ea(signal_json("sig-F", f_seq, e_seq, 1.08510));
    pump(3);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_EXECUTED,
                  "after the release window, with only JPY / medium-impact news pushed, a signal is executed",
                  acks.empty() ? "no ack" : wire(acks[0].status) + " " + acks[0].rule.s + " " + acks[0].reason.s);
    // a high-impact EUR release in 100 s, pushed by the sidecar, arriving together with the next signal
    to_ea(news_json("EUR", "high", NowUtcMs() + 100000));
    mark = seen.size();
    long g_seq = ++sidecar_seq;
    to_ea(signal_json("sig-G", g_seq, f_seq, 1.08510));
    pump(3);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_REJECTED && acks[0].rule.s == "news-embargo",
                  "a news message from the sidecar (EUR, high, in 100 s) makes the governors refuse a EURUSD entry",
                  acks.empty() ? "no ack" : wire(acks[0].status) + " " + acks[0].rule.s + " " + acks[0].reason.s);
    to_ea("{\"v\":1,\"type\":\"news\",\"seq\":" + std::to_string(++sidecar_seq) +
          ",\"ts_ms\":1,\"release_ms\":1,\"currency\":\"EUR\",\"impact\":\"severe\"}");
    mark = seen.size();
    pump(3);
    errs = errors_since(mark);
    check::expect(errs.size() == 1 && errs[0].code == VP_ERR_OUT_OF_RANGE && errs[0].field.s == "impact",
                  "a news message with an unknown impact word is answered with error out_of_range on impact",
                  errs.empty() ? "no error" : wire(errs[0].code) + " " + errs[0].field.s);
    // --- hellos unanswered for VP_HELLO_REBUILD_MS: the DEALER is rebuilt with each retry, then welcomed again
    {
        long h0 = g_session.SocketHandle();
        int rebuilds0 = g_session.rebuilds;
        mark = seen.size();
        pump(20, 400);  // 8 s of silence: stale after 5 s, hellos at ~5.2 s and ~6.2 s (same socket), ~8.2 s not yet
        check::expect(g_session.rebuilds == rebuilds0 && g_session.SocketHandle() == h0 && hellos_since(mark).size() >= 1,
                      "hellos unanswered for less than VP_HELLO_REBUILD_MS go out on the same socket",
                      std::to_string(g_session.rebuilds - rebuilds0) + " rebuilds, " + std::to_string(hellos_since(mark).size()) + " hellos");
        size_t before = seen.size();
        pump(5, 400);  // the next retry (3 s after the first unanswered hello) rebuilds the socket
        await_sent(VP_MSG_HELLO, before);
        check::expect(g_session.rebuilds == rebuilds0 + 1 && g_session.SocketHandle() != 0,
                      "3 s of unanswered hellos -> the DEALER is rebuilt (closed, a new context and socket connected)", std::to_string(g_session.rebuilds - rebuilds0));
        check::expect(hellos_since(before).size() >= 1, "the rebuilt DEALER says hello at once");
        to_ea(welcome(0));
        pump(5);
        check::expect(g_session.Welcomed() && g_session.rebuilds == rebuilds0 + 1, "the rebuilt DEALER is welcomed");
        for (int i = 0; i < 10; i++) {  // the sidecar keeps talking: no more rebuilds
            to_ea("{\"v\":1,\"type\":\"heartbeat\",\"seq\":" + std::to_string(++sidecar_seq) + ",\"ts_ms\":1}");
            pump(1, 1000);
        }
        check::expect(g_session.rebuilds == rebuilds0 + 1 && !g_session.Stale(), "a sidecar that speaks is never rebuilt against");
    }

    // --- orders in flight (issue 17): two signals in one timer batch, each 2,500 at its stop (3,000 worst case with
    // FTMO's 10 % slippage + 10 % gap) against a daily headroom of 5,000: the second is judged with the first in it
    OnDeinit(0);
    setup_world(root);
    InpEndpoint = string(router.endpoint());
    InpTerminalName = "Harness Terminal 3";
    check::expect(OnInit() == INIT_SUCCEEDED, "third EA instance starts (fresh account)");
    pump(5);
    to_ea(welcome(0));
    pump(5);
    mark = seen.size();
    int opened_before = opens();
    long h_seq = ++sidecar_seq;
    to_ea(signal_json("sig-H", h_seq, 0, 1.08510, false, "buy", 5));
    long i_seq = ++sidecar_seq;
    to_ea(signal_json("sig-I", i_seq, h_seq, 1.08510, false, "buy", 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // both readable before the next OnTimer: one batch
    pump(3);
    acks = acks_since(mark);
    bool h_ok = false, i_blocked = false;
    for (auto &a : acks) {
        h_ok = h_ok || (a.signal_id.s == "sig-H" && a.status == VP_ACK_EXECUTED);
        i_blocked = i_blocked || (a.signal_id.s == "sig-I" && a.status == VP_ACK_REJECTED && a.rule.s == "pre-trade-risk");
    }
    check::expect(acks.size() == 2 && h_ok && i_blocked && opens() == opened_before + 1,
                  "one timer batch: the second 3,000 worst case is refused by pre-trade-risk with the first in flight",
                  acks.size() == 2 ? acks[1].rule.s + " " + acks[1].reason.s
                                    : std::to_string(acks.size()) + " acks" + (acks.empty() ? "" : ": " + acks[0].signal_id.s + " " + wire(acks[0].status) + " " + acks[0].rule.s + " " + acks[0].reason.s));
    check::expect(errors_since(mark).empty(), "two signals chained by prev in one Poll are both taken in order (no gap error)");
    check::expect(g_gov.InFlightCount() == 0, "the next snapshot shows sig-H's position and releases its reservation",
                  std::to_string(g_gov.InFlightCount()));
    mark = seen.size();
    long j_seq = ++sidecar_seq;
    to_ea(signal_json("sig-J", j_seq, i_seq, 1.08510, false, "buy", 2));
    pump(3);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_EXECUTED,
                  "a 1,200 worst case beside the open 2,500 (counted once, from the snapshot) is executed",
                  acks.empty() ? "no ack" : wire(acks[0].status) + " " + acks[0].rule.s + " " + acks[0].reason.s);

    // --- the trader's controls (issue 21): pause, close one position while paused, idempotent by id, the pause
    // kept across a restart, resume, flatten, cancel pending orders; the governors keep acting throughout
    OnDeinit(0);
    setup_world(root);
    InpEndpoint = string(router.endpoint());
    InpTerminalName = "Harness Terminal 4";
    check::expect(OnInit() == INIT_SUCCEEDED, "fourth EA instance starts (fresh account, controls)");
    pump(5);
    to_ea(welcome(0));
    pump(5);
    long rel = 0;  // the sidecar's last reliable seq (the prev of the next one)
    auto next_rel = [&]() { long p = rel; rel = ++sidecar_seq; return p; };
    mark = seen.size();
    { long prev = next_rel(); to_ea(signal_json("sig-K", rel, prev, 1.08510)); }
    pump(5);
    acks = acks_since(mark);
    long k_ticket = acks.size() == 1 ? acks[0].ticket : 0;
    check::expect(k_ticket > 0 && acks[0].status == VP_ACK_EXECUTED, "controls: a position to work on (sig-K)");
    // resting limit orders away from the market (EURUSD ask 1.085, GBPUSD bid 1.27), each with a stop (an order
    // without one is unbounded risk and the governors would refuse every entry): none triggers during the test
    emu::orders.push_back({900001, "EURUSD", ORDER_TYPE_BUY_LIMIT, 0.1, 1.08000, 1.07900, 0, 0, 0, (ulong)InpMagic, "vprop pending", ORDER_STATE_PLACED});
    emu::orders.push_back({900002, "GBPUSD", ORDER_TYPE_SELL_LIMIT, 0.1, 1.28000, 1.28100, 0, 0, 0, (ulong)InpMagic, "vprop pending", ORDER_STATE_PLACED});
    emu::orders.push_back({900003, "EURUSD", ORDER_TYPE_BUY_LIMIT, 0.1, 1.07000, 1.06900, 0, 0, 0, 0, "the trader's own", ORDER_STATE_PLACED});

    mark = seen.size();
    long pause_seq;
    { long prev = next_rel(); pause_seq = rel; to_ea(control_json("ctl-1", rel, prev, "pause_entries")); }
    pump(5);
    auto cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].control_id.s == "ctl-1" && cacks[0].status == VP_CONTROL_APPLIED &&
                      g_session.store.entries_paused && emu::chart_comment.find("entries PAUSED") != std::string::npos,
                  "pause_entries: applied, acked, kept in the Store and shown on the chart", cack(cacks));
    eacks = of_type<VPAckMsg>(VP_MSG_ACK, mark);
    check::expect(!eacks.empty() && eacks.back().ack_seq == pause_seq, "the control is acked in the reliable chain");
    mark = seen.size();
    int opened = opens();
    { long prev = next_rel(); to_ea(signal_json("sig-L", rel, prev, 1.08510)); }
    pump(5);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].status == VP_ACK_REJECTED && acks[0].rule.s == "control.paused" && opens() == opened,
                  "while paused a new entry is rejected with control.paused", acks.empty() ? "no ack" : acks[0].rule.s);

    mark = seen.size();
    int closes = requests_of("close");
    long close_seq;
    { long prev = next_rel(); close_seq = rel; to_ea(control_json("ctl-2", rel, prev, "close_position", k_ticket)); }
    pump(5);
    cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].status == VP_CONTROL_APPLIED && cacks[0].closed == 1 && requests_of("close") == closes + 1 &&
                      !PositionSelectByTicket((ulong)k_ticket),
                  "close_position while paused: the position is closed (closes are never paused)", cack(cacks));
    auto cfills = of_type<VPFillMsg>(VP_MSG_FILL, mark);
    check::expect(cfills.size() == 1 && cfills[0].entry == VP_ENTRY_OUT && cfills[0].reason == VP_FILL_REASON_CLIENT,
                  "its fill is reported, reason client");
    // idempotent: the same seq resent, and the same id under a new seq, are answered again, never applied again
    mark = seen.size();
    to_ea(control_json("ctl-2", close_seq, close_seq - 1, "close_position", k_ticket, "", true));
    { long prev = next_rel(); to_ea(control_json("ctl-2", rel, prev, "close_position", k_ticket)); }
    pump(5);
    cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].control_id.s == "ctl-2" && cacks[0].status == VP_CONTROL_APPLIED &&
                      cacks[0].closed == 1 && requests_of("close") == closes + 1,
                  "a resent control is acked again with its first answer, not applied again", cack(cacks));
    mark = seen.size();
    { long prev = next_rel(); to_ea(control_json("ctl-3", rel, prev, "close_position", 424242)); }
    pump(5);
    cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].status == VP_CONTROL_REFUSED && cacks[0].reason.s.find("424242") != std::string::npos,
                  "close_position of an unknown ticket is refused, naming it", cack(cacks));

    // restart: the pause is still there
    OnDeinit(0);
    check::expect(OnInit() == INIT_SUCCEEDED, "controls: OnInit after a restart");
    pump(5);
    to_ea(welcome(1000000));
    pump(5);
    check::expect(g_session.store.entries_paused, "the pause of entries survives a restart (Store)");
    mark = seen.size();
    { long prev = next_rel(); to_ea(signal_json("sig-M", rel, prev, 1.08510)); }
    pump(5);
    acks = acks_since(mark);
    check::expect(acks.size() == 1 && acks[0].rule.s == "control.paused", "after the restart entries are still refused",
                  acks.empty() ? "no ack" : acks[0].rule.s);

    mark = seen.size();
    { long prev = next_rel(); to_ea(control_json("ctl-4", rel, prev, "resume")); }
    { long prev = next_rel(); to_ea(signal_json("sig-N", rel, prev, 1.08510)); }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // one batch: the resume is applied before the signal
    pump(5);
    cacks = control_acks_since(mark);
    acks = acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].status == VP_CONTROL_APPLIED && !g_session.store.entries_paused &&
                      acks.size() == 1 && acks[0].status == VP_ACK_EXECUTED,
                  "resume, then a signal behind it in the same batch: taken in order, executed", cack(cacks));
    mark = seen.size();
    { long prev = next_rel(); to_ea(signal_json("sig-O", rel, prev, 1.08510)); }
    pump(5);
    int before_flat = 0;
    for (auto &p : emu::positions) before_flat += p.magic == (ulong)InpMagic;
    mark = seen.size();
    { long prev = next_rel(); to_ea(control_json("ctl-5", rel, prev, "flatten_all")); }
    pump(5);
    cacks = control_acks_since(mark);
    int left = 0;
    for (auto &p : emu::positions) left += p.magic == (ulong)InpMagic;
    check::expect(before_flat >= 1 && cacks.size() == 1 && cacks[0].status == VP_CONTROL_APPLIED && cacks[0].closed == before_flat && left == 0,
                  "flatten_all closes every VProp position", std::to_string(before_flat) + " before; " + cack(cacks));
    mark = seen.size();
    { long prev = next_rel(); to_ea(control_json("ctl-6", rel, prev, "cancel_pending", 0, "EURUSD")); }
    pump(5);
    cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].status == VP_CONTROL_APPLIED && cacks[0].cancelled == 1 && emu::orders.size() == 2 &&
                      emu::orders[0].ticket == 900002 && emu::orders[1].ticket == 900003,
                  "cancel_pending of EURUSD deletes VProp's EURUSD order only (not GBPUSD's, not the trader's own)", cack(cacks));
    mark = seen.size();
    { long prev = next_rel(); to_ea(control_json("ctl-7", rel, prev, "cancel_pending")); }
    pump(5);
    cacks = control_acks_since(mark);
    check::expect(cacks.size() == 1 && cacks[0].cancelled == 1 && emu::orders.size() == 1 && emu::orders[0].magic == 0,
                  "cancel_pending of every symbol deletes the rest of VProp's orders", cack(cacks));
    std::string bad_ctl;
    check::expect(all_valid(bad_ctl), "everything the EA sent during the controls is valid protocol", bad_ctl);
    OnDeinit(0);
    attach_tests();
    system(("rm -rf " + emu::files_dir).c_str());
    return check::finish();
}
