// Interop: the EA's own code (VPropEA.mq5: transport, codec, session, execution through the emulated CTrade,
// governors) linked to the system libzmq, against the real sidecar (java -jar sidecar/target/vprop-sidecar.jar).
//  1. hello -> welcome, ticks streamed, a signal posted through POST /api/signals is executed once, its
//     signal_ack and fill are journaled by the sidecar (GET /api/fills) and acked.
//  2. the sidecar is killed (SIGKILL) while a signal waits in the EA's socket; the EA executes it while the
//     sidecar is down; the sidecar restarts on the same data dir; the EA reconnects (hello_required -> hello ->
//     welcome) and resends what was not acked; the fill is journaled exactly once.
//  3. a signal posted right before a SIGKILL: whether it arrives first-hand or as the sidecar's resend after the
//     restart, it is executed exactly once.
// usage: interop_ea <repo-root> <jar> <work-dir>
#include <Experts/VProp/VPropEA.mq5>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <thread>

#include "check.h"
#include "router.h"

static std::string g_jar, g_data, g_log;
static int g_zmq_port = 0, g_http_port = 0;
static pid_t g_sidecar = -1;

// a port the kernel reports free right now (bound to port 0, then released for the sidecar)
static int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && bind(fd, (sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (sockaddr *)&a, &len) == 0) port = ntohs(a.sin_port);
    if (fd >= 0) ::close(fd);
    return port;
}

static void start_sidecar() {
    g_sidecar = fork();
    if (g_sidecar == 0) {
        FILE *out = freopen(g_log.c_str(), "a", stdout);
        FILE *err = freopen(g_log.c_str(), "a", stderr);
        (void)out;
        (void)err;
        std::string zmq = "tcp://127.0.0.1:" + std::to_string(g_zmq_port);
        std::string http = "127.0.0.1:" + std::to_string(g_http_port);
        execlp("java", "java", "-Xmx256m", "-jar", g_jar.c_str(), "serve", "--zmq", zmq.c_str(), "--http", http.c_str(),
               "--data-dir", g_data.c_str(), "--no-strategy", "--profile", "ftmo-1step", (char *)nullptr);
        _exit(127);
    }
}

static void kill_sidecar() {
    if (g_sidecar <= 0) return;
    kill(g_sidecar, SIGKILL);
    waitpid(g_sidecar, nullptr, 0);
    g_sidecar = -1;
}

// The installation's API token, which the sidecar writes into its data dir at start: every POST needs it
// (docs/api.md, "Access"), loopback included. Hex digits only, so it goes into the shell command as is.
static std::string api_token() {
    std::string t;
    if (FILE *f = fopen((g_data + "/http.token").c_str(), "r")) {
        char buf[256] = {0};
        if (fgets(buf, sizeof buf, f)) t = buf;
        fclose(f);
    }
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    for (char c : t)
        if (!isxdigit(static_cast<unsigned char>(c))) return "";
    return t;
}

