//+------------------------------------------------------------------+
//| Governors.mqh - the hard governors inside the EA: the same rules  |
//| and semantics as the Java engine in governors/ (GovernorEngine),  |
//| driven by the same firm profiles and checked against the same     |
//| scenario files by the Linux harness.                              |
//| Per event: roll the firm's trading day, apply the event to the    |
//| ledger, run every rule, add the latched states (halt, pause,      |
//| target lock); the most severe hit is the decision.                |
//+------------------------------------------------------------------+
#ifndef VPROP_GOVERNORS_MQH
#define VPROP_GOVERNORS_MQH

#include <VProp/Json.mqh>
#include <VProp/Protocol.mqh>
#include <VProp/Store.mqh>
#include <VProp/Zones.mqh>

// What the governors decide, least severe first: the values order the severity (the most severe hit wins).
enum ENUM_VPG_ACTION
  {
   VPG_ALLOW             = 0,
   VPG_BLOCK_NEW_ENTRIES = 1,
   VPG_PAUSE_UNTIL_RESET = 2,
   VPG_FLATTEN_AND_HALT  = 3
  };

// The events the governors evaluate (the Java engine's event records).
enum ENUM_VPG_EVENT
  {
   VPG_EV_ACCOUNT = 0,
   VPG_EV_ORDER   = 1,
   VPG_EV_FILL    = 2,
   VPG_EV_NEWS    = 3,
   VPG_EV_CLOCK   = 4,
   VPG_EV_ACK     = 5,         // the terminal's answer to a signal (OrderAck): releases or ties its reservation
   VPG_EV_BALANCE = 6,         // a balance operation (BalanceOperation): not trading, except charges and commissions
   VPG_EV_PENDING = 7          // a step in a pending order's life (the protocol's order message; PendingEvent)
  };

// Balance operations (the Java BalanceOperation.Kind; wire names in VPG_WORDS_BALANCE_KIND, in this order).
enum ENUM_VPG_BALANCE_KIND
  {
   VPG_BAL_DEPOSIT    = 0,
   VPG_BAL_WITHDRAWAL = 1,
   VPG_BAL_PAYOUT     = 2,
   VPG_BAL_CREDIT     = 3,     // in equity, not in balance (ACCOUNT_CREDIT)
   VPG_BAL_BONUS      = 4,
   VPG_BAL_CORRECTION = 5,
   VPG_BAL_CHARGE     = 6,     // a cost: counts as the day's loss
   VPG_BAL_COMMISSION = 7      // a cost: counts as the day's loss
  };
const string VPG_WORDS_BALANCE_KIND = "|deposit|withdrawal|payout|credit|bonus|correction|charge|commission|";

// What a payout (the trader's own money in or out) does to the maximum-loss floor (profile balanceOps.payoutFloor).
enum ENUM_VPG_PAYOUT_FLOOR
  {
   VPG_PAYOUT_KEEP            = 0,   // the floor stays: a payout takes room away
   VPG_PAYOUT_MOVE            = 1,   // the floor moves with the money: the room stays
   VPG_PAYOUT_LOCK_AT_INITIAL = 2    // a payout sets the floor at the starting balance for good (Topstep)
  };
const string VPG_WORDS_PAYOUT_FLOOR = "|KEEP|MOVE|LOCK_AT_INITIAL|";
#define VPG_BALANCE_DEALS 64         // deal tickets remembered: a repeated operation is not applied twice

// How an opening order enters (Java trade.OrderType): at market, or resting at a trigger price.
enum ENUM_VPG_ORDER_TYPE
  {
   VPG_OT_MARKET     = 0,
   VPG_OT_BUY_LIMIT  = 1,
   VPG_OT_SELL_LIMIT = 2,
   VPG_OT_BUY_STOP   = 3,
   VPG_OT_SELL_STOP  = 4
  };
const string VPG_WORDS_ORDER_TYPE = "|MARKET|BUY_LIMIT|SELL_LIMIT|BUY_STOP|SELL_STOP|";

// A pending order's life as the terminal reports it: it rests from PLACED (or MODIFIED) until it leaves.
enum ENUM_VPG_PENDING_STATE
  {
   VPG_PS_PLACED    = 0,
   VPG_PS_MODIFIED  = 1,
   VPG_PS_CANCELLED = 2,
   VPG_PS_EXPIRED   = 3,
   VPG_PS_FILLED    = 4,
   VPG_PS_REJECTED  = 5
  };
const string VPG_WORDS_PENDING_STATE = "|PLACED|MODIFIED|CANCELLED|EXPIRED|FILLED|REJECTED|";

// Firm-profile choices (governors/ profile JSON): each enum's words, in the order of its values.
enum ENUM_VPG_DAILY_BASE       // what the daily loss percentage is of
  {
   VPG_DAILY_BASE_INITIAL = 0,
   VPG_DAILY_BASE_ANCHOR  = 1
  };
const string VPG_WORDS_DAILY_BASE = "|INITIAL|ANCHOR|";

enum ENUM_VPG_DAILY_ANCHOR     // the day-start value the daily floor hangs from
  {
   VPG_ANCHOR_BALANCE = 0,
   VPG_ANCHOR_EQUITY  = 1,
   VPG_ANCHOR_HIGHER  = 2      // the higher of balance and equity
  };
const string VPG_WORDS_DAILY_ANCHOR = "|BALANCE|EQUITY|HIGHER_OF_BALANCE_AND_EQUITY|";

enum ENUM_VPG_LIMIT_OUTCOME    // what touching a loss limit means (dailyLoss.outcome, maxLoss.outcome)
  {
   VPG_LIMIT_BREACH = 0,       // the account is failed: flatten and halt for good
   VPG_LIMIT_PAUSE  = 1        // flatten and pause until the next reset
  };
const string VPG_WORDS_LIMIT_OUTCOME = "|BREACH|PAUSE_UNTIL_RESET|";

enum ENUM_VPG_MAX_MODE         // how the maximum-loss floor moves
  {
   VPG_MAX_STATIC                   = 0,
   VPG_MAX_TRAILING_EOD_BALANCE     = 1,
   VPG_MAX_TRAILING_CLOSED_BALANCE  = 2,
   VPG_MAX_TRAILING_INTRADAY_EQUITY = 3
  };
const string VPG_WORDS_MAX_MODE = "|STATIC|TRAILING_EOD_BALANCE|TRAILING_CLOSED_BALANCE|TRAILING_INTRADAY_EQUITY|";

enum ENUM_VPG_NEWS_MODE        // what the firm does about trading around releases
  {
   VPG_NEWS_BLOCK   = 0,       // no trading inside the window
   VPG_NEWS_HAIRCUT = 1        // allowed, but profit made inside it only partly counts
  };
const string VPG_WORDS_NEWS_MODE = "|BLOCK|HAIRCUT|";

enum ENUM_VPG_PENDING_POLICY   // what the firm requires of pending orders around a news window
  {
   VPG_PENDING_CANCEL = 0,     // a pending fill inside it is a violation: refuse, and cancel resting ones before it
   VPG_PENDING_KEEP   = 1      // a pending fill inside it is allowed (haircut firms: a trade opened in the window)
  };
const string VPG_WORDS_PENDING_POLICY = "|CANCEL|KEEP|";

#define VPG_NEWS_CAPACITY 64
#define VPG_INFLIGHT_GRACE_MS 60000   // an unanswered signal still counts this long after its expiry
#define VPG_INFLIGHT_RELEASED 64      // ids released lately: a late fill or a resend of one is not a new order
#define VPG_NONE_MS (-9223372036854775807 - 1)
#define VPG_FOREVER_MS 9223372036854775807

string VPGovActionName(ENUM_VPG_ACTION a)
  {
   switch(a)
     {
      case VPG_BLOCK_NEW_ENTRIES:
         return "BLOCK_NEW_ENTRIES";
      case VPG_PAUSE_UNTIL_RESET:
         return "PAUSE_UNTIL_RESET";
      case VPG_FLATTEN_AND_HALT:
         return "FLATTEN_AND_HALT";
      default:
         return "ALLOW";
     }
  }

// The mode the EA is in after a decision (governor_state, the chart panel).
ENUM_VP_GOV_MODE VPGovModeOf(ENUM_VPG_ACTION a)
  {
   switch(a)
     {
      case VPG_BLOCK_NEW_ENTRIES:
         return VP_MODE_BLOCKED;
      case VPG_PAUSE_UNTIL_RESET:
         return VP_MODE_PAUSED;
      case VPG_FLATTEN_AND_HALT:
         return VP_MODE_HALTED;
      default:
         return VP_MODE_OK;
     }
  }

double VPGInf(void) { return MathPow(10.0, 400.0); }

//+------------------------------------------------------------------+
//| Money in exact cents (long), as the Java engine (profile.Cents).  |
//| The terminal hands doubles (AccountInfoDouble, deal profit); they |
//| become cents once, with VPGCents, and every limit, floor, anchor, |
//| high-water mark, target and comparison is integer arithmetic.     |
//| Rounding (no firm publishes one; VProp's conservative choices):   |
//|  - an amount: nearest cent, half a cent up (removes binary noise: |
//|    95,000.76 is 95000.76000000001 as a double);                   |
//|  - a loss limit in % : rounded DOWN, so the floor is rounded UP;  |
//|  - a profit target / profitable-day threshold in % : rounded UP.  |
//+------------------------------------------------------------------+
#define VPG_PCT_SCALE   1000000     // percentages exact to 1e-6 % (the profile loader checks it)
#define VPG_PCT_DIVISOR 100000000   // 100 % in those units
#define VPG_NO_FLOOR    LONG_MIN    // no daily loss limit

// The one conversion from a double amount of money to cents: floor(x * 100 + 0.5), the same operations as Java.
long VPGCents(double amount) { return (long)MathFloor(amount * 100.0 + 0.5); }

// Cents back to a double for display, the panel and the snapshot values.
double VPGFromCents(long cents) { return (double)cents / 100.0; }

long VPGPctMicro(double pct) { return (long)MathRound(pct * VPG_PCT_SCALE); }

bool VPGExactPct(double pct)
  {
   double s = pct * VPG_PCT_SCALE;
   return MathAbs(s - MathRound(s)) < 1e-3;
  }

bool VPGExactCents(double amount)
  {
   double s = amount * 100.0;
   return MathAbs(s - MathRound(s)) < 1e-4;
  }

// pct % of base (cents), exactly, rounded down (a loss limit, a buffer) or up (a target). The product fits a long
// up to about 920 million in money at 100 % (the Java engine throws beyond; the EA never sees such an account).
long VPGPctOf(long base, double pct, bool up)
  {
   long p = base * VPGPctMicro(pct);
   long q = p / VPG_PCT_DIVISOR;
   long r = p % VPG_PCT_DIVISOR;
   if(r != 0 && !up && p < 0)
      q--;
   if(r != 0 && up && p > 0)
      q++;
   return q;
  }

string VPGMoney(double v)
  {
   if(!MathIsValidNumber(v))
      return v > 0 ? "Infinity" : (v < 0 ? "-Infinity" : "NaN");
   string s = DoubleToString(MathAbs(v), 2);
   int dot = StringFind(s, ".");
   string whole = StringSubstr(s, 0, dot);
   string out = "";
   int n = StringLen(whole);
   for(int i = 0; i < n; i++)
     {
      if(i > 0 && (n - i) % 3 == 0)
         out += ",";
      out += StringSubstr(whole, i, 1);
     }
   return (v < 0 ? "-" : "") + out + StringSubstr(s, dot);
  }

string VPGNum(double v) { return v == MathRound(v) ? DoubleToString(v, 0) : DoubleToString(v, 2); }

string VPGTime(long ms)
  {
   MqlDateTime t;
   TimeToStruct((datetime)VPFloorDiv(ms, 1000), t);
   return StringFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.mon, t.day, t.hour, t.min, t.sec);
  }

struct VPGovDecision
  {
   ENUM_VPG_ACTION   action;
   string            rule;
   double            measured;
   double            threshold;
   long              until_ms;
   string            message;
   string            hits;      // every rule that fired, most severe first: "|a|b|"
  };

struct VPGovHit
  {
   ENUM_VPG_ACTION   action;
   string            rule;
   double            measured;
   double            threshold;
   long              until_ms;
   string            message;
  };

struct VPGovPosition
  {
   string            symbol;
   bool              buy;
   double            volume;
   double            open_price;
   double            stop_loss;
   long              open_ms;
   double            profit;
   double            money_per_unit;
   long              ticket;     // 0 when unknown
   string            signal_id;  // "" for positions VProp did not open
  };

// A pending order resting at the terminal (Java ValuedOrder): it fills at its trigger and runs to its stop at worst.
struct VPGovOrder
  {
   long              ticket;
   string            symbol;
   ENUM_VPG_ORDER_TYPE type;
   double            volume;
   double            price;      // the trigger
   double            stop_loss;  // 0 = none
   double            take_profit;
   long              expiry_ms;  // 0 = good till cancelled
   double            money_per_unit;
   string            signal_id;
  };

bool VPGOrderBuys(ENUM_VPG_ORDER_TYPE t) { return t == VPG_OT_BUY_LIMIT || t == VPG_OT_BUY_STOP; }

// A weekly window in a zone: days (bit 0 = Sunday), start minute, duration, lead before it.
struct VPGovWindow
  {
   string            id;
   VPZone            zone;
   int               days_mask;
   int               start_min;
   int               duration_min;
   int               lead_min;
  };

// One event, as the Java engine's event records.
struct VPGovEvent
  {
   ENUM_VPG_EVENT    kind;
   long              t;
   // account
   double            balance;
   double            equity;
   int               pending_orders;
   // order / fill
   string            symbol;
   bool              buy;
   double            lots;       // order lots, fill volume
   double            price;      // order entry, fill price
   double            stop_loss;
   double            risk_at_stop; // < 0: computed from the stop
   double            money_per_unit;
   bool              entry;
   double            profit;
   long              position_open_ms;
   long              deal_ms;    // fill: when the deal happened (UTC); older than the last snapshot = already in it
   // orders in flight: order / fill / ack
   string            signal_id;  // "" = none
   long              ticket;     // fill: the position; ack: the executed position
   long              expiry_ms;  // order: the signal's expiry (a pending order's own expiry), 0 = none
   ENUM_VP_ACK_STATUS ack_status;
   // pending orders: an order's type (MARKET or the pending type, price = trigger); a pending event's state
   ENUM_VPG_ORDER_TYPE order_type;
   ENUM_VPG_PENDING_STATE pending_state;
   double            take_profit;
   // news
   long              release_ms;
   string            currency;
   ENUM_VP_IMPACT    impact;
   // balance operation: kind, signed amount in cents, deal ticket (> 0); a repeat of a ticket is ignored
   ENUM_VPG_BALANCE_KIND balance_kind;
   long              amount_c;
   long              deal;
  };

// One deal of the account's history (HistoryDealGet*), as the attach replay reads it (Java: attach.HistoryDeal).
enum ENUM_VPG_DEAL_KIND
  {
   VPG_DEAL_BALANCE = 0,      // DEAL_TYPE_BALANCE and the other non-trading types that move the balance
   VPG_DEAL_IN = 1,           // DEAL_ENTRY_IN
   VPG_DEAL_OUT = 2           // DEAL_ENTRY_OUT, OUT_BY, INOUT
  };

struct VPGovDeal
  {
   long              t;          // UTC epoch ms
   ENUM_VPG_DEAL_KIND kind;
   long              position;   // DEAL_POSITION_ID (0 for balance operations)
   double            volume;     // lots (0 for balance operations)
   double            amount;     // profit + commission + swap + fee; a balance operation's amount
  };

// The firm state rebuilt from the deal history at attach time (Java: attach.AttachState; protocol firm_state).
struct VPGovAttach
  {
   bool              ok;             // false: nothing is known, every entry is refused (rule, reason)
   string            rule;           // "" | attach.history | attach.high-water | attach.day-start-equity
   string            reason;
   long              blocked_until;  // 0, or when an ok state's block lifts (the next reset)
   long              start;
   double            initial;
   long              now;
   double            balance;
   double            equity;
   long              day_start;
   long              next_reset;
   double            day_start_balance;
   double            day_start_equity;
   double            high_water;
   int               trading_days;   // completed days with an entry; today is traded_today
   bool              traded_today;
   int               profitable_days;
   double            day_profit;
   double            best_day;
   int               deals_read;
  };

//+------------------------------------------------------------------+
//| Firm profile (governors/src/main/resources/.../profiles/*.json)  |
//+------------------------------------------------------------------+
struct VPGovProfile
  {
   string            id;
   VPZone            reset_zone;
   int               reset_min;
   bool              has_daily;
   double            daily_pct;     // NaN-free: < 0 when absent
   double            daily_amount;
   ENUM_VPG_DAILY_BASE daily_base;
   ENUM_VPG_DAILY_ANCHOR daily_anchor;
   ENUM_VPG_LIMIT_OUTCOME daily_outcome;
   double            max_pct;
   double            max_amount;
   ENUM_VPG_MAX_MODE max_mode;
   ENUM_VPG_LIMIT_OUTCOME max_outcome;
   bool              max_outcome_default; // the profile did not state maxLoss.outcome: BREACH, the documented default
   bool              max_lock;
   double            max_lock_offset_pct;
   double            block_at_pct;
   double            flatten_at_pct;
   int               flatten_before_reset_min;
   bool              has_pretrade;
   double            worst_factor;
   bool              has_news;
   int               news_before_min;
   int               news_after_min;
   ENUM_VPG_NEWS_MODE news_mode;
   double            news_keep_pct;
   int               news_exempt_min;
   ENUM_VPG_PENDING_POLICY news_pending;
   int               news_cancel_lead_min;
   VPGovWindow       flat[];
   bool              has_consistency;
   double            best_day_max_pct;
   bool              has_days;
   int               min_trading_days;
   int               min_profitable_days;
   double            profitable_day_pct;
   bool              has_target;
   double            target_pct;
   bool              has_activity;
   int               min_hold_s;
   double            min_share_held_pct;
   int               max_orders_per_s;
   int               max_requests_day;
   int               max_positions_day;
   int               max_trades_day;
   int               cooldown_losses;
   int               cooldown_min;
   bool              has_size;
   double            max_lots_ticket;
   string            lots_symbols[];
   double            lots_symbol_max[];
   double            max_lots_symbol;
   int               max_open_positions;
   int               max_open_orders;
   double            max_risk_pct;
   bool              sl_required;
   int               sl_within_s;
   bool              has_schedule;
   VPGovWindow       sessions[];
   int               quiet_before_reset_min;
   string            sym_names[];
   string            sym_currencies[]; // "|EUR|USD|"
   ENUM_VPG_PAYOUT_FLOOR payout_floor;
  };

