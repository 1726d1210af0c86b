// Emulation of the part of the MQL5 runtime the VProp EA uses, so that the EA's own .mq5/.mqh files (after the
// mechanical translation in harness/scripts/translate.sh) compile with g++ and run on Linux.
//
// Faithfulness notes (where this differs from MetaTrader 5, and why it does not matter for the tests):
//  - `string` holds UTF-8 bytes, MQL5 strings hold UTF-16 code units; StringLen of non-ASCII text differs.
//    The protocol's identifiers and numbers are ASCII.
//  - An out-of-range array index aborts the process, as MQL5's "array out of range" critical error stops the EA.
//  - Time is an emulated clock (emu::clock_*) unless emu::real_clock is set (interop test).
#ifndef VPROP_EMU_MQL5_H
#define VPROP_EMU_MQL5_H

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <deque>
#include <initializer_list>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long datetime;
typedef unsigned int color;

// ------------------------------------------------------------------------------------------------ string
class string {
  public:
    std::string s;
    string() {}
    string(const char *c) : s(c ? c : "") {}
    string(const std::string &x) : s(x) {}
    const char *c_str() const { return s.c_str(); }
    string &operator+=(const string &o) { s += o.s; return *this; }
    string &operator+=(const char *o) { s += o; return *this; }
    bool operator==(const string &o) const { return s == o.s; }
    bool operator!=(const string &o) const { return s != o.s; }
    bool operator<(const string &o) const { return s < o.s; }
    bool operator>(const string &o) const { return s > o.s; }
    bool operator==(const char *o) const { return s == o; }
    bool operator!=(const char *o) const { return s != o; }
};
inline string operator+(const string &a, const string &b) { return string(a.s + b.s); }
inline string operator+(const char *a, const string &b) { return string(std::string(a) + b.s); }
inline string operator+(const string &a, const char *b) { return string(a.s + b); }

// ------------------------------------------------------------------------------------------------ arrays
// MQL5 dynamic arrays (`T name[]`) become CArr<T>; the translation rewrites the declarations.
void vprop_emu_fatal(const char *what);
// bool elements live in a deque: std::vector<bool> hands out proxies, not the bool& that MQL5 code expects
template <typename T> struct VPropEmuStore { typedef std::vector<T> type; };
template <> struct VPropEmuStore<bool> { typedef std::deque<bool> type; };
template <typename T> class CArr {
  public:
    typename VPropEmuStore<T>::type v;
    CArr() {}
    CArr(std::initializer_list<T> l) : v(l) {}
    T &operator[](long i) {
        if (i < 0 || (size_t)i >= v.size()) vprop_emu_fatal("array out of range");
        return v[(size_t)i];
    }
    const T &operator[](long i) const {
        if (i < 0 || (size_t)i >= v.size()) vprop_emu_fatal("array out of range");
        return v[(size_t)i];
    }
};
template <typename T> int ArraySize(const CArr<T> &a) { return (int)a.v.size(); }
template <typename T, size_t N> int ArraySize(const T (&)[N]) { return (int)N; }
template <typename T> int ArrayResize(CArr<T> &a, int n, int reserve = 0) {
    (void)reserve;
    if (n < 0) return -1;
    a.v.resize((size_t)n);
    return n;
}
template <typename T> void ArrayFree(CArr<T> &a) { a.v.clear(); }
template <typename T> bool ArrayRemove(CArr<T> &a, int start, int count = -1) {
    if (start < 0 || start > (int)a.v.size()) return false;
    int end = count < 0 ? (int)a.v.size() : std::min((int)a.v.size(), start + count);
    a.v.erase(a.v.begin() + start, a.v.begin() + end);
    return true;
}
template <typename T> int ArrayCopy(CArr<T> &dst, const CArr<T> &src, int dst_start = 0, int src_start = 0,
                                    int count = -1) {
    int n = count < 0 ? (int)src.v.size() - src_start : count;
    if ((int)dst.v.size() < dst_start + n) dst.v.resize((size_t)(dst_start + n));
    for (int i = 0; i < n; i++) dst.v[(size_t)(dst_start + i)] = src.v[(size_t)(src_start + i)];
    return n;
}
template <typename T> void ArrayInitialize(CArr<T> &a, T value) {
    for (auto &x : a.v) x = value;
}

