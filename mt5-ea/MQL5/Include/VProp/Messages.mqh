//+------------------------------------------------------------------+
//| Messages.mqh - protocol v1 (docs/protocol.md) as MQL5 types: the  |
//| enums of every closed word set, their wire words, the envelope    |
//| (the header every message carries) and one struct per message    |
//| type. Protocol.mqh decodes and encodes them; nothing else in the  |
//| EA sees a wire word.                                              |
//+------------------------------------------------------------------+
#ifndef VPROP_MESSAGES_MQH
#define VPROP_MESSAGES_MQH

#define VP_VERSION   1
#define VP_MAX_BYTES 65536

//+------------------------------------------------------------------+
//| Wire words. Each enum below has explicit values 0, 1, 2 ... and   |
//| a table of its words between bars in the same order: value i is   |
//| the i-th word. The harness round-trips every value of every enum. |
//+------------------------------------------------------------------+

// The index-th word of `words` ("|buy|sell|", 1 -> "sell"); "" when there is no such word.
string VPWordAt(const string &words, int index)
  {
   if(index < 0)
      return "";
   int from = 1;
   for(int i = 0; i < index; i++)
     {
      from = StringFind(words, "|", from) + 1;
      if(from <= 0 || from >= StringLen(words))
         return "";
     }
   int to = StringFind(words, "|", from);
   return to < 0 ? "" : StringSubstr(words, from, to - from);
  }

// The index of `word` in `words` ("|buy|sell|", "sell" -> 1); -1 when it is not one of them.
int VPWordIndex(const string &words, const string &word)
  {
   if(StringFind(word, "|") >= 0)
      return -1;
   int at = StringFind(words, "|" + word + "|");
   if(at < 0)
      return -1;
   int index = 0;
   for(int i = StringFind(words, "|", 1); i >= 0 && i <= at; i = StringFind(words, "|", i + 1))
      index++;
   return index;
  }

// Message types (section 3). The wire name is the `type` field.
enum ENUM_VP_MSG_TYPE
  {
   VP_MSG_HELLO          = 0,
   VP_MSG_WELCOME        = 1,
   VP_MSG_TICK           = 2,
   VP_MSG_BAR            = 3,
   VP_MSG_BOOK           = 4,
   VP_MSG_ACCOUNT        = 5,
   VP_MSG_SIGNAL         = 6,
   VP_MSG_SIGNAL_ACK     = 7,
   VP_MSG_FILL           = 8,
   VP_MSG_GOVERNOR_STATE = 9,
   VP_MSG_NEWS           = 10,
   VP_MSG_HEARTBEAT      = 11,
   VP_MSG_ACK            = 12,
   VP_MSG_ERROR          = 13,
   VP_MSG_CONTROL        = 14,
   VP_MSG_CONTROL_ACK    = 15,
   VP_MSG_BALANCE        = 16,
   VP_MSG_FIRM_STATE     = 17,
   VP_MSG_ORDER          = 18,    // a step in a pending order's life (EA -> sidecar)
   VP_MSG_SYMBOL_UPDATE  = 19     // a symbol's tick value now (EA -> sidecar, not reliable)
  };
const string VP_WORDS_MSG_TYPE = "|hello|welcome|tick|bar|book|account|signal|signal_ack|fill|governor_state|news|heartbeat|ack|error|control|control_ack|balance|firm_state|order|symbol_update|";
string VPMsgTypeWire(ENUM_VP_MSG_TYPE v) { return VPWordAt(VP_WORDS_MSG_TYPE, (int)v); }
bool   VPMsgTypeParse(const string &wire, ENUM_VP_MSG_TYPE &v)
  {
   int i = VPWordIndex(VP_WORDS_MSG_TYPE, wire);
   if(i >= 0)
      v = (ENUM_VP_MSG_TYPE)i;
   return i >= 0;
  }