//+------------------------------------------------------------------+
class CVPGovernors
  {
private:
   VPGovProfile      m_p;
   bool              m_loaded;
   string            m_err;
   CJsonDoc          m_doc;
   // ledger
   double            m_initial;
   double            m_max_limit;
   long              m_initial_c;      // the money the rules compare: exact cents; the doubles mirror them
   long              m_max_limit_c;
   long              m_now;
   long              m_day_start;
   long              m_next_reset;
   double            m_balance;
   double            m_equity;
   VPGovPosition     m_pos[];
   int               m_pending;
   VPGovOrder        m_ord[];          // pending orders resting at the terminal (last snapshot, order messages since)
   long              m_cancel[];       // resting orders the last evaluation wants cancelled (news), for the EA
   double            m_day_start_balance;
   double            m_day_start_equity;
   double            m_day_anchor;
   double            m_daily_limit;
   double            m_daily_floor;
   double            m_hwm;
   double            m_overall_floor;
   long              m_day_anchor_c;
   long              m_daily_limit_c;
   long              m_daily_floor_c;  // VPG_NO_FLOOR without a daily limit
   long              m_hwm_c;
   long              m_overall_floor_c;
   bool              m_halted;
   VPGovHit          m_halt_hit;
   long              m_paused_until;
   VPGovHit          m_pause_hit;
   bool              m_locked;
   VPGovHit          m_lock_hit;
   int               m_trading_days;
   int               m_profitable_days;
   bool              m_traded_today;
   double            m_day_profit;
   double            m_best_day;
   double            m_haircut;
   int               m_requests_today;
   int               m_positions_today;
   int               m_trades_today;
   int               m_consec_losses;
   long              m_cooldown_until;
   int               m_closed_trades;
   int               m_held_trades;
   long              m_order_times[];
   int               m_order_count;
   long              m_news_release[];
   string            m_news_currency[];
   int               m_news_count;
   int               m_news_violations;
   VPGovHit          m_hits[];
   // orders in flight (the Java engine's InFlight): signals allowed and fills not shown by a snapshot yet
   string            m_if_id[];
   long              m_if_ticket[];
   double            m_if_lots[];
   double            m_if_left[];
   double            m_if_risk[];
   long              m_if_expires[];
   bool              m_if_filled[];
   string            m_if_released[];
   int               m_if_released_count;
   // balance operations (docs/governors.md): what is not trading, in cents
   long              m_capital_c;     // deposits, withdrawals, payouts, bonuses, corrections in the balance
   long              m_credit_c;      // broker credit (equity only)
   long              m_floor_shift_c; // what the operations moved the maximum-loss floor by
   long              m_bal_deals[];
   int               m_bal_deal_count;
   bool              m_bal_applied;   // the last balance operation was applied (false: a repeated ticket)
   long              m_last_snapshot; // time of the last snapshot: a deal older than it is already in its balance
   // attached mid-challenge (Java: GovernorEngine.attach): a block added to every verdict until its until_ms (0 = for
   // good); blind = nothing of the firm state is known, no rule runs
   bool              m_attach_on;
   bool              m_attach_blind;
   VPGovHit          m_attach_hit;
   // profile loading
   bool              PFail(const string &field, const string &why) { if(m_err == "") m_err = field + ": " + why; return false; }
   int               PObj(int parent, const string &key);
   double            PNum(int o, const string &path, const string &key, double dflt, bool required);
   int               PInt(int o, const string &path, const string &key, int dflt, bool required);
   string            PText(int o, const string &path, const string &key, const string &dflt, bool required);
   bool              PBool(int o, const string &path, const string &key, bool dflt);
   int               PTime(int o, const string &path, const string &key);
   int               PWord(int o, const string &path, const string &key, const string &words);
   void              PLimit(const string &path, double pct, double amount);
   void              PExactPct(const string &field, double pct) { if(!VPGExactPct(pct)) PFail(field, DoubleToString(pct, 8) + " has more than 6 decimals"); }
   bool              PZone(int o, const string &path, VPZone &z);
   int               PDays(int o, const string &path);
   bool              ParseProfile(int root);
   // engine
   void              AddHit(ENUM_VPG_ACTION action, const string &rule, double measured, double threshold, long until_ms, const string &msg);
   void              AddHitStruct(const VPGovHit &h);
   void              Halt(const VPGovHit &h);
   void              Pause(long until_ms, const VPGovHit &h);
   bool              Paused(void) { return m_paused_until != 0 && m_now < m_paused_until; }
   void              FixDailyFloor(void);
   void              StartDay(long start, long next);
   void              EndDay(void);
   void              RaiseHighWater(long c);
   long              TradingBalanceCents(void) { return VPGCents(m_balance) - m_capital_c; }
   long              TradingEquityCents(void) { return VPGCents(m_equity) - m_capital_c - m_credit_c; }
   bool              SeenDeal(long deal);
   void              ApplyBalance(const VPGovEvent &e);
   void              SetHighWater(long c) { m_hwm_c = c; m_hwm = VPGFromCents(c); }
   void              SetOverallFloor(long c) { m_overall_floor_c = c; m_overall_floor = VPGFromCents(c); }
   long              TrailingFloor(long hwm_c);
   long              AnchorCents(double balance, double equity);
   long              DailyLimitCents(long anchor_c);
   long              CountedProfitCents(void) { return VPGCents(m_balance) - m_initial_c - VPGCents(m_haircut) - m_capital_c; }
   bool              ProfitableDay(void);
   long              DayStart(long t);
   long              NextReset(long t);
   bool              WindowActive(const VPGovWindow &w, long t, long &start, long &end);
   void              RecordOrder(long t);
   int               OrdersInLastSecond(long t);
   void              AddNews(long release, const string &currency);
   void              PruneNews(long cutoff);
   int               NewsWindowAt(const string &symbol, long t);
   bool              Affects(const string &symbol, const string &currency);
   double            LossAtStop(const VPGovEvent &e);
   bool              Validate(const VPGovEvent &e, string &err);
   void              RuleDaily(void);
   bool              CarriedIntoNextDay(double eq);
   double            ProjectedOverallFloor(void);
   double            Headroom(void) { return MathMin(m_equity - m_daily_floor, m_equity - ProjectedOverallFloor()); }
   void              RuleMax(const VPGovEvent &e);
   void              RulePreTrade(const VPGovEvent &e);
   void              RuleNews(const VPGovEvent &e);
   void              RuleForcedFlat(void);
   void              RuleActivity(const VPGovEvent &e);
   void              RuleSize(const VPGovEvent &e);
   void              RuleSchedule(const VPGovEvent &e);
   void              RuleTarget(void);
   void              ResetLedger(double initial);
   int               IfFind(const string &id);
   int               IfFindTicket(long ticket);
   bool              IfWasReleased(const string &id);
   void              IfAdd(const string &id, long ticket, double lots, double risk, long expires, bool filled);
   void              IfRelease(int i, bool shown);
   bool              IfShows(const string &id, long ticket);
   void              IfExpire(long t);
   void              IfAck(const VPGovEvent &e);
   void              IfFill(const VPGovEvent &e);
   void              IfSnapshot(void);
   void              IfReserve(const VPGovEvent &e);
   double            OpenRiskExcluding(const string &id);
   void              AttachBlocked(VPGovAttach &out, const string &rule, const string &reason, long now, double balance,
                                   double equity, long start, double initial, int read);
   double            RestingRiskExcluding(const string &id);
   double            WorstFactor(void) { return m_p.has_pretrade ? m_p.worst_factor : 1.0; }
   double            OrderLossAtStop(const VPGovOrder &o);
   int               FindOrder(long ticket, const string &id);
   void              RemoveOrder(long ticket);
   void              RestOrder(const VPGovOrder &o);
   void              DropExpiredOrders(long t);
   void              HoldFilled(const VPGovOrder &o);
   void              ApplyPending(const VPGovEvent &e);
   bool              IfRests(const string &id, long ticket);
   void              IfHoldFilled(const string &id, long ticket, double risk, double lots);
   void              IfResting(const string &id, long ticket);
   void              RuleNewsPending(const VPGovEvent &e);

public:
                     CVPGovernors(void) { m_loaded = false; }
   bool              LoadProfileText(const string &json, double initial_balance, string &err);
   bool              LoadProfileFile(const string &file, double initial_balance, string &err);
   bool              Loaded(void) const { return m_loaded; }
   // Evaluates one event; false (with err naming the field) when the event itself is invalid.
   bool              Evaluate(const VPGovEvent &e, VPGovDecision &d, string &err);
   // Convenience wrappers for the EA (invalid input -> BLOCK_NEW_ENTRIES naming the field)
   void              Account(long t, double balance, double equity, const VPGovPosition &positions[], int pending, VPGovDecision &d);
   // signal_id "": no reservation; else an allowed order counts in flight until the terminal answers for it
   void              Order(long t, const string &symbol, bool buy, double lots, double entry, double sl, double risk_at_stop,
                           double money_per_unit, const string &signal_id, long expiry_ms, VPGovDecision &d);
   // deal_ms: when the deal happened (UTC ms); a deal older than the last snapshot is not added to the balance again
   void              Fill(long t, const string &symbol, bool buy, double volume, double price, bool entry, double profit,
                          long open_ms, const string &signal_id, long position, long deal_ms, VPGovDecision &d);
   void              Ack(long t, const string &signal_id, ENUM_VP_ACK_STATUS status, long ticket, VPGovDecision &d);
   int               InFlightCount(void) { return ArraySize(m_if_id); }
   void              News(long t, long release_ms, const string &currency, ENUM_VP_IMPACT impact, VPGovDecision &d);
   void              Clock(long t, VPGovDecision &d);
   // a balance operation (amount in cents, signed); false when the deal ticket was applied before (nothing done)
   bool              Balance(long t, ENUM_VPG_BALANCE_KIND kind, long amount_c, long deal, VPGovDecision &d);
   bool              LastBalanceApplied(void) { return m_bal_applied; }
   void              SetPositions(const VPGovPosition &positions[]);
   // the pending orders of the next account snapshot (before Evaluate, as SetPositions)
   void              SetOrders(const VPGovOrder &orders[]);
   void              Account(long t, double balance, double equity, const VPGovPosition &positions[], const VPGovOrder &orders[], VPGovDecision &d);
   // a pending order checked before it is sent (price = trigger, expiry = the order's); reserved as Order() does
   void              PendingCheck(long t, const VPGovOrder &o, const string &signal_id, VPGovDecision &d);
   // the terminal's word on a pending order (OnTradeTransaction)
   void              Pending(long t, ENUM_VPG_PENDING_STATE state, const VPGovOrder &o, VPGovDecision &d);
   // tickets of resting orders the last evaluation wants cancelled now (news windows); the EA deletes them
   int               CancelCount(void) { return ArraySize(m_cancel); }
   long              CancelTicket(int i) { return m_cancel[i]; }
   int               RestingCount(void) { return ArraySize(m_ord); }
   // State snapshot values, by the scenario files' key names (dailyFloor, openRisk, ...).
   double            Number(const string &key, bool &known);
   bool              Halted(void) { return m_halted; }
   bool              IsPaused(void) { return Paused(); }
   bool              TargetLocked(void) { return m_locked; }
   long              DayStartMs(void) { return m_day_start; }
   long              NextResetMs(void) { return m_next_reset; }
   long              PausedUntilMs(void) { return Paused() ? m_paused_until : 0; }
   double            OpenRisk(void);
   void              RuleStates(VPRuleState &out[]);
   string            Summary(void);
   bool              SaveFile(const string &file);
   bool              RestoreFile(const string &file);
   // State on attach: rebuilds the firm state from the deal history (start <= 0: from the first deposit; initial <= 0:
   // from the deposit at the start), then starts the ledger from it; the latches (halt, pause, lock) are kept.
   void              Rebuild(long now, double balance, double equity, long start, double initial, const VPGovDeal &deals[],
                             VPGovAttach &out);
   void              Attach(const VPGovAttach &s);
   bool              AttachBlocking(void) { return m_attach_on; }
   // The firm day that contains local midnight of `date_ms` (a date on the firm's clock, as an MT5 datetime input)
   long              FirmDayOfDate(long date_ms) { return DayStart(VPZoneToUtc(m_p.reset_zone, date_ms)); }
   string            AttachReason(void) { return m_attach_on ? m_attach_hit.message : ""; }
  };

//+------------------------------------------------------------------+
//| Profile parsing                                                   |
//+------------------------------------------------------------------+
int CVPGovernors::PObj(int parent, const string &key)
  {
   int n = m_doc.Find(parent, key);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
      return -1;
   if(m_doc.Kind(n) != VPJ_OBJECT)
     {
      PFail(key, "must be an object");
      return -1;
     }
   return n;
  }

double CVPGovernors::PNum(int o, const string &path, const string &key, double dflt, bool required)
  {
   int n = m_doc.Find(o, key);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
     {
      if(required)
         PFail(path + key, "missing value");
      return dflt;
     }
   if(m_doc.Kind(n) != VPJ_NUMBER || !MathIsValidNumber(m_doc.Num(n)))
     {
      PFail(path + key, "must be a finite number");
      return dflt;
     }
   return m_doc.Num(n);
  }

int CVPGovernors::PInt(int o, const string &path, const string &key, int dflt, bool required)
  {
   int n = m_doc.Find(o, key);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
     {
      if(required)
         PFail(path + key, "missing value");
      return dflt;
     }
   if(m_doc.Kind(n) != VPJ_NUMBER || !m_doc.IsInt(n))
     {
      PFail(path + key, "must be a whole number");
      return dflt;
     }
   return (int)m_doc.Int(n);
  }

string CVPGovernors::PText(int o, const string &path, const string &key, const string &dflt, bool required)
  {
   int n = m_doc.Find(o, key);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
     {
      if(required)
         PFail(path + key, "missing value");
      return dflt;
     }
   if(m_doc.Kind(n) != VPJ_STRING)
     {
      PFail(path + key, "must be a string");
      return dflt;
     }
   return m_doc.Str(n);
  }

bool CVPGovernors::PBool(int o, const string &path, const string &key, bool dflt)
  {
   int n = m_doc.Find(o, key);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
      return dflt;
   if(m_doc.Kind(n) != VPJ_BOOL)
     {
      PFail(path + key, "must be true or false");
      return dflt;
     }
   return m_doc.Bool(n);
  }

// "HH:MM" -> minutes of the day
int CVPGovernors::PTime(int o, const string &path, const string &key)
  {
   string s = PText(o, path, key, "", true);
   if(m_err != "")
      return 0;
   string hm[];
   if(StringSplit(s, ':', hm) < 2)
     {
      PFail(path + key, "must be a time HH:MM, got '" + s + "'");
      return 0;
     }
   long h = StringToInteger(hm[0]);
   long m = StringToInteger(hm[1]);
   if(h < 0 || h > 23 || m < 0 || m > 59 || StringLen(hm[0]) != 2 || StringLen(hm[1]) != 2)
     {
      PFail(path + key, "must be a time HH:MM, got '" + s + "'");
      return 0;
     }
   return (int)(h * 60 + m);
  }

// A word of `words` ("|BLOCK|HAIRCUT|") -> its index, the value of the enum those words spell. Any other word
// refuses the profile, naming the field (and gives 0).
int CVPGovernors::PWord(int o, const string &path, const string &key, const string &words)
  {
   string s = PText(o, path, key, "", true);
   int i = VPWordIndex(words, s);
   if(i >= 0)
      return i;
   PFail(path + key, "unknown value '" + s + "'");
   return 0;
  }

// A loss limit: a percentage (at most 6 decimals) or an amount (whole cents), exactly one of the two.
void CVPGovernors::PLimit(const string &path, double pct, double amount)
  {
   if(pct < 0 && amount < 0)
      PFail(path + "limitPct", "missing value (give limitPct or limitAmount)");
   if(pct >= 0 && amount >= 0)
      PFail(path + "limitAmount", "contradicts " + path + "limitPct: give only one of them");
   if(pct >= 0)
      PExactPct(path + "limitPct", pct);
   if(amount >= 0 && !VPGExactCents(amount))
      PFail(path + "limitAmount", DoubleToString(amount, 6) + " is not a whole number of cents");
  }

bool CVPGovernors::PZone(int o, const string &path, VPZone &z)
  {
   string name = PText(o, path, "zone", "", true);
   if(m_err != "")
      return false;
   if(!VPZoneParse(name, z))
      return PFail(path + "zone", "unknown time zone '" + name + "' (this EA knows UTC, UTC+HH:MM, the EU and US zones, Broker/US-DST, Broker/EU-DST)");
   return true;
  }