// A DLL import's `uchar &buf[]` parameter: the terminal passes a pointer to the array's first element.
struct VPropDllBytes {
    uchar *p;
    VPropDllBytes(CArr<uchar> &a) : p(a.v.empty() ? nullptr : a.v.data()) {}
};

// ------------------------------------------------------------------------------------------------ constants
#define WHOLE_ARRAY (-1)
#define CP_ACP 0
#define CP_UTF8 65001
#define INVALID_HANDLE (-1)
#define EMPTY_VALUE DBL_MAX
#define FILE_READ 1
#define FILE_WRITE 2
#define FILE_BIN 4
#define FILE_CSV 8
#define FILE_TXT 16
#define FILE_ANSI 32
#define FILE_UNICODE 64
#define FILE_SHARE_READ 128
#define FILE_SHARE_WRITE 256
#define FILE_REWRITE 512
#define FILE_COMMON 4096
#define ERR_SUCCESS 0
#define INIT_SUCCEEDED 0
#define INIT_FAILED 1
#define INIT_PARAMETERS_INCORRECT 2
extern string _Symbol;
extern int _Period;

enum ENUM_TIMEFRAMES {
    PERIOD_CURRENT = 0, PERIOD_M1 = 1, PERIOD_M5 = 5, PERIOD_M15 = 15, PERIOD_M30 = 30,
    PERIOD_H1 = 16385, PERIOD_H4 = 16388, PERIOD_D1 = 16408
};
enum ENUM_DAY_OF_WEEK { SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY };
enum ENUM_ORDER_TYPE { ORDER_TYPE_BUY, ORDER_TYPE_SELL, ORDER_TYPE_BUY_LIMIT, ORDER_TYPE_SELL_LIMIT, ORDER_TYPE_BUY_STOP,
                       ORDER_TYPE_SELL_STOP };
enum ENUM_ORDER_TYPE_TIME { ORDER_TIME_GTC, ORDER_TIME_DAY, ORDER_TIME_SPECIFIED, ORDER_TIME_SPECIFIED_DAY };
enum ENUM_ORDER_STATE { ORDER_STATE_STARTED, ORDER_STATE_PLACED, ORDER_STATE_CANCELED, ORDER_STATE_PARTIAL,
                        ORDER_STATE_FILLED, ORDER_STATE_REJECTED, ORDER_STATE_EXPIRED };
enum ENUM_ORDER_PROPERTY_INTEGER { ORDER_TICKET, ORDER_TYPE, ORDER_MAGIC, ORDER_TIME_SETUP_MSC, ORDER_TIME_EXPIRATION,
                                   ORDER_STATE };
enum ENUM_ORDER_PROPERTY_DOUBLE { ORDER_VOLUME_CURRENT, ORDER_PRICE_OPEN, ORDER_SL, ORDER_TP };
enum ENUM_ORDER_PROPERTY_STRING { ORDER_SYMBOL, ORDER_COMMENT };
enum ENUM_ORDER_TYPE_FILLING { ORDER_FILLING_FOK, ORDER_FILLING_IOC, ORDER_FILLING_RETURN };
#define SYMBOL_FILLING_FOK 1
#define SYMBOL_FILLING_IOC 2
enum ENUM_POSITION_TYPE { POSITION_TYPE_BUY, POSITION_TYPE_SELL };
// MT5's values: the deal types that are not trades are balance operations (docs/ea.md)
enum ENUM_DEAL_TYPE { DEAL_TYPE_BUY, DEAL_TYPE_SELL, DEAL_TYPE_BALANCE, DEAL_TYPE_CREDIT, DEAL_TYPE_CHARGE,
                      DEAL_TYPE_CORRECTION, DEAL_TYPE_BONUS, DEAL_TYPE_COMMISSION, DEAL_TYPE_COMMISSION_DAILY,
                      DEAL_TYPE_COMMISSION_MONTHLY, DEAL_TYPE_COMMISSION_AGENT_DAILY, DEAL_TYPE_COMMISSION_AGENT_MONTHLY,
                      DEAL_TYPE_INTEREST, DEAL_TYPE_BUY_CANCELED, DEAL_TYPE_SELL_CANCELED, DEAL_DIVIDEND,
                      DEAL_DIVIDEND_FRANKED, DEAL_TAX };
