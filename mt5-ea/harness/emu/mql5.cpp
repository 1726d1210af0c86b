// Implementation of the emulated MQL5 runtime (see mql5.h).
#include "mql5.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace emu {
std::map<std::string, Symbol> symbols;
std::vector<Position> positions;
std::vector<Order> orders;
std::vector<Order> history_orders;
std::vector<Deal> deals;
std::vector<Request> requests;
std::vector<uint> scripted_retcodes;
std::vector<MqlTradeTransaction> transactions;
std::vector<std::string> log_lines;
std::vector<std::pair<MqlCalendarValue, MqlCalendarEvent>> calendar;
std::string chart_comment;
Account account;
bool connected = true;
bool dlls_allowed = true;
bool real_clock = false;
long clock_ms = 1700000000000L;
long server_offset_s = 7200;
std::string files_dir = "build/Files";
std::string terminal_name = "VPropHarness";
std::string chart_symbol = "EURUSD";
int timer_ms = 0;
ulong next_ticket = 1000;
double slippage_on_next = 0;
bool quiet = false;

Symbol &sym(const std::string &name) {
    auto it = symbols.find(name);
    if (it == symbols.end()) {
        Symbol s;
        s.name = name;
        it = symbols.emplace(name, s).first;
    }
    return it->second;
}

long now_ms() {
    if (!real_clock) return clock_ms;
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

double floating(const Position &p) {
    auto it = symbols.find(p.symbol);
    if (it == symbols.end()) return 0;
    const Symbol &s = it->second;
    double px = p.type == POSITION_TYPE_BUY ? s.bid : s.ask;
    double diff = p.type == POSITION_TYPE_BUY ? px - p.price_open : p.price_open - px;
    return diff / s.tick_size * s.tick_value * p.volume;
}

double equity() {
    double e = account.balance + account.credit;
    for (auto &p : positions) e += floating(p) + p.swap;
    return e;
}

void set_quote(const std::string &symbol, double bid, double ask) {
    Symbol &s = sym(symbol);
    s.bid = bid;
    s.ask = ask;
    s.time_msc = now_ms() + server_offset_s * 1000;
}

ulong balance_deal(int type, double amount, const std::string &comment, bool notify) {
    Deal d{};
    d.ticket = next_ticket++;
    d.type = type;
    d.profit = amount;  // MT5 books a balance operation's amount as the deal's profit
    d.time_msc = now_ms() + server_offset_s * 1000;
    d.comment = comment;
    deals.push_back(d);
    if (type == DEAL_TYPE_CREDIT) account.credit += amount; else account.balance += amount;
    if (notify) {
        MqlTradeTransaction t{};
        t.deal = d.ticket;
        t.type = TRADE_TRANSACTION_DEAL_ADD;
        t.deal_type = (ENUM_DEAL_TYPE)type;
        transactions.push_back(t);
    }
    return d.ticket;
}

void reset() {
    symbols.clear();
    positions.clear();
    orders.clear();
    history_orders.clear();
    deals.clear();
    requests.clear();
    scripted_retcodes.clear();
    transactions.clear();
    log_lines.clear();
    calendar.clear();
    chart_comment.clear();
    account = Account();
    connected = true;
    dlls_allowed = true;
    clock_ms = 1700000000000L;
    server_offset_s = 7200;
    next_ticket = 1000;
    slippage_on_next = 0;
    // an account's history starts with its deposit (the EA rebuilds the firm state from it when attached)
    seed_deposit(account.balance, clock_ms - 86400000L);
}

void seed_deposit(double amount, long utc_ms) {
    Deal d{};
    d.ticket = next_ticket++;
    d.type = DEAL_TYPE_BALANCE;
    d.profit = amount;
    d.time_msc = utc_ms + server_offset_s * 1000;
    d.comment = "deposit";
    deals.push_back(d);
}
}  // namespace emu

void vprop_emu_fatal(const char *what) {
    fprintf(stderr, "MQL5 critical error: %s\n", what);
    abort();
}

void vprop_emu_print(const std::string &line) {
    emu::log_lines.push_back(line);
    if (!emu::quiet) fprintf(stdout, "  [Experts] %s\n", line.c_str());
}