int CVPGovernors::PDays(int o, const string &path)
  {
   int n = m_doc.Find(o, "days");
   if(n < 0 || m_doc.Kind(n) != VPJ_ARRAY || m_doc.Size(n) == 0)
     {
      PFail(path + "days", "must be a non-empty array of day names");
      return 0;
     }
   string names = "|SUNDAY|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|";
   string list[] = {"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"};
   int mask = 0;
   for(int c = m_doc.First(n); c >= 0; c = m_doc.Next(c))
     {
      string d = m_doc.Str(c);
      bool found = false;
      for(int k = 0; k < 7; k++)
         if(list[k] == d)
           {
            mask |= (1 << k);
            found = true;
           }
      if(!found)
        {
         PFail(path + "days", "unknown day '" + d + "' (use MONDAY..SUNDAY)");
         return 0;
        }
     }
   return mask;
  }

bool CVPGovernors::ParseProfile(int root)
  {
   m_p.id = PText(root, "", "id", "", true);
   int r = PObj(root, "dayReset");
   if(r < 0)
      return PFail("dayReset", "missing value");
   PZone(r, "dayReset.", m_p.reset_zone);
   m_p.reset_min = PTime(r, "dayReset.", "time");
   int d = PObj(root, "dailyLoss");
   m_p.has_daily = d >= 0;
   if(m_p.has_daily)
     {
      m_p.daily_pct = PNum(d, "dailyLoss.", "limitPct", -1, false);
      m_p.daily_amount = PNum(d, "dailyLoss.", "limitAmount", -1, false);
      PLimit("dailyLoss.", m_p.daily_pct, m_p.daily_amount);
      m_p.daily_base = (ENUM_VPG_DAILY_BASE)PWord(d, "dailyLoss.", "base", VPG_WORDS_DAILY_BASE);
      m_p.daily_anchor = (ENUM_VPG_DAILY_ANCHOR)PWord(d, "dailyLoss.", "anchor", VPG_WORDS_DAILY_ANCHOR);
      // required: what touching the floor means is the firm's, never defaulted
      m_p.daily_outcome = (ENUM_VPG_LIMIT_OUTCOME)PWord(d, "dailyLoss.", "outcome", VPG_WORDS_LIMIT_OUTCOME);
     }
   int m = PObj(root, "maxLoss");
   if(m < 0)
      return PFail("maxLoss", "missing value");
   m_p.max_pct = PNum(m, "maxLoss.", "limitPct", -1, false);
   m_p.max_amount = PNum(m, "maxLoss.", "limitAmount", -1, false);
   PLimit("maxLoss.", m_p.max_pct, m_p.max_amount);
   m_p.max_mode = (ENUM_VPG_MAX_MODE)PWord(m, "maxLoss.", "mode", VPG_WORDS_MAX_MODE);
   // every firm surveyed ends the account at its maximum loss: BREACH is the documented default (docs/governors.md);
   // the bundled profiles all state it
   int mo = m_doc.Find(m, "outcome");
   m_p.max_outcome_default = mo < 0 || m_doc.Kind(mo) == VPJ_NULL;
   m_p.max_outcome = m_p.max_outcome_default ? VPG_LIMIT_BREACH :
                     (ENUM_VPG_LIMIT_OUTCOME)PWord(m, "maxLoss.", "outcome", VPG_WORDS_LIMIT_OUTCOME);
   m_p.max_lock = PBool(m, "maxLoss.", "lockAtInitial", false);
   m_p.max_lock_offset_pct = PNum(m, "maxLoss.", "lockOffsetPct", 0, false);
   PExactPct("maxLoss.lockOffsetPct", m_p.max_lock_offset_pct);
   int b = PObj(root, "buffers");
   m_p.block_at_pct = b >= 0 ? PNum(b, "buffers.", "blockEntriesAtPct", 100, true) : 100;
   m_p.flatten_at_pct = b >= 0 ? PNum(b, "buffers.", "flattenAtPct", 100, true) : 100;
   m_p.flatten_before_reset_min = b >= 0 ? PInt(b, "buffers.", "flattenBeforeResetMinutes", 0, false) : 0;
   if(m_p.flatten_before_reset_min < 0 || m_p.flatten_before_reset_min >= 1440)
      PFail("buffers.flattenBeforeResetMinutes", "must be 0..1439");
   if(m_p.block_at_pct <= 0 || m_p.block_at_pct > 100 || m_p.flatten_at_pct <= 0 || m_p.flatten_at_pct > 100)
      PFail("buffers.blockEntriesAtPct", "buffers must be within 0..100 %");
   if(m_p.block_at_pct > m_p.flatten_at_pct)
      PFail("buffers.blockEntriesAtPct", "is above buffers.flattenAtPct (entries must stop before flattening)");
   PExactPct("buffers.blockEntriesAtPct", m_p.block_at_pct);
   PExactPct("buffers.flattenAtPct", m_p.flatten_at_pct);
   int p = PObj(root, "preTrade");
   m_p.has_pretrade = p >= 0;
   if(p >= 0)
      m_p.worst_factor = 1 + (PNum(p, "preTrade.", "slippagePctOfRisk", 0, true) + PNum(p, "preTrade.", "gapPctOfRisk", 0, true)) / 100.0;
   int n = PObj(root, "news");
   m_p.has_news = n >= 0;
   if(n >= 0)
     {
      m_p.news_before_min = PInt(n, "news.", "minutesBefore", 0, true);
      m_p.news_after_min = PInt(n, "news.", "minutesAfter", 0, true);
      m_p.news_mode = (ENUM_VPG_NEWS_MODE)PWord(n, "news.", "mode", VPG_WORDS_NEWS_MODE);
      m_p.news_keep_pct = PNum(n, "news.", "haircutKeepPct", 100, false);
      PExactPct("news.haircutKeepPct", m_p.news_keep_pct);
      m_p.news_exempt_min = PInt(n, "news.", "exemptIfOpenedMinutesBefore", 0, false);
      // pending orders: the firm's policy when stated; otherwise a BLOCK embargo covers pending fills, a haircut does not
      m_p.news_pending = m_doc.Find(n, "pendingOrders") >= 0 ? (ENUM_VPG_PENDING_POLICY)PWord(n, "news.", "pendingOrders", VPG_WORDS_PENDING_POLICY)
                         : (m_p.news_mode == VPG_NEWS_HAIRCUT ? VPG_PENDING_KEEP : VPG_PENDING_CANCEL);
      m_p.news_cancel_lead_min = PInt(n, "news.", "cancelPendingMinutesBefore", m_p.news_pending == VPG_PENDING_CANCEL ? 1 : 0, false);
      if(m_p.news_cancel_lead_min < 0)
         PFail("news.cancelPendingMinutesBefore", "must not be negative");
      if(m_p.news_pending == VPG_PENDING_KEEP && m_p.news_cancel_lead_min != 0)
         PFail("news.cancelPendingMinutesBefore", "is only meaningful with pendingOrders CANCEL (it is KEEP)");
      if(m_p.news_before_min < 0 || m_p.news_after_min < 0)
         PFail("news.minutesBefore", "must not be negative");
     }
   ArrayResize(m_p.flat, 0);
   int ff = m_doc.Find(root, "forcedFlat");
   if(ff >= 0 && m_doc.Kind(ff) == VPJ_ARRAY)
     {
      int k = 0;
      for(int c = m_doc.First(ff); c >= 0; c = m_doc.Next(c), k++)
        {
         string path = "forcedFlat[" + IntegerToString(k) + "].";
         ArrayResize(m_p.flat, k + 1);
         m_p.flat[k].id = PText(c, path, "id", "", true);
         PZone(c, path, m_p.flat[k].zone);
         m_p.flat[k].days_mask = PDays(c, path);
         m_p.flat[k].start_min = PTime(c, path, "start");
         m_p.flat[k].duration_min = PInt(c, path, "durationMinutes", 0, true);
         m_p.flat[k].lead_min = PInt(c, path, "leadMinutes", 0, false);
         if(m_p.flat[k].duration_min <= 0 || m_p.flat[k].duration_min > 7 * 1440)
            PFail(path + "durationMinutes", "must be 1..10080");
        }
     }
   int c1 = PObj(root, "consistency");
   m_p.has_consistency = c1 >= 0;
   if(c1 >= 0)
      m_p.best_day_max_pct = PNum(c1, "consistency.", "bestDayMaxPct", 0, true);
   int td = PObj(root, "tradingDays");
   m_p.has_days = td >= 0;
   if(td >= 0)
     {
      m_p.min_trading_days = PInt(td, "tradingDays.", "minTradingDays", 0, true);
      m_p.min_profitable_days = PInt(td, "tradingDays.", "minProfitableDays", 0, false);
      m_p.profitable_day_pct = PNum(td, "tradingDays.", "profitableDayPct", 0, false);
      PExactPct("tradingDays.profitableDayPct", m_p.profitable_day_pct);
     }
   else
     {
      m_p.min_trading_days = 0;
      m_p.min_profitable_days = 0;
      m_p.profitable_day_pct = 0;
     }
   int t = PObj(root, "profitTarget");
   m_p.has_target = t >= 0;
   if(t >= 0)
     {
      m_p.target_pct = PNum(t, "profitTarget.", "targetPct", 0, true);
      PExactPct("profitTarget.targetPct", m_p.target_pct);
     }
   int a = PObj(root, "activity");
   m_p.has_activity = a >= 0;
   m_p.min_hold_s = a >= 0 ? PInt(a, "activity.", "minHoldSeconds", 0, false) : 0;
   m_p.min_share_held_pct = a >= 0 ? PNum(a, "activity.", "minShareHeldPct", 0, false) : 0;
   m_p.max_orders_per_s = a >= 0 ? PInt(a, "activity.", "maxOrdersPerSecond", 0, false) : 0;
   m_p.max_requests_day = a >= 0 ? PInt(a, "activity.", "maxRequestsPerDay", 0, false) : 0;
   m_p.max_positions_day = a >= 0 ? PInt(a, "activity.", "maxPositionsPerDay", 0, false) : 0;
   m_p.max_trades_day = a >= 0 ? PInt(a, "activity.", "maxTradesPerDay", 0, false) : 0;
   m_p.cooldown_losses = a >= 0 ? PInt(a, "activity.", "cooldownAfterLosses", 0, false) : 0;
   m_p.cooldown_min = a >= 0 ? PInt(a, "activity.", "cooldownMinutes", 0, false) : 0;
   if(m_p.max_orders_per_s > 1000)
      PFail("activity.maxOrdersPerSecond", "is above the supported 1000");
   int s = PObj(root, "size");
   m_p.has_size = s >= 0;
   ArrayResize(m_p.lots_symbols, 0);
   ArrayResize(m_p.lots_symbol_max, 0);
   m_p.max_lots_ticket = s >= 0 ? PNum(s, "size.", "maxLotsPerTicket", 0, false) : 0;
   m_p.max_lots_symbol = s >= 0 ? PNum(s, "size.", "maxLotsPerSymbol", 0, false) : 0;
   m_p.max_open_positions = s >= 0 ? PInt(s, "size.", "maxOpenPositions", 0, false) : 0;
   m_p.max_open_orders = s >= 0 ? PInt(s, "size.", "maxOpenOrders", 0, false) : 0;
   m_p.max_risk_pct = s >= 0 ? PNum(s, "size.", "maxRiskPctPerTrade", 0, false) : 0;
   m_p.sl_required = s >= 0 ? PBool(s, "size.", "stopLossRequired", false) : false;
   m_p.sl_within_s = s >= 0 ? PInt(s, "size.", "stopLossWithinSeconds", 0, false) : 0;
   if(s >= 0)
     {
      int bs = PObj(s, "maxLotsPerTicketBySymbol");
      if(bs >= 0)
         for(int c = m_doc.First(bs); c >= 0; c = m_doc.Next(c))
           {
            int k = ArraySize(m_p.lots_symbols);
            ArrayResize(m_p.lots_symbols, k + 1);
            ArrayResize(m_p.lots_symbol_max, k + 1);
            m_p.lots_symbols[k] = m_doc.Key(c);
            m_p.lots_symbol_max[k] = m_doc.Num(c);
           }
     }
   int sc = PObj(root, "schedule");
   m_p.has_schedule = sc >= 0;
   ArrayResize(m_p.sessions, 0);
   m_p.quiet_before_reset_min = sc >= 0 ? PInt(sc, "schedule.", "noEntriesBeforeResetMinutes", 0, false) : 0;
   if(sc >= 0)
     {
      int ss = m_doc.Find(sc, "sessions");
      if(ss >= 0 && m_doc.Kind(ss) == VPJ_ARRAY)
        {
         int k = 0;
         for(int c = m_doc.First(ss); c >= 0; c = m_doc.Next(c), k++)
           {
            string path = "schedule.sessions[" + IntegerToString(k) + "].";
            ArrayResize(m_p.sessions, k + 1);
            m_p.sessions[k].id = PText(c, path, "id", "session" + IntegerToString(k), false);
            PZone(c, path, m_p.sessions[k].zone);
            m_p.sessions[k].days_mask = PDays(c, path);
            m_p.sessions[k].start_min = PTime(c, path, "start");
            int end = PTime(c, path, "end");
            int minutes = end - m_p.sessions[k].start_min;
            if(minutes == 0)
               PFail(path + "end", "equals start (empty session)");
            if(minutes <= 0)
               minutes += 1440;
            m_p.sessions[k].duration_min = minutes;
            m_p.sessions[k].lead_min = 0;
           }
        }
     }
   ArrayResize(m_p.sym_names, 0);
   ArrayResize(m_p.sym_currencies, 0);
   int bo = PObj(root, "balanceOps");
   m_p.payout_floor = bo >= 0 ? (ENUM_VPG_PAYOUT_FLOOR)PWord(bo, "balanceOps.", "payoutFloor", VPG_WORDS_PAYOUT_FLOOR) : VPG_PAYOUT_KEEP;
   int sym = PObj(root, "symbolCurrencies");
   if(sym >= 0)
      for(int c = m_doc.First(sym); c >= 0; c = m_doc.Next(c))
        {
         if(m_doc.Kind(c) != VPJ_ARRAY || m_doc.Size(c) == 0)
            return PFail("symbolCurrencies." + m_doc.Key(c), "must be a non-empty array of currency codes");
         int k = ArraySize(m_p.sym_names);
         ArrayResize(m_p.sym_names, k + 1);
         ArrayResize(m_p.sym_currencies, k + 1);
         m_p.sym_names[k] = m_doc.Key(c);
         string list = "|";
         for(int e = m_doc.First(c); e >= 0; e = m_doc.Next(e))
           {
            string cur = m_doc.Str(e);
            StringToUpper(cur);
            list += cur + "|";
           }
         m_p.sym_currencies[k] = list;
        }
   return m_err == "";
  }

bool CVPGovernors::LoadProfileText(const string &json, double initial_balance, string &err)
  {
   m_err = "";
   m_loaded = false;
   if(!(initial_balance > 0) || !MathIsValidNumber(initial_balance))
     {
      err = "initialBalance: must be greater than 0, got " + DoubleToString(initial_balance, 2);
      return false;
     }
   if(!m_doc.Parse(json))
     {
      err = "not valid JSON: " + m_doc.Error();
      return false;
     }
   if(m_doc.Kind(0) != VPJ_OBJECT)
     {
      err = "a profile must be a JSON object";
      return false;
     }
   if(!ParseProfile(0))
     {
      err = m_err;
      return false;
     }
   ResetLedger(initial_balance);
   m_loaded = true;
   return true;
  }

bool CVPGovernors::LoadProfileFile(const string &file, double initial_balance, string &err)
  {
   string lines[];
   if(!VPReadLines(file, lines))
     {
      err = "profile file not found: MQL5/Files/" + file;
      return false;
     }
   string text = "";
   for(int i = 0; i < ArraySize(lines); i++)
      text += lines[i] + "\n";
   return LoadProfileText(text, initial_balance, err);
  }

//+------------------------------------------------------------------+
//| Ledger                                                            |
//+------------------------------------------------------------------+
void CVPGovernors::ResetLedger(double initial)
  {
   m_initial = initial;
   m_initial_c = VPGCents(initial);
   m_max_limit_c = m_p.max_amount >= 0 ? VPGCents(m_p.max_amount) : VPGPctOf(m_initial_c, m_p.max_pct, false);
   m_max_limit = VPGFromCents(m_max_limit_c);
   m_now = VPG_NONE_MS;
   m_day_start = VPG_NONE_MS;
   m_next_reset = VPG_NONE_MS;
   m_balance = initial;
   m_equity = initial;
   ArrayResize(m_pos, 0);
   m_pending = 0;
   ArrayResize(m_ord, 0);
   ArrayResize(m_cancel, 0);
   m_day_start_balance = 0;
   m_day_start_equity = 0;
   m_day_anchor = 0;
   m_daily_limit = 0;
   m_daily_floor = -VPGInf();
   m_day_anchor_c = 0;
   m_daily_limit_c = 0;
   m_daily_floor_c = VPG_NO_FLOOR;
   SetHighWater(m_initial_c);
   SetOverallFloor(m_initial_c - m_max_limit_c);
   m_halted = false;
   m_paused_until = 0;
   m_locked = false;
   m_trading_days = 0;
   m_profitable_days = 0;
   m_traded_today = false;
   m_day_profit = 0;
   m_best_day = 0;
   m_haircut = 0;
   m_requests_today = 0;
   m_positions_today = 0;
   m_trades_today = 0;
   m_consec_losses = 0;
   m_cooldown_until = 0;
   m_closed_trades = 0;
   m_held_trades = 0;
   ArrayResize(m_order_times, MathMax(1, m_p.max_orders_per_s));
   for(int i = 0; i < ArraySize(m_order_times); i++)
      m_order_times[i] = 0;
   m_order_count = 0;
   ArrayResize(m_news_release, VPG_NEWS_CAPACITY);
   ArrayResize(m_news_currency, VPG_NEWS_CAPACITY);
   m_news_count = 0;
   m_news_violations = 0;
   ArrayResize(m_if_id, 0);
   ArrayResize(m_if_ticket, 0);
   ArrayResize(m_if_lots, 0);
   ArrayResize(m_if_left, 0);
   ArrayResize(m_if_risk, 0);
   ArrayResize(m_if_expires, 0);
   ArrayResize(m_if_filled, 0);
   ArrayResize(m_if_released, VPG_INFLIGHT_RELEASED);
   m_if_released_count = 0;
   m_capital_c = 0;
   m_credit_c = 0;
   m_floor_shift_c = 0;
   ArrayResize(m_bal_deals, VPG_BALANCE_DEALS);
   m_bal_deal_count = 0;
   m_bal_applied = true;
   m_last_snapshot = VPG_NONE_MS;
   m_attach_on = false;
   m_attach_blind = false;
  }