enum ENUM_DEAL_ENTRY { DEAL_ENTRY_IN, DEAL_ENTRY_OUT, DEAL_ENTRY_INOUT, DEAL_ENTRY_OUT_BY };
enum ENUM_DEAL_REASON { DEAL_REASON_CLIENT, DEAL_REASON_MOBILE, DEAL_REASON_WEB, DEAL_REASON_EXPERT, DEAL_REASON_SL,
                        DEAL_REASON_TP, DEAL_REASON_SO };
enum ENUM_TRADE_TRANSACTION_TYPE { TRADE_TRANSACTION_ORDER_ADD, TRADE_TRANSACTION_ORDER_UPDATE,
                                   TRADE_TRANSACTION_ORDER_DELETE, TRADE_TRANSACTION_DEAL_ADD,
                                   TRADE_TRANSACTION_DEAL_UPDATE, TRADE_TRANSACTION_DEAL_DELETE,
                                   TRADE_TRANSACTION_HISTORY_ADD, TRADE_TRANSACTION_POSITION,
                                   TRADE_TRANSACTION_REQUEST };
enum ENUM_ACCOUNT_MARGIN_MODE { ACCOUNT_MARGIN_MODE_RETAIL_NETTING, ACCOUNT_MARGIN_MODE_EXCHANGE,
                                ACCOUNT_MARGIN_MODE_RETAIL_HEDGING };
enum ENUM_SYMBOL_TRADE_MODE { SYMBOL_TRADE_MODE_DISABLED, SYMBOL_TRADE_MODE_LONGONLY, SYMBOL_TRADE_MODE_SHORTONLY,
                              SYMBOL_TRADE_MODE_CLOSEONLY, SYMBOL_TRADE_MODE_FULL };
enum ENUM_SYMBOL_INFO_DOUBLE { SYMBOL_BID, SYMBOL_ASK, SYMBOL_POINT, SYMBOL_TRADE_TICK_SIZE, SYMBOL_TRADE_TICK_VALUE,
                               SYMBOL_TRADE_CONTRACT_SIZE, SYMBOL_VOLUME_MIN, SYMBOL_VOLUME_STEP, SYMBOL_VOLUME_MAX };
enum ENUM_SYMBOL_INFO_INTEGER { SYMBOL_DIGITS, SYMBOL_TRADE_STOPS_LEVEL, SYMBOL_TRADE_FREEZE_LEVEL,
                                SYMBOL_FILLING_MODE, SYMBOL_TRADE_MODE, SYMBOL_SPREAD, SYMBOL_TIME };
enum ENUM_SYMBOL_INFO_STRING { SYMBOL_CURRENCY_BASE, SYMBOL_CURRENCY_PROFIT, SYMBOL_DESCRIPTION };
enum ENUM_ACCOUNT_INFO_DOUBLE { ACCOUNT_BALANCE, ACCOUNT_EQUITY, ACCOUNT_MARGIN, ACCOUNT_MARGIN_FREE,
                                ACCOUNT_PROFIT, ACCOUNT_CREDIT };
enum ENUM_ACCOUNT_INFO_INTEGER { ACCOUNT_LOGIN, ACCOUNT_LEVERAGE, ACCOUNT_MARGIN_MODE, ACCOUNT_TRADE_ALLOWED,
                                 ACCOUNT_TRADE_EXPERT };
enum ENUM_ACCOUNT_INFO_STRING { ACCOUNT_SERVER, ACCOUNT_COMPANY, ACCOUNT_CURRENCY, ACCOUNT_NAME };
enum ENUM_POSITION_PROPERTY_INTEGER { POSITION_TICKET, POSITION_TYPE, POSITION_MAGIC, POSITION_TIME_MSC,
                                      POSITION_IDENTIFIER };
enum ENUM_POSITION_PROPERTY_DOUBLE { POSITION_VOLUME, POSITION_PRICE_OPEN, POSITION_SL, POSITION_TP,
                                     POSITION_PROFIT, POSITION_SWAP, POSITION_PRICE_CURRENT };
enum ENUM_POSITION_PROPERTY_STRING { POSITION_SYMBOL, POSITION_COMMENT };
enum ENUM_DEAL_PROPERTY_INTEGER { DEAL_ORDER, DEAL_POSITION_ID, DEAL_TYPE, DEAL_ENTRY, DEAL_MAGIC, DEAL_TIME_MSC,
                                  DEAL_REASON };