int _LastError = 0;
string _Symbol = "EURUSD";
int _Period = PERIOD_M1;
int GetLastError() { return _LastError; }
void ResetLastError() { _LastError = 0; }
void SetUserError(ushort e) { _LastError = 65536 + e; }
bool IsStopped() { return false; }
long ChartID() { return 131000000000000001L; }
bool EventSetMillisecondTimer(int ms) {
    emu::timer_ms = ms;
    return ms > 0;
}
bool EventSetTimer(int s) { return EventSetMillisecondTimer(s * 1000); }
void EventKillTimer() { emu::timer_ms = 0; }
void Comment(const string &s) { emu::chart_comment = s.s; }

std::string vprop_emu_fixfmt(const string &fmt) {
    // Integer arguments reach snprintf as long (see vprop_emu_fmtarg), so every integer conversion gets an `l`;
    // MQL5's own I64 length modifier is mapped the same way.
    const std::string &f = fmt.s;
    std::string out;
    for (size_t i = 0; i < f.size(); i++) {
        out += f[i];
        if (f[i] != '%') continue;
        if (i + 1 < f.size() && f[i + 1] == '%') { out += '%'; i++; continue; }
        size_t j = i + 1;
        while (j < f.size() && strchr("-+ #0123456789.*", f[j])) out += f[j++];
        if (f.compare(j, 3, "I64") == 0) j += 3;
        while (j < f.size() && (f[j] == 'l' || f[j] == 'h')) j++;
        if (j < f.size() && strchr("diuxXo", f[j])) out += 'l';
        if (j < f.size()) out += f[j];
        i = j;
    }
    return out;
}