void CVPGovernors::FixDailyFloor(void)
  {
   if(!m_p.has_daily)
     {
      m_day_anchor_c = VPGCents(m_day_start_balance);
      m_day_anchor = VPGFromCents(m_day_anchor_c);
      m_daily_limit_c = 0;
      m_daily_limit = 0;
      m_daily_floor_c = VPG_NO_FLOOR;
      m_daily_floor = -VPGInf();
      return;
     }
   m_day_anchor_c = AnchorCents(m_day_start_balance, m_day_start_equity);
   m_daily_limit_c = DailyLimitCents(m_day_anchor_c);
   m_daily_floor_c = m_day_anchor_c - m_daily_limit_c;
   m_day_anchor = VPGFromCents(m_day_anchor_c);
   m_daily_limit = VPGFromCents(m_daily_limit_c);
   m_daily_floor = VPGFromCents(m_daily_floor_c);
  }

long CVPGovernors::AnchorCents(double balance, double equity)
  {
   long b = VPGCents(balance);
   long e = VPGCents(equity);
   return m_p.daily_anchor == VPG_ANCHOR_BALANCE ? b : (m_p.daily_anchor == VPG_ANCHOR_EQUITY ? e : MathMax(b, e));
  }

// The daily limit in cents: an amount as given, a percentage rounded down (the floor up).
long CVPGovernors::DailyLimitCents(long anchor_c)
  {
   if(m_p.daily_amount >= 0)
      return VPGCents(m_p.daily_amount);
   return VPGPctOf(m_p.daily_base == VPG_DAILY_BASE_INITIAL ? m_initial_c : anchor_c, m_p.daily_pct, false);
  }

// Today's counted closed profit reaches the profitable-day threshold (% of initial, rounded up to the cent).
bool CVPGovernors::ProfitableDay(void)
  {
   return m_p.profitable_day_pct > 0 && VPGCents(m_day_profit) >= VPGPctOf(m_initial_c, m_p.profitable_day_pct, true);
  }

void CVPGovernors::StartDay(long start, long next)
  {
   m_day_start = start;
   m_next_reset = next;
   m_day_start_balance = m_balance;
   m_day_start_equity = m_equity;
   FixDailyFloor();
   m_traded_today = false;
   m_day_profit = 0;
   m_requests_today = 0;
   m_positions_today = 0;
   m_trades_today = 0;
   if(m_paused_until != 0 && m_paused_until <= start)
      m_paused_until = 0;
  }

void CVPGovernors::EndDay(void)
  {
   if(m_traded_today)
      m_trading_days++;
   if(ProfitableDay())
      m_profitable_days++;
   if(m_day_profit > m_best_day)
      m_best_day = m_day_profit;
   if(m_p.max_mode == VPG_MAX_TRAILING_EOD_BALANCE)
      RaiseHighWater(TradingBalanceCents());
  }

// Raises the trailing mark (money from trading alone, balance operations left out); the floor follows, never falls.
void CVPGovernors::RaiseHighWater(long c)
  {
   if(c <= m_hwm_c)
      return;
   SetHighWater(c);
   long f = TrailingFloor(c);
   if(f > m_overall_floor_c)
      SetOverallFloor(f);
  }

// The floor a high-water mark gives: mark minus the limit, capped by the lock (initial plus its offset, rounded up),
// moved by the balance operations that move the floor.
long CVPGovernors::TrailingFloor(long hwm_c)
  {
   long f = hwm_c - m_max_limit_c;
   if(m_p.max_lock)
      f = MathMin(f, m_initial_c + VPGPctOf(m_initial_c, m_p.max_lock_offset_pct, true));
   return f + m_floor_shift_c;
  }

bool CVPGovernors::SeenDeal(long deal)
  {
   int n = MathMin(m_bal_deal_count, VPG_BALANCE_DEALS);
   for(int i = 0; i < n; i++)
      if(m_bal_deals[i] == deal)
         return true;
   return false;
  }

// A balance operation, once per deal ticket. Balance (but for credit) and equity move by it until the next snapshot.
// A cost (charge, commission) is the day's loss and nothing else moves. Any other operation is not trading: the day's
// start values move with it (the daily floor keeps its distance to the equity), it stays out of the counted profit and
// of every high-water mark; credits, bonuses and corrections move the maximum-loss floor by their amount, the trader's
// own money as the firm says (balanceOps.payoutFloor).
void CVPGovernors::ApplyBalance(const VPGovEvent &e)
  {
   m_bal_applied = !SeenDeal(e.deal);
   if(!m_bal_applied)
      return;
   m_bal_deals[m_bal_deal_count % VPG_BALANCE_DEALS] = e.deal;
   m_bal_deal_count++;
   long a = e.amount_c;
   ENUM_VPG_BALANCE_KIND k = e.balance_kind;
   if(k != VPG_BAL_CREDIT)
      m_balance = VPGFromCents(VPGCents(m_balance) + a);
   m_equity = VPGFromCents(VPGCents(m_equity) + a);
   if(k == VPG_BAL_CHARGE || k == VPG_BAL_COMMISSION)
     {
      m_day_profit += VPGFromCents(a);
      return;
     }
   if(k == VPG_BAL_CREDIT)
      m_credit_c += a;
   else
      m_capital_c += a;
   // never below 0 (a withdrawal of an intraday profit larger than the day's start): no money to anchor below
   m_day_start_balance = VPGFromCents(MathMax(0, VPGCents(m_day_start_balance) + a));
   m_day_start_equity = VPGFromCents(MathMax(0, VPGCents(m_day_start_equity) + a));
   FixDailyFloor();
   bool own = k == VPG_BAL_DEPOSIT || k == VPG_BAL_WITHDRAWAL || k == VPG_BAL_PAYOUT;
   if(!own || m_p.payout_floor == VPG_PAYOUT_MOVE)
     {
      m_floor_shift_c += a;
      SetOverallFloor(m_overall_floor_c + a);
     }
   else
      if(k == VPG_BAL_PAYOUT && m_p.payout_floor == VPG_PAYOUT_LOCK_AT_INITIAL)
         SetOverallFloor(MathMax(m_overall_floor_c, m_initial_c + m_floor_shift_c));
  }

long CVPGovernors::DayStart(long t)
  {
   long d = VPFloorDiv(VPZoneLocal(m_p.reset_zone, t), VP_DAY_MS) + 1;
   long r = VPZoneToUtc(m_p.reset_zone, d * VP_DAY_MS + (long)m_p.reset_min * 60000);
   while(r > t)
     {
      d--;
      r = VPZoneToUtc(m_p.reset_zone, d * VP_DAY_MS + (long)m_p.reset_min * 60000);
     }
   return r;
  }

long CVPGovernors::NextReset(long t)
  {
   long d = VPFloorDiv(VPZoneLocal(m_p.reset_zone, t), VP_DAY_MS) - 1;
   long r = VPZoneToUtc(m_p.reset_zone, d * VP_DAY_MS + (long)m_p.reset_min * 60000);
   while(r <= t)
     {
      d++;
      r = VPZoneToUtc(m_p.reset_zone, d * VP_DAY_MS + (long)m_p.reset_min * 60000);
     }
   return r;
  }

// The occurrence of a weekly window that ends after t: active when t is within [start - lead, end).
bool CVPGovernors::WindowActive(const VPGovWindow &w, long t, long &start, long &end)
  {
   long today = VPFloorDiv(VPZoneLocal(w.zone, t), VP_DAY_MS);
   start = VPG_FOREVER_MS;
   end = VPG_NONE_MS;
   for(int k = -8; k <= 8; k++)
     {
      long d = today + k;
      if((w.days_mask & (1 << VPWeekday(d))) == 0)
         continue;
      long local_start = d * VP_DAY_MS + (long)w.start_min * 60000;
      long s = VPZoneToUtc(w.zone, local_start);
      long e = VPZoneToUtc(w.zone, local_start + (long)w.duration_min * 60000);
      if(e > t && s < start)
        {
         start = s;
         end = e;
        }
     }
   return t >= start - (long)w.lead_min * 60000 && t < end;
  }

void CVPGovernors::RecordOrder(long t)
  {
   int n = ArraySize(m_order_times);
   m_order_times[m_order_count % n] = t;
   m_order_count++;
  }

int CVPGovernors::OrdersInLastSecond(long t)
  {
   int n = MathMin(m_order_count, ArraySize(m_order_times));
   int c = 0;
   for(int i = 0; i < n; i++)
      if(m_order_times[i] > t - 1000)
         c++;
   return c;
  }

void CVPGovernors::AddNews(long release, const string &currency)
  {
   for(int i = 0; i < m_news_count; i++)
      if(m_news_release[i] == release && m_news_currency[i] == currency)
         return;
   if(m_news_count == VPG_NEWS_CAPACITY)
     {
      for(int i = 1; i < m_news_count; i++)
        {
         m_news_release[i - 1] = m_news_release[i];
         m_news_currency[i - 1] = m_news_currency[i];
        }
      m_news_count--;
     }
   m_news_release[m_news_count] = release;
   m_news_currency[m_news_count] = currency;
   m_news_count++;
  }

void CVPGovernors::PruneNews(long cutoff)
  {
   int keep = 0;
   for(int i = 0; i < m_news_count; i++)
      if(m_news_release[i] >= cutoff)
        {
         m_news_release[keep] = m_news_release[i];
         m_news_currency[keep] = m_news_currency[i];
         keep++;
        }
   m_news_count = keep;
  }

bool CVPGovernors::Affects(const string &symbol, const string &currency)
  {
   if(currency == "ALL")
      return true;
   for(int i = 0; i < ArraySize(m_p.sym_names); i++)
      if(m_p.sym_names[i] == symbol)
         return StringFind(m_p.sym_currencies[i], "|" + currency + "|") >= 0;
   if(StringLen(symbol) < 6)
      return false;
   string base = StringSubstr(symbol, 0, 3);
   string quote = StringSubstr(symbol, 3, 3);
   StringToUpper(base);
   StringToUpper(quote);
   return base == currency || quote == currency;
  }

int CVPGovernors::NewsWindowAt(const string &symbol, long t)
  {
   long before = (long)m_p.news_before_min * 60000;
   long after = (long)m_p.news_after_min * 60000;
   for(int i = 0; i < m_news_count; i++)
     {
      long r = m_news_release[i];
      if(t >= r - before && t <= r + after && Affects(symbol, m_news_currency[i]))
         return i;
     }
   return -1;
  }

// What the open positions can still lose down to their stops, plus the worst case of the orders in flight.
double CVPGovernors::OpenRisk(void)
  {
   return OpenRiskExcluding("");
  }

// The same without what signal `id` put there (its reservation, a position shown for it): a resend counts once.
double CVPGovernors::OpenRiskExcluding(const string &id)
  {
   double r = 0;
   for(int i = 0; i < ArraySize(m_pos); i++)
     {
      if(id != "" && m_pos[i].signal_id == id)
         continue;
      if(m_pos[i].stop_loss <= 0 || m_pos[i].money_per_unit == 0)
         return VPGInf();
      double sign = m_pos[i].buy ? 1.0 : -1.0;
      double at_stop = sign * (m_pos[i].stop_loss - m_pos[i].open_price) * m_pos[i].volume * m_pos[i].money_per_unit;
      r += MathMax(0, m_pos[i].profit - at_stop);
     }
   for(int k = 0; k < ArraySize(m_if_id); k++)
     {
      if(id != "" && m_if_id[k] == id)
         continue;
      if(!MathIsValidNumber(m_if_risk[k]))
         return VPGInf();
      r += m_if_risk[k];
     }
   double resting = RestingRiskExcluding(id);
   if(!MathIsValidNumber(resting))
      return VPGInf();
   return r + resting;
  }

//+------------------------------------------------------------------+
//| Resting pending orders (Java Ledger.orders): each counts as if it |
//| filled at its trigger and ran to its stop, with the allowances of |
//| an order not sent yet                                             |
//+------------------------------------------------------------------+
double CVPGovernors::OrderLossAtStop(const VPGovOrder &o)
  {
   if(o.stop_loss <= 0 || o.money_per_unit == 0)
      return VPGInf();
   return MathAbs(o.price - o.stop_loss) * o.volume * o.money_per_unit;
  }

double CVPGovernors::RestingRiskExcluding(const string &id)
  {
   double r = 0;
   for(int i = 0; i < ArraySize(m_ord); i++)
     {
      if((m_ord[i].expiry_ms > 0 && m_now >= m_ord[i].expiry_ms) || (id != "" && m_ord[i].signal_id == id))
         continue;
      double loss = OrderLossAtStop(m_ord[i]);
      if(!MathIsValidNumber(loss))
         return VPGInf();
      r += loss * WorstFactor();
     }
   return r;
  }

// the order with this ticket, else the one sent as signal id; -1 when none
int CVPGovernors::FindOrder(long ticket, const string &id)
  {
   for(int i = 0; i < ArraySize(m_ord); i++)
      if(ticket != 0 && m_ord[i].ticket == ticket)
         return i;
   for(int i = 0; i < ArraySize(m_ord); i++)
      if(id != "" && m_ord[i].signal_id == id)
         return i;
   return -1;
  }

void CVPGovernors::RemoveOrder(long ticket)
  {
   for(int i = 0; i < ArraySize(m_ord); i++)
      if(m_ord[i].ticket == ticket)
        {
         ArrayRemove(m_ord, i, 1);
         return;
        }
  }

void CVPGovernors::RestOrder(const VPGovOrder &o)
  {
   RemoveOrder(o.ticket);
   int n = ArraySize(m_ord);
   ArrayResize(m_ord, n + 1);
   m_ord[n] = o;
  }

// the terminal removes an order at its expiry
void CVPGovernors::DropExpiredOrders(long t)
  {
   for(int i = ArraySize(m_ord) - 1; i >= 0; i--)
      if(m_ord[i].expiry_ms > 0 && t >= m_ord[i].expiry_ms)
         ArrayRemove(m_ord, i, 1);
  }

// a resting order filled: its worst case stays counted (in flight) until a snapshot shows the position
void CVPGovernors::HoldFilled(const VPGovOrder &o)
  {
   RemoveOrder(o.ticket);
   IfHoldFilled(o.signal_id, o.ticket, OrderLossAtStop(o) * WorstFactor(), o.volume);
  }

void CVPGovernors::ApplyPending(const VPGovEvent &e)
  {
   VPGovOrder o;
   o.ticket = e.ticket;
   o.symbol = e.symbol;
   o.type = e.order_type;
   o.volume = e.lots;
   o.price = e.price;
   o.stop_loss = e.stop_loss;
   o.take_profit = e.take_profit;
   o.expiry_ms = e.expiry_ms;
   o.money_per_unit = e.money_per_unit;
   o.signal_id = e.signal_id;
   int before = ArraySize(m_ord);
   switch(e.pending_state)
     {
      case VPG_PS_PLACED:
      case VPG_PS_MODIFIED:
         if(o.expiry_ms > 0 && m_now >= o.expiry_ms)
            RemoveOrder(o.ticket);
         else
            RestOrder(o);
         IfResting(o.signal_id, o.ticket);   // its reservation ends: the resting order counts now
         break;
      case VPG_PS_FILLED:
        {
         int k = FindOrder(o.ticket, o.signal_id);
         if(k >= 0)
           {
            VPGovOrder known = m_ord[k];
            HoldFilled(known);
           }
         else
            HoldFilled(o);
         break;
        }
      default:
         RemoveOrder(o.ticket);
         IfResting(o.signal_id, o.ticket);
         break;
     }
   m_pending = MathMax(ArraySize(m_ord), m_pending + ArraySize(m_ord) - before); // the open-orders cap
  }

//+------------------------------------------------------------------+
//| Orders in flight (governors InFlight): keyed by signal id, they   |
//| leave on a reject or expiry, a snapshot showing the position, or  |
//| the position's exit fills                                         |
//+------------------------------------------------------------------+
int CVPGovernors::IfFind(const string &id)
  {
   if(id == "")
      return -1;
   for(int i = 0; i < ArraySize(m_if_id); i++)
      if(m_if_id[i] == id)
         return i;
   return -1;
  }

int CVPGovernors::IfFindTicket(long ticket)
  {
   for(int i = 0; i < ArraySize(m_if_id); i++)
      if(m_if_ticket[i] == ticket)
         return i;
   return -1;
  }

bool CVPGovernors::IfWasReleased(const string &id)
  {
   if(id == "")
      return false;
   int n = MathMin(m_if_released_count, VPG_INFLIGHT_RELEASED);
   for(int i = 0; i < n; i++)
      if(m_if_released[i] == id)
         return true;
   return false;
  }