enum ENUM_DEAL_PROPERTY_DOUBLE { DEAL_PRICE, DEAL_VOLUME, DEAL_COMMISSION, DEAL_SWAP, DEAL_PROFIT };
enum ENUM_DEAL_PROPERTY_STRING { DEAL_SYMBOL, DEAL_COMMENT };
enum ENUM_TERMINAL_INFO_INTEGER { TERMINAL_CONNECTED, TERMINAL_DLLS_ALLOWED, TERMINAL_TRADE_ALLOWED };
enum ENUM_TERMINAL_INFO_STRING { TERMINAL_NAME, TERMINAL_DATA_PATH, TERMINAL_COMPANY };
enum ENUM_MQL_INFO_INTEGER { MQL_DLLS_ALLOWED, MQL_TESTER, MQL_TRADE_ALLOWED };
enum ENUM_CALENDAR_EVENT_IMPORTANCE { CALENDAR_IMPORTANCE_NONE, CALENDAR_IMPORTANCE_LOW, CALENDAR_IMPORTANCE_MODERATE,
                                      CALENDAR_IMPORTANCE_HIGH };

#define TRADE_RETCODE_REQUOTE 10004
#define TRADE_RETCODE_REJECT 10006
#define TRADE_RETCODE_CANCEL 10007
#define TRADE_RETCODE_PLACED 10008
#define TRADE_RETCODE_DONE 10009
#define TRADE_RETCODE_DONE_PARTIAL 10010
#define TRADE_RETCODE_ERROR 10011
#define TRADE_RETCODE_TIMEOUT 10012
#define TRADE_RETCODE_INVALID 10013
#define TRADE_RETCODE_INVALID_VOLUME 10014
#define TRADE_RETCODE_INVALID_PRICE 10015
#define TRADE_RETCODE_INVALID_STOPS 10016
#define TRADE_RETCODE_TRADE_DISABLED 10017
#define TRADE_RETCODE_MARKET_CLOSED 10018
#define TRADE_RETCODE_NO_MONEY 10019
#define TRADE_RETCODE_PRICE_CHANGED 10020
#define TRADE_RETCODE_PRICE_OFF 10021
#define TRADE_RETCODE_TOO_MANY_REQUESTS 10024
#define TRADE_RETCODE_FROZEN 10029
#define TRADE_RETCODE_INVALID_FILL 10030
#define TRADE_RETCODE_CONNECTION 10031
#define TRADE_RETCODE_LIMIT_POSITIONS 10040

// ------------------------------------------------------------------------------------------------ structs
struct MqlTick {
    datetime time;
    double bid, ask, last;
    ulong volume;
    long time_msc;
    uint flags;
    double volume_real;
};
struct MqlRates {
    datetime time;
    double open, high, low, close;
    long tick_volume;
    int spread;
    long real_volume;
};
struct MqlDateTime {
    int year, mon, day, hour, min, sec, day_of_week, day_of_year;
};
struct MqlTradeRequest {
    int action;
    ulong magic, order;
    string symbol;
    double volume, price, stoplimit, sl, tp;
    ulong deviation;
    ENUM_ORDER_TYPE type;
    ENUM_ORDER_TYPE_FILLING type_filling;
    string comment;
    ulong position;
};
struct MqlTradeResult {
    uint retcode;
    ulong deal, order;
    double volume, price, bid, ask;
    string comment;
    uint request_id;
};
struct MqlTradeTransaction {
    ulong deal, order;
    string symbol;
    ENUM_TRADE_TRANSACTION_TYPE type;
    ENUM_DEAL_TYPE deal_type;
    double price, volume;
    ulong position;
};
struct MqlCalendarValue {
    ulong id, event_id;
    datetime time;
};
struct MqlCalendarEvent {
    ulong id;
    ENUM_CALENDAR_EVENT_IMPORTANCE importance;
    string name;
    ulong country_id;
};
struct MqlCalendarCountry {
    ulong id;
    string currency;
};