static std::string http(const std::string &method, const std::string &path, const std::string &body = "") {
    std::string cmd = "curl -s -m 5 -X " + method + " http://127.0.0.1:" + std::to_string(g_http_port) + path;
    if (method != "GET") cmd += " -H 'X-VProp-Token: " + api_token() + "'";
    if (!body.empty()) cmd += " -H 'Content-Type: application/json' -d '" + body + "'";
    std::string out;
    if (FILE *p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// One EA timer event plus the terminal's trade transactions, then a little real time.
static double g_mid = 1.08500;
static void ea_step() {
    static int k = 0;
    if (++k % 10 == 0) {  // a tick every ~200 ms
        g_mid += ((k / 10) % 7 < 4 ? 1 : -1) * 0.00003;
        emu::set_quote("EURUSD", g_mid, g_mid + 0.0001);
        emu::set_quote("GBPUSD", g_mid + 0.18, g_mid + 0.1802);
        emu::set_quote("AUDUSD", g_mid - 0.42, g_mid - 0.4199);
    }
    OnTimer();
    while (!emu::transactions.empty()) {
        MqlTradeTransaction t = emu::transactions.front();
        emu::transactions.erase(emu::transactions.begin());
        MqlTradeRequest rq{};
        MqlTradeResult rs{};
        OnTradeTransaction(t, rq, rs);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

template <typename F> static bool run_until(F done, int timeout_ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
        ea_step();
        if (done()) return true;
    }
    return false;
}

static bool sidecar_up(int timeout_ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
        if (http("GET", "/api/status").find("\"session\"") != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
}

static int executions_of(const std::string &id) {
    int n = 0;
    for (auto &r : emu::requests) n += r.op == "open" && r.retcode == TRADE_RETCODE_DONE && r.comment == id;
    return n;
}

// one symbol per signal: the sidecar's own risk allows one position per symbol
static std::string post_signal(const std::string &peer, const std::string &symbol) {
    char body[512];
    double ask = emu::sym(symbol).ask;
    snprintf(body, sizeof body,
             "{\"peer\":\"%s\",\"symbol\":\"%s\",\"side\":\"buy\",\"lots\":0.1,\"price\":%.5f,\"sl\":%.5f,\"tp1\":%.5f,"
             "\"tp2\":%.5f,\"max_deviation\":0.0005,\"expiry_s\":60}",
             peer.c_str(), symbol.c_str(), ask, ask - 0.0050, ask + 0.0030, ask + 0.0060);
    std::string r = http("POST", "/api/signals", body);
    CJsonDoc doc;
    if (!doc.Parse(string(r)) || doc.Find(0, "id") < 0) {
        printf("  POST /api/signals answered: %s\n", r.c_str());
        return "";
    }
    return doc.Str(doc.Find(0, "id")).s;
}

// fills the sidecar journaled for this peer: deal -> signal id
static std::map<long, std::string> journaled_fills(const std::string &peer, int &rows) {
    std::map<long, std::string> out;
    rows = 0;
    CJsonDoc doc;
    std::string r = http("GET", "/api/fills?limit=1000");
    if (!doc.Parse(string(r)) || doc.Kind(0) != VPJ_ARRAY) return out;
    for (int c = doc.First(0); c >= 0; c = doc.Next(c)) {
        int p = doc.Find(c, "peer"), d = doc.Find(c, "deal"), s = doc.Find(c, "signal_id");
        if (p < 0 || d < 0 || doc.Str(p).s != peer) continue;
        rows++;
        out[doc.Int(d)] = s >= 0 ? doc.Str(s).s : "";
    }
    return out;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: interop_ea <repo-root> <jar> <work-dir>\n");
        return 2;
    }
    std::string root = argv[1];
    g_jar = argv[2];
    std::string work = argv[3];
    g_data = work + "/sidecar-data";
    g_log = work + "/sidecar.log";
    g_zmq_port = free_port();
    g_http_port = free_port();
    system(("rm -rf " + work + " && mkdir -p " + g_data).c_str());

    emu::reset();
    emu::real_clock = true;
    emu::quiet = true;
    emu::files_dir = work + "/MQL5/Files";
    system(("mkdir -p " + emu::files_dir + "/VProp/profiles && cp " + root +
            "/governors/src/main/resources/io/vprop/governors/profiles/*.json " + emu::files_dir + "/VProp/profiles/").c_str());
    emu::sym("EURUSD").stops_level = 10;
    emu::set_quote("EURUSD", g_mid, g_mid + 0.0001);
    emu::sym("GBPUSD").base = "GBP";
    emu::set_quote("GBPUSD", g_mid + 0.18, g_mid + 0.1802);
    emu::sym("AUDUSD").base = "AUD";
    emu::set_quote("AUDUSD", g_mid - 0.42, g_mid - 0.4199);
    InpEndpoint = string("tcp://127.0.0.1:" + std::to_string(g_zmq_port));
    InpSymbols = "EURUSD,GBPUSD,AUDUSD";
    InpTimeframes = "M1";
    InpFirmProfile = "ftmo-1step";
    InpTerminalName = "Interop Terminal";

    start_sidecar();
    if (!check::expect(sidecar_up(90000), "sidecar started and answers GET /api/status", "see " + g_log)) {
        kill_sidecar();
        return check::finish();
    }
    check::expect(OnInit() == INIT_SUCCEEDED, "EA OnInit (DEALER connects through the system libzmq)");
    std::string peer = g_session.RoutingId().s;
    check::expect(run_until([] { return g_session.Welcomed(); }, 15000), "hello -> welcome from the real sidecar");
    bool listed = run_until([&] { return http("GET", "/api/status").find(peer) != std::string::npos; }, 5000);
    check::expect(listed, "/api/status lists the EA's routing id " + peer);
    run_until([] { return false; }, 1500);  // a second of ticks
    std::string status = http("GET", "/api/status");
    check::expect(status.find("EURUSD") != std::string::npos, "the sidecar saw the EA's ticks (EURUSD in /api/status)");
    check::expect(g_session.errors_received == 0, "no protocol errors from the sidecar",
                  std::to_string(g_session.errors_received));

    // --- 1. a signal end to end
    std::string id1 = post_signal(peer, "EURUSD");
    check::expect(!id1.empty(), "POST /api/signals returns a signal id");
    bool done1 = run_until([&] { return executions_of(id1) == 1 && g_session.OutboxSize() == 0; }, 15000);
    check::expect(done1, "signal executed through the emulated CTrade, signal_ack and fill acked by the sidecar",
                  "executions " + std::to_string(executions_of(id1)) + ", unacked " + std::to_string(g_session.OutboxSize()));
    int rows = 0;
    std::map<long, std::string> fills = journaled_fills(peer, rows);
    bool found = false;
    for (auto &f : fills) found = found || f.second == id1;
    check::expect(found, "GET /api/fills has the fill with its signal id", std::to_string(rows) + " row(s)");

    // --- 2. sidecar killed with a signal waiting in the EA's socket
    std::string id2 = post_signal(peer, "GBPUSD");
    check::expect(!id2.empty(), "second signal posted");
    bool waiting = socket_readable(g_session.SocketHandle(), 5000);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill_sidecar();
    check::expect(waiting, "the signal reached the EA's socket before the kill");
    run_until([&] { return executions_of(id2) == 1; }, 5000);
    check::expect(executions_of(id2) == 1 && g_session.OutboxSize() > 0,
                  "executed while the sidecar is down; ack and fill wait in the persisted outbox",
                  std::to_string(g_session.OutboxSize()) + " unacked");
    start_sidecar();
    check::expect(sidecar_up(90000), "sidecar restarted on the same data dir");
    int welcomes_before = g_session.welcomes;
    bool back = run_until([&] { return g_session.welcomes > welcomes_before && g_session.OutboxSize() == 0; }, 30000);
    check::expect(back, "EA reconnected (hello_required -> hello -> welcome) and its resent messages were acked",
                  std::to_string(g_session.OutboxSize()) + " unacked, " + std::to_string(g_session.resent) + " resent");
    fills = journaled_fills(peer, rows);
    int n2 = 0;
    for (auto &f : fills) n2 += f.second == id2;
    check::expect(n2 == 1 && (int)fills.size() == rows, "the second fill is journaled exactly once",
                  std::to_string(n2) + " fill(s) for it, " + std::to_string(rows) + " row(s) for " + std::to_string(fills.size()) + " deal(s)");

    // --- 3. a signal posted right before a SIGKILL
    run_until([] { return false; }, 1500);  // the restarted sidecar needs a quote before it signals
    std::string id3 = post_signal(peer, "AUDUSD");
    check::expect(!id3.empty(), "third signal posted");
    kill_sidecar();
    run_until([] { return false; }, 500);
    start_sidecar();
    check::expect(sidecar_up(90000), "sidecar restarted again");
    bool once = run_until([&] { return executions_of(id3) == 1 && g_session.OutboxSize() == 0 && g_session.Welcomed(); }, 30000);
    run_until([] { return false; }, 2000);  // let any late resend arrive
    check::expect(once && executions_of(id3) == 1, "the signal sent around the crash is executed exactly once",
                  std::to_string(executions_of(id3)) + " execution(s)");
    check::expect(executions_of(id1) == 1 && executions_of(id2) == 1, "nothing executed twice across the restarts");
    fills = journaled_fills(peer, rows);
    check::expect((int)fills.size() == rows && rows >= 3, "every deal journaled once by the sidecar",
                  std::to_string(rows) + " row(s), " + std::to_string(fills.size()) + " deal(s)");
    std::string st = http("GET", "/api/status");
    check::expect(st.find(peer) != std::string::npos, "the EA is listed again after the restarts");
    std::string other;
    for (auto &l : emu::log_lines)
        if (l.find("sidecar reports") != std::string::npos || l.find("rejected a message from the sidecar") != std::string::npos)
            other += l + "; ";
    check::expect(other.empty(), "the only errors from the sidecar were hello_required after its restarts", other);
    printf("interop: %d resent, %d duplicate(s) ignored, %d error(s) received from the sidecar\n", g_session.resent,
           g_session.duplicates, g_session.errors_received);

    OnDeinit(0);
    kill_sidecar();
    return check::finish();
}