void CVPGovernors::IfAdd(const string &id, long ticket, double lots, double risk, long expires, bool filled)
  {
   int n = ArraySize(m_if_id);
   ArrayResize(m_if_id, n + 1);
   ArrayResize(m_if_ticket, n + 1);
   ArrayResize(m_if_lots, n + 1);
   ArrayResize(m_if_left, n + 1);
   ArrayResize(m_if_risk, n + 1);
   ArrayResize(m_if_expires, n + 1);
   ArrayResize(m_if_filled, n + 1);
   m_if_id[n] = id;
   m_if_ticket[n] = ticket;
   m_if_lots[n] = lots;
   m_if_left[n] = lots;
   m_if_risk[n] = risk;
   m_if_expires[n] = expires;
   m_if_filled[n] = filled;
  }

// shown: a snapshot took it over (a late fill of it is not new); a rejected or expired one is not remembered.
void CVPGovernors::IfRelease(int i, bool shown)
  {
   if(shown && m_if_id[i] != "")
     {
      m_if_released[m_if_released_count % VPG_INFLIGHT_RELEASED] = m_if_id[i];
      m_if_released_count++;
     }
   int n = ArraySize(m_if_id);
   for(int k = i; k < n - 1; k++)
     {
      m_if_id[k] = m_if_id[k + 1];
      m_if_ticket[k] = m_if_ticket[k + 1];
      m_if_lots[k] = m_if_lots[k + 1];
      m_if_left[k] = m_if_left[k + 1];
      m_if_risk[k] = m_if_risk[k + 1];
      m_if_expires[k] = m_if_expires[k + 1];
      m_if_filled[k] = m_if_filled[k + 1];
     }
   ArrayResize(m_if_id, n - 1);
   ArrayResize(m_if_ticket, n - 1);
   ArrayResize(m_if_lots, n - 1);
   ArrayResize(m_if_left, n - 1);
   ArrayResize(m_if_risk, n - 1);
   ArrayResize(m_if_expires, n - 1);
   ArrayResize(m_if_filled, n - 1);
  }

bool CVPGovernors::IfShows(const string &id, long ticket)
  {
   for(int k = 0; k < ArraySize(m_pos); k++)
     {
      if(id != "" && m_pos[k].signal_id == id)
         return true;
      if(ticket != 0 && m_pos[k].ticket == ticket)
         return true;
     }
   return false;
  }

void CVPGovernors::IfExpire(long t)
  {
   for(int i = ArraySize(m_if_id) - 1; i >= 0; i--)
      if(!m_if_filled[i] && t >= m_if_expires[i])
         IfRelease(i, false);
  }

void CVPGovernors::IfAck(const VPGovEvent &e)
  {
   int i = IfFind(e.signal_id);
   if(i < 0)
      return;
   if(e.ack_status == VP_ACK_REJECTED && !m_if_filled[i])
      IfRelease(i, false);
   else
      if(e.ack_status == VP_ACK_EXECUTED && e.ticket != 0) // without a ticket (a delayed order): expiry still applies
        {
         m_if_filled[i] = true;
         m_if_ticket[i] = e.ticket;
        }
  }

// A fill learnt after the last snapshot (m_pos).
void CVPGovernors::IfFill(const VPGovEvent &e)
  {
   long ticket = e.ticket;
   if(e.entry)
     {
      int i = IfFind(e.signal_id);
      if(i >= 0)
        {
         m_if_filled[i] = true;
         if(ticket != 0)
            m_if_ticket[i] = ticket;
         return;
        }
      // a fill for a position nobody reserved: unbounded until a snapshot shows it (its stop is not known)
      if(ticket == 0 || IfFindTicket(ticket) >= 0 || IfWasReleased(e.signal_id) || IfShows("", ticket))
         return;
      IfAdd(e.signal_id, ticket, e.lots, VPGInf(), VPG_FOREVER_MS, true);
      return;
     }
   int k = ticket != 0 ? IfFindTicket(ticket) : -1;
   if(k < 0)
     {
      int j = IfFind(e.signal_id);
      if(j >= 0 && m_if_filled[j])
         k = j;
     }
   if(k < 0)
      return;
   // the risk is kept whole until the next snapshot: the realised loss is in the balance, not in the equity the
   // headroom reads; all of the volume closed (left <= 0) lets the next snapshot release it
   m_if_left[k] = m_if_left[k] - e.lots;
  }

// A snapshot (m_pos just set): what it shows counts from now on instead of the reservation, and a position closed
// before it is in its balance and equity.
void CVPGovernors::IfSnapshot(void)
  {
   for(int i = ArraySize(m_if_id) - 1; i >= 0; i--)
      if((m_if_filled[i] && m_if_left[i] <= 1e-9) || IfShows(m_if_id[i], m_if_ticket[i]) || IfRests(m_if_id[i], m_if_ticket[i]))
         IfRelease(i, true);
  }

// a pending order's reservation ends when it rests at the terminal (the snapshot's orders, by signal id or ticket)
bool CVPGovernors::IfRests(const string &id, long ticket)
  {
   for(int k = 0; k < ArraySize(m_ord); k++)
     {
      if(id != "" && m_ord[k].signal_id == id)
         return true;
      if(ticket != 0 && m_ord[k].ticket == ticket)
         return true;
     }
   return false;
  }

void CVPGovernors::IfResting(const string &id, long ticket)
  {
   int i = IfFind(id);
   if(i < 0 && ticket != 0)
      i = IfFindTicket(ticket);
   if(i >= 0)
      IfRelease(i, true);
  }

// a resting order filled before the snapshot showing its position: counted here, filled, under its id and ticket
void CVPGovernors::IfHoldFilled(const string &id, long ticket, double risk, double lots)
  {
   int i = IfFind(id);
   if(i < 0 && ticket != 0)
      i = IfFindTicket(ticket);
   if(i >= 0)
     {
      m_if_filled[i] = true;
      if(ticket != 0)
         m_if_ticket[i] = ticket;
      return;
     }
   IfAdd(id, ticket, lots, risk, VPG_FOREVER_MS, true);
  }

// An allowed order with a signal id; nothing when the id is in flight or was released lately (the same signal).
void CVPGovernors::IfReserve(const VPGovEvent &e)
  {
   if(e.signal_id == "" || IfFind(e.signal_id) >= 0 || IfWasReleased(e.signal_id))
      return;
   double factor = m_p.has_pretrade ? m_p.worst_factor : 1.0;
   long expires = e.expiry_ms <= 0 || e.expiry_ms > VPG_FOREVER_MS - VPG_INFLIGHT_GRACE_MS ? VPG_FOREVER_MS : e.expiry_ms + VPG_INFLIGHT_GRACE_MS;
   IfAdd(e.signal_id, 0, e.lots, LossAtStop(e) * factor, expires, false);
  }

double CVPGovernors::LossAtStop(const VPGovEvent &e)
  {
   if(e.stop_loss <= 0)
      return VPGInf();
   if(e.risk_at_stop >= 0)
      return e.risk_at_stop;
   if(e.money_per_unit == 0)
      return VPGInf();
   return MathAbs(e.price - e.stop_loss) * e.lots * e.money_per_unit;
  }

//+------------------------------------------------------------------+
//| Hits and latches                                                  |
//+------------------------------------------------------------------+
void CVPGovernors::AddHit(ENUM_VPG_ACTION action, const string &rule, double measured, double threshold, long until_ms, const string &msg)
  {
   VPGovHit h;
   h.action = action;
   h.rule = rule;
   h.measured = measured;
   h.threshold = threshold;
   h.until_ms = until_ms;
   h.message = msg;
   AddHitStruct(h);
  }

// kept most severe first; equal severity in the order the rules fired
void CVPGovernors::AddHitStruct(const VPGovHit &h)
  {
   int n = ArraySize(m_hits);
   int i = 0;
   while(i < n && !(h.action > m_hits[i].action))
      i++;
   ArrayResize(m_hits, n + 1);
   for(int k = n; k > i; k--)
      m_hits[k] = m_hits[k - 1];
   m_hits[i] = h;
  }

void CVPGovernors::Halt(const VPGovHit &h)
  {
   if(m_halted)
      return;
   m_halted = true;
   m_halt_hit = h;
  }

void CVPGovernors::Pause(long until_ms, const VPGovHit &h)
  {
   if(m_halted || (Paused() && m_paused_until >= until_ms))
      return;
   m_paused_until = until_ms;
   m_pause_hit = h;
  }

//+------------------------------------------------------------------+
//| Rules                                                             |
//+------------------------------------------------------------------+
void CVPGovernors::RuleDaily(void)
  {
   if(!m_p.has_daily || m_halted)
      return;
   double eq = m_equity;
   long eq_c = VPGCents(eq);
   long used_c = m_day_anchor_c - eq_c;
   double used = VPGFromCents(used_c);
   VPGovHit h;
   // exact to the cent: equity equal to the floor holds, one cent below breaches
   if(eq_c < m_daily_floor_c)
     {
      string msg = "Equity " + VPGMoney(eq) + " fell below today's loss floor " + VPGMoney(m_daily_floor) + " (day-start " +
                   VPGMoney(m_day_anchor) + " minus " + VPGMoney(m_daily_limit) + ")";
      if(m_p.daily_outcome == VPG_LIMIT_BREACH)
        {
         h.action = VPG_FLATTEN_AND_HALT; h.rule = "daily-loss"; h.measured = eq; h.threshold = m_daily_floor; h.until_ms = 0;
         h.message = msg + ": the daily loss limit is breached, close everything and stop.";
         Halt(h);
        }
      else
         if(!Paused() || m_paused_until < m_next_reset)
           {
            h.action = VPG_PAUSE_UNTIL_RESET; h.rule = "daily-loss"; h.measured = eq; h.threshold = m_daily_floor;
            h.until_ms = m_next_reset;
            h.message = msg + ": close everything, trading resumes at " + VPGTime(m_next_reset) + ".";
            Pause(m_next_reset, h);
           }
      return;
     }
   long flatten_at = VPGPctOf(m_daily_limit_c, m_p.flatten_at_pct, false);
   if(m_p.flatten_at_pct < 100 && used_c >= flatten_at)
     {
      if(!Paused() || m_paused_until < m_next_reset)
        {
         h.action = VPG_PAUSE_UNTIL_RESET; h.rule = "daily-loss"; h.measured = eq; h.threshold = VPGFromCents(m_day_anchor_c - flatten_at);
         h.until_ms = m_next_reset;
         h.message = "Today's loss " + VPGMoney(used) + " reached the " + VPGNum(m_p.flatten_at_pct) + "% safety buffer of the " +
                     VPGMoney(m_daily_limit) + " daily limit: close everything, trading resumes at " + VPGTime(m_next_reset) + ".";
         Pause(m_next_reset, h);
        }
      return;
     }
   if(CarriedIntoNextDay(eq))
      return;
   long block_at = VPGPctOf(m_daily_limit_c, m_p.block_at_pct, false);
   if(m_p.block_at_pct < 100 && used_c >= block_at)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "daily-loss", eq, VPGFromCents(m_day_anchor_c - block_at), 0,
             "Today's loss " + VPGMoney(used) + " reached the " + VPGNum(m_p.block_at_pct) + "% warning level of the " +
             VPGMoney(m_daily_limit) + " daily limit: no new entries today.");
  }

// Shortly before the reset: would the equity, against the floor the next day will have, already be inside the
// flatten buffer? (A floating loss carried over a balance-anchored reset meets a new, higher anchor.)
bool CVPGovernors::CarriedIntoNextDay(double eq)
  {
   long window = (long)m_p.flatten_before_reset_min * 60000;
   if(window == 0 || m_next_reset - m_now > window || ArraySize(m_pos) == 0)
      return false;
   long anchor = AnchorCents(m_balance, m_equity);
   long limit = DailyLimitCents(anchor);
   long flatten_level = anchor - VPGPctOf(limit, m_p.flatten_at_pct, false);
   if(VPGCents(eq) >= flatten_level)
      return false;
   if(!Paused() || m_paused_until < m_next_reset)
     {
      VPGovHit h;
      h.action = VPG_PAUSE_UNTIL_RESET;
      h.rule = "daily-loss";
      h.measured = eq;
      h.threshold = VPGFromCents(flatten_level);
      h.until_ms = m_next_reset;
      h.message = "The reset at " + VPGTime(m_next_reset) + " will set the loss floor at " + VPGMoney(VPGFromCents(anchor - limit)) +
                  " and equity " + VPGMoney(eq) + " would already be past the safety buffer: close everything before the reset.";
      Pause(m_next_reset, h);
     }
   return true;
  }

// The overall floor as it would stand if the open winners were closed now (a floor trailing the closed balance
// rises when one position's profit is banked, under the others); pre-trade sizing uses it.
double CVPGovernors::ProjectedOverallFloor(void)
  {
   if(m_p.max_mode != VPG_MAX_TRAILING_CLOSED_BALANCE)
      return m_overall_floor;
   double potential = m_balance;
   for(int i = 0; i < ArraySize(m_pos); i++)
      potential += MathMax(0, m_pos[i].profit);
   long p = VPGCents(potential) - m_capital_c;
   if(p <= m_hwm_c)
      return m_overall_floor;
   return VPGFromCents(MathMax(m_overall_floor_c, TrailingFloor(p)));
  }

void CVPGovernors::RuleMax(const VPGovEvent &e)
  {
   if(m_p.max_mode == VPG_MAX_TRAILING_CLOSED_BALANCE && (e.kind == VPG_EV_ACCOUNT || e.kind == VPG_EV_FILL || e.kind == VPG_EV_BALANCE))
      RaiseHighWater(TradingBalanceCents());
   if(m_p.max_mode == VPG_MAX_TRAILING_INTRADAY_EQUITY && (e.kind == VPG_EV_ACCOUNT || e.kind == VPG_EV_BALANCE))
      RaiseHighWater(TradingEquityCents());
   if(m_halted)
      return;
   double eq = m_equity;
   long eq_c = VPGCents(eq);
   long ref = m_overall_floor_c + m_max_limit_c;
   long used = ref - eq_c;
   VPGovHit h;
   // exact to the cent: equity equal to the floor holds, one cent below does not
   if(eq_c < m_overall_floor_c)
     {
      string msg = "Equity " + VPGMoney(eq) + " fell below the maximum loss floor " + VPGMoney(m_overall_floor);
      if(m_p.max_outcome == VPG_LIMIT_BREACH)
        {
         h.action = VPG_FLATTEN_AND_HALT; h.rule = "max-loss"; h.measured = eq; h.threshold = m_overall_floor; h.until_ms = 0;
         h.message = msg + ": the account limit is breached, close everything and stop.";
         Halt(h);
        }
      else
         if(!Paused() || m_paused_until < m_next_reset)
           {
            h.action = VPG_PAUSE_UNTIL_RESET; h.rule = "max-loss"; h.measured = eq; h.threshold = m_overall_floor;
            h.until_ms = m_next_reset;
            h.message = msg + ": close everything, trading resumes at " + VPGTime(m_next_reset) + ".";
            Pause(m_next_reset, h);
           }
      return;
     }
   long flatten_at = VPGPctOf(m_max_limit_c, m_p.flatten_at_pct, false);
   if(m_p.flatten_at_pct < 100 && used >= flatten_at)
     {
      if(!Paused() || m_paused_until < m_next_reset)
        {
         h.action = VPG_PAUSE_UNTIL_RESET; h.rule = "max-loss"; h.measured = eq; h.threshold = VPGFromCents(ref - flatten_at);
         h.until_ms = m_next_reset;
         h.message = "Equity " + VPGMoney(eq) + " is within " + VPGNum(100 - m_p.flatten_at_pct) + "% of the maximum loss floor " +
                     VPGMoney(m_overall_floor) + ": close everything, no trading before " + VPGTime(m_next_reset) + ".";
         Pause(m_next_reset, h);
        }
      return;
     }
   long block_at = VPGPctOf(m_max_limit_c, m_p.block_at_pct, false);
   if(m_p.block_at_pct < 100 && used >= block_at)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "max-loss", eq, VPGFromCents(ref - block_at), 0,
             "Equity " + VPGMoney(eq) + " has used " + VPGNum(m_p.block_at_pct) + "% of the room above the maximum loss floor " +
             VPGMoney(m_overall_floor) + ": no new entries.");
  }

void CVPGovernors::RulePreTrade(const VPGovEvent &e)
  {
   if(!m_p.has_pretrade || e.kind != VPG_EV_ORDER)
      return;
   double stop = LossAtStop(e);
   if(!MathIsValidNumber(stop))
     {
      AddHit(VPG_BLOCK_NEW_ENTRIES, "pre-trade-risk", stop, 0, 0, "Order on " + e.symbol +
             " has no stop loss (or no price value to measure it): its worst case is unbounded.");
      return;
     }
   double open = OpenRiskExcluding(e.signal_id); // a resent signal is not counted against itself
   if(!MathIsValidNumber(open))
     {
      AddHit(VPG_BLOCK_NEW_ENTRIES, "pre-trade-risk", open, 0, 0,
             "An open position, a resting pending order or a fill not in a snapshot yet has no known stop loss, so the account's worst case is unbounded: no new entries.");
      return;
     }
   double worst = stop * m_p.worst_factor + open;
   double headroom = Headroom();
   if(worst > headroom)
     {
      bool daily = m_daily_floor >= ProjectedOverallFloor();
      AddHit(VPG_BLOCK_NEW_ENTRIES, "pre-trade-risk", worst, headroom, 0, "Worst case " + VPGMoney(worst) + " (stop " +
             VPGMoney(stop) + " plus slippage and gap, plus " + VPGMoney(open) + " open risk incl. orders in flight) exceeds the " +
             (daily ? "daily" : "overall") + " headroom of " + VPGMoney(headroom) + ".");
     }
  }