// Reliable types are journaled, acked, resent and chained by prev.
bool VPIsReliable(ENUM_VP_MSG_TYPE type)
  {
   return type == VP_MSG_ACCOUNT || type == VP_MSG_SIGNAL || type == VP_MSG_SIGNAL_ACK || type == VP_MSG_FILL ||
          type == VP_MSG_CONTROL || type == VP_MSG_CONTROL_ACK || type == VP_MSG_BALANCE || type == VP_MSG_FIRM_STATE ||
          type == VP_MSG_ORDER;
  }

// side of a signal, a fill, a position
enum ENUM_VP_SIDE
  {
   VP_SIDE_BUY  = 0,
   VP_SIDE_SELL = 1
  };
const string VP_WORDS_SIDE = "|buy|sell|";
string VPSideWire(ENUM_VP_SIDE v) { return VPWordAt(VP_WORDS_SIDE, (int)v); }
bool   VPSideParse(const string &wire, ENUM_VP_SIDE &v)
  {
   int i = VPWordIndex(VP_WORDS_SIDE, wire);
   if(i >= 0)
      v = (ENUM_VP_SIDE)i;
   return i >= 0;
  }

// kind of a signal: open a position, or close one (by ticket) or every VProp position of the symbol
enum ENUM_VP_SIGNAL_KIND
  {
   VP_SIGNAL_OPEN  = 0,
   VP_SIGNAL_CLOSE = 1
  };
const string VP_WORDS_SIGNAL_KIND = "|open|close|";
string VPSignalKindWire(ENUM_VP_SIGNAL_KIND v) { return VPWordAt(VP_WORDS_SIGNAL_KIND, (int)v); }
bool   VPSignalKindParse(const string &wire, ENUM_VP_SIGNAL_KIND &v)
  {
   int i = VPWordIndex(VP_WORDS_SIGNAL_KIND, wire);
   if(i >= 0)
      v = (ENUM_VP_SIGNAL_KIND)i;
   return i >= 0;
  }

// how an open signal enters (order_type): at market, or as a pending order resting at its price (the trigger)
enum ENUM_VP_ORDER_TYPE
  {
   VP_ORDER_MARKET     = 0,
   VP_ORDER_BUY_LIMIT  = 1,
   VP_ORDER_SELL_LIMIT = 2,
   VP_ORDER_BUY_STOP   = 3,
   VP_ORDER_SELL_STOP  = 4
  };
const string VP_WORDS_ORDER_TYPE = "|market|buy_limit|sell_limit|buy_stop|sell_stop|";
// the pending types alone (account.orders, order): the same words without market, so value = index + 1
const string VP_WORDS_PENDING_TYPE = "|buy_limit|sell_limit|buy_stop|sell_stop|";
string VPOrderTypeWire(ENUM_VP_ORDER_TYPE v) { return VPWordAt(VP_WORDS_ORDER_TYPE, (int)v); }
bool   VPOrderTypeParse(const string &wire, ENUM_VP_ORDER_TYPE &v)
  {
   int i = VPWordIndex(VP_WORDS_ORDER_TYPE, wire);
   if(i >= 0)
      v = (ENUM_VP_ORDER_TYPE)i;
   return i >= 0;
  }
// the side a pending type opens
ENUM_VP_SIDE VPOrderTypeSide(ENUM_VP_ORDER_TYPE v) { return v == VP_ORDER_SELL_LIMIT || v == VP_ORDER_SELL_STOP ? VP_SIDE_SELL : VP_SIDE_BUY; }

// a step in a pending order's life (the order message's state)
enum ENUM_VP_ORDER_STATE
  {
   VP_ORDER_PLACED    = 0,
   VP_ORDER_MODIFIED  = 1,
   VP_ORDER_CANCELLED = 2,
   VP_ORDER_EXPIRED   = 3,
   VP_ORDER_FILLED    = 4,
   VP_ORDER_REJECTED  = 5
  };
const string VP_WORDS_ORDER_STATE = "|placed|modified|cancelled|expired|filled|rejected|";
string VPOrderStateWire(ENUM_VP_ORDER_STATE v) { return VPWordAt(VP_WORDS_ORDER_STATE, (int)v); }
bool   VPOrderStateParse(const string &wire, ENUM_VP_ORDER_STATE &v)
  {
   int i = VPWordIndex(VP_WORDS_ORDER_STATE, wire);
   if(i >= 0)
      v = (ENUM_VP_ORDER_STATE)i;
   return i >= 0;
  }