// ------------------------------------------------------------------------------------------------ strings
int StringLen(const string &s) { return (int)s.s.size(); }
string StringSubstr(const string &s, int start, int length) {
    if (start < 0 || (size_t)start >= s.s.size()) return string("");
    if (length < 0) return string(s.s.substr((size_t)start));
    return string(s.s.substr((size_t)start, (size_t)length));
}
int StringFind(const string &s, const string &match, int start) {
    if (start < 0) start = 0;
    size_t p = s.s.find(match.s, (size_t)start);
    return p == std::string::npos ? -1 : (int)p;
}
ushort StringGetCharacter(const string &s, int pos) {
    if (pos < 0 || (size_t)pos >= s.s.size()) return 0;
    return (uchar)s.s[(size_t)pos];
}
string ShortToString(ushort c) {
    std::string out;
    if (c < 0x80) out += (char)c;
    else if (c < 0x800) { out += (char)(0xC0 | (c >> 6)); out += (char)(0x80 | (c & 0x3F)); }
    else { out += (char)(0xE0 | (c >> 12)); out += (char)(0x80 | ((c >> 6) & 0x3F)); out += (char)(0x80 | (c & 0x3F)); }
    return string(out);
}
double StringToDouble(const string &s) { return strtod(s.c_str(), nullptr); }
long StringToInteger(const string &s) { return strtol(s.c_str(), nullptr, 10); }
string IntegerToString(long v, int width, ushort fill) {
    std::string d = std::to_string(v);
    while ((int)d.size() < width) d = std::string(1, (char)fill) + d;
    return string(d);
}
string DoubleToString(double v, int digits) {
    char b[512];
    if (!std::isfinite(v)) return string(std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
    if (digits < 0) snprintf(b, sizeof b, "%.*e", -digits, v);
    else snprintf(b, sizeof b, "%.*f", std::min(digits, 16), v);
    return string(b);
}
int StringReplace(string &s, const string &find, const string &repl) {
    if (find.s.empty()) return -1;
    int n = 0;
    size_t p = 0;
    while ((p = s.s.find(find.s, p)) != std::string::npos) {
        s.s.replace(p, find.s.size(), repl.s);
        p += repl.s.size();
        n++;
    }
    return n;
}
int StringSplit(const string &s, ushort sep, CArr<string> &out) {
    out.v.clear();
    if (s.s.empty()) return 0;
    std::string cur;
    for (char c : s.s) {
        if ((uchar)c == sep) { out.v.push_back(string(cur)); cur.clear(); }
        else cur += c;
    }
    out.v.push_back(string(cur));
    return (int)out.v.size();
}
int StringTrimLeft(string &s) {
    size_t i = 0;
    while (i < s.s.size() && (uchar)s.s[i] <= ' ') i++;
    s.s.erase(0, i);
    return (int)i;
}
int StringTrimRight(string &s) {
    size_t n = 0;
    while (!s.s.empty() && (uchar)s.s.back() <= ' ') { s.s.pop_back(); n++; }
    return (int)n;
}
bool StringToUpper(string &s) {
    for (auto &c : s.s) c = (char)toupper((uchar)c);
    return true;
}
bool StringToLower(string &s) {
    for (auto &c : s.s) c = (char)tolower((uchar)c);
    return true;
}
int StringToCharArray(const string &s, CArr<uchar> &arr, int start, int count, uint codepage) {
    (void)codepage;
    size_t n = count < 0 ? s.s.size() + 1 : std::min((size_t)count, s.s.size() + 1);
    if (arr.v.size() < (size_t)start + n) arr.v.resize((size_t)start + n);
    for (size_t i = 0; i < n; i++) arr.v[(size_t)start + i] = i < s.s.size() ? (uchar)s.s[i] : 0;
    return (int)n;
}
string CharArrayToString(const CArr<uchar> &arr, int start, int count, uint codepage) {
    (void)codepage;
    std::string out;
    size_t end = count < 0 ? arr.v.size() : std::min(arr.v.size(), (size_t)(start + count));
    for (size_t i = (size_t)start; i < end; i++) {
        if (arr.v[i] == 0) break;
        out += (char)arr.v[i];
    }
    return string(out);
}
double NormalizeDouble(double v, int digits) {
    double m = std::pow(10.0, digits);
    return std::round(v * m) / m;
}

// ------------------------------------------------------------------------------------------------ time
datetime TimeGMT() { return emu::now_ms() / 1000; }
datetime TimeTradeServer() { return emu::now_ms() / 1000 + emu::server_offset_s; }
datetime TimeCurrent() { return TimeTradeServer(); }
datetime TimeLocal() { return TimeGMT(); }
ulong GetTickCount64() {
    if (!emu::real_clock) return (ulong)emu::clock_ms;
    return (ulong)std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch()).count();
}
ulong GetMicrosecondCount() { return GetTickCount64() * 1000; }
bool TimeToStruct(datetime t, MqlDateTime &out) {
    time_t tt = (time_t)t;
    struct tm g;
    gmtime_r(&tt, &g);
    out.year = g.tm_year + 1900;
    out.mon = g.tm_mon + 1;
    out.day = g.tm_mday;
    out.hour = g.tm_hour;
    out.min = g.tm_min;
    out.sec = g.tm_sec;
    out.day_of_week = g.tm_wday;
    out.day_of_year = g.tm_yday;
    return true;
}
datetime StructToTime(MqlDateTime &in) {
    struct tm g;
    memset(&g, 0, sizeof g);
    g.tm_year = in.year - 1900;
    g.tm_mon = in.mon - 1;
    g.tm_mday = in.day;
    g.tm_hour = in.hour;
    g.tm_min = in.min;
    g.tm_sec = in.sec;
    return (datetime)timegm(&g);
}
string TimeToString(datetime t, int mode) {
    MqlDateTime d;
    TimeToStruct(t, d);
    char b[64];
    if (mode & TIME_SECONDS) snprintf(b, sizeof b, "%04d.%02d.%02d %02d:%02d:%02d", d.year, d.mon, d.day, d.hour, d.min, d.sec);
    else snprintf(b, sizeof b, "%04d.%02d.%02d %02d:%02d", d.year, d.mon, d.day, d.hour, d.min);
    return string(b);
}