void CVPGovernors::RuleNews(const VPGovEvent &e)
  {
   if(!m_p.has_news)
      return;
   long after = (long)m_p.news_after_min * 60000;
   long exempt = (long)m_p.news_exempt_min * 60000;
   if(e.kind == VPG_EV_NEWS)
     {
      if(e.impact == VP_IMPACT_HIGH)
         AddNews(e.release_ms, e.currency);
      PruneNews(m_now - 24 * 3600000);
      return;
     }
   if(m_news_count == 0)
      return;
   if(e.kind == VPG_EV_ORDER)
     {
      int i = NewsWindowAt(e.symbol, e.t);
      if(i >= 0 && m_p.news_mode == VPG_NEWS_BLOCK)
         AddHit(VPG_BLOCK_NEW_ENTRIES, "news-embargo", (double)e.t, (double)m_news_release[i], m_news_release[i] + after,
                "No entries on " + e.symbol + " from " + IntegerToString(m_p.news_before_min) + " min before to " +
                IntegerToString(m_p.news_after_min) + " min after the " + m_news_currency[i] + " release at " +
                VPGTime(m_news_release[i]) + ".");
      return;
     }
   if(e.kind == VPG_EV_FILL)
     {
      int i = NewsWindowAt(e.symbol, e.t);
      if(i >= 0 && !e.entry && exempt > 0 && e.position_open_ms <= m_news_release[i] - exempt)
         i = -1;
      if(i < 0 && !e.entry)
         i = NewsWindowAt(e.symbol, e.position_open_ms);
      if(i < 0)
         return;
      if(m_p.news_mode == VPG_NEWS_BLOCK)
        {
         m_news_violations++;
         AddHit(VPG_BLOCK_NEW_ENTRIES, "news-embargo", (double)e.t, (double)m_news_release[i], m_news_release[i] + after,
                (string)"A " + (e.entry ? "fill opening" : "fill closing") + " a position on " + e.symbol +
                " happened inside the embargo around the " + m_news_currency[i] + " release at " + VPGTime(m_news_release[i]) +
                ": the firm counts this as a news violation.");
        }
      else
         if(!e.entry && e.profit > 0)
           {
            // exact cents: the kept share is rounded down, so the share removed is rounded up
            long profit = VPGCents(e.profit);
            double removed = VPGFromCents(profit - VPGPctOf(profit, m_p.news_keep_pct, false));
            m_haircut += removed;
            m_day_profit -= removed;
           }
      return;
     }
   if(m_p.news_mode != VPG_NEWS_BLOCK)
      return;
   for(int k = 0; k < ArraySize(m_pos); k++)
     {
      int i = NewsWindowAt(m_pos[k].symbol, m_now);
      if(i >= 0 && !(exempt > 0 && m_pos[k].open_ms <= m_news_release[i] - exempt))
        {
         AddHit(VPG_BLOCK_NEW_ENTRIES, "news-embargo", (double)m_now, (double)m_news_release[i], m_news_release[i] + after,
                "News embargo on " + m_pos[k].symbol + " until " + VPGTime(m_news_release[i] + after) +
                ": hold, do not close or add; a stop-loss or take-profit hit inside the window counts too.");
         return;
        }
     }
  }

// Pending orders where a pending fill inside a news window is a violation (news.pendingOrders CANCEL): a pending
// order that could still rest when a known window opens is refused; resting ones are cancelled from
// cancelPendingMinutesBefore before the window to its end (the tickets in m_cancel, which the EA deletes).
void CVPGovernors::RuleNewsPending(const VPGovEvent &e)
  {
   if(!m_p.has_news || m_p.news_pending != VPG_PENDING_CANCEL || m_news_count == 0 || e.kind == VPG_EV_NEWS)
      return;
   long before = (long)m_p.news_before_min * 60000;
   long after = (long)m_p.news_after_min * 60000;
   long lead = (long)m_p.news_cancel_lead_min * 60000;
   if(e.kind == VPG_EV_ORDER && e.order_type != VPG_OT_MARKET && !(NewsWindowAt(e.symbol, e.t) >= 0 && m_p.news_mode == VPG_NEWS_BLOCK))
      for(int i = 0; i < m_news_count; i++)
        {
         long start = m_news_release[i] - before, end = m_news_release[i] + after;
         if(e.t > end || (e.expiry_ms > 0 && e.expiry_ms < start) || !Affects(e.symbol, m_news_currency[i]))
            continue;
         AddHit(VPG_BLOCK_NEW_ENTRIES, "news-pending", (double)e.t, (double)m_news_release[i], end,
                "A pending order on " + e.symbol + (e.expiry_ms > 0 ? " expiring at " + VPGTime(e.expiry_ms) : " without an expiry") +
                " could fill inside the embargo around the " + m_news_currency[i] + " release at " + VPGTime(m_news_release[i]) +
                " (a pending fill there is a violation): give it an expiry before " + VPGTime(start) + ".");
         break;
        }
   long until = 0;
   for(int k = 0; k < ArraySize(m_ord); k++)
      for(int i = 0; i < m_news_count; i++)
        {
         long start = m_news_release[i] - before, end = m_news_release[i] + after;
         if(m_now < start - lead || m_now > end || (m_ord[k].expiry_ms > 0 && m_ord[k].expiry_ms < start) ||
            !Affects(m_ord[k].symbol, m_news_currency[i]))
            continue;
         int n = ArraySize(m_cancel);
         ArrayResize(m_cancel, n + 1);
         m_cancel[n] = m_ord[k].ticket;
         if(until == 0)
            until = end;
         break;
        }
   if(ArraySize(m_cancel) > 0)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "news-pending", ArraySize(m_cancel), 0, until, "Cancel " + IntegerToString(ArraySize(m_cancel)) +
             " resting pending order(s) (first ticket " + IntegerToString(m_cancel[0]) +
             ") before the news embargo: a pending fill inside it is a violation.");
  }

void CVPGovernors::RuleForcedFlat(void)
  {
   for(int i = 0; i < ArraySize(m_p.flat); i++)
     {
      long start, end;
      if(WindowActive(m_p.flat[i], m_now, start, end))
         AddHit(VPG_PAUSE_UNTIL_RESET, "forced-flat:" + m_p.flat[i].id, (double)m_now, (double)start, end,
                "Flat before '" + m_p.flat[i].id + "' starting " + VPGTime(start) + ": close everything, no entries until " +
                VPGTime(end) + ".");
     }
  }

void CVPGovernors::RuleActivity(const VPGovEvent &e)
  {
   if(!m_p.has_activity || e.kind != VPG_EV_ORDER)
      return;
   long t = e.t;
   if(m_p.max_orders_per_s > 0)
     {
      int n = OrdersInLastSecond(t);
      if(n >= m_p.max_orders_per_s)
         AddHit(VPG_BLOCK_NEW_ENTRIES, "orders-per-second", n + 1, m_p.max_orders_per_s, 0, "This would be order " +
                IntegerToString(n + 1) + " within one second; the limit is " + IntegerToString(m_p.max_orders_per_s) + ".");
     }
   if(m_p.max_requests_day > 0 && m_requests_today >= m_p.max_requests_day)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "requests-per-day", m_requests_today, m_p.max_requests_day, 0,
             IntegerToString(m_requests_today) + " server requests today already; the daily limit is " + IntegerToString(m_p.max_requests_day) + ".");
   if(m_p.max_positions_day > 0 && m_positions_today >= m_p.max_positions_day)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "positions-per-day", m_positions_today, m_p.max_positions_day, 0,
             IntegerToString(m_positions_today) + " positions opened today already; the daily limit is " + IntegerToString(m_p.max_positions_day) + ".");
   if(m_p.max_trades_day > 0 && m_trades_today >= m_p.max_trades_day)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "trades-per-day", m_trades_today, m_p.max_trades_day, 0,
             IntegerToString(m_trades_today) + " trades closed today already; the daily limit is " + IntegerToString(m_p.max_trades_day) + ".");
   if(t < m_cooldown_until)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "loss-cooldown", m_p.cooldown_losses, m_p.cooldown_losses, m_cooldown_until,
             IntegerToString(m_p.cooldown_losses) + " losing trades in a row: cooling down until " + VPGTime(m_cooldown_until) + ".");
  }

void CVPGovernors::RuleSize(const VPGovEvent &e)
  {
   if(!m_p.has_size)
      return;
   if(e.kind != VPG_EV_ORDER)
     {
      if(m_p.sl_required && m_p.sl_within_s > 0)
        {
         long grace = (long)m_p.sl_within_s * 1000;
         for(int i = 0; i < ArraySize(m_pos); i++)
            if(m_pos[i].stop_loss <= 0 && m_now - m_pos[i].open_ms > grace)
              {
               AddHit(VPG_BLOCK_NEW_ENTRIES, "stop-loss-required", (m_now - m_pos[i].open_ms) / 1000.0, m_p.sl_within_s, 0,
                      "Position on " + m_pos[i].symbol + " has had no stop loss for more than " + IntegerToString(m_p.sl_within_s) +
                      " s: set one or close it; no new entries meanwhile.");
               return;
              }
        }
      return;
     }
   double per_ticket = m_p.max_lots_ticket;
   for(int i = 0; i < ArraySize(m_p.lots_symbols); i++)
      if(m_p.lots_symbols[i] == e.symbol)
         per_ticket = m_p.lots_symbol_max[i];
   if(per_ticket > 0 && e.lots > per_ticket)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "lots-per-ticket", e.lots, per_ticket, 0, VPGNum(e.lots) + " lots on " + e.symbol +
             " exceeds the " + VPGNum(per_ticket) + " lots allowed per ticket.");
   if(m_p.max_lots_symbol > 0)
     {
      double open = 0;
      for(int i = 0; i < ArraySize(m_pos); i++)
         if(m_pos[i].symbol == e.symbol)
            open += m_pos[i].volume;
      if(open + e.lots > m_p.max_lots_symbol + 1e-9)
         AddHit(VPG_BLOCK_NEW_ENTRIES, "lots-per-symbol", open + e.lots, m_p.max_lots_symbol, 0, VPGNum(open + e.lots) +
                " lots open on " + e.symbol + " would exceed " + VPGNum(m_p.max_lots_symbol) + ".");
     }
   int npos = ArraySize(m_pos);
   if(m_p.max_open_positions > 0 && npos + 1 > m_p.max_open_positions)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "open-positions", npos + 1, m_p.max_open_positions, 0, "A new position would make " +
             IntegerToString(npos + 1) + " open; the limit is " + IntegerToString(m_p.max_open_positions) + ".");
   int orders = npos + m_pending + 1;
   if(m_p.max_open_orders > 0 && orders > m_p.max_open_orders)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "open-orders", orders, m_p.max_open_orders, 0, IntegerToString(orders) +
             " open orders and positions would exceed the limit of " + IntegerToString(m_p.max_open_orders) + ".");
   if(m_p.sl_required && m_p.sl_within_s == 0 && e.stop_loss <= 0)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "stop-loss-required", 0, 1, 0, "Order on " + e.symbol + " has no stop loss; the firm requires one.");
   if(m_p.max_risk_pct > 0 && e.stop_loss > 0)
     {
      double pct = LossAtStop(e) / m_initial * 100;
      if(pct > m_p.max_risk_pct)
         AddHit(VPG_BLOCK_NEW_ENTRIES, "risk-per-trade", pct, m_p.max_risk_pct, 0, "Order risks " + VPGNum(pct) +
                "% of the initial balance at its stop; the limit is " + VPGNum(m_p.max_risk_pct) + "%.");
     }
  }

void CVPGovernors::RuleSchedule(const VPGovEvent &e)
  {
   if(!m_p.has_schedule || e.kind != VPG_EV_ORDER)
      return;
   long t = m_now;
   int n = ArraySize(m_p.sessions);
   if(n > 0)
     {
      bool in = false;
      long next = VPG_FOREVER_MS;
      for(int i = 0; i < n; i++)
        {
         long s, en;
         if(WindowActive(m_p.sessions[i], t, s, en))
            in = true;
         if(s < next)
            next = s;
        }
      if(!in)
         AddHit(VPG_BLOCK_NEW_ENTRIES, "session", (double)t, (double)next, next,
                "Outside the allowed trading sessions; the next one opens at " + VPGTime(next) + ".");
     }
   long quiet = (long)m_p.quiet_before_reset_min * 60000;
   if(quiet > 0 && m_next_reset - t <= quiet)
      AddHit(VPG_BLOCK_NEW_ENTRIES, "before-reset", (m_next_reset - t) / 60000.0, m_p.quiet_before_reset_min, m_next_reset,
             "No entries in the last " + IntegerToString(m_p.quiet_before_reset_min) + " minutes before the daily reset at " +
             VPGTime(m_next_reset) + ".");
  }

void CVPGovernors::RuleTarget(void)
  {
   if(!m_p.has_target || m_locked || m_halted)
      return;
   // exact cents: the whole percentage, rounded up to the cent, must be banked
   long target_c = VPGPctOf(m_initial_c, m_p.target_pct, true);
   if(CountedProfitCents() >= target_c)
     {
      double profit = VPGFromCents(CountedProfitCents());
      double target = VPGFromCents(target_c);
      m_locked = true;
      m_lock_hit.action = VPG_BLOCK_NEW_ENTRIES;
      m_lock_hit.rule = "profit-target";
      m_lock_hit.measured = profit;
      m_lock_hit.threshold = target;
      m_lock_hit.until_ms = 0;
      m_lock_hit.message = "Profit target " + VPGMoney(target) + " reached (closed profit " + VPGMoney(profit) + "): locked, no new risk.";
     }
  }

//+------------------------------------------------------------------+
//| Evaluation                                                        |
//+------------------------------------------------------------------+
// A resting order's fields, as Java's PendingOrder and ValuedOrder check them ("" when valid).
string VPGValidOrder(const VPGovOrder &o)
  {
   if(o.symbol == "")
      return "order.symbol: must not be blank";
   if(o.type == VPG_OT_MARKET)
      return "order.type: must be buy_limit, sell_limit, buy_stop or sell_stop";
   if(!MathIsValidNumber(o.volume) || o.volume <= 0)
      return "order.volume: must be greater than 0, got " + DoubleToString(o.volume, 4);
   if(!MathIsValidNumber(o.price) || o.price <= 0)
      return "order.price: must be greater than 0";
   if(!MathIsValidNumber(o.stop_loss) || o.stop_loss < 0)
      return "order.sl: must not be negative";
   if(!MathIsValidNumber(o.take_profit) || o.take_profit < 0)
      return "order.tp: must not be negative";
   if(!MathIsValidNumber(o.money_per_unit) || o.money_per_unit < 0)
      return "order.moneyPerPriceUnit: must not be negative";
   bool buy = VPGOrderBuys(o.type);
   if(o.stop_loss > 0 && (buy ? o.stop_loss - o.price : o.price - o.stop_loss) >= 0)
      return "order.sl: " + DoubleToString(o.stop_loss, 5) + " is not on the losing side of the trigger " + DoubleToString(o.price, 5);
   return "";
  }

bool CVPGovernors::Validate(const VPGovEvent &e, string &err)
  {
   if(e.kind == VPG_EV_ACCOUNT)
     {
      if(!MathIsValidNumber(e.balance) || e.balance < 0)
         err = "account.balance: must not be negative and finite, got " + DoubleToString(e.balance, 2);
      else
         if(!MathIsValidNumber(e.equity) || e.equity < 0)
            err = "account.equity: must not be negative and finite, got " + DoubleToString(e.equity, 2);
         else
            if(e.pending_orders < 0)
               err = "account.pendingOrders: must not be negative";
      for(int k = 0; k < ArraySize(m_ord) && err == ""; k++)
         err = VPGValidOrder(m_ord[k]);
     }
   if(e.kind == VPG_EV_PENDING)
     {
      VPGovOrder o;
      o.ticket = e.ticket;
      o.symbol = e.symbol;
      o.type = e.order_type;
      o.volume = e.lots;
      o.price = e.price;
      o.stop_loss = e.stop_loss;
      o.take_profit = e.take_profit;
      o.expiry_ms = e.expiry_ms;
      o.money_per_unit = e.money_per_unit;
      o.signal_id = e.signal_id;
      err = VPGValidOrder(o);
     }
   if(e.kind == VPG_EV_ORDER)
     {
      if(e.symbol == "")
         err = "order.symbol: must not be blank";
      else
         if(!MathIsValidNumber(e.lots) || e.lots <= 0)
            err = "order.lots: must be greater than 0, got " + DoubleToString(e.lots, 4);
         else
            if(!MathIsValidNumber(e.price) || e.price <= 0)
               err = "order.entryPrice: must be greater than 0";
            else
               if(!MathIsValidNumber(e.stop_loss) || e.stop_loss < 0)
                  err = "order.stopLoss: must not be negative";
               else
                  if(!MathIsValidNumber(e.money_per_unit) || e.money_per_unit < 0)
                     err = "order.moneyPerPriceUnit: must not be negative";
                  else
                     if(e.order_type != VPG_OT_MARKET && VPGOrderBuys(e.order_type) != e.buy)
                        err = "order.type: the pending type opens the other side";
                     else
                        if(e.stop_loss > 0 && (e.buy ? e.stop_loss - e.price : e.price - e.stop_loss) >= 0)
                           err = "order.stopLoss: " + DoubleToString(e.stop_loss, 5) + " is not on the losing side of entry " +
                                 DoubleToString(e.price, 5) + " for a " + (e.buy ? "BUY" : "SELL");
     }
   if(e.kind == VPG_EV_FILL)
     {
      if(e.symbol == "")
         err = "fill.symbol: must not be blank";
      else
         if(!MathIsValidNumber(e.lots) || e.lots <= 0)
            err = "fill.volume: must be greater than 0, got " + DoubleToString(e.lots, 4);
         else
            if(!MathIsValidNumber(e.price) || e.price <= 0)
               err = "fill.price: must be greater than 0";
            else
               if(!MathIsValidNumber(e.profit))
                  err = "fill.profit: must be a finite number";
               else
                  if(e.position_open_ms > e.t)
                     err = "fill.positionOpenMs: is after the fill time";
                  else
                     if(m_balance + e.profit < 0)
                        err = "fill.profit: " + DoubleToString(e.profit, 2) + " would make the balance negative (" +
                              DoubleToString(m_balance, 2) + " before)";
     }
   if(e.kind == VPG_EV_NEWS && e.currency == "")
      err = "news.currency: must not be blank";
   if(e.kind == VPG_EV_BALANCE)
     {
      if(e.deal <= 0)
         err = "balance.deal: must be greater than 0, got " + IntegerToString(e.deal);
      else
         if(e.amount_c == 0)
            err = "balance.amount: must not be 0";
         else
            if(e.balance_kind == VPG_BAL_DEPOSIT && e.amount_c < 0)
               err = "balance.amount: a deposit must be positive, got " + IntegerToString(e.amount_c) + " cents";
            else
               if((e.balance_kind == VPG_BAL_WITHDRAWAL || e.balance_kind == VPG_BAL_PAYOUT) && e.amount_c > 0)
                  err = (string)"balance.amount: a " + (e.balance_kind == VPG_BAL_PAYOUT ? "payout" : "withdrawal") +
                        " must be negative, got " + IntegerToString(e.amount_c) + " cents";
               else
                  if(e.balance_kind != VPG_BAL_CREDIT && VPGCents(m_balance) + e.amount_c < 0)
                     err = "balance.amount: " + DoubleToString(VPGFromCents(e.amount_c), 2) +
                           " would make the balance negative (" + DoubleToString(m_balance, 2) + " before)";
     }
   if(e.kind == VPG_EV_ACK && e.signal_id == "")
      err = "ack.signalId: must not be blank";
   if(e.kind == VPG_EV_ACK && e.ticket < 0)
      err = "ack.ticket: must not be negative";
   if(err == "" && m_now != VPG_NONE_MS && e.t < m_now)
      err = "event.timeMs: " + IntegerToString(e.t) + " is before the previous event at " + IntegerToString(m_now);
   return err == "";
  }