// status of a signal_ack: what became of the signal
enum ENUM_VP_ACK_STATUS
  {
   VP_ACK_ACCEPTED = 0,
   VP_ACK_REJECTED = 1,
   VP_ACK_EXECUTED = 2
  };
const string VP_WORDS_ACK_STATUS = "|accepted|rejected|executed|";
string VPAckStatusWire(ENUM_VP_ACK_STATUS v) { return VPWordAt(VP_WORDS_ACK_STATUS, (int)v); }
bool   VPAckStatusParse(const string &wire, ENUM_VP_ACK_STATUS &v)
  {
   int i = VPWordIndex(VP_WORDS_ACK_STATUS, wire);
   if(i >= 0)
      v = (ENUM_VP_ACK_STATUS)i;
   return i >= 0;
  }

// action of a trader's control (sidecar -> EA)
enum ENUM_VP_CONTROL_ACTION
  {
   VP_CONTROL_PAUSE_ENTRIES  = 0,   // refuse new entries until resume; closes still execute
   VP_CONTROL_RESUME         = 1,
   VP_CONTROL_FLATTEN_ALL    = 2,   // close every VProp position (of `symbol` when not empty)
   VP_CONTROL_CLOSE_POSITION = 3,   // close the position `position`
   VP_CONTROL_CANCEL_PENDING = 4    // delete VProp's resting pending orders (of `symbol` when not empty)
  };
const string VP_WORDS_CONTROL_ACTION = "|pause_entries|resume|flatten_all|close_position|cancel_pending|";
string VPControlActionWire(ENUM_VP_CONTROL_ACTION v) { return VPWordAt(VP_WORDS_CONTROL_ACTION, (int)v); }
bool   VPControlActionParse(const string &wire, ENUM_VP_CONTROL_ACTION &v)
  {
   int i = VPWordIndex(VP_WORDS_CONTROL_ACTION, wire);
   if(i >= 0)
      v = (ENUM_VP_CONTROL_ACTION)i;
   return i >= 0;
  }

// status of a control_ack
enum ENUM_VP_CONTROL_STATUS
  {
   VP_CONTROL_APPLIED = 0,
   VP_CONTROL_REFUSED = 1
  };
const string VP_WORDS_CONTROL_STATUS = "|applied|refused|";
string VPControlStatusWire(ENUM_VP_CONTROL_STATUS v) { return VPWordAt(VP_WORDS_CONTROL_STATUS, (int)v); }
bool   VPControlStatusParse(const string &wire, ENUM_VP_CONTROL_STATUS &v)
  {
   int i = VPWordIndex(VP_WORDS_CONTROL_STATUS, wire);
   if(i >= 0)
      v = (ENUM_VP_CONTROL_STATUS)i;
   return i >= 0;
  }

// entry of a fill: opens, closes, or reverses a position (MT5's DEAL_ENTRY_*)
enum ENUM_VP_FILL_ENTRY
  {
   VP_ENTRY_IN    = 0,
   VP_ENTRY_OUT   = 1,
   VP_ENTRY_INOUT = 2
  };
const string VP_WORDS_FILL_ENTRY = "|in|out|inout|";
string VPFillEntryWire(ENUM_VP_FILL_ENTRY v) { return VPWordAt(VP_WORDS_FILL_ENTRY, (int)v); }
bool   VPFillEntryParse(const string &wire, ENUM_VP_FILL_ENTRY &v)
  {
   int i = VPWordIndex(VP_WORDS_FILL_ENTRY, wire);
   if(i >= 0)
      v = (ENUM_VP_FILL_ENTRY)i;
   return i >= 0;
  }