// ------------------------------------------------------------------------------------------------ terminal, account
long TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER p) {
    switch (p) {
    case TERMINAL_CONNECTED: return emu::connected ? 1 : 0;
    case TERMINAL_DLLS_ALLOWED: return emu::dlls_allowed ? 1 : 0;
    case TERMINAL_TRADE_ALLOWED: return 1;
    }
    return 0;
}
string TerminalInfoString(ENUM_TERMINAL_INFO_STRING p) {
    if (p == TERMINAL_NAME) return string(emu::terminal_name);
    if (p == TERMINAL_DATA_PATH) return string(emu::files_dir);
    return string("VProp Harness");
}
long MQLInfoInteger(ENUM_MQL_INFO_INTEGER p) {
    if (p == MQL_DLLS_ALLOWED) return emu::dlls_allowed ? 1 : 0;
    if (p == MQL_TRADE_ALLOWED) return 1;
    return 0;
}
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE p) {
    switch (p) {
    case ACCOUNT_BALANCE: return emu::account.balance;
    case ACCOUNT_EQUITY: return emu::equity();
    case ACCOUNT_MARGIN: return emu::account.margin;
    case ACCOUNT_MARGIN_FREE: return emu::equity() - emu::account.margin;
    case ACCOUNT_PROFIT: return emu::equity() - emu::account.balance - emu::account.credit;
    case ACCOUNT_CREDIT: return emu::account.credit;
    }
    return 0;
}
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER p) {
    switch (p) {
    case ACCOUNT_LOGIN: return emu::account.login;
    case ACCOUNT_LEVERAGE: return emu::account.leverage;
    case ACCOUNT_MARGIN_MODE: return emu::account.margin_mode;
    case ACCOUNT_TRADE_ALLOWED: return emu::account.trade_allowed ? 1 : 0;
    case ACCOUNT_TRADE_EXPERT: return 1;
    }
    return 0;
}
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING p) {
    switch (p) {
    case ACCOUNT_SERVER: return string(emu::account.server);
    case ACCOUNT_COMPANY: return string(emu::account.company);
    case ACCOUNT_CURRENCY: return string(emu::account.currency);
    case ACCOUNT_NAME: return string("Harness Trader");
    }
    return string("");
}

// ------------------------------------------------------------------------------------------------ symbols
static emu::Symbol *find_sym(const string &name) {
    auto it = emu::symbols.find(name.s);
    return it == emu::symbols.end() ? nullptr : &it->second;
}
bool SymbolSelect(const string &name, bool) { return find_sym(name) != nullptr; }
bool SymbolInfoDouble(const string &name, ENUM_SYMBOL_INFO_DOUBLE p, double &out) {
    emu::Symbol *s = find_sym(name);
    if (!s) { _LastError = 4301; return false; }
    switch (p) {
    case SYMBOL_BID: out = s->bid; break;
    case SYMBOL_ASK: out = s->ask; break;
    case SYMBOL_POINT: out = s->point; break;
    case SYMBOL_TRADE_TICK_SIZE: out = s->tick_size; break;
    case SYMBOL_TRADE_TICK_VALUE: out = s->tick_value; break;
    case SYMBOL_TRADE_CONTRACT_SIZE: out = s->contract_size; break;
    case SYMBOL_VOLUME_MIN: out = s->volume_min; break;
    case SYMBOL_VOLUME_STEP: out = s->volume_step; break;
    case SYMBOL_VOLUME_MAX: out = s->volume_max; break;
    }
    return true;
}
double SymbolInfoDouble(const string &name, ENUM_SYMBOL_INFO_DOUBLE p) {
    double v = 0;
    SymbolInfoDouble(name, p, v);
    return v;
}
bool SymbolInfoInteger(const string &name, ENUM_SYMBOL_INFO_INTEGER p, long &out) {
    emu::Symbol *s = find_sym(name);
    if (!s) { _LastError = 4301; return false; }
    switch (p) {
    case SYMBOL_DIGITS: out = s->digits; break;
    case SYMBOL_TRADE_STOPS_LEVEL: out = s->stops_level; break;
    case SYMBOL_TRADE_FREEZE_LEVEL: out = s->freeze_level; break;
    case SYMBOL_FILLING_MODE: out = s->filling_mode; break;
    case SYMBOL_TRADE_MODE: out = s->trade_mode; break;
    case SYMBOL_SPREAD: out = (long)std::llround((s->ask - s->bid) / s->point); break;
    case SYMBOL_TIME: out = s->time_msc / 1000; break;
    }
    return true;
}
long SymbolInfoInteger(const string &name, ENUM_SYMBOL_INFO_INTEGER p) {
    long v = 0;
    SymbolInfoInteger(name, p, v);
    return v;
}
string SymbolInfoString(const string &name, ENUM_SYMBOL_INFO_STRING p) {
    emu::Symbol *s = find_sym(name);
    if (!s) return string("");
    if (p == SYMBOL_CURRENCY_BASE) return string(s->base);
    if (p == SYMBOL_CURRENCY_PROFIT) return string(s->profit);
    return string(s->name);
}
bool SymbolInfoTick(const string &name, MqlTick &t) {
    emu::Symbol *s = find_sym(name);
    if (!s || s->bid <= 0) return false;
    t.bid = s->bid;
    t.ask = s->ask;
    t.last = 0;
    t.volume = 0;
    t.volume_real = 0;
    t.time_msc = s->time_msc;
    t.time = s->time_msc / 1000;
    t.flags = 6;
    return true;
}
bool SymbolInfoSessionTrade(const string &name, ENUM_DAY_OF_WEEK day, uint index, datetime &from, datetime &to) {
    emu::Symbol *s = find_sym(name);
    if (!s || index >= s->sessions[day].size()) return false;
    from = s->sessions[day][index].first;
    to = s->sessions[day][index].second;
    return true;
}
static int tf_slot(ENUM_TIMEFRAMES tf) {
    switch (tf) {
    case PERIOD_M1: return 0;
    case PERIOD_M5: return 1;
    case PERIOD_M15: return 2;
    case PERIOD_M30: return 3;
    case PERIOD_H1: return 4;
    case PERIOD_H4: return 5;
    case PERIOD_D1: return 6;
    default: return 7;
    }
}
int PeriodSeconds(ENUM_TIMEFRAMES tf) {
    switch (tf) {
    case PERIOD_M1: return 60;
    case PERIOD_M5: return 300;
    case PERIOD_M15: return 900;
    case PERIOD_M30: return 1800;
    case PERIOD_H1: return 3600;
    case PERIOD_H4: return 14400;
    case PERIOD_D1: return 86400;
    default: return 60;
    }
}
// start_pos counts back from the forming bar (0), as in MT5; `out` is oldest first.
int CopyRates(const string &name, ENUM_TIMEFRAMES tf, int start_pos, int count, CArr<MqlRates> &out) {
    emu::Symbol *s = find_sym(name);
    if (!s) return -1;
    auto &bars = s->bars[tf_slot(tf)];
    int n = (int)bars.size();
    int newest = n - 1 - start_pos;
    if (newest < 0) return 0;
    int oldest = std::max(0, newest - count + 1);
    out.v.assign(bars.begin() + oldest, bars.begin() + newest + 1);
    return (int)out.v.size();
}

