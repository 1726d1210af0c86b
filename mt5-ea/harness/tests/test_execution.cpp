// Execution and retcode policy (VProp/Execution.mqh) against the emulated CTrade and trade server:
// filling mode, deviation and stop-level checks, retries on requote-like answers, giving up on final ones,
// at-most-once per signal id (also across a restart of the store), TP1 partial close and break-even.
#include <VProp/Execution.mqh>

#include <unistd.h>

#include "check.h"
#include "messages.h"

static std::string dir_for(const char *name) {
    return std::string("exec-") + name + "-" + std::to_string(getpid());
}

static void world() {
    emu::reset();
    emu::quiet = true;
    emu::files_dir = "build/Files";
    emu::Symbol &s = emu::sym("EURUSD");
    s.digits = 5;
    s.point = 1e-5;
    s.tick_size = 1e-5;
    s.tick_value = 1.0;
    s.stops_level = 10;
    s.freeze_level = 5;
    emu::set_quote("EURUSD", 1.08500, 1.08510);
}

static void signal(VPSignalMsg &m, const char *id, const char *side, double lots, double price) {
    m = VPSignalMsg();
    m.id = id;
    m.kind = VP_SIGNAL_OPEN;
    m.symbol = "EURUSD";
    m.side = std::string(side) == "buy" ? VP_SIDE_BUY : VP_SIDE_SELL;
    m.lots = lots;
    m.price = price;
    m.max_deviation = 0.0005;
    bool buy = std::string(side) == "buy";
    m.sl = buy ? price - 0.0050 : price + 0.0050;
    m.tp1 = buy ? price + 0.0030 : price - 0.0030;
    m.tp2 = buy ? price + 0.0060 : price - 0.0060;
    m.expiry_ms = emu::now_ms() + 30000;
}

static CVPStore fresh_store(const char *name) {
    CVPStore st;
    std::string d = dir_for(name);
    system(("rm -rf build/Files/" + d).c_str());
    st.Open(string(d));
    return st;
}