// reason of a fill: why the deal happened ("" for an entry). The protocol keeps this field open text (the Java
// codec takes any string), so a word this EA does not know decodes as VP_FILL_REASON_OTHER instead of an error.
enum ENUM_VP_FILL_REASON
  {
   VP_FILL_REASON_NONE        = 0,   // ""
   VP_FILL_REASON_CLIENT      = 1,   // closed by hand, or by a close signal
   VP_FILL_REASON_EXPERT      = 2,
   VP_FILL_REASON_SL          = 3,
   VP_FILL_REASON_TP          = 4,
   VP_FILL_REASON_TP1_PARTIAL = 5,
   VP_FILL_REASON_STOP_OUT    = 6,
   VP_FILL_REASON_GOVERNOR    = 7,
   VP_FILL_REASON_OTHER       = 8
  };
const string VP_WORDS_FILL_REASON = "||client|expert|sl|tp|tp1_partial|stop_out|governor|other|";
string VPFillReasonWire(ENUM_VP_FILL_REASON v) { return VPWordAt(VP_WORDS_FILL_REASON, (int)v); }
bool   VPFillReasonParse(const string &wire, ENUM_VP_FILL_REASON &v)
  {
   int i = VPWordIndex(VP_WORDS_FILL_REASON, wire);
   if(i >= 0)
      v = (ENUM_VP_FILL_REASON)i;
   return i >= 0;
  }

// margin mode of the account (hello)
enum ENUM_VP_MARGIN_MODE
  {
   VP_MARGIN_NETTING = 0,
   VP_MARGIN_HEDGING = 1
  };
const string VP_WORDS_MARGIN_MODE = "|netting|hedging|";
string VPMarginModeWire(ENUM_VP_MARGIN_MODE v) { return VPWordAt(VP_WORDS_MARGIN_MODE, (int)v); }
bool   VPMarginModeParse(const string &wire, ENUM_VP_MARGIN_MODE &v)
  {
   int i = VPWordIndex(VP_WORDS_MARGIN_MODE, wire);
   if(i >= 0)
      v = (ENUM_VP_MARGIN_MODE)i;
   return i >= 0;
  }

// mode of the governors (governor_state, the chart panel): what the EA may do now
enum ENUM_VP_GOV_MODE
  {
   VP_MODE_OK      = 0,   // everything allowed
   VP_MODE_BLOCKED = 1,   // no new entries
   VP_MODE_HALTED  = 2,   // a limit is breached: flat for good
   VP_MODE_PAUSED  = 3    // flat until the firm's next daily reset
  };
const string VP_WORDS_GOV_MODE = "|ok|blocked|halted|paused|";
string VPGovModeWire(ENUM_VP_GOV_MODE v) { return VPWordAt(VP_WORDS_GOV_MODE, (int)v); }
bool   VPGovModeParse(const string &wire, ENUM_VP_GOV_MODE &v)
  {
   int i = VPWordIndex(VP_WORDS_GOV_MODE, wire);
   if(i >= 0)
      v = (ENUM_VP_GOV_MODE)i;
   return i >= 0;
  }

// status of one rule in governor_state
enum ENUM_VP_RULE_STATUS
  {
   VP_RULE_OK      = 0,
   VP_RULE_WARNING = 1,
   VP_RULE_BREACH  = 2
  };
const string VP_WORDS_RULE_STATUS = "|ok|warning|breach|";
string VPRuleStatusWire(ENUM_VP_RULE_STATUS v) { return VPWordAt(VP_WORDS_RULE_STATUS, (int)v); }
bool   VPRuleStatusParse(const string &wire, ENUM_VP_RULE_STATUS &v)
  {
   int i = VPWordIndex(VP_WORDS_RULE_STATUS, wire);
   if(i >= 0)
      v = (ENUM_VP_RULE_STATUS)i;
   return i >= 0;
  }

// impact of an economic release (news, and the governors' news rule; the MT5 calendar's HIGH is VP_IMPACT_HIGH)
enum ENUM_VP_IMPACT
  {
   VP_IMPACT_LOW    = 0,
   VP_IMPACT_MEDIUM = 1,
   VP_IMPACT_HIGH   = 2
  };
const string VP_WORDS_IMPACT = "|low|medium|high|";
string VPImpactWire(ENUM_VP_IMPACT v) { return VPWordAt(VP_WORDS_IMPACT, (int)v); }
bool   VPImpactParse(const string &wire, ENUM_VP_IMPACT &v)
  {
   int i = VPWordIndex(VP_WORDS_IMPACT, wire);
   if(i >= 0)
      v = (ENUM_VP_IMPACT)i;
   return i >= 0;
  }