// ------------------------------------------------------------------------------------------------ the emulated world
namespace emu {
struct Symbol {
    std::string name;
    int digits = 5;
    double point = 1e-5, tick_size = 1e-5, tick_value = 1.0, contract_size = 100000;
    double volume_min = 0.01, volume_step = 0.01, volume_max = 100;
    int stops_level = 0, freeze_level = 0, filling_mode = SYMBOL_FILLING_FOK | SYMBOL_FILLING_IOC;
    int trade_mode = SYMBOL_TRADE_MODE_FULL;
    std::string base = "EUR", profit = "USD";
    double bid = 0, ask = 0;
    long time_msc = 0;
    std::vector<MqlRates> bars[8];  // by timeframe slot, oldest first; the last one is the forming bar
    // sessions per day of week as (from_s, to_s) pairs of seconds from midnight
    std::vector<std::pair<long, long>> sessions[7];
};
struct Position {
    ulong ticket;
    std::string symbol;
    int type;
    double volume, price_open, sl, tp, swap;
    long time_msc;
    ulong magic;
    std::string comment;
};
struct Deal {
    ulong ticket, order, position;
    std::string symbol;
    int type, entry, reason;
    double price, volume, commission, swap, profit;
    long time_msc;
    ulong magic;
    std::string comment;
};
struct Request {  // what CTrade sent, as the harness sees it
    std::string op, symbol, comment;
    int type;
    double volume, price, sl, tp;
    ulong ticket, deviation;
    int filling;
    uint retcode;
    ulong magic;
    long expiration = 0;  // a pending order's ORDER_TIME_SPECIFIED expiry (server time, s); 0 = GTC
};
struct Order {  // a pending order resting at the emulated server (and, once it left, in the order history)
    ulong ticket;
    std::string symbol;
    int type;  // ORDER_TYPE_BUY_LIMIT .. ORDER_TYPE_SELL_STOP
    double volume, price, sl, tp;
    long expiration;  // server time, s; 0 = good till cancelled
    long time_setup_msc;
    ulong magic;
    std::string comment;
    int state;
};
struct Account {
    long login = 51234567;
    long leverage = 100;
    int margin_mode = ACCOUNT_MARGIN_MODE_RETAIL_HEDGING;
    double balance = 100000;
    double credit = 0;
    double margin = 0;
    std::string server = "VProp-Emulated", company = "VProp Harness", currency = "USD";
    bool trade_allowed = true;
};

extern std::map<std::string, Symbol> symbols;
extern std::vector<Position> positions;
extern std::vector<Order> orders;
extern std::vector<Deal> deals;
void seed_deposit(double amount, long utc_ms);  // a balance deal in the history (reset() seeds the initial deposit)
extern std::vector<Order> orders;          // resting pending orders
extern std::vector<Order> history_orders;  // pending orders that left (filled, cancelled, expired)
extern std::vector<Request> requests;
extern std::vector<uint> scripted_retcodes;   // answers for the next requests, FIFO; empty = DONE
extern std::vector<MqlTradeTransaction> transactions;  // queued for OnTradeTransaction
extern std::vector<std::string> log_lines;    // the Experts log
extern std::vector<std::pair<MqlCalendarValue, MqlCalendarEvent>> calendar;
extern std::string chart_comment;
extern Account account;
extern bool connected;
extern bool dlls_allowed;
extern bool real_clock;
extern long clock_ms;            // emulated UTC epoch ms
extern long server_offset_s;     // server time - UTC
extern std::string files_dir;    // MQL5/Files
extern std::string terminal_name;
extern std::string chart_symbol;
extern int timer_ms;
extern bool quiet;                // do not echo the Experts log to stdout
extern ulong next_ticket;
extern double slippage_on_next;  // price moves by this before the next fill (tests of requotes)

Symbol &sym(const std::string &name);
// A deal that is not a trade (DEAL_TYPE_BALANCE, CREDIT, CHARGE...): the balance (or, for credit, the credit) moves
// by amount; with notify, OnTradeTransaction hears of it (false: only the history has it, as when the terminal has
// not delivered the transaction yet). Returns its ticket.
ulong balance_deal(int type, double amount, const std::string &comment, bool notify);
long now_ms();
double equity();
double floating(const Position &p);
void reset();
void set_quote(const std::string &symbol, double bid, double ask);
}  // namespace emu