// ------------------------------------------------------------------------------------------------ positions, deals
static const emu::Order *selected_order = nullptr;
int OrdersTotal() { return (int)emu::orders.size(); }
ulong OrderGetTicket(int index) {
    if (index < 0 || index >= (int)emu::orders.size()) return 0;
    selected_order = &emu::orders[(size_t)index];
    return selected_order->ticket;
}
bool OrderSelect(ulong ticket) {
    for (auto &o : emu::orders)
        if (o.ticket == ticket) { selected_order = &o; return true; }
    return false;
}
long OrderGetInteger(ENUM_ORDER_PROPERTY_INTEGER p) {
    if (!selected_order) return 0;
    switch (p) {
    case ORDER_TICKET: return (long)selected_order->ticket;
    case ORDER_TYPE: return selected_order->type;
    case ORDER_MAGIC: return (long)selected_order->magic;
    case ORDER_TIME_SETUP_MSC: return selected_order->time_setup_msc;
    case ORDER_TIME_EXPIRATION: return selected_order->expiration;
    case ORDER_STATE: return selected_order->state;
    }
    return 0;
}
double OrderGetDouble(ENUM_ORDER_PROPERTY_DOUBLE p) {
    if (!selected_order) return 0;
    switch (p) {
    case ORDER_VOLUME_CURRENT: return selected_order->volume;
    case ORDER_PRICE_OPEN: return selected_order->price;
    case ORDER_SL: return selected_order->sl;
    case ORDER_TP: return selected_order->tp;
    }
    return 0;
}
string OrderGetString(ENUM_ORDER_PROPERTY_STRING p) {
    if (!selected_order) return string("");
    return string(p == ORDER_SYMBOL ? selected_order->symbol : selected_order->comment);
}
static const emu::Order *find_history_order(ulong ticket) {
    for (auto &o : emu::history_orders)
        if (o.ticket == ticket) return &o;
    return nullptr;
}
bool HistoryOrderSelect(ulong ticket) { return find_history_order(ticket) != nullptr; }
long HistoryOrderGetInteger(ulong ticket, ENUM_ORDER_PROPERTY_INTEGER p) {
    const emu::Order *o = find_history_order(ticket);
    if (!o) return 0;
    switch (p) {
    case ORDER_TICKET: return (long)o->ticket;
    case ORDER_TYPE: return o->type;
    case ORDER_MAGIC: return (long)o->magic;
    case ORDER_TIME_SETUP_MSC: return o->time_setup_msc;
    case ORDER_TIME_EXPIRATION: return o->expiration;
    case ORDER_STATE: return o->state;
    }
    return 0;
}