// error codes (section 6). Like the Java codec, a received error takes any code: one this EA does not know
// decodes as VP_ERR_OTHER (an error is never answered with an error).
enum ENUM_VP_ERROR_CODE
  {
   VP_ERR_MALFORMED_JSON      = 0,
   VP_ERR_NOT_AN_OBJECT       = 1,
   VP_ERR_TOO_LARGE           = 2,
   VP_ERR_UNSUPPORTED_VERSION = 3,
   VP_ERR_UNKNOWN_TYPE        = 4,
   VP_ERR_MISSING_FIELD       = 5,
   VP_ERR_WRONG_TYPE          = 6,
   VP_ERR_NON_FINITE          = 7,
   VP_ERR_OUT_OF_RANGE        = 8,
   VP_ERR_CROSSED_QUOTE       = 9,
   VP_ERR_SEQ_NOT_INCREASING  = 10,
   VP_ERR_HELLO_REQUIRED      = 11,
   VP_ERR_GAP                 = 12,
   VP_ERR_INTERNAL            = 13,
   VP_ERR_OTHER               = 14
  };
const string VP_WORDS_ERROR_CODE = "|malformed_json|not_an_object|too_large|unsupported_version|unknown_type|missing_field|wrong_type|non_finite|out_of_range|crossed_quote|seq_not_increasing|hello_required|gap|internal|other|";
string VPErrorCodeWire(ENUM_VP_ERROR_CODE v) { return VPWordAt(VP_WORDS_ERROR_CODE, (int)v); }
bool   VPErrorCodeParse(const string &wire, ENUM_VP_ERROR_CODE &v)
  {
   int i = VPWordIndex(VP_WORDS_ERROR_CODE, wire);
   if(i >= 0)
      v = (ENUM_VP_ERROR_CODE)i;
   return i >= 0;
  }

// Bar timeframes on the wire: M1 M5 M15 M30 H1 H4 D1 (MT5's own ENUM_TIMEFRAMES inside the EA).
string VPTimeframeWire(ENUM_TIMEFRAMES tf)
  {
   switch(tf)
     {
      case PERIOD_M1:
         return "M1";
      case PERIOD_M5:
         return "M5";
      case PERIOD_M15:
         return "M15";
      case PERIOD_M30:
         return "M30";
      case PERIOD_H1:
         return "H1";
      case PERIOD_H4:
         return "H4";
      case PERIOD_D1:
         return "D1";
      default:
         return "";
     }
  }

// Case-insensitive, blanks around ignored, optionally with MQL5's PERIOD_ prefix ("m5", "PERIOD_H1").
bool VPTimeframeParse(const string &wire, ENUM_TIMEFRAMES &tf)
  {
   string t = wire;
   StringTrimLeft(t);
   StringTrimRight(t);
   StringToUpper(t);
   if(StringFind(t, "PERIOD_") == 0)
      t = StringSubstr(t, 7);
   ENUM_TIMEFRAMES all[] = {PERIOD_M1, PERIOD_M5, PERIOD_M15, PERIOD_M30, PERIOD_H1, PERIOD_H4, PERIOD_D1};
   for(int i = 0; i < ArraySize(all); i++)
      if(t != "" && VPTimeframeWire(all[i]) == t)
        {
         tf = all[i];
         return true;
        }
   return false;
  }

//+------------------------------------------------------------------+
//| Parts of messages                                                 |
//+------------------------------------------------------------------+
struct VPSession
  {
   int               day;
   int               from_min;
   int               to_min;
  };

struct VPSymbolInfo
  {
   string            symbol;
   int               digits;
   double            point;
   double            tick_size;
   double            tick_value;
   double            contract_size;
   double            volume_min;
   double            volume_step;
   double            volume_max;
   int               stops_level;
   int               freeze_level;
   string            base_currency;
   string            profit_currency;
   VPSession         sessions[];
  };