// ------------------------------------------------------------------------------------------------ functions
int GetLastError();
void ResetLastError();
void SetUserError(ushort e);
extern int _LastError;
bool IsStopped();
long ChartID();
bool EventSetMillisecondTimer(int ms);
bool EventSetTimer(int s);
void EventKillTimer();
void Comment(const string &s);
void vprop_emu_print(const std::string &line);

// Print: arguments concatenated, as MQL5 does.
inline std::string vprop_emu_str(const string &s) { return s.s; }
inline std::string vprop_emu_str(const char *s) { return s; }
inline std::string vprop_emu_str(int v) { return std::to_string(v); }
inline std::string vprop_emu_str(uint v) { return std::to_string(v); }
inline std::string vprop_emu_str(long v) { return std::to_string(v); }
inline std::string vprop_emu_str(ulong v) { return std::to_string(v); }
inline std::string vprop_emu_str(bool v) { return v ? "true" : "false"; }
inline std::string vprop_emu_str(double v) {
    char b[64];
    snprintf(b, sizeof b, "%.8g", v);
    return b;
}
inline void vprop_emu_cat(std::string &) {}
template <typename A, typename... R> void vprop_emu_cat(std::string &out, const A &a, const R &...r) {
    out += vprop_emu_str(a);
    vprop_emu_cat(out, r...);
}
template <typename... A> void Print(const A &...a) {
    std::string s;
    vprop_emu_cat(s, a...);
    vprop_emu_print(s);
}

// StringFormat / PrintFormat: MQL5 format strings (%I64d for long, %s for string).
inline long vprop_emu_fmtarg(int v) { return v; }
inline long vprop_emu_fmtarg(long v) { return v; }
inline ulong vprop_emu_fmtarg(ulong v) { return v; }
inline long vprop_emu_fmtarg(uint v) { return v; }
inline double vprop_emu_fmtarg(double v) { return v; }
inline const char *vprop_emu_fmtarg(const string &v) { return v.c_str(); }
inline const char *vprop_emu_fmtarg(const char *v) { return v; }
inline long vprop_emu_fmtarg(bool v) { return v ? 1 : 0; }
std::string vprop_emu_fixfmt(const string &fmt);
template <typename... A> string StringFormat(const string &fmt, const A &...a) {
    std::string f = vprop_emu_fixfmt(fmt);
    int n = snprintf(nullptr, 0, f.c_str(), vprop_emu_fmtarg(a)...);
    std::string out((size_t)(n > 0 ? n : 0), '\0');
    snprintf(&out[0], out.size() + 1, f.c_str(), vprop_emu_fmtarg(a)...);
    return string(out);
}
template <typename... A> void PrintFormat(const string &fmt, const A &...a) { vprop_emu_print(StringFormat(fmt, a...).s); }

int StringLen(const string &s);
string StringSubstr(const string &s, int start, int length = -1);
int StringFind(const string &s, const string &match, int start = 0);
ushort StringGetCharacter(const string &s, int pos);
string ShortToString(ushort c);
double StringToDouble(const string &s);
long StringToInteger(const string &s);
string IntegerToString(long v, int width = 0, ushort fill = ' ');
string DoubleToString(double v, int digits = 8);
int StringReplace(string &s, const string &find, const string &repl);
int StringSplit(const string &s, ushort sep, CArr<string> &out);
int StringTrimLeft(string &s);
int StringTrimRight(string &s);
bool StringToUpper(string &s);
bool StringToLower(string &s);
int StringToCharArray(const string &s, CArr<uchar> &arr, int start = 0, int count = -1, uint codepage = CP_ACP);
string CharArrayToString(const CArr<uchar> &arr, int start = 0, int count = -1, uint codepage = CP_ACP);

inline double MathAbs(double v) { return std::fabs(v); }
inline long MathAbs(long v) { return v < 0 ? -v : v; }
inline int MathAbs(int v) { return v < 0 ? -v : v; }
// MQL5's MathMax/MathMin take any numeric pair; the result has the wider type
template <typename A, typename B> typename std::common_type<A, B>::type MathMax(A a, B b) { return a > b ? a : b; }
template <typename A, typename B> typename std::common_type<A, B>::type MathMin(A a, B b) { return a < b ? a : b; }
inline double MathRound(double v) { return std::round(v); }
inline double MathFloor(double v) { return std::floor(v); }
inline double MathCeil(double v) { return std::ceil(v); }
inline double MathPow(double a, double b) { return std::pow(a, b); }
inline double MathSqrt(double v) { return std::sqrt(v); }
inline double MathLog10(double v) { return std::log10(v); }
inline double MathMod(double a, double b) { return std::fmod(a, b); }
inline bool MathIsValidNumber(double v) { return std::isfinite(v); }
double NormalizeDouble(double v, int digits);