int main() {
    {
        world();
        CVPStore st = fresh_store("open");
        CVPExecutor ex;
        ex.Configure(770077, 3, 10, 0.5, true);
        VPSignalMsg s;
        signal(s, "sig-1", "buy", 0.10, 1.08510);
        VPOutcome o;
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && o.ticket > 0 && o.price == 1.08510, "buy executes at the ask",
                      wire(o.status) + " " + o.rule.s + " " + o.reason.s);
        check::expect(emu::requests.size() == 1 && emu::requests[0].comment == "sig-1" && emu::requests[0].tp == s.tp2 &&
                          emu::requests[0].sl == s.sl && emu::requests[0].magic == 770077,
                      "request carries the signal id, SL and TP2 at the broker, the magic number");
        check::expect(emu::requests[0].filling == ORDER_FILLING_FOK, "FOK chosen when the symbol allows it");
        check::expect(emu::transactions.size() == 1 && emu::transactions[0].type == TRADE_TRANSACTION_DEAL_ADD,
                      "the fill is reported as a DEAL_ADD transaction");
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(emu::requests.size() == 1 && o.status == VP_ACK_EXECUTED && o.reason.s == "already executed",
                      "the same signal id again trades nothing");
        CVPStore again;
        again.Open(string(dir_for("open")));
        ex.Open(again, s, emu::now_ms(), o);
        check::expect(emu::requests.size() == 1 && o.reason.s == "already executed",
                      "executed ids survive a restart (store reopened from MQL5/Files)");
        check::expect(again.SignalOf(o.ticket) == "sig-1", "position -> signal id mapping survives a restart");

        // TP1: price reaches tp1 -> half closed, stop moved to entry
        emu::transactions.clear();
        emu::set_quote("EURUSD", 1.08811, 1.08821);
        ex.Manage(st);
        check::expect(emu::requests.size() == 3 && emu::requests[1].op == "close_partial" &&
                          std::fabs(emu::requests[1].volume - 0.05) < 1e-9,
                      "TP1 closes the configured half", std::to_string(emu::requests.size()));
        check::expect(emu::requests.size() == 3 && emu::requests[2].op == "modify" &&
                          std::fabs(emu::requests[2].sl - 1.08510) < 1e-9 && emu::requests[2].tp == s.tp2,
                      "after TP1 the stop moves to break-even, TP2 stays");
        check::expect(ex.TakeReason(o.ticket) == VP_FILL_REASON_TP1_PARTIAL && ex.TakeReason(o.ticket) == VP_FILL_REASON_NONE,
                      "the partial close is reported as tp1_partial, once");
        ex.Manage(st);
        check::expect(emu::requests.size() == 3, "TP1 happens once");
        emu::set_quote("EURUSD", 1.09111, 1.09121);
        emu::close_by_stops();
        ex.Manage(st);
        check::expect(emu::positions.empty() && ArraySize(st.managed) == 0, "TP2 at the broker closes the rest; no longer managed");
    }
    {
        world();
        emu::sym("EURUSD").filling_mode = SYMBOL_FILLING_IOC;
        CVPStore st = fresh_store("ioc");
        CVPExecutor ex;
        ex.Configure(770077, 3, 10, 0.5, false);
        VPSignalMsg s;
        signal(s, "sig-ioc", "sell", 0.2, 1.08500);
        VPOutcome o;
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && emu::requests[0].filling == ORDER_FILLING_IOC,
                      "IOC chosen when the symbol only allows IOC", o.rule.s);
    }
    {
        world();
        CVPStore st = fresh_store("retry");
        CVPExecutor ex;
        ex.Configure(770077, 3, 10, 0.5, false);
        VPSignalMsg s;
        signal(s, "sig-rq", "buy", 0.1, 1.08510);
        emu::scripted_retcodes = {TRADE_RETCODE_REQUOTE, TRADE_RETCODE_PRICE_CHANGED};
        VPOutcome o;
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && emu::requests.size() == 3, "requote and price changed are retried",
                      std::to_string(emu::requests.size()));
        signal(s, "sig-rq4", "buy", 0.1, 1.08510);
        emu::requests.clear();
        emu::scripted_retcodes = {TRADE_RETCODE_PRICE_OFF, TRADE_RETCODE_PRICE_OFF, TRADE_RETCODE_PRICE_OFF,
                                  TRADE_RETCODE_PRICE_OFF, TRADE_RETCODE_PRICE_OFF};
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_REJECTED && o.rule.s == "off_quotes" && emu::requests.size() == 4,
                      "off quotes: 1 + 3 retries, then rejected with the reason", o.rule.s + " " + o.reason.s);
        const uint final_codes[] = {TRADE_RETCODE_NO_MONEY, TRADE_RETCODE_INVALID_STOPS, TRADE_RETCODE_MARKET_CLOSED,
                                    TRADE_RETCODE_INVALID_FILL, TRADE_RETCODE_FROZEN};
        const char *names[] = {"no_money", "invalid_stops", "market_closed", "invalid_fill", "frozen"};
        for (int i = 0; i < 5; i++) {
            std::string id = std::string("sig-final-") + names[i];
            signal(s, id.c_str(), "buy", 0.1, 1.08510);
            emu::requests.clear();
            emu::scripted_retcodes = {final_codes[i]};
            ex.Open(st, s, emu::now_ms(), o);
            check::expect(o.status == VP_ACK_REJECTED && o.rule.s == names[i] && emu::requests.size() == 1,
                          std::string("gives up at once on ") + names[i], o.rule.s);
            long t = 0;
            check::expect(st.IsExecuted(s.id, t) && t == 0, std::string("a failed id is answered for good: ") + names[i]);
            emu::requests.clear();
            ex.Open(st, s, emu::now_ms(), o);
            check::expect(o.status == VP_ACK_REJECTED && o.rule.s == "duplicate" && emu::requests.empty(),
                          std::string("a resent rejected id stays rejected, no second attempt: ") + names[i]);
        }
        check::expect(VPRetcodeAction(TRADE_RETCODE_DONE_PARTIAL) == VP_RC_SUCCESS &&
                          VPRetcodeAction(TRADE_RETCODE_TIMEOUT) == VP_RC_RETRY &&
                          VPRetcodeAction(TRADE_RETCODE_CONNECTION) == VP_RC_RETRY &&
                          VPRetcodeAction(TRADE_RETCODE_TOO_MANY_REQUESTS) == VP_RC_RETRY &&
                          VPRetcodeAction(TRADE_RETCODE_REJECT) == VP_RC_GIVE_UP,
                      "retcode policy table");
    }
    {
        world();
        CVPStore st = fresh_store("checks");
        CVPExecutor ex;
        ex.Configure(770077, 3, 10, 0.5, false);
        VPSignalMsg s;
        VPOutcome o;
        signal(s, "sig-exp", "buy", 0.1, 1.08510);
        s.expiry_ms = emu::now_ms() - 1000;
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_REJECTED && o.rule.s == "expired" && emu::requests.empty(), "expired signal rejected");
        signal(s, "sig-off", "buy", 0.1, 1.08400);
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.rule.s == "off_price" && emu::requests.empty(), "off-price signal rejected with the distance",
                      o.reason.s);
        signal(s, "sig-sl", "buy", 0.1, 1.08510);
        s.sl = 1.08495;  // 5 points below the bid, stops level is 10
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.rule.s == "invalid_stops" && emu::requests.empty(), "stop inside the stops level rejected before sending",
                      o.reason.s);
        signal(s, "sig-vol", "buy", 0.123, 1.08510);
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && std::fabs(emu::requests.back().volume - 0.12) < 1e-9,
                      "lots rounded down to the volume step");
        signal(s, "sig-tiny", "buy", 0.004, 1.08510);
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.rule.s == "volume", "lots below the minimum rejected");
        // break-even is skipped inside the freeze level
        emu::requests.clear();
        signal(s, "sig-be", "buy", 0.1, 1.08510);
        s.tp1 = 1.08512;
        s.tp2 = 1.08900;
        ex.Configure(770077, 3, 10, 0.5, true);
        ex.Open(st, s, emu::now_ms(), o);
        emu::set_quote("EURUSD", 1.08513, 1.08523);
        ex.Manage(st);
        bool modified = false;
        for (auto &r : emu::requests) modified = modified || r.op == "modify";
        check::expect(!modified && emu::requests.size() == 2, "break-even skipped when price is within the freeze level");
        // close signal: every VProp position of the symbol, a manual one (other magic) untouched
        emu::Position manual{999999, "EURUSD", POSITION_TYPE_BUY, 0.5, 1.08, 0, 0, 0, 0, 0, ""};
        emu::positions.push_back(manual);
        VPSignalMsg c;
        c.id = "close-1";
        c.kind = VP_SIGNAL_CLOSE;
        c.symbol = "EURUSD";
        c.side = VP_SIDE_BUY;
        ex.Close(st, c, o);
        check::expect(o.status == VP_ACK_EXECUTED && emu::positions.size() == 1 && emu::positions[0].ticket == 999999,
                      "close signal closes VProp positions only", std::to_string(emu::positions.size()));
        ex.Close(st, c, o);
        check::expect(o.reason.s == "already executed", "a close id is executed once too");
    }
    {
        // a TP1 close the server refuses is retried a second later, not on every tick
        world();
        CVPStore st = fresh_store("tp1-retry");
        CVPExecutor ex;
        ex.Configure(770077, 0, 10, 0.5, false);
        VPSignalMsg s;
        VPOutcome o;
        signal(s, "sig-tp1r", "buy", 0.1, 1.08510);
        ex.Open(st, s, emu::now_ms(), o);
        emu::set_quote("EURUSD", 1.08811, 1.08821);
        emu::scripted_retcodes = {TRADE_RETCODE_MARKET_CLOSED};
        ex.Manage(st);
        size_t after_fail = emu::requests.size();
        ex.Manage(st);
        emu::clock_ms += 500;
        ex.Manage(st);
        check::expect(emu::requests.size() == after_fail, "no new TP1 attempt within a second of a refusal");
        emu::clock_ms += 600;
        ex.Manage(st);
        check::expect(emu::requests.size() == after_fail + 1 && emu::requests.back().op == "close_partial" &&
                          emu::requests.back().retcode == TRADE_RETCODE_DONE,
                      "TP1 retried after a second and done");
    }
    {
        // pending orders (issue 17): a buy limit rests with its expiry in server time, fills on the ask at its
        // trigger as a position carrying the order's ticket; a sell stop expires; a resting order is deleted
        world();
        CVPStore st = fresh_store("pending");
        CVPExecutor ex;
        ex.Configure(770077, 3, 10, 0.5, true);
        VPSignalMsg s;
        signal(s, "pend-1", "buy", 0.10, 1.08400);
        s.order_type = VP_ORDER_BUY_LIMIT;
        s.tp2 = 0;
        s.expiry_ms = emu::now_ms() + 3600000;
        VPOutcome o;
        ex.Open(st, s, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && o.ticket > 0 && emu::orders.size() == 1 && emu::positions.empty(),
                      "a buy_limit signal places a resting order, no position", wire(o.status) + " " + o.reason.s);
        check::expect(OrdersTotal() == 1 && OrderGetTicket(0) == (ulong)o.ticket && OrderGetInteger(ORDER_TYPE) == ORDER_TYPE_BUY_LIMIT &&
                          OrderGetDouble(ORDER_PRICE_OPEN) == 1.08400 && OrderGetDouble(ORDER_SL) == s.sl &&
                          OrderGetInteger(ORDER_TIME_EXPIRATION) == s.expiry_ms / 1000 + emu::server_offset_s &&
                          OrderGetString(ORDER_SYMBOL).s == "EURUSD",
                      "the order carries trigger, stop and the signal's expiry in server time");
        check::expect(emu::transactions.size() == 1 && emu::transactions[0].type == TRADE_TRANSACTION_ORDER_ADD,
                      "placing it is an ORDER_ADD transaction");
        check::expect(st.SignalOf(o.ticket) == "pend-1", "the order's ticket maps to its signal id (and later its position's)");
        emu::set_quote("EURUSD", 1.08405, 1.08415);
        emu::close_by_stops();
        check::expect(emu::orders.size() == 1, "not triggered while the ask is above the limit");
        emu::transactions.clear();
        emu::set_quote("EURUSD", 1.08390, 1.08400);
        emu::close_by_stops();
        check::expect(emu::orders.empty() && emu::positions.size() == 1 && emu::positions[0].ticket == (ulong)o.ticket &&
                          emu::positions[0].price_open == 1.08400 && HistoryOrderSelect((ulong)o.ticket) &&
                          HistoryOrderGetInteger((ulong)o.ticket, ORDER_STATE) == ORDER_STATE_FILLED,
                      "the ask at the limit fills it: a position with the order's ticket, the order FILLED in history");
        check::expect(emu::transactions.size() == 2 && emu::transactions[0].type == TRADE_TRANSACTION_ORDER_DELETE &&
                          emu::transactions[1].type == TRADE_TRANSACTION_DEAL_ADD && emu::transactions[1].position == (ulong)o.ticket,
                      "ORDER_DELETE then the entry DEAL_ADD of that position");

        VPSignalMsg t;
        signal(t, "pend-2", "sell", 0.10, 1.08300);
        t.order_type = VP_ORDER_SELL_STOP;
        t.tp2 = 0;
        t.expiry_ms = emu::now_ms() + 60000;
        ex.Open(st, t, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_EXECUTED && emu::orders.size() == 1, "a sell_stop below the bid rests");
        emu::clock_ms += 61000;
        emu::close_by_stops();
        check::expect(emu::orders.empty() && HistoryOrderGetInteger((ulong)o.ticket, ORDER_STATE) == ORDER_STATE_EXPIRED &&
                          emu::positions.size() == 1, "at its expiry it leaves as EXPIRED, unfilled");

        VPSignalMsg u;
        signal(u, "pend-3", "buy", 0.10, 1.08380);
        u.order_type = VP_ORDER_BUY_STOP;
        ex.Open(st, u, emu::now_ms(), o);
        check::expect(o.status == VP_ACK_REJECTED && emu::orders.empty() && st.IsExecuted(string("pend-3"), o.ticket),
                      "a buy_stop below the ask is refused by the server (invalid price) and answered for good", o.rule.s);
        signal(u, "pend-4", "buy", 0.10, 1.08600);
        u.order_type = VP_ORDER_BUY_STOP;
        ex.Open(st, u, emu::now_ms(), o);
        long placed = o.ticket;
        check::expect(o.status == VP_ACK_EXECUTED && emu::orders.size() == 1 && ex.CancelPending(placed) && emu::orders.empty() &&
                          HistoryOrderGetInteger((ulong)placed, ORDER_STATE) == ORDER_STATE_CANCELED &&
                          !ex.CancelPending(placed),
                      "CancelPending deletes a resting order (CANCELED in history); a second delete fails");
    }
    return check::finish();
}