struct VPLevel
  {
   double            price;
   double            volume;
  };

struct VPPosition
  {
   long              ticket;
   string            symbol;
   ENUM_VP_SIDE      side;
   double            volume;
   double            price_open;
   double            sl;
   double            tp;
   double            profit;
   double            swap;
   double            commission;
   long              time_msc;
   string            signal_id;
  };

// a pending order resting at the terminal (account.orders): price = the trigger; expiry_msc server time, 0 = none
struct VPPendingInfo
  {
   long              ticket;
   string            symbol;
   ENUM_VP_ORDER_TYPE type;
   double            volume;
   double            price;
   double            sl;
   double            tp;
   long              expiry_msc;
   string            signal_id;
  };

struct VPRuleState
  {
   string            id;
   double            value;
   double            limit;
   double            distance;
   ENUM_VP_RULE_STATUS status;
  };

//+------------------------------------------------------------------+
//| The envelope: the header fields every message carries (section 2) |
//+------------------------------------------------------------------+
struct VPEnvelope
  {
   int               v;
   ENUM_VP_MSG_TYPE  type;        // set by the decoder; an encoder writes the type of the body it is given
   long              seq;
   long              ts_ms;
   long              prev;        // reliable types only
   bool              resend;
   bool              ack_req;
                     VPEnvelope(void) { v = VP_VERSION; type = VP_MSG_HEARTBEAT; seq = 0; ts_ms = 0; prev = 0; resend = false; ack_req = false; }
  };

//+------------------------------------------------------------------+
//| One struct per message type: the payload fields (section 3).      |
//| A heartbeat has none: it is the envelope alone.                   |
//| Constructors give every field its protocol default.               |
//+------------------------------------------------------------------+
struct VPHelloMsg
  {
   string            terminal;
   string            account;
   string            server;
   string            company;
   string            currency;
   int               leverage;
   ENUM_VP_MARGIN_MODE margin_mode;
   int               server_offset_s;
   int               versions[];
   long              ack_seq;
   string            firm_profile;
   VPSymbolInfo      symbols[];
                     VPHelloMsg(void)
     {
      terminal = ""; account = ""; server = ""; company = ""; currency = ""; leverage = 1;
      margin_mode = VP_MARGIN_NETTING; server_offset_s = 0; ack_seq = 0; firm_profile = "";
     }
  };

struct VPWelcomeMsg
  {
   int               version;
   string            session;
   long              ack_seq;
   int               heartbeat_ms;
   int               stale_ms;
   string            firm_profile;
   string            sidecar_version;
                     VPWelcomeMsg(void) { version = VP_VERSION; session = ""; ack_seq = 0; heartbeat_ms = 0; stale_ms = 0; firm_profile = ""; sidecar_version = ""; }
  };

struct VPTickMsg
  {
   string            symbol;
   double            bid;
   double            ask;
   double            last;
   double            volume;
   long              time_msc;
   int               flags;
                     VPTickMsg(void) { symbol = ""; bid = 0; ask = 0; last = 0; volume = 0; time_msc = 0; flags = 0; }
  };

struct VPBarMsg
  {
   string            symbol;
   ENUM_TIMEFRAMES   timeframe;
   long              time_msc;
   double            open;
   double            high;
   double            low;
   double            close;
   long              tick_volume;
   int               spread;
                     VPBarMsg(void) { symbol = ""; timeframe = PERIOD_M1; time_msc = 0; open = 0; high = 0; low = 0; close = 0; tick_volume = 0; spread = 0; }
  };

struct VPBookMsg
  {
   string            symbol;
   long              time_msc;
   VPLevel           bids[];
   VPLevel           asks[];
                     VPBookMsg(void) { symbol = ""; time_msc = 0; }
  };

struct VPAccountMsg
  {
   double            balance;
   double            equity;
   double            margin;
   double            free_margin;
   VPPosition        positions[];
   VPPendingInfo     orders[];      // on the wire only when there are some
                     VPAccountMsg(void) { balance = 0; equity = 0; margin = 0; free_margin = 0; }
  };