static const emu::Position *selected_position = nullptr;

int PositionsTotal() { return (int)emu::positions.size(); }
ulong PositionGetTicket(int index) {
    if (index < 0 || index >= (int)emu::positions.size()) return 0;
    selected_position = &emu::positions[(size_t)index];
    return selected_position->ticket;
}
bool PositionSelectByTicket(ulong ticket) {
    for (auto &p : emu::positions)
        if (p.ticket == ticket) { selected_position = &p; return true; }
    selected_position = nullptr;
    return false;
}
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER p) {
    if (!selected_position) return 0;
    switch (p) {
    case POSITION_TICKET: case POSITION_IDENTIFIER: return (long)selected_position->ticket;
    case POSITION_TYPE: return selected_position->type;
    case POSITION_MAGIC: return (long)selected_position->magic;
    case POSITION_TIME_MSC: return selected_position->time_msc;
    }
    return 0;
}
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE p) {
    if (!selected_position) return 0;
    switch (p) {
    case POSITION_VOLUME: return selected_position->volume;
    case POSITION_PRICE_OPEN: return selected_position->price_open;
    case POSITION_SL: return selected_position->sl;
    case POSITION_TP: return selected_position->tp;
    case POSITION_PROFIT: return emu::floating(*selected_position);
    case POSITION_SWAP: return selected_position->swap;
    case POSITION_PRICE_CURRENT: {
        const emu::Symbol &s = emu::sym(selected_position->symbol);
        return selected_position->type == POSITION_TYPE_BUY ? s.bid : s.ask;
    }
    }
    return 0;
}
string PositionGetString(ENUM_POSITION_PROPERTY_STRING p) {
    if (!selected_position) return string("");
    return string(p == POSITION_SYMBOL ? selected_position->symbol : selected_position->comment);
}
static const emu::Deal *find_deal(ulong ticket) {
    for (auto &d : emu::deals)
        if (d.ticket == ticket) return &d;
    return nullptr;
}
bool HistoryDealSelect(ulong ticket) { return find_deal(ticket) != nullptr; }
// the deals of [from, to] (server time, seconds), as HistorySelect leaves them for HistoryDealsTotal/GetTicket
static std::vector<ulong> selected_deals;
bool HistorySelect(datetime from, datetime to) {
    selected_deals.clear();
    for (auto &d : emu::deals)
        if (d.time_msc / 1000 >= (long)from && d.time_msc / 1000 <= (long)to) selected_deals.push_back(d.ticket);
    return true;
}
int HistoryDealsTotal() { return (int)selected_deals.size(); }
ulong HistoryDealGetTicket(int index) {
    return index >= 0 && index < (int)selected_deals.size() ? selected_deals[index] : 0;
}
long HistoryDealGetInteger(ulong ticket, ENUM_DEAL_PROPERTY_INTEGER p) {
    const emu::Deal *d = find_deal(ticket);
    if (!d) return 0;
    switch (p) {
    case DEAL_ORDER: return (long)d->order;
    case DEAL_POSITION_ID: return (long)d->position;
    case DEAL_TYPE: return d->type;
    case DEAL_ENTRY: return d->entry;
    case DEAL_MAGIC: return (long)d->magic;
    case DEAL_TIME_MSC: return d->time_msc;
    case DEAL_REASON: return d->reason;
    }
    return 0;
}
double HistoryDealGetDouble(ulong ticket, ENUM_DEAL_PROPERTY_DOUBLE p) {
    const emu::Deal *d = find_deal(ticket);
    if (!d) return 0;
    switch (p) {
    case DEAL_PRICE: return d->price;
    case DEAL_VOLUME: return d->volume;
    case DEAL_COMMISSION: return d->commission;
    case DEAL_SWAP: return d->swap;
    case DEAL_PROFIT: return d->profit;
    }
    return 0;
}
string HistoryDealGetString(ulong ticket, ENUM_DEAL_PROPERTY_STRING p) {
    const emu::Deal *d = find_deal(ticket);
    if (!d) return string("");
    return string(p == DEAL_SYMBOL ? d->symbol : d->comment);
}