bool CVPGovernors::Evaluate(const VPGovEvent &e, VPGovDecision &d, string &err)
  {
   err = "";
   d.action = VPG_ALLOW;
   d.rule = "";
   d.measured = 0;
   d.threshold = 0;
   d.until_ms = 0;
   d.message = "All rules satisfied.";
   d.hits = "|";
   if(!m_loaded)
     {
      err = "profile: no firm profile loaded";
      return false;
     }
   if(!Validate(e, err))
      return false;
   long t = e.t;
   if(m_attach_on && m_attach_hit.until_ms != 0 && t >= m_attach_hit.until_ms)
      m_attach_on = false;
   if(m_attach_on && m_attach_blind)
     {
      // nothing of the firm state is known: no rule runs, every entry is refused with the reason
      m_now = t;
      if(e.kind == VPG_EV_ACCOUNT)
        {
         m_balance = e.balance;
         m_equity = e.equity;
        }
      if(e.kind == VPG_EV_FILL)
         m_balance += e.profit;
      // the latches the EA restored stay in force: a halt before the re-attach still wins
      ArrayResize(m_hits, 0);
      AddHitStruct(m_attach_hit);
      if(m_halted)
         AddHitStruct(m_halt_hit);
      else
         if(Paused())
            AddHitStruct(m_pause_hit);
      d.action = m_hits[0].action;
      d.rule = m_hits[0].rule;
      d.measured = m_hits[0].measured;
      d.threshold = m_hits[0].threshold;
      d.until_ms = m_hits[0].until_ms;
      d.message = m_hits[0].message;
      for(int i = 0; i < ArraySize(m_hits); i++)
         d.hits += m_hits[i].rule + "|";
      return true;
     }
   m_now = t;
   // roll the firm's trading day
   if(m_day_start == VPG_NONE_MS)
      StartDay(DayStart(t), NextReset(t));
   else
      while(t >= m_next_reset)
        {
         EndDay();
         long start = m_next_reset;
         StartDay(start, NextReset(start));
        }
   IfExpire(t);
   DropExpiredOrders(t);
   ArrayResize(m_cancel, 0);
   // apply the event to the ledger
   if(e.kind == VPG_EV_ACCOUNT)
     {
      m_balance = e.balance;
      m_equity = e.equity;
      m_last_snapshot = e.t;
      m_pending = MathMax(e.pending_orders, ArraySize(m_ord));
      IfSnapshot();
     }
   if(e.kind == VPG_EV_ACK)
      IfAck(e);
   if(e.kind == VPG_EV_BALANCE)
      ApplyBalance(e);
   if(e.kind == VPG_EV_PENDING)
      ApplyPending(e);
   if(e.kind == VPG_EV_FILL)
     {
      if(e.entry)
        {
         // a resting order filled: its worst case stays counted until a snapshot shows the position
         int k = FindOrder(e.ticket, e.signal_id);
         if(k >= 0)
           {
            VPGovOrder filled = m_ord[k];
            HoldFilled(filled);
           }
        }
      IfFill(e);
      if(e.entry)
        {
         m_positions_today++;
         m_traded_today = true;
        }
      else
        {
         m_trades_today++;
         m_closed_trades++;
         if(e.t - e.position_open_ms >= (long)m_p.min_hold_s * 1000)
            m_held_trades++;
         if(e.profit < 0)
           {
            m_consec_losses++;
            if(m_p.cooldown_losses > 0 && m_consec_losses >= m_p.cooldown_losses)
              {
               m_cooldown_until = e.t + (long)m_p.cooldown_min * 60000;
               m_consec_losses = 0;
              }
           }
         else
            m_consec_losses = 0;
        }
      // a deal older than the last snapshot is already in its balance (MT5 books it before the EA hears of it)
      if(!(m_last_snapshot != VPG_NONE_MS && e.deal_ms < m_last_snapshot))
         m_balance += e.profit;
      m_day_profit += e.profit;
     }
   ArrayResize(m_hits, 0);
   RuleDaily();
   RuleMax(e);
   RulePreTrade(e);
   RuleNews(e);
   RuleNewsPending(e);
   RuleForcedFlat();
   RuleActivity(e);
   RuleSize(e);
   RuleSchedule(e);
   RuleTarget();
   if(m_halted)
      AddHitStruct(m_halt_hit);
   else
      if(Paused())
         AddHitStruct(m_pause_hit);
   if(m_locked)
      AddHitStruct(m_lock_hit);
   if(m_attach_on)
      AddHitStruct(m_attach_hit);
   if(ArraySize(m_hits) == 0)
     {
      if(e.kind == VPG_EV_ORDER)
        {
         m_requests_today++;
         RecordOrder(t);
         IfReserve(e); // per signal: the next one of the same timer batch is judged with this one in flight
        }
      return true;
     }
   d.action = m_hits[0].action;
   d.rule = m_hits[0].rule;
   d.measured = m_hits[0].measured;
   d.threshold = m_hits[0].threshold;
   d.until_ms = m_hits[0].until_ms;
   d.message = m_hits[0].message;
   for(int i = 0; i < ArraySize(m_hits); i++)
      d.hits += m_hits[i].rule + "|";
   return true;
  }

void CVPGovernors::SetPositions(const VPGovPosition &positions[])
  {
   ArrayResize(m_pos, ArraySize(positions));
   for(int i = 0; i < ArraySize(positions); i++)
      m_pos[i] = positions[i];
  }

// The EA's wrappers: an invalid input blocks entries and names the field (never silently used).
void VPGovBlockOn(const string &err, VPGovDecision &d)
  {
   d.action = VPG_BLOCK_NEW_ENTRIES;
   d.rule = "invalid-input";
   d.message = err;
   d.hits = "|invalid-input|";
  }

void CVPGovernors::Account(long t, double balance, double equity, const VPGovPosition &positions[], int pending, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_ACCOUNT;
   e.t = MathMax(t, m_now);
   e.balance = balance;
   e.equity = equity;
   e.pending_orders = pending;
   string err;
   VPGovPosition keep[];
   ArrayResize(keep, ArraySize(m_pos));
   for(int i = 0; i < ArraySize(m_pos); i++)
      keep[i] = m_pos[i];
   SetPositions(positions);
   if(!Evaluate(e, d, err))
     {
      SetPositions(keep);
      VPGovBlockOn(err, d);
     }
  }