struct VPSignalMsg
  {
   string            id;
   ENUM_VP_SIGNAL_KIND kind;
   string            symbol;
   ENUM_VP_SIDE      side;
   double            lots;
   double            price;
   double            max_deviation;
   double            sl;
   double            tp1;
   double            tp2;
   long              expiry_ms;
   string            alpha;
   string            regime;
   double            confidence;
   string            reason;
   long              position;      // close: the ticket, 0 = every VProp position of the symbol
   ENUM_VP_ORDER_TYPE order_type;   // market (not on the wire), or a pending type: price = trigger, rests until expiry_ms
                     VPSignalMsg(void)
     {
      id = ""; kind = VP_SIGNAL_OPEN; symbol = ""; side = VP_SIDE_BUY; lots = 0; price = 0; max_deviation = 0;
      sl = 0; tp1 = 0; tp2 = 0; expiry_ms = 0; alpha = ""; regime = ""; confidence = 0; reason = ""; position = 0;
      order_type = VP_ORDER_MARKET;
     }
  };

struct VPSignalAckMsg
  {
   string            signal_id;
   ENUM_VP_ACK_STATUS status;
   string            rule;          // a governor rule id or an execution rule on a rejection
   string            reason;
   long              ticket;
   double            price;
                     VPSignalAckMsg(void) { signal_id = ""; status = VP_ACK_REJECTED; rule = ""; reason = ""; ticket = 0; price = 0; }
  };

// A trader's control: applied once per id, answered with a control_ack (docs/protocol.md).
struct VPControlMsg
  {
   string            id;
   ENUM_VP_CONTROL_ACTION action;
   long              position;      // close_position: the ticket
   string            symbol;        // "" = every symbol
   string            reason;        // the trader's words
   long              time_ms;       // the terminal's clock when the trader acted (UTC)
                     VPControlMsg(void) { id = ""; action = VP_CONTROL_PAUSE_ENTRIES; position = 0; symbol = ""; reason = ""; time_ms = 0; }
  };

struct VPControlAckMsg
  {
   string            control_id;
   ENUM_VP_CONTROL_STATUS status;
   string            reason;
   int               closed;        // positions closed (close orders done)
   int               cancelled;     // pending orders deleted
                     VPControlAckMsg(void) { control_id = ""; status = VP_CONTROL_REFUSED; reason = ""; closed = 0; cancelled = 0; }
  };

// kind of a balance operation (a deal that is not a trade); the governors' ENUM_VPG_BALANCE_KIND has the same order
enum ENUM_VP_BALANCE_KIND
  {
   VP_BAL_DEPOSIT    = 0,
   VP_BAL_WITHDRAWAL = 1,
   VP_BAL_PAYOUT     = 2,
   VP_BAL_CREDIT     = 3,
   VP_BAL_BONUS      = 4,
   VP_BAL_CORRECTION = 5,
   VP_BAL_CHARGE     = 6,
   VP_BAL_COMMISSION = 7
  };
const string VP_WORDS_BALANCE_KIND = "|deposit|withdrawal|payout|credit|bonus|correction|charge|commission|";
string VPBalanceKindWire(ENUM_VP_BALANCE_KIND v) { return VPWordAt(VP_WORDS_BALANCE_KIND, (int)v); }
bool   VPBalanceKindParse(const string &wire, ENUM_VP_BALANCE_KIND &v)
  {
   int i = VPWordIndex(VP_WORDS_BALANCE_KIND, wire);
   if(i >= 0)
      v = (ENUM_VP_BALANCE_KIND)i;
   return i >= 0;
  }

// EA -> sidecar: a balance operation (reliable), sent before the first account snapshot that shows it
struct VPBalanceMsg
  {
   long              deal;
   ENUM_VP_BALANCE_KIND kind;
   double            amount;        // signed, account currency: a withdrawal or payout is negative
   long              time_msc;      // the deal's time, broker server time
   string            comment;
                     VPBalanceMsg(void) { deal = 0; kind = VP_BAL_DEPOSIT; amount = 0; time_msc = 0; comment = ""; }
  };

