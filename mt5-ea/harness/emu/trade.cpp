// The emulated trade server behind CTrade: validates a request as a real server would and fills it at the current
// quote, or answers with a scripted retcode (requotes, timeouts, ...) so the EA's retcode policy can be tested.
#include "Trade/Trade.mqh"

#include <algorithm>

namespace emu {

static void fail(MqlTradeResult &res, Request &r, uint code, const char *why) {
    res.retcode = code;
    res.comment = string(why);
    r.retcode = code;
    requests.push_back(r);
}

static ulong add_deal(const std::string &symbol, int type, int entry, double price, double volume, double profit,
                      ulong position, ulong magic, const std::string &comment, int reason) {
    Deal d;
    d.ticket = next_ticket++;
    d.order = next_ticket++;
    d.position = position;
    d.symbol = symbol;
    d.type = type;
    d.entry = entry;
    d.reason = reason;
    d.price = price;
    d.volume = volume;
    d.commission = -3.5 * volume;  // a typical raw-spread commission per side and lot
    d.swap = 0;
    d.profit = profit;
    d.time_msc = now_ms() + server_offset_s * 1000;
    d.magic = magic;
    d.comment = comment;
    deals.push_back(d);
    account.balance += profit + d.commission;
    MqlTradeTransaction t{};
    t.deal = d.ticket;
    t.order = d.order;
    t.symbol = string(symbol);
    t.type = TRADE_TRANSACTION_DEAL_ADD;
    t.deal_type = (ENUM_DEAL_TYPE)type;
    t.price = price;
    t.volume = volume;
    t.position = position;
    transactions.push_back(t);
    return d.ticket;
}

static bool step_ok(double volume, const Symbol &s) {
    double steps = volume / s.volume_step;
    return std::fabs(steps - std::round(steps)) < 1e-7;
}

static bool market_open(const Symbol &s) {
    if (s.trade_mode == SYMBOL_TRADE_MODE_DISABLED) return false;
    long server = now_ms() / 1000 + server_offset_s;
    int dow = (int)(((server / 86400) + 4) % 7);  // 1970-01-01 was a Thursday
    long sec = server % 86400;
    bool any = false;
    for (int d = 0; d < 7; d++) any = any || !s.sessions[d].empty();
    if (!any) return true;  // no sessions configured: always open
    for (auto &w : s.sessions[dow])
        if (sec >= w.first && sec < w.second) return true;
    return false;
}

static Position *find_position(ulong ticket) {
    for (auto &p : positions)
        if (p.ticket == ticket) return &p;
    return nullptr;
}

static double pnl(const Position &p, double price, double volume, const Symbol &s) {
    double diff = p.type == POSITION_TYPE_BUY ? price - p.price_open : p.price_open - price;
    return diff / s.tick_size * s.tick_value * volume;
}

static void close_volume(Position &p, double volume, int reason, MqlTradeResult &res, ulong magic) {
    Symbol &s = sym(p.symbol);
    double price = (p.type == POSITION_TYPE_BUY ? s.bid : s.ask);
    double profit = pnl(p, price, volume, s);
    int type = p.type == POSITION_TYPE_BUY ? DEAL_TYPE_SELL : DEAL_TYPE_BUY;
    ulong position = p.ticket;
    std::string comment = p.comment;
    p.volume = std::round((p.volume - volume) * 1e8) / 1e8;
    if (p.volume <= 1e-9)
        positions.erase(std::remove_if(positions.begin(), positions.end(),
                                       [&](const Position &x) { return x.ticket == position; }),
                        positions.end());
    res.deal = add_deal(s.name, type, DEAL_ENTRY_OUT, price, volume, profit, position, magic, comment, reason);
    res.order = res.deal + 1;
    res.price = price;
    res.volume = volume;
}

static void order_transaction(const Order &o, ENUM_TRADE_TRANSACTION_TYPE type) {
    MqlTradeTransaction t{};
    t.order = o.ticket;
    t.symbol = string(o.symbol);
    t.type = type;
    t.price = o.price;
    t.volume = o.volume;
    transactions.push_back(t);
}

// A pending order leaves the book: into the history with its final state, announced as ORDER_DELETE.
static void retire(size_t i, int state) {
    Order o = orders[i];
    o.state = state;
    orders.erase(orders.begin() + (long)i);
    history_orders.push_back(o);
    order_transaction(o, TRADE_TRANSACTION_ORDER_DELETE);
}

// A pending order (BuyLimit ... SellStop): the trigger on its side of the market, the stop on its losing side.
static uint place(Request &r, MqlTradeResult &res) {
    Symbol &s = sym(r.symbol);
    if (s.bid <= 0) { fail(res, r, TRADE_RETCODE_PRICE_OFF, "no quotes"); return res.retcode; }
    if (!market_open(s)) { fail(res, r, TRADE_RETCODE_MARKET_CLOSED, "market closed"); return res.retcode; }
    if (r.volume < s.volume_min - 1e-9 || r.volume > s.volume_max + 1e-9 || !step_ok(r.volume, s)) {
        fail(res, r, TRADE_RETCODE_INVALID_VOLUME, "invalid volume");
        return res.retcode;
    }
    bool buy = r.type == ORDER_TYPE_BUY_LIMIT || r.type == ORDER_TYPE_BUY_STOP;
    double dist = s.stops_level * s.point;
    bool ok = r.type == ORDER_TYPE_BUY_LIMIT ? r.price <= s.ask - dist : r.type == ORDER_TYPE_SELL_LIMIT ? r.price >= s.bid + dist
            : r.type == ORDER_TYPE_BUY_STOP ? r.price >= s.ask + dist : r.price <= s.bid - dist;
    if (r.price <= 0 || !ok) { fail(res, r, TRADE_RETCODE_INVALID_PRICE, "invalid price"); return res.retcode; }
    if ((r.sl > 0 && (buy ? r.price - r.sl : r.sl - r.price) < dist - 1e-12) ||
        (r.tp > 0 && (buy ? r.tp - r.price : r.price - r.tp) < dist - 1e-12)) {
        fail(res, r, TRADE_RETCODE_INVALID_STOPS, "invalid stops");
        return res.retcode;
    }
    long server_s = now_ms() / 1000 + server_offset_s;
    if (r.expiration != 0 && r.expiration <= server_s) { fail(res, r, TRADE_RETCODE_INVALID, "invalid expiration"); return res.retcode; }
    Order o{next_ticket++, r.symbol, r.type, r.volume, r.price, r.sl, r.tp, r.expiration,
            now_ms() + server_offset_s * 1000, r.magic, r.comment, ORDER_STATE_PLACED};
    orders.push_back(o);
    order_transaction(o, TRADE_TRANSACTION_ORDER_ADD);
    res.order = o.ticket;
    res.price = o.price;
    res.volume = o.volume;
    res.retcode = TRADE_RETCODE_DONE;
    res.comment = string("placed");
    r.retcode = res.retcode;
    r.ticket = o.ticket;
    requests.push_back(r);
    return res.retcode;
}

uint execute(Request &r, MqlTradeResult &res) {
    if (!scripted_retcodes.empty()) {
        uint code = scripted_retcodes.front();
        scripted_retcodes.erase(scripted_retcodes.begin());
        if (code != TRADE_RETCODE_DONE) {
            fail(res, r, code, "scripted answer");
            return code;
        }
    }
    if (!connected) { fail(res, r, TRADE_RETCODE_CONNECTION, "no connection"); return res.retcode; }
    if (r.op == "place") return place(r, res);
    if (r.op == "delete") {
        for (size_t i = 0; i < orders.size(); i++)
            if (orders[i].ticket == r.ticket) {
                r.symbol = orders[i].symbol;
                retire(i, ORDER_STATE_CANCELED);
                res.order = r.ticket;
                res.retcode = TRADE_RETCODE_DONE;
                r.retcode = res.retcode;
                requests.push_back(r);
                return res.retcode;
            }
        fail(res, r, TRADE_RETCODE_INVALID, "order not found");
        return res.retcode;
    }
    if (r.op == "open") {
        Symbol &s = sym(r.symbol);
        if (s.bid <= 0) { fail(res, r, TRADE_RETCODE_PRICE_OFF, "no quotes"); return res.retcode; }
        if (!market_open(s)) { fail(res, r, TRADE_RETCODE_MARKET_CLOSED, "market closed"); return res.retcode; }
        if (r.volume < s.volume_min - 1e-9 || r.volume > s.volume_max + 1e-9 || !step_ok(r.volume, s)) {
            fail(res, r, TRADE_RETCODE_INVALID_VOLUME, "invalid volume");
            return res.retcode;
        }
        int allowed = s.filling_mode;
        bool fill_ok = (r.filling == ORDER_FILLING_FOK && (allowed & SYMBOL_FILLING_FOK)) ||
                       (r.filling == ORDER_FILLING_IOC && (allowed & SYMBOL_FILLING_IOC));
        if (!fill_ok) { fail(res, r, TRADE_RETCODE_INVALID_FILL, "unsupported filling mode"); return res.retcode; }
        bool buy = r.type == ORDER_TYPE_BUY;
        double price = (buy ? s.ask : s.bid) + (buy ? slippage_on_next : -slippage_on_next);
        slippage_on_next = 0;
        if (r.price > 0 && std::fabs(price - r.price) > (double)r.deviation * s.point + 1e-12) {
            fail(res, r, TRADE_RETCODE_REQUOTE, "requote");
            return res.retcode;
        }
        double min_dist = s.stops_level * s.point;
        if (r.sl > 0 && (buy ? s.bid - r.sl : r.sl - s.ask) < min_dist - 1e-12) {
            fail(res, r, TRADE_RETCODE_INVALID_STOPS, "invalid stops");
            return res.retcode;
        }
        if (r.tp > 0 && (buy ? r.tp - s.bid : s.ask - r.tp) < min_dist - 1e-12) {
            fail(res, r, TRADE_RETCODE_INVALID_STOPS, "invalid stops");
            return res.retcode;
        }
        double margin_needed = r.volume * s.contract_size * price / (double)account.leverage;
        if (margin_needed > equity() - account.margin) {
            fail(res, r, TRADE_RETCODE_NO_MONEY, "no money");
            return res.retcode;
        }
        Position p;
        p.ticket = next_ticket++;
        p.symbol = r.symbol;
        p.type = buy ? POSITION_TYPE_BUY : POSITION_TYPE_SELL;
        p.volume = r.volume;
        p.price_open = price;
        p.sl = r.sl;
        p.tp = r.tp;
        p.swap = 0;
        p.time_msc = now_ms() + server_offset_s * 1000;
        p.magic = r.magic;
        p.comment = r.comment;
        positions.push_back(p);
        res.deal = add_deal(r.symbol, buy ? DEAL_TYPE_BUY : DEAL_TYPE_SELL, DEAL_ENTRY_IN, price, r.volume, 0,
                            p.ticket, r.magic, r.comment, DEAL_REASON_EXPERT);
        res.order = p.ticket;
        res.price = price;
        res.volume = r.volume;
        res.retcode = TRADE_RETCODE_DONE;
        res.comment = string("done");
        r.retcode = res.retcode;
        r.price = price;
        requests.push_back(r);
        return res.retcode;
    }
    if (r.op == "delete") {  // a resting pending order: gone (the selected-order pointer is re-read by OrderGetTicket)
        auto it = std::find_if(orders.begin(), orders.end(), [&](const Order &o) { return o.ticket == r.ticket; });
        if (it == orders.end()) { fail(res, r, TRADE_RETCODE_INVALID, "order not found"); return res.retcode; }
        r.symbol = it->symbol;
        orders.erase(it);
        res.retcode = TRADE_RETCODE_DONE;
        res.order = r.ticket;
        r.retcode = res.retcode;
        requests.push_back(r);
        return res.retcode;
    }
    Position *p = find_position(r.ticket);
    if (!p) { fail(res, r, TRADE_RETCODE_INVALID, "position not found"); return res.retcode; }
    r.symbol = p->symbol;
    Symbol &s = sym(p->symbol);
    bool buy = p->type == POSITION_TYPE_BUY;
    double close_px = buy ? s.bid : s.ask;
    double freeze = s.freeze_level * s.point;
    bool frozen = (p->sl > 0 && std::fabs(close_px - p->sl) < freeze) || (p->tp > 0 && std::fabs(close_px - p->tp) < freeze);
    if (frozen) { fail(res, r, TRADE_RETCODE_FROZEN, "frozen"); return res.retcode; }
    if (r.op == "modify") {
        double min_dist = s.stops_level * s.point;
        if ((r.sl > 0 && (buy ? close_px - r.sl : r.sl - close_px) < min_dist - 1e-12) ||
            (r.tp > 0 && (buy ? r.tp - close_px : close_px - r.tp) < min_dist - 1e-12)) {
            fail(res, r, TRADE_RETCODE_INVALID_STOPS, "invalid stops");
            return res.retcode;
        }
        p->sl = r.sl;
        p->tp = r.tp;
        res.retcode = TRADE_RETCODE_DONE;
        r.retcode = res.retcode;
        requests.push_back(r);
        return res.retcode;
    }
    if (!market_open(s)) { fail(res, r, TRADE_RETCODE_MARKET_CLOSED, "market closed"); return res.retcode; }
    double volume = r.op == "close" ? p->volume : r.volume;
    if (volume <= 0 || volume > p->volume + 1e-9 || !step_ok(volume, s)) {
        fail(res, r, TRADE_RETCODE_INVALID_VOLUME, "invalid volume");
        return res.retcode;
    }
    r.volume = volume;
    r.price = close_px;
    close_volume(*p, volume, DEAL_REASON_EXPERT, res, r.magic);
    res.retcode = TRADE_RETCODE_DONE;
    r.retcode = res.retcode;
    requests.push_back(r);
    return res.retcode;
}

// Broker-side pending orders at the current quotes: expired ones leave, triggered ones (buy orders on the ask, sell
// orders on the bid, as MT5) become a position with the order's ticket, filled at the market price.
void trigger_orders() {
    long server_s = now_ms() / 1000 + server_offset_s;
    for (size_t i = 0; i < orders.size();) {
        Order o = orders[i];
        Symbol &s = sym(o.symbol);
        if (o.expiration > 0 && server_s >= o.expiration) { retire(i, ORDER_STATE_EXPIRED); continue; }
        bool buy = o.type == ORDER_TYPE_BUY_LIMIT || o.type == ORDER_TYPE_BUY_STOP;
        bool hit = o.type == ORDER_TYPE_BUY_LIMIT ? s.ask <= o.price : o.type == ORDER_TYPE_BUY_STOP ? s.ask >= o.price
                 : o.type == ORDER_TYPE_SELL_LIMIT ? s.bid >= o.price : s.bid <= o.price;
        if (s.bid <= 0 || !hit) { i++; continue; }
        double price = buy ? s.ask : s.bid;
        Position p{o.ticket, o.symbol, buy ? POSITION_TYPE_BUY : POSITION_TYPE_SELL, o.volume, price, o.sl, o.tp, 0,
                   now_ms() + server_offset_s * 1000, o.magic, o.comment};
        positions.push_back(p);
        retire(i, ORDER_STATE_FILLED);
        add_deal(o.symbol, buy ? DEAL_TYPE_BUY : DEAL_TYPE_SELL, DEAL_ENTRY_IN, price, o.volume, 0, o.ticket, o.magic,
                 o.comment, DEAL_REASON_EXPERT);
    }
}

void close_by_stops() {
    trigger_orders();
    for (size_t i = 0; i < positions.size();) {
        Position &p = positions[i];
        Symbol &s = sym(p.symbol);
        bool buy = p.type == POSITION_TYPE_BUY;
        double px = buy ? s.bid : s.ask;
        int reason = -1;
        if (p.sl > 0 && (buy ? px <= p.sl : px >= p.sl)) reason = DEAL_REASON_SL;
        else if (p.tp > 0 && (buy ? px >= p.tp : px <= p.tp)) reason = DEAL_REASON_TP;
        if (reason < 0) { i++; continue; }
        MqlTradeResult res{};
        close_volume(p, p.volume, reason, res, p.magic);
    }
}
}  // namespace emu