// ------------------------------------------------------------------------------------------------ calendar
int CalendarValueHistory(CArr<MqlCalendarValue> &values, datetime from, datetime to, const char *, const char *) {
    values.v.clear();
    for (auto &e : emu::calendar)
        if (e.first.time >= from && e.first.time <= to) values.v.push_back(e.first);
    return (int)values.v.size();
}
// MT5's calendar country ids (ISO 3166 numeric; 999 = European Union)
bool CalendarCountryById(ulong id, MqlCalendarCountry &country) {
    static const std::map<ulong, std::string> currencies = {{840, "USD"}, {999, "EUR"}, {826, "GBP"}, {392, "JPY"},
                                                            {124, "CAD"}, {36, "AUD"}, {554, "NZD"}, {756, "CHF"}};
    auto it = currencies.find(id);
    if (it == currencies.end()) return false;
    country.id = id;
    country.currency = string(it->second);
    return true;
}
bool CalendarEventById(ulong id, MqlCalendarEvent &event) {
    for (auto &e : emu::calendar)
        if (e.second.id == id) { event = e.second; return true; }
    return false;
}

// ------------------------------------------------------------------------------------------------ files
// MQL5/Files sandbox: names are relative to emu::files_dir; one handle reads whole lines (FILE_TXT).
struct EmuFile {
    std::string path;
    bool write;
    std::string data;
    size_t pos;
};
static std::map<int, EmuFile> files;
static int next_handle = 1;
static std::string file_path(const string &name) { return emu::files_dir + "/" + name.s; }
static void mkdirs(const std::string &dir) {
    std::string cur;
    std::stringstream ss(dir);
    std::string part;
    if (!dir.empty() && dir[0] == '/') cur = "/";
    while (std::getline(ss, part, '/')) {
        if (part.empty()) continue;
        cur += part + "/";
        mkdir(cur.c_str(), 0755);
    }
}
int FileOpen(const string &name, int flags, ushort, uint) {
    EmuFile f;
    f.path = file_path(name);
    f.write = (flags & FILE_WRITE) != 0;
    f.pos = 0;
    if (f.write) {
        size_t slash = f.path.rfind('/');
        if (slash != std::string::npos) mkdirs(f.path.substr(0, slash));
        if (flags & FILE_READ) {
            std::ifstream in(f.path, std::ios::binary);
            std::stringstream b;
            b << in.rdbuf();
            f.data = b.str();
        }
    } else {
        std::ifstream in(f.path, std::ios::binary);
        if (!in) { _LastError = 5004; return INVALID_HANDLE; }
        std::stringstream b;
        b << in.rdbuf();
        f.data = b.str();
    }
    int h = next_handle++;
    files[h] = f;
    return h;
}
void FileFlush(int h) {
    auto it = files.find(h);
    if (it == files.end() || !it->second.write) return;
    std::ofstream out(it->second.path, std::ios::binary | std::ios::trunc);
    out << it->second.data;
}
void FileClose(int h) {
    FileFlush(h);
    files.erase(h);
}
uint FileWriteString(int h, const string &s, int) {
    auto it = files.find(h);
    if (it == files.end() || !it->second.write) return 0;
    it->second.data += s.s;
    return (uint)s.s.size();
}
string FileReadString(int h, int) {
    auto it = files.find(h);
    if (it == files.end()) return string("");
    EmuFile &f = it->second;
    size_t nl = f.data.find('\n', f.pos);
    std::string line = f.data.substr(f.pos, nl == std::string::npos ? std::string::npos : nl - f.pos);
    f.pos = nl == std::string::npos ? f.data.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return string(line);
}
bool FileIsEnding(int h) {
    auto it = files.find(h);
    return it == files.end() || it->second.pos >= it->second.data.size();
}
bool FileIsExist(const string &name, int) {
    struct stat st;
    return stat(file_path(name).c_str(), &st) == 0;
}
bool FileDelete(const string &name, int) { return unlink(file_path(name).c_str()) == 0; }
bool FileMove(const string &src, int, const string &dst, int flags) {
    if (!(flags & FILE_REWRITE) && FileIsExist(dst, 0)) return false;
    return rename(file_path(src).c_str(), file_path(dst).c_str()) == 0;
}