struct VPFillMsg
  {
   long              deal;
   long              order;
   long              position;
   string            signal_id;
   string            symbol;
   ENUM_VP_SIDE      side;
   ENUM_VP_FILL_ENTRY entry;
   double            price;
   double            volume;
   double            commission;
   double            swap;
   double            profit;
   long              time_msc;
   ENUM_VP_FILL_REASON reason;
                     VPFillMsg(void)
     {
      deal = 0; order = 0; position = 0; signal_id = ""; symbol = ""; side = VP_SIDE_BUY; entry = VP_ENTRY_IN;
      price = 0; volume = 0; commission = 0; swap = 0; profit = 0; time_msc = 0; reason = VP_FILL_REASON_NONE;
     }
  };

// EA -> sidecar: a step in a pending order's life (OnTradeTransaction), with the order's fields as they stand
struct VPOrderMsg
  {
   long              ticket;
   ENUM_VP_ORDER_STATE state;
   string            symbol;
   ENUM_VP_ORDER_TYPE type;
   double            volume;
   double            price;
   double            sl;
   double            tp;
   long              expiry_msc;
   string            signal_id;
   string            reason;
   long              time_msc;
                     VPOrderMsg(void)
     {
      ticket = 0; state = VP_ORDER_PLACED; symbol = ""; type = VP_ORDER_BUY_LIMIT; volume = 0; price = 0; sl = 0; tp = 0;
      expiry_msc = 0; signal_id = ""; reason = ""; time_msc = 0;
     }
  };

struct VPGovernorStateMsg
  {
   ENUM_VP_GOV_MODE  mode;
   string            reason;
   VPRuleState       rules[];
                     VPGovernorStateMsg(void) { mode = VP_MODE_OK; reason = ""; }
  };

// The firm state rebuilt from the deal history on attach (Governors.mqh VPGovAttach), after every welcome.
const string VP_WORDS_FIRM_STATUS = "|ok|blocked|";
struct VPFirmStateMsg
  {
   bool              ok;            // status "ok" | "blocked"
   string            rule;
   string            reason;
   long              blocked_until_ms;
   long              challenge_start_ms;
   double            initial_balance;
   long              time_ms;
   double            balance;
   double            equity;
   long              day_start_ms;
   long              next_reset_ms;
   double            day_start_balance;
   double            day_start_equity;
   double            high_water;
   int               trading_days;
   bool              traded_today;
   int               profitable_days;
   double            day_profit;
   double            best_day;
   int               deals_read;
                     VPFirmStateMsg(void)
     {
      ok = false; rule = ""; reason = ""; blocked_until_ms = 0; challenge_start_ms = 0; initial_balance = 0; time_ms = 0;
      balance = 0; equity = 0; day_start_ms = 0; next_reset_ms = 0; day_start_balance = 0; day_start_equity = 0;
      high_water = 0; trading_days = 0; traded_today = false; profitable_days = 0; day_profit = 0; best_day = 0; deals_read = 0;
     }
  };

// EA -> sidecar: the broker's SYMBOL_TRADE_TICK_VALUE of a hello symbol now (moves with the
// conversion rate for a cross or a JPY pair); not reliable: the newest wins (protocol.md 4c)
struct VPSymbolUpdateMsg
  {
   string            symbol;
   double            tick_value;
                     VPSymbolUpdateMsg(void) { symbol = ""; tick_value = 0; }
  };

struct VPNewsMsg
  {
   long              release_ms;
   string            currency;      // "USD", or "All": every symbol
   ENUM_VP_IMPACT    impact;
   string            title;
                     VPNewsMsg(void) { release_ms = 0; currency = ""; impact = VP_IMPACT_LOW; title = ""; }
  };

struct VPAckMsg
  {
   long              ack_seq;
   long              echo_seq;
                     VPAckMsg(void) { ack_seq = 0; echo_seq = 0; }
  };

struct VPErrorMsg
  {
   ENUM_VP_ERROR_CODE code;
   string            message;
   string            field;
   long              ref_seq;
                     VPErrorMsg(void) { code = VP_ERR_INTERNAL; message = ""; field = ""; ref_seq = 0; }
  };

#endif