datetime TimeCurrent();
datetime TimeTradeServer();
datetime TimeGMT();
datetime TimeLocal();
ulong GetTickCount64();
ulong GetMicrosecondCount();
bool TimeToStruct(datetime t, MqlDateTime &out);
datetime StructToTime(MqlDateTime &in);
string TimeToString(datetime t, int mode = 3);
#define TIME_DATE 1
#define TIME_MINUTES 2
#define TIME_SECONDS 4

long TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER p);
string TerminalInfoString(ENUM_TERMINAL_INFO_STRING p);
long MQLInfoInteger(ENUM_MQL_INFO_INTEGER p);
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE p);
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER p);
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING p);
bool SymbolSelect(const string &name, bool select);
bool SymbolInfoDouble(const string &name, ENUM_SYMBOL_INFO_DOUBLE p, double &out);
double SymbolInfoDouble(const string &name, ENUM_SYMBOL_INFO_DOUBLE p);
long SymbolInfoInteger(const string &name, ENUM_SYMBOL_INFO_INTEGER p);
bool SymbolInfoInteger(const string &name, ENUM_SYMBOL_INFO_INTEGER p, long &out);
string SymbolInfoString(const string &name, ENUM_SYMBOL_INFO_STRING p);
bool SymbolInfoTick(const string &name, MqlTick &tick);
bool SymbolInfoSessionTrade(const string &name, ENUM_DAY_OF_WEEK day, uint index, datetime &from, datetime &to);
int CopyRates(const string &name, ENUM_TIMEFRAMES tf, int start_pos, int count, CArr<MqlRates> &out);
int PeriodSeconds(ENUM_TIMEFRAMES tf);

int OrdersTotal();
ulong OrderGetTicket(int index);
bool OrderSelect(ulong ticket);
long OrderGetInteger(ENUM_ORDER_PROPERTY_INTEGER p);
double OrderGetDouble(ENUM_ORDER_PROPERTY_DOUBLE p);
string OrderGetString(ENUM_ORDER_PROPERTY_STRING p);
bool HistoryOrderSelect(ulong ticket);
long HistoryOrderGetInteger(ulong ticket, ENUM_ORDER_PROPERTY_INTEGER p);
int PositionsTotal();
ulong PositionGetTicket(int index);
bool PositionSelectByTicket(ulong ticket);
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER p);
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE p);
string PositionGetString(ENUM_POSITION_PROPERTY_STRING p);
bool HistoryDealSelect(ulong ticket);
// the deal history: emu::deals (tests seed it), selected by server time [from, to] in the order they were added
bool HistorySelect(datetime from, datetime to);
int HistoryDealsTotal();
ulong HistoryDealGetTicket(int index);
long HistoryDealGetInteger(ulong ticket, ENUM_DEAL_PROPERTY_INTEGER p);
double HistoryDealGetDouble(ulong ticket, ENUM_DEAL_PROPERTY_DOUBLE p);
string HistoryDealGetString(ulong ticket, ENUM_DEAL_PROPERTY_STRING p);

int CalendarValueHistory(CArr<MqlCalendarValue> &values, datetime from, datetime to, const char *country = nullptr,
                         const char *currency = nullptr);
bool CalendarEventById(ulong id, MqlCalendarEvent &event);
bool CalendarCountryById(ulong id, MqlCalendarCountry &country);

int FileOpen(const string &name, int flags, ushort delimiter = '\t', uint codepage = CP_ACP);
void FileClose(int h);
uint FileWriteString(int h, const string &s, int length = -1);
string FileReadString(int h, int length = -1);
bool FileIsEnding(int h);
void FileFlush(int h);
bool FileIsExist(const string &name, int common = 0);
bool FileDelete(const string &name, int common = 0);
bool FileMove(const string &src, int common_src, const string &dst, int flags);

#endif