void CVPGovernors::Order(long t, const string &symbol, bool buy, double lots, double entry, double sl, double risk_at_stop,
                         double money_per_unit, const string &signal_id, long expiry_ms, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_ORDER;
   e.order_type = VPG_OT_MARKET;
   e.take_profit = 0;
   e.signal_id = signal_id;
   e.ticket = 0;
   e.expiry_ms = expiry_ms;
   e.ack_status = VP_ACK_ACCEPTED;
   e.t = MathMax(t, m_now);
   e.symbol = symbol;
   e.buy = buy;
   e.lots = lots;
   e.price = entry;
   e.stop_loss = sl;
   e.risk_at_stop = risk_at_stop;
   e.money_per_unit = money_per_unit;
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

void CVPGovernors::Fill(long t, const string &symbol, bool buy, double volume, double price, bool entry, double profit,
                        long open_ms, const string &signal_id, long position, long deal_ms, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_FILL;
   e.signal_id = signal_id;
   e.ticket = position;
   e.expiry_ms = 0;
   e.ack_status = VP_ACK_ACCEPTED;
   e.t = MathMax(t, m_now);
   e.symbol = symbol;
   e.buy = buy;
   e.lots = volume;
   e.price = price;
   e.entry = entry;
   e.profit = profit;
   e.position_open_ms = MathMin(open_ms, e.t);
   e.deal_ms = deal_ms;
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

void CVPGovernors::Ack(long t, const string &signal_id, ENUM_VP_ACK_STATUS status, long ticket, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_ACK;
   e.t = MathMax(t, m_now);
   e.signal_id = signal_id;
   e.ack_status = status;
   e.ticket = ticket;
   e.expiry_ms = 0;
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

void CVPGovernors::News(long t, long release_ms, const string &currency, ENUM_VP_IMPACT impact, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_NEWS;
   e.t = MathMax(t, m_now);
   e.release_ms = release_ms;
   e.currency = currency;
   StringToUpper(e.currency);
   e.impact = impact;
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

bool CVPGovernors::Balance(long t, ENUM_VPG_BALANCE_KIND kind, long amount_c, long deal, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_BALANCE;
   e.t = MathMax(t, m_now);
   e.balance_kind = kind;
   e.amount_c = amount_c;
   e.deal = deal;
   string err;
   if(!Evaluate(e, d, err))
     {
      VPGovBlockOn(err, d);
      return false;
     }
   return m_bal_applied;
  }

void CVPGovernors::Clock(long t, VPGovDecision &d)
  {
   VPGovEvent e;
   e.kind = VPG_EV_CLOCK;
   e.t = MathMax(t, m_now);
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

void CVPGovernors::SetOrders(const VPGovOrder &orders[])
  {
   ArrayResize(m_ord, ArraySize(orders));
   for(int i = 0; i < ArraySize(orders); i++)
      m_ord[i] = orders[i];
  }

// A snapshot with the resting pending orders described (their worst case counts); the count is theirs.
void CVPGovernors::Account(long t, double balance, double equity, const VPGovPosition &positions[], const VPGovOrder &orders[],
                           VPGovDecision &d)
  {
   VPGovOrder keep[];
   ArrayResize(keep, ArraySize(m_ord));
   for(int i = 0; i < ArraySize(m_ord); i++)
      keep[i] = m_ord[i];
   SetOrders(orders);
   Account(t, balance, equity, positions, ArraySize(orders), d);
   if(d.rule == "invalid-input")
      SetOrders(keep);
  }

// The event of a pending order: its fields in the event's order fields (lots = volume, price = trigger).
void VPGovPendingEvent(VPGovEvent &e, const VPGovOrder &o)
  {
   e.ticket = o.ticket;
   e.symbol = o.symbol;
   e.order_type = o.type;
   e.buy = VPGOrderBuys(o.type);
   e.lots = o.volume;
   e.price = o.price;
   e.stop_loss = o.stop_loss;
   e.take_profit = o.take_profit;
   e.expiry_ms = o.expiry_ms;
   e.money_per_unit = o.money_per_unit;
   e.risk_at_stop = -1;
   e.signal_id = o.signal_id;
   e.ack_status = VP_ACK_ACCEPTED;
   e.pending_state = VPG_PS_PLACED;
  }

void CVPGovernors::PendingCheck(long t, const VPGovOrder &o, const string &signal_id, VPGovDecision &d)
  {
   VPGovEvent e;
   VPGovPendingEvent(e, o);
   e.kind = VPG_EV_ORDER;
   e.ticket = 0;
   e.signal_id = signal_id;
   e.t = MathMax(t, m_now);
   string err;
   if(o.type == VPG_OT_MARKET)
      err = "order.type: a pending check needs a pending type";
   if(err != "" || !Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

void CVPGovernors::Pending(long t, ENUM_VPG_PENDING_STATE state, const VPGovOrder &o, VPGovDecision &d)
  {
   VPGovEvent e;
   VPGovPendingEvent(e, o);
   e.kind = VPG_EV_PENDING;
   e.pending_state = state;
   e.t = MathMax(t, m_now);
   string err;
   if(!Evaluate(e, d, err))
      VPGovBlockOn(err, d);
  }

//+------------------------------------------------------------------+
//| State: snapshot values, panel, governor_state, persistence        |
//+------------------------------------------------------------------+
double CVPGovernors::Number(const string &key, bool &known)
  {
   known = true;
   double daily = m_p.has_daily ? VPGFromCents(VPGCents(m_equity) - m_daily_floor_c) : m_equity - m_daily_floor;
   double overall = VPGFromCents(VPGCents(m_equity) - m_overall_floor_c);
   double counted = VPGFromCents(CountedProfitCents());
   double target = m_p.has_target ? VPGFromCents(VPGPctOf(m_initial_c, m_p.target_pct, true)) : 0;
   double best = MathMax(m_best_day, m_day_profit);
   if(key == "balance") return m_balance;
   if(key == "equity") return m_equity;
   if(key == "dayAnchor") return m_day_anchor;
   if(key == "dailyFloor") return m_daily_floor;
   if(key == "dailyHeadroom") return daily;
   if(key == "highWaterMark") return m_hwm;
   if(key == "overallFloor") return m_overall_floor;
   if(key == "overallHeadroom") return overall;
   if(key == "openRisk") return OpenRisk();
   if(key == "sizingHeadroom") return Headroom() - OpenRisk();
   if(key == "countedProfit") return counted;
   if(key == "profitTarget") return target;
   if(key == "targetProgressPct") return target == 0 ? 0 : counted / target * 100;
   if(key == "tradingDays") return m_trading_days + (m_traded_today ? 1 : 0);
   if(key == "profitableDays")
     {
      return m_p.has_days ? m_profitable_days + (ProfitableDay() ? 1 : 0) : 0;
     }
   if(key == "bestDayProfit") return best;
   if(key == "profitStillNeeded")
     {
      if(!m_p.has_consistency || best <= 0)
         return 0;
      return MathMax(0, best / (m_p.best_day_max_pct / 100.0) - counted);
     }
   if(key == "heldSharePct") return m_closed_trades == 0 ? 100 : 100.0 * m_held_trades / m_closed_trades;
   if(key == "newsViolations") return m_news_violations;
   known = false;
   return 0;
  }

void VPGovAddRule(VPRuleState &out[], const string &id, double value, double limit, double distance, ENUM_VP_RULE_STATUS status)
  {
   if(!MathIsValidNumber(value) || !MathIsValidNumber(limit) || !MathIsValidNumber(distance))
      return; // governor_state carries finite numbers only
   int n = ArraySize(out);
   ArrayResize(out, n + 1);
   out[n].id = id;
   out[n].value = value;
   out[n].limit = limit;
   out[n].distance = distance;
   out[n].status = status;
  }

void CVPGovernors::RuleStates(VPRuleState &out[])
  {
   ArrayResize(out, 0);
   if(!m_loaded)
      return;
   if(m_attach_on && m_attach_blind)
     {
      VPGovAddRule(out, m_attach_hit.rule, 0, 0, 0, VP_RULE_BREACH);
      return;
     }
   if(m_p.has_daily)
     {
      long eq_c = VPGCents(m_equity);
      double dist = VPGFromCents(eq_c - m_daily_floor_c);
      ENUM_VP_RULE_STATUS s = eq_c < m_daily_floor_c ? VP_RULE_BREACH :
                              (m_p.block_at_pct < 100 && m_day_anchor_c - eq_c >= VPGPctOf(m_daily_limit_c, m_p.block_at_pct, false) ?
                               VP_RULE_WARNING : VP_RULE_OK);
      VPGovAddRule(out, "daily-loss", m_equity, m_daily_floor, dist, s);
     }
   long oeq_c = VPGCents(m_equity);
   long oused = m_overall_floor_c + m_max_limit_c - oeq_c;
   VPGovAddRule(out, "max-loss", m_equity, m_overall_floor, VPGFromCents(oeq_c - m_overall_floor_c), oeq_c < m_overall_floor_c ? VP_RULE_BREACH :
                (m_p.block_at_pct < 100 && oused >= VPGPctOf(m_max_limit_c, m_p.block_at_pct, false) ? VP_RULE_WARNING : VP_RULE_OK));
   if(m_p.has_pretrade)
     {
      double open = OpenRisk();
      double head = Headroom();
      VPGovAddRule(out, "pre-trade-risk", open, head, head - open, head - open <= 0 ? VP_RULE_WARNING : VP_RULE_OK);
     }
   if(m_p.has_target)
     {
      long target_c = VPGPctOf(m_initial_c, m_p.target_pct, true);
      long profit_c = CountedProfitCents();
      VPGovAddRule(out, "profit-target", VPGFromCents(profit_c), VPGFromCents(target_c), VPGFromCents(target_c - profit_c), VP_RULE_OK);
     }
   if(m_p.has_days)
     {
      int days = m_trading_days + (m_traded_today ? 1 : 0);
      VPGovAddRule(out, "trading-days", days, m_p.min_trading_days, MathMax(0, m_p.min_trading_days - days),
                   days >= m_p.min_trading_days ? VP_RULE_OK : VP_RULE_WARNING);
     }
   if(m_p.has_news)
      VPGovAddRule(out, "news-embargo", m_news_violations, 0, 0, m_news_violations > 0 ? VP_RULE_BREACH : VP_RULE_OK);
  }

string CVPGovernors::Summary(void)
  {
   if(!m_loaded)
      return "governors: no profile";
   if(m_attach_on && m_attach_blind)
      return "BLOCKED: " + m_attach_hit.message;
   return "daily floor " + VPGMoney(m_daily_floor) + "   max-loss floor " + VPGMoney(m_overall_floor) +
          "\nequity " + VPGMoney(m_equity) + "   day P/L " + VPGMoney(m_day_profit) +
          (m_halted ? "\nHALTED: " + m_halt_hit.message : "") +
          (Paused() ? "\nPAUSED until " + VPGTime(m_paused_until) : "") +
          (m_locked ? "\nTARGET LOCKED" : "");
  }

// The latches and anchors that must survive a terminal restart (a halt never lifts by restarting).
bool CVPGovernors::SaveFile(const string &file)
  {
   string l[];
   ArrayResize(l, 18);
   l[0] = (string)"halted=" + (m_halted ? "1" : "0");
   l[1] = "halt_rule=" + m_halt_hit.rule;
   l[2] = "halt_message=" + m_halt_hit.message;
   l[3] = "paused_until=" + IntegerToString(m_paused_until);
   l[4] = "pause_rule=" + m_pause_hit.rule;
   l[5] = (string)"locked=" + (m_locked ? "1" : "0");
   l[6] = "hwm=" + DoubleToString(m_hwm, 2);
   l[7] = "overall_floor=" + DoubleToString(m_overall_floor, 2);
   l[8] = "trading_days=" + IntegerToString(m_trading_days);
   l[9] = "best_day=" + DoubleToString(m_best_day, 2);
   l[10] = "day_start=" + IntegerToString(m_day_start);
   l[11] = "day_start_balance=" + DoubleToString(m_day_start_balance, 2);
   l[12] = "day_start_equity=" + DoubleToString(m_day_start_equity, 2);
   l[13] = "news_violations=" + IntegerToString(m_news_violations);
   l[14] = "capital_c=" + IntegerToString(m_capital_c);
   l[15] = "credit_c=" + IntegerToString(m_credit_c);
   l[16] = "floor_shift_c=" + IntegerToString(m_floor_shift_c);
   string deals = "";
   for(int i = 0; i < MathMin(m_bal_deal_count, VPG_BALANCE_DEALS); i++)
      deals += (i > 0 ? "," : "") + IntegerToString(m_bal_deals[(m_bal_deal_count - MathMin(m_bal_deal_count, VPG_BALANCE_DEALS) + i) % VPG_BALANCE_DEALS]);
   l[17] = "balance_deals=" + deals;
   return VPWriteLines(file, l);
  }

bool CVPGovernors::RestoreFile(const string &file)
  {
   string lines[];
   if(!VPReadLines(file, lines))
      return false;
   long day_start = VPG_NONE_MS;
   long saved_floor = LONG_MIN;
   for(int i = 0; i < ArraySize(lines); i++)
     {
      int eq = StringFind(lines[i], "=");
      if(eq <= 0)
         continue;
      string k = StringSubstr(lines[i], 0, eq);
      string v = StringSubstr(lines[i], eq + 1);
      if(k == "halted") m_halted = v == "1";
      if(k == "halt_rule") m_halt_hit.rule = v;
      if(k == "halt_message") m_halt_hit.message = v;
      if(k == "paused_until") m_paused_until = StringToInteger(v);
      if(k == "pause_rule") m_pause_hit.rule = v;
      if(k == "locked") m_locked = v == "1";
      if(k == "hwm") SetHighWater(MathMax(m_hwm_c, VPGCents(StringToDouble(v))));
      if(k == "overall_floor") saved_floor = VPGCents(StringToDouble(v));
      if(k == "capital_c") m_capital_c = StringToInteger(v);
      if(k == "credit_c") m_credit_c = StringToInteger(v);
      if(k == "floor_shift_c") m_floor_shift_c = StringToInteger(v);
      if(k == "balance_deals")
        {
         string parts[];
         int n = StringSplit(v, ',', parts);
         for(int j = 0; j < n; j++)
            if(parts[j] != "")
              {
               m_bal_deals[m_bal_deal_count % VPG_BALANCE_DEALS] = StringToInteger(parts[j]);
               m_bal_deal_count++;
              }
        }
      if(k == "trading_days") m_trading_days = (int)StringToInteger(v);
      if(k == "best_day") m_best_day = StringToDouble(v);
      if(k == "day_start") day_start = StringToInteger(v);
      if(k == "day_start_balance") m_day_start_balance = StringToDouble(v);
      if(k == "day_start_equity") m_day_start_equity = StringToDouble(v);
      if(k == "news_violations") m_news_violations = (int)StringToInteger(v);
     }
   // the floor never falls below the profile's own, moved by the balance operations that move it (a payout at a firm
   // that moves the floor lowers it: the saved floor may be below the profile's)
   SetOverallFloor(m_initial_c - m_max_limit_c + m_floor_shift_c);
   if(saved_floor != LONG_MIN)
      SetOverallFloor(MathMax(m_overall_floor_c, saved_floor));
   m_halt_hit.action = VPG_FLATTEN_AND_HALT;
   m_halt_hit.measured = 0;
   m_halt_hit.threshold = 0;
   m_halt_hit.until_ms = 0;
   m_pause_hit.action = VPG_PAUSE_UNTIL_RESET;
   m_pause_hit.measured = 0;
   m_pause_hit.threshold = 0;
   m_pause_hit.until_ms = m_paused_until;
   m_pause_hit.message = "paused until " + VPGTime(m_paused_until) + " (restored)";
   m_lock_hit.action = VPG_BLOCK_NEW_ENTRIES;
   m_lock_hit.rule = "profit-target";
   m_lock_hit.message = "Profit target reached: locked (restored).";
   m_lock_hit.measured = 0;
   m_lock_hit.threshold = 0;
   m_lock_hit.until_ms = 0;
   if(day_start != VPG_NONE_MS)
     {
      // same trading day as before the restart: keep its anchor (the floor does not move by restarting)
      m_day_start = day_start;
      m_next_reset = NextReset(day_start);
      FixDailyFloor();
     }
   return true;
  }

//+------------------------------------------------------------------+
//| State on attach (Java: attach.HistoryReplay, GovernorEngine.attach) |
//+------------------------------------------------------------------+
#define VPG_ATTACH_HIGH_WATER "The profile's maximum loss trails the intraday equity peak, which is not in the deal history of a challenge that has traded: VProp cannot place the floor. Attach VProp before the first trade, or use a profile whose maximum loss the firm computes from balances."
#define VPG_ATTACH_CONFIGURE "Set the EA inputs ChallengeStart (the challenge's first day, YYYY.MM.DD) and InitialBalance (its starting balance), or load the whole account history in the terminal (History tab, right-click, All history), then re-attach."

// Exact cents as the engine's sentences write money ("95,000.76").
string VPGCentsText(long c) { return VPGMoney(VPGFromCents(c)); }

void CVPGovernors::AttachBlocked(VPGovAttach &out, const string &rule, const string &reason, long now, double balance,
                                 double equity, long start, double initial, int read)
  {
   out.ok = false;
   out.rule = rule;
   out.reason = reason;
   out.blocked_until = 0;
   out.start = start;
   out.initial = initial > 0 ? initial : 0;
   out.now = now;
   out.balance = balance;
   out.equity = equity;
   out.day_start = 0;
   out.next_reset = 0;
   out.day_start_balance = 0;
   out.day_start_equity = 0;
   out.high_water = 0;
   out.trading_days = 0;
   out.traded_today = false;
   out.profitable_days = 0;
   out.day_profit = 0;
   out.best_day = 0;
   out.deals_read = read;
  }

void CVPGovernors::Rebuild(long now, double balance, double equity, long start, double initial, const VPGovDeal &deals[],
                           VPGovAttach &out)
  {
   // the deals in time order, the terminal's order among equal times (a stable insertion sort of their indexes)
   int n = ArraySize(deals);
   int idx[];
   ArrayResize(idx, n);
   for(int i = 0; i < n; i++)
     {
      int k = i;
      while(k > 0 && deals[idx[k - 1]].t > deals[i].t)
        {
         idx[k] = idx[k - 1];
         k--;
        }
      idx[k] = i;
     }
   if(start <= 0)
     {
      if(n == 0)
        {
         AttachBlocked(out, "attach.history", (string)"Unknown challenge start: the terminal's deal history is empty. " + VPG_ATTACH_CONFIGURE,
                       now, balance, equity, 0, initial, 0);
         return;
        }
      if(deals[idx[0]].kind != VPG_DEAL_BALANCE || deals[idx[0]].amount <= 0)
        {
         AttachBlocked(out, "attach.history", "Unknown challenge start: the first deal in the terminal's history (" + VPGTime(deals[idx[0]].t) +
                       ") is not the account's initial deposit, so the history does not reach back to the start. " + VPG_ATTACH_CONFIGURE,
                       now, balance, equity, 0, initial, 0);
         return;
        }
      start = deals[idx[0]].t;
     }
   int from = 0;
   while(from < n && deals[idx[from]].t < start)
      from++;
   long initial_c;
   if(from < n && deals[idx[from]].kind == VPG_DEAL_BALANCE && deals[idx[from]].amount > 0 &&
      (!(initial > 0) || VPGCents(initial) == VPGCents(deals[idx[from]].amount)))
     {
      initial_c = VPGCents(deals[idx[from]].amount);
      from++;
     }
   else
      if(initial > 0)
         initial_c = VPGCents(initial);
      else
        {
         AttachBlocked(out, "attach.history", "Unknown initial balance: no deposit at the challenge start " + VPGTime(start) +
                       " in the terminal's history. " + VPG_ATTACH_CONFIGURE, now, balance, equity, start, 0, 0);
         return;
        }
   int read = n - from;
   long sum = initial_c;
   bool traded = false;
   for(int i = from; i < n; i++)
     {
      sum += VPGCents(deals[idx[i]].amount);
      if(deals[idx[i]].kind == VPG_DEAL_IN)
         traded = true;
     }
   long balance_c = VPGCents(balance);
   if(sum != balance_c)
     {
      AttachBlocked(out, "attach.history", "History too short: the initial balance " + VPGCentsText(initial_c) + " and the " +
                    IntegerToString(read) + " deals since the challenge start " + VPGTime(start) + " add up to " + VPGCentsText(sum) +
                    ", the account's balance is " + VPGCentsText(balance_c) + " (" + VPGCentsText(balance_c - sum) +
                    " unaccounted for). " + VPG_ATTACH_CONFIGURE, now, balance, equity, start, VPGFromCents(initial_c), read);
      return;
     }
   if(m_p.max_mode == VPG_MAX_TRAILING_INTRADAY_EQUITY && traded)
     {
      AttachBlocked(out, "attach.high-water", VPG_ATTACH_HIGH_WATER, now, balance, equity, start,
                    VPGFromCents(initial_c), read);
      return;
     }
   // the walk, in cents, day by day on the firm's clock (the engine's day roll: a deal at the reset is the new day's)
   long profitable_c = m_p.profitable_day_pct > 0 ? VPGPctOf(initial_c, m_p.profitable_day_pct, true) : LONG_MAX;
   long day_start = DayStart(start);
   long next = NextReset(start);
   long last = start;
   long bal = initial_c, dsb = initial_c, hwm = initial_c, day_profit = 0, best = 0;
   int days = 0, profitable = 0;
   bool today = false, open_at_start = false;
   long open_id[];
   long open_lots[];   // 1e-6 lots
   for(int i = from; i <= n; i++)
     {
      long t = i < n ? deals[idx[i]].t : MathMax(now, last);
      while(t >= next)
        {
         if(today)
            days++;
         if(day_profit >= profitable_c)
            profitable++;
         best = MathMax(best, day_profit);
         if(m_p.max_mode == VPG_MAX_TRAILING_EOD_BALANCE)
            hwm = MathMax(hwm, bal);
         day_start = next;
         next = NextReset(day_start);
         dsb = bal;
         open_at_start = ArraySize(open_id) > 0;
         today = false;
         day_profit = 0;
        }
      if(i == n)
         break;
      last = MathMax(last, t);
      long c = VPGCents(deals[idx[i]].amount);
      bal += c;
      long lots = (long)MathRound(deals[idx[i]].volume * 1000000.0);
      long pos = deals[idx[i]].position;
      int at = -1;
      for(int k = 0; k < ArraySize(open_id); k++)
         if(open_id[k] == pos)
            at = k;
      if(deals[idx[i]].kind == VPG_DEAL_IN)
        {
         today = true;
         day_profit += c;
         if(at < 0)
           {
            at = ArraySize(open_id);
            ArrayResize(open_id, at + 1);
            ArrayResize(open_lots, at + 1);
            open_id[at] = pos;
            open_lots[at] = 0;
           }
         open_lots[at] += lots;
        }
      if(deals[idx[i]].kind == VPG_DEAL_OUT)
        {
         day_profit += c;
         if(at >= 0)
           {
            open_lots[at] -= lots;
            if(open_lots[at] <= 0)
              {
               int last_k = ArraySize(open_id) - 1;
               open_id[at] = open_id[last_k];
               open_lots[at] = open_lots[last_k];
               ArrayResize(open_id, last_k);
               ArrayResize(open_lots, last_k);
              }
           }
        }
      if(m_p.max_mode == VPG_MAX_TRAILING_CLOSED_BALANCE)
         hwm = MathMax(hwm, bal);
     }
   out.ok = true;
   out.rule = "";
   out.reason = "";
   out.blocked_until = 0;
   if(open_at_start && m_p.has_daily && m_p.daily_anchor != VPG_ANCHOR_BALANCE)
     {
      out.rule = "attach.day-start-equity";
      out.blocked_until = next;
      out.reason = "A position was open across today's reset at " + VPGTime(day_start) +
                   ": the day-start equity the daily loss is anchored on is not in the deal history. New entries are blocked until the next reset at " +
                   VPGTime(next) +
                   "; today's floor is computed from the day-start balance " + VPGCentsText(dsb) + ".";
     }
   out.start = start;
   out.initial = VPGFromCents(initial_c);
   out.now = now;
   out.balance = balance;
   out.equity = equity;
   out.day_start = day_start;
   out.next_reset = next;
   out.day_start_balance = VPGFromCents(dsb);
   out.day_start_equity = VPGFromCents(dsb);
   out.high_water = VPGFromCents(hwm);
   out.trading_days = days;
   out.traded_today = today;
   out.profitable_days = profitable;
   out.day_profit = VPGFromCents(day_profit);
   out.best_day = VPGFromCents(best);
   out.deals_read = read;
  }

void CVPGovernors::Attach(const VPGovAttach &s)
  {
   // the latches survive (a halt never lifts by re-attaching)
   bool halted = m_halted, locked = m_locked;
   VPGovHit halt_hit = m_halt_hit, pause_hit = m_pause_hit, lock_hit = m_lock_hit;
   long paused_until = m_paused_until;
   int news_violations = m_news_violations;
   // blocked: a placeholder the rules never read (the ledger needs a positive initial balance)
   ResetLedger(s.ok ? s.initial : (s.initial > 0 ? s.initial : MathMax(s.balance, 0.01)));
   m_halted = halted;
   m_halt_hit = halt_hit;
   m_locked = locked;
   m_lock_hit = lock_hit;
   m_paused_until = paused_until;
   m_pause_hit = pause_hit;
   m_news_violations = news_violations;
   m_now = s.now;
   m_balance = s.balance;
   m_equity = s.equity;
   m_attach_blind = !s.ok;
   m_attach_on = s.rule != "";
   m_attach_hit.action = VPG_BLOCK_NEW_ENTRIES;
   m_attach_hit.rule = s.rule;
   m_attach_hit.measured = 0;
   m_attach_hit.threshold = 0;
   m_attach_hit.until_ms = s.blocked_until;
   m_attach_hit.message = s.reason;
   if(!s.ok)
      return;
   m_day_start = s.day_start;
   m_next_reset = s.next_reset;
   m_day_start_balance = s.day_start_balance;
   m_day_start_equity = s.day_start_equity;
   FixDailyFloor();
   if(m_p.max_mode != VPG_MAX_STATIC)
      RaiseHighWater(VPGCents(s.high_water)); // a static floor hangs from the initial balance
   m_trading_days = s.trading_days;
   m_traded_today = s.traded_today;
   m_profitable_days = s.profitable_days;
   m_day_profit = s.day_profit;
   m_best_day = s.best_day;
  }

#endif
