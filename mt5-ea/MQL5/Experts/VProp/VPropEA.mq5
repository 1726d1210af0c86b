//+------------------------------------------------------------------+
//| VPropEA.mq5 - VProp expert advisor.                               |
//| Streams ticks, closed bars, account snapshots and fills to the    |
//| VProp sidecar over ZeroMQ, executes the sidecar's signals, and    |
//| enforces the firm's rules itself (hard governors) as the last     |
//| line of defence of the funded account. See docs/ea.md.            |
//+------------------------------------------------------------------+
#property copyright "VProp"
#property version   "1.00"
#property description "VProp: prop-firm-safe execution of sidecar signals with hard governors"

#include <VProp/Session.mqh>
#include <VProp/Execution.mqh>
#include <VProp/Governors.mqh>

input group "Connection"
input string InpEndpoint        = "tcp://127.0.0.1:5555"; // Sidecar ZeroMQ endpoint
input string InpTerminalName    = "";                     // Terminal name in the routing id ("" = MT5's name)
input group "Streaming"
input string InpSymbols         = "";                     // Watched symbols, comma separated ("" = chart symbol)
input string InpTimeframes      = "M1,M5,M15,H1";         // Closed bars to stream
input int    InpAccountEveryS   = 10;                     // Account snapshot at least every N s
input int    InpTimerMs         = 20;                     // Timer period, ms (<= 20)
input double InpTickValueMovePct = 0.01;                  // Resend a symbol's tick value when it moved more than this, %
input group "Execution"
input long   InpMagic           = 770077;                 // Magic number of VProp positions
input int    InpMaxRetries      = 3;                      // Retries on requote / price changed / off quotes
input int    InpDeviationPoints = 10;                     // Max slippage, points
input double InpTp1Fraction     = 0.5;                    // Share of the position closed at TP1
input bool   InpBreakEvenAtTp1  = true;                   // Move the stop to entry after TP1
input group "Risk: firm rules (governors)"
input string InpFirmProfile     = "ftmo-2step";           // Firm profile (MQL5/Files/VProp/profiles/<name>.json)
input double InpInitialBalance  = 0;                      // InitialBalance: the challenge's starting balance (0 = its first deposit)
input datetime InpChallengeStart = 0;                     // ChallengeStart: the challenge's first day (0 = its first deposit)
input group "News"
input bool   InpUseCalendar     = true;                   // News embargo from the MT5 economic calendar
input group "Fail-safe"
input int    InpSidecarSilentS  = 10;                     // Sidecar silent this long: no new entries
input bool   InpFlattenOnSilence = false;                 // ... and flatten after InpFlattenSilentS
input int    InpFlattenSilentS  = 120;                    // Silence before flattening, s

CVPSession    g_session;
CVPExecutor   g_exec;
CVPGovernors  g_gov;
string        g_symbols[];
ENUM_TIMEFRAMES g_tfs[];
long          g_last_tick_msc[];
// symbol_update (protocol.md 4c): per symbol, the tick value last sent and when it was last looked at (ms)
double        g_tv_sent[];
long          g_tv_checked_ms[];
int           g_tv_welcomes = -1;      // the session that was last sent every symbol's tick value
long          g_last_bar_time[];       // per symbol x timeframe
long          g_last_account_ms = 0;
double        g_last_balance = -1;
// balance operations (deals that are not trades): the tickets reported lately (OnTradeTransaction and the history scan
// may both find one), the balance and credit the last scan saw, and where the next scan starts (server time)
#define VP_BALANCE_SENT 64
long          g_bal_sent[VP_BALANCE_SENT];
int           g_bal_sent_count = 0;
double        g_bal_seen_balance = -1;
double        g_bal_seen_credit = -1;
datetime      g_bal_scan_from = 0;
int           g_last_positions = -1;
int           g_last_orders = -1;
VPGovOrder    g_resting[];             // the pending orders as last seen (their fields for an ORDER_DELETE)
long          g_news_cancelled[];      // tickets the governors had cancelled before a news window
long          g_last_governor_ms = 0;
ENUM_VP_GOV_MODE g_last_mode = VP_MODE_OK;  // a new session is told the mode at once, whatever this says
int           g_last_welcomes = -1;
ENUM_VP_GOV_MODE g_mode = VP_MODE_OK;
string        g_mode_reason = "";
string        g_mode_rule = "";
long          g_last_decision_log_ms = 0;
long          g_last_flatten_ms = -1000000;        // the governor rule behind the mode (the signal_ack's rule)
bool          g_ready = false;
long          g_last_calendar_s = 0;
string        g_state_dir = "";
VPGovAttach   g_attach;                     // the firm state rebuilt from the deal history (firm_state)
int           g_firm_state_welcomes = -1;   // the session that was last sent firm_state
void          RebuildFirmState(void);

//+------------------------------------------------------------------+
long NowUtcMs(void) { return (long)TimeGMT() * 1000; }

// Splits a comma list, trimming blanks; false (with a message) on an empty entry.
bool SplitList(const string &text, string &out[])
  {
   ArrayResize(out, 0);
   string parts[];
   int n = StringSplit(text, ',', parts);
   for(int i = 0; i < n; i++)
     {
      string p = parts[i];
      StringTrimLeft(p);
      StringTrimRight(p);
      if(p == "")
         continue;
      int k = ArraySize(out);
      ArrayResize(out, k + 1);
      out[k] = p;
     }
   return ArraySize(out) > 0;
  }

// Broker server time minus UTC, rounded to 15 minutes.
int ServerOffsetS(void)
  {
   long diff = (long)(TimeTradeServer() - TimeGMT());
   return (int)(MathRound(diff / 900.0) * 900);
  }

void BuildHello(void)
  {
   g_session.hello.terminal = InpTerminalName != "" ? InpTerminalName : TerminalInfoString(TERMINAL_NAME);
   g_session.hello.account = IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN));
   g_session.hello.server = AccountInfoString(ACCOUNT_SERVER);
   g_session.hello.company = AccountInfoString(ACCOUNT_COMPANY);
   g_session.hello.currency = AccountInfoString(ACCOUNT_CURRENCY);
   g_session.hello.leverage = (int)MathMax(1, AccountInfoInteger(ACCOUNT_LEVERAGE));
   g_session.hello.margin_mode = AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? VP_MARGIN_HEDGING : VP_MARGIN_NETTING;
   g_session.hello.server_offset_s = ServerOffsetS();
   g_session.hello.firm_profile = InpFirmProfile;
   int n = ArraySize(g_symbols);
   ArrayResize(g_session.hello.symbols, n);
   for(int i = 0; i < n; i++)
     {
      string s = g_symbols[i];
      g_session.hello.symbols[i].symbol = s;
      g_session.hello.symbols[i].digits = (int)SymbolInfoInteger(s, SYMBOL_DIGITS);
      g_session.hello.symbols[i].point = SymbolInfoDouble(s, SYMBOL_POINT);
      g_session.hello.symbols[i].tick_size = SymbolInfoDouble(s, SYMBOL_TRADE_TICK_SIZE);
      g_session.hello.symbols[i].tick_value = SymbolInfoDouble(s, SYMBOL_TRADE_TICK_VALUE);
      g_session.hello.symbols[i].contract_size = SymbolInfoDouble(s, SYMBOL_TRADE_CONTRACT_SIZE);
      g_session.hello.symbols[i].volume_min = SymbolInfoDouble(s, SYMBOL_VOLUME_MIN);
      g_session.hello.symbols[i].volume_step = SymbolInfoDouble(s, SYMBOL_VOLUME_STEP);
      g_session.hello.symbols[i].volume_max = SymbolInfoDouble(s, SYMBOL_VOLUME_MAX);
      g_session.hello.symbols[i].stops_level = (int)SymbolInfoInteger(s, SYMBOL_TRADE_STOPS_LEVEL);
      g_session.hello.symbols[i].freeze_level = (int)SymbolInfoInteger(s, SYMBOL_TRADE_FREEZE_LEVEL);
      g_session.hello.symbols[i].base_currency = SymbolInfoString(s, SYMBOL_CURRENCY_BASE);
      g_session.hello.symbols[i].profit_currency = SymbolInfoString(s, SYMBOL_CURRENCY_PROFIT);
      ArrayResize(g_session.hello.symbols[i].sessions, 0);
      for(int d = 0; d < 7; d++)
         for(uint k = 0; k < 10; k++)
           {
            datetime from = 0;
            datetime to = 0;
            if(!SymbolInfoSessionTrade(s, (ENUM_DAY_OF_WEEK)d, k, from, to))
               break;
            int m = ArraySize(g_session.hello.symbols[i].sessions);
            ArrayResize(g_session.hello.symbols[i].sessions, m + 1);
            g_session.hello.symbols[i].sessions[m].day = d;
            g_session.hello.symbols[i].sessions[m].from_min = (int)(from / 60);
            g_session.hello.symbols[i].sessions[m].to_min = (int)MathMin(1440, to / 60);
           }
     }
  }

//+------------------------------------------------------------------+
int OnInit(void)
  {
   if(!MQLInfoInteger(MQL_DLLS_ALLOWED))
     {
      Print("VProp: \"Allow DLL imports\" is off; the EA needs libzmq.dll. Tick it in the EA's Common tab.");
      return INIT_FAILED;
     }
   if(InpTimerMs < 1 || InpTimerMs > 20)
     {
      PrintFormat("VProp: InpTimerMs = %d is out of range 1..20 ms", InpTimerMs);
      return INIT_PARAMETERS_INCORRECT;
     }
   if(InpTickValueMovePct < 0 || !MathIsValidNumber(InpTickValueMovePct))
     {
      PrintFormat("VProp: InpTickValueMovePct = %.4f must be >= 0 %%", InpTickValueMovePct);
      return INIT_PARAMETERS_INCORRECT;
     }
   if(InpTp1Fraction <= 0 || InpTp1Fraction >= 1 || !MathIsValidNumber(InpTp1Fraction))
     {
      PrintFormat("VProp: InpTp1Fraction = %.4f must be between 0 and 1", InpTp1Fraction);
      return INIT_PARAMETERS_INCORRECT;
     }
   if(InpMaxRetries < 0 || InpMaxRetries > 10 || InpDeviationPoints < 0 || InpAccountEveryS < 1 || InpSidecarSilentS < 1)
     {
      Print("VProp: InpMaxRetries must be 0..10, InpDeviationPoints >= 0, InpAccountEveryS >= 1, InpSidecarSilentS >= 1");
      return INIT_PARAMETERS_INCORRECT;
     }
   if(!SplitList(InpSymbols == "" ? _Symbol : InpSymbols, g_symbols))
     {
      PrintFormat("VProp: InpSymbols '%s' names no symbol", InpSymbols);
      return INIT_PARAMETERS_INCORRECT;
     }
   for(int i = 0; i < ArraySize(g_symbols); i++)
      if(!SymbolSelect(g_symbols[i], true))
        {
         PrintFormat("VProp: InpSymbols: '%s' is not a symbol of this broker", g_symbols[i]);
         return INIT_PARAMETERS_INCORRECT;
        }
   string tfs[];
   SplitList(InpTimeframes, tfs);
   ArrayResize(g_tfs, ArraySize(tfs));
   for(int i = 0; i < ArraySize(tfs); i++)
     {
      StringToUpper(tfs[i]);
      if(!VPTimeframeParse(tfs[i], g_tfs[i]))
        {
         PrintFormat("VProp: InpTimeframes: '%s' is not one of M1 M5 M15 M30 H1 H4 D1", tfs[i]);
         return INIT_PARAMETERS_INCORRECT;
        }
     }
   ArrayResize(g_last_tick_msc, ArraySize(g_symbols));
   ArrayResize(g_tv_sent, ArraySize(g_symbols));
   ArrayResize(g_tv_checked_ms, ArraySize(g_symbols));
   for(int i = 0; i < ArraySize(g_tv_sent); i++)
     {
      g_tv_sent[i] = 0;
      g_tv_checked_ms[i] = 0;
     }
   g_tv_welcomes = -1;
   ArrayResize(g_last_bar_time, ArraySize(g_symbols) * MathMax(1, ArraySize(g_tfs)));
   for(int i = 0; i < ArraySize(g_last_tick_msc); i++)
      g_last_tick_msc[i] = 0;
   for(int i = 0; i < ArraySize(g_last_bar_time); i++)
      g_last_bar_time[i] = 0;

   string terminal = VPSanitize(InpTerminalName != "" ? InpTerminalName : TerminalInfoString(TERMINAL_NAME), 64);
   string account = VPSanitize(IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)), 64);
   string chart = VPSanitize(_Symbol + "." + IntegerToString(_Period) + "." + IntegerToString(ChartID() % 100000), 64);
   string routing_id = terminal + "/" + account + "/" + chart;
   g_state_dir = "VProp/" + terminal + "_" + account + "_" + chart;
   g_last_calendar_s = 0;

   // governors first: without a valid profile the EA must not trade
   string gerr = "";
   // the profile needs a positive balance to load; the ledger is then rebuilt from the deal history (never assumed)
   double initial = InpInitialBalance > 0 ? InpInitialBalance : MathMax(AccountInfoDouble(ACCOUNT_BALANCE), 0.01);
   if(!g_gov.LoadProfileFile("VProp/profiles/" + InpFirmProfile + ".json", initial, gerr))
     {
      PrintFormat("VProp: firm profile '%s': %s", InpFirmProfile, gerr);
      return INIT_PARAMETERS_INCORRECT;
     }
   g_gov.RestoreFile(g_state_dir + "/governors.txt");
   // balance operations before the attach are in the balance the governors start from: report only newer ones
   g_bal_scan_from = TimeCurrent();
   g_bal_seen_balance = AccountInfoDouble(ACCOUNT_BALANCE);
   g_bal_seen_credit = AccountInfoDouble(ACCOUNT_CREDIT);
   RebuildFirmState();
   initial = g_attach.initial;
   g_exec.Configure((ulong)InpMagic, InpMaxRetries, InpDeviationPoints, InpTp1Fraction, InpBreakEvenAtTp1);
   BuildHello();
   if(!g_session.Start(InpEndpoint, routing_id, g_state_dir))
      return INIT_FAILED;
   EventSetMillisecondTimer(InpTimerMs);
   g_ready = true;
   PrintFormat("VProp: started on %d symbol(s), profile %s, initial balance %.2f", ArraySize(g_symbols), InpFirmProfile, initial);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(g_ready)
     {
      g_gov.SaveFile(g_state_dir + "/governors.txt");
      g_session.Stop();
     }
   g_ready = false;
   Comment("");
  }

// The chart's own ticks are handled by the timer too (all watched symbols in one place).
void OnTick(void)
  {
  }

//+------------------------------------------------------------------+
//| Governor decisions: log, remember the mode, act (flatten)         |
//+------------------------------------------------------------------+
void ApplyDecision(const VPGovDecision &d, const string &event)
  {
   ENUM_VP_GOV_MODE mode = VPGovModeOf(d.action);
   // logged when the mode or the rule changes, and once a minute while it lasts (messages carry live numbers)
   long now = (long)GetTickCount64();
   if(mode != g_mode || d.rule != g_mode_rule || (d.action != VPG_ALLOW && now - g_last_decision_log_ms >= 60000))
     {
      PrintFormat("VProp governor [%s]: %s %s - %s", event, VPGovActionName(d.action), d.rule, d.message);
      g_last_decision_log_ms = now;
     }
   g_mode = mode;
   g_mode_rule = d.action == VPG_ALLOW ? "" : d.rule;
   g_mode_reason = d.action == VPG_ALLOW ? "" : d.rule + ": " + d.message;
   // flatten now, and again at most once a second while positions remain (a closed market answers every
   // attempt with MARKET_CLOSED; hammering the server would itself break activity rules)
   if((d.action == VPG_FLATTEN_AND_HALT || d.action == VPG_PAUSE_UNTIL_RESET) && now - g_last_flatten_ms >= 1000)
     {
      g_last_flatten_ms = now;
      int n = g_exec.FlattenAll(VP_FILL_REASON_GOVERNOR);
      if(n > 0)
         PrintFormat("VProp governor: closed %d position(s) (%s)", n, d.rule);
     }
  }

void CollectPositions(VPGovPosition &out[])
  {
   ArrayResize(out, 0);
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong t = PositionGetTicket(i);
      if(t == 0)
         continue;
      string s = PositionGetString(POSITION_SYMBOL);
      int n = ArraySize(out);
      ArrayResize(out, n + 1);
      out[n].symbol = s;
      out[n].buy = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY;
      out[n].volume = PositionGetDouble(POSITION_VOLUME);
      out[n].open_price = PositionGetDouble(POSITION_PRICE_OPEN);
      out[n].stop_loss = PositionGetDouble(POSITION_SL);
      out[n].open_ms = PositionGetInteger(POSITION_TIME_MSC) - (long)ServerOffsetS() * 1000;
      out[n].profit = PositionGetDouble(POSITION_PROFIT) + PositionGetDouble(POSITION_SWAP);
      double ts = SymbolInfoDouble(s, SYMBOL_TRADE_TICK_SIZE);
      out[n].money_per_unit = ts > 0 ? SymbolInfoDouble(s, SYMBOL_TRADE_TICK_VALUE) / ts : 0;
      out[n].ticket = (long)t;                             // releases the order's in-flight reservation
      out[n].signal_id = g_session.store.SignalOf((long)t);
     }
  }

ENUM_VPG_ORDER_TYPE VPGOrderTypeOf(long mt5_type)
  {
   switch((int)mt5_type)
     {
      case ORDER_TYPE_BUY_LIMIT:
         return VPG_OT_BUY_LIMIT;
      case ORDER_TYPE_SELL_LIMIT:
         return VPG_OT_SELL_LIMIT;
      case ORDER_TYPE_BUY_STOP:
         return VPG_OT_BUY_STOP;
      case ORDER_TYPE_SELL_STOP:
         return VPG_OT_SELL_STOP;
      default:
         return VPG_OT_MARKET;
     }
  }

double MoneyPerUnit(const string &symbol)
  {
   double ts = SymbolInfoDouble(symbol, SYMBOL_TRADE_TICK_SIZE);
   return ts > 0 ? SymbolInfoDouble(symbol, SYMBOL_TRADE_TICK_VALUE) / ts : 0;
  }

// The resting pending orders (limits and stops; market orders in transit are not resting), for the governors.
void CollectOrders(VPGovOrder &out[])
  {
   ArrayResize(out, 0);
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong t = OrderGetTicket(i);
      ENUM_VPG_ORDER_TYPE type = VPGOrderTypeOf(OrderGetInteger(ORDER_TYPE));
      if(t == 0 || type == VPG_OT_MARKET)
         continue;
      int n = ArraySize(out);
      ArrayResize(out, n + 1);
      out[n].ticket = (long)t;
      out[n].symbol = OrderGetString(ORDER_SYMBOL);
      out[n].type = type;
      out[n].volume = OrderGetDouble(ORDER_VOLUME_CURRENT);
      out[n].price = OrderGetDouble(ORDER_PRICE_OPEN);
      out[n].stop_loss = OrderGetDouble(ORDER_SL);
      out[n].take_profit = OrderGetDouble(ORDER_TP);
      long expiration = OrderGetInteger(ORDER_TIME_EXPIRATION);
      out[n].expiry_ms = expiration > 0 ? (expiration - ServerOffsetS()) * 1000 : 0;
      out[n].money_per_unit = MoneyPerUnit(out[n].symbol);
      out[n].signal_id = g_session.store.SignalOf((long)t);
     }
  }

// A resting order as account.orders carries it (expiry in server time, as MT5 keeps it).
void PendingInfo(const VPGovOrder &o, VPPendingInfo &out)
  {
   out.ticket = o.ticket;
   out.symbol = o.symbol;
   out.type = (ENUM_VP_ORDER_TYPE)o.type;
   out.volume = o.volume;
   out.price = o.price;
   out.sl = o.stop_loss;
   out.tp = o.take_profit;
   out.expiry_msc = o.expiry_ms > 0 ? o.expiry_ms + (long)ServerOffsetS() * 1000 : 0;
   out.signal_id = o.signal_id;
  }

// The governors' news cancellation: resting orders that could fill inside an embargo window are deleted before it.
void CancelForNews(void)
  {
   for(int i = 0; i < g_gov.CancelCount(); i++)
     {
      long t = g_gov.CancelTicket(i);
      if(g_exec.CancelPending(t))
        {
         int n = ArraySize(g_news_cancelled);
         ArrayResize(g_news_cancelled, n + 1);
         g_news_cancelled[n] = t;
        }
     }
  }

//+------------------------------------------------------------------+
//| Signals                                                           |
//+------------------------------------------------------------------+
void Ack(const VPSignalMsg &s, const VPOutcome &o)
  {
   VPSignalAckMsg a;
   a.signal_id = s.id;
   a.status = o.status;
   a.rule = o.rule;
   a.reason = o.reason;
   a.ticket = o.ticket;
   a.price = o.price;
   g_session.SendReliable(a);
   PrintFormat("VProp: signal %s %s %s %s", s.id, VPAckStatusWire(o.status), o.rule, o.reason);
  }

void HandleSignal(const VPSignalMsg &s)
  {
   VPOutcome o;
   o.status = VP_ACK_REJECTED;
   o.rule = "";
   o.reason = "";
   o.ticket = 0;
   o.price = 0;
   long known = 0;
   bool duplicate = g_session.store.IsExecuted(s.id, known);
   if(s.kind == VP_SIGNAL_CLOSE)
     {
      g_exec.Close(g_session.store, s, o);
      Ack(s, o);
      return;
     }
   if(!duplicate)
     {
      // fail-safes and hard governors: nothing new when the terminal is offline or a rule says no
      if(!TerminalInfoInteger(TERMINAL_CONNECTED))
        {
         o.rule = "terminal-disconnected";
         o.reason = "the terminal has no connection to the trade server";
        }
      else
         if(g_mode != VP_MODE_OK)
           {
            o.rule = g_mode_rule;
            o.reason = VPGovModeWire(g_mode) + ": " + g_mode_reason;
           }
         else
            if(g_session.store.entries_paused)
              {
               o.rule = "control.paused";
               o.reason = "new entries are paused by the trader (resume to trade again)";
              }
            else
              {
               MqlTick tick;
               double entry = s.price;
               if(SymbolInfoTick(s.symbol, tick))
                  entry = s.side == VP_SIDE_BUY ? tick.ask : tick.bid;
               double ts = SymbolInfoDouble(s.symbol, SYMBOL_TRADE_TICK_SIZE);
               double mpu = ts > 0 ? SymbolInfoDouble(s.symbol, SYMBOL_TRADE_TICK_VALUE) / ts : 0;
               VPGovDecision d;
               // per signal: an allowed one is reserved under its id at once, so the next signal of this timer batch is
               // judged with it in the worst case (the positions were collected once, before the batch)
               if(s.order_type == VP_ORDER_MARKET)
                  g_gov.Order(NowUtcMs(), s.symbol, s.side == VP_SIDE_BUY, s.lots, entry, s.sl, -1, mpu, s.id, s.expiry_ms, d);
               else
                 {
                  // a pending order enters at its trigger and may rest until its expiry (the news rule's question)
                  VPGovOrder po;
                  po.ticket = 0;
                  po.symbol = s.symbol;
                  po.type = (ENUM_VPG_ORDER_TYPE)s.order_type;
                  po.volume = s.lots;
                  po.price = s.price;
                  po.stop_loss = s.sl;
                  po.take_profit = s.tp2 > 0 ? s.tp2 : s.tp1;
                  po.expiry_ms = s.expiry_ms;
                  po.money_per_unit = mpu;
                  po.signal_id = s.id;
                  g_gov.PendingCheck(NowUtcMs(), po, s.id, d);
                 }
               if(d.action != VPG_ALLOW)
                 {
                  o.rule = d.rule;
                  o.reason = d.message;
                  PrintFormat("VProp governor [order %s]: %s %s - %s", s.id, VPGovActionName(d.action), d.rule, d.message);
                  if(d.action == VPG_FLATTEN_AND_HALT || d.action == VPG_PAUSE_UNTIL_RESET)
                     ApplyDecision(d, "order");
                 }
              }
      if(o.rule != "")
        {
         g_session.store.MarkExecuted(s.id, 0); // answered for good: a resend is not a second chance
         Ack(s, o);
         return;
        }
     }
   g_exec.Open(g_session.store, s, NowUtcMs(), o);
   // the governors' reservation follows the outcome: released if rejected, tied to the position's ticket if executed
   // (then it counts until the next snapshot shows the position, or its exit fills arrive)
   VPGovDecision ad;
   g_gov.Ack(NowUtcMs(), s.id, o.status, o.ticket, ad);
   Ack(s, o);
  }

//+------------------------------------------------------------------+
//| Controls: the trader's pause, resume, flatten, close, cancel      |
//+------------------------------------------------------------------+
// Applied once per id (the Store keeps the answer: a resent control is answered again, never applied again), the
// pause kept in the Store so a restart keeps it. The governors act as always, paused or not.
void HandleControl(const VPControlMsg &c)
  {
   VPControlAckMsg a;
   if(g_session.store.ControlAnswer(c.id, a))
     {
      g_session.SendReliable(a);
      PrintFormat("VProp: control %s answered again (%s)", c.id, VPControlStatusWire(a.status));
      return;
     }
   a.control_id = c.id;
   a.status = VP_CONTROL_APPLIED;
   a.reason = "";
   a.closed = 0;
   a.cancelled = 0;
   int failed = 0;
   switch(c.action)
     {
      case VP_CONTROL_PAUSE_ENTRIES:
         g_session.store.entries_paused = true;
         g_session.store.SaveState();
         a.reason = "new entries paused";
         break;
      case VP_CONTROL_RESUME:
         g_session.store.entries_paused = false;
         g_session.store.SaveState();
         a.reason = "new entries allowed";
         break;
      case VP_CONTROL_FLATTEN_ALL:
         a.closed = g_exec.CloseVProp(c.symbol, 0, VP_FILL_REASON_CLIENT, failed);
         a.reason = IntegerToString(a.closed) + " position(s) closed";
         break;
      case VP_CONTROL_CLOSE_POSITION:
         a.closed = g_exec.CloseVProp("", c.position, VP_FILL_REASON_CLIENT, failed);
         if(a.closed == 0 && failed == 0)
           {
            a.status = VP_CONTROL_REFUSED;
            a.reason = "no VProp position with ticket " + IntegerToString(c.position);
           }
         else
            a.reason = "position " + IntegerToString(c.position) + " closed";
         break;
      case VP_CONTROL_CANCEL_PENDING:
         a.cancelled = g_exec.CancelPending(c.symbol, failed);
         a.reason = IntegerToString(a.cancelled) + " pending order(s) cancelled";
         break;
     }
   if(failed > 0)
     {
      a.status = VP_CONTROL_REFUSED;
      a.reason = IntegerToString(failed) + " could not be " + (c.action == VP_CONTROL_CANCEL_PENDING ? "cancelled" : "closed") +
                 " (see the Experts log); " + a.reason;
     }
   g_session.store.MarkControl(a);
   g_session.SendReliable(a);
   PrintFormat("VProp: control %s %s (%s): %s %s", c.id, VPControlActionWire(c.action), c.reason, VPControlStatusWire(a.status), a.reason);
  }

//+------------------------------------------------------------------+
//| Streaming                                                         |
//+------------------------------------------------------------------+
void StreamTicks(void)
  {
   if(!g_session.Welcomed())
      return; // a tick that is late is worthless; the next one goes out after welcome
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      MqlTick t;
      if(!SymbolInfoTick(g_symbols[i], t) || t.time_msc == g_last_tick_msc[i] || t.bid <= 0 || t.ask < t.bid)
         continue;
      g_last_tick_msc[i] = t.time_msc;
      VPTickMsg m;
      m.symbol = g_symbols[i];
      m.bid = t.bid;
      m.ask = t.ask;
      m.last = t.last;
      m.volume = (double)t.volume;
      m.time_msc = t.time_msc;
      m.flags = (int)t.flags;
      g_session.SendVolatile(m);
     }
  }

// The broker's tick value of each symbol (protocol.md 4c): for a cross or a JPY pair it moves with the conversion
// rate all day, and the sidecar sizes and values the symbol with it. Every symbol once after each welcome (the hello
// may carry the value of OnInit), then a symbol whose value moved more than InpTickValueMovePct since it was last
// sent, looked at once a second per symbol at most.
void SendSymbolUpdates(void)
  {
   if(!g_session.Welcomed())
      return;
   bool all = g_session.welcomes != g_tv_welcomes;
   g_tv_welcomes = g_session.welcomes;
   long now = (long)GetTickCount64();
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      if(!all && now - g_tv_checked_ms[i] < 1000)
         continue;
      g_tv_checked_ms[i] = now;
      double tv = SymbolInfoDouble(g_symbols[i], SYMBOL_TRADE_TICK_VALUE);
      if(tv <= 0 || !MathIsValidNumber(tv))
         continue; // no rate yet (the symbol's conversion pair has no quote): the sidecar keeps what it has
      if(!all && MathAbs(tv - g_tv_sent[i]) <= g_tv_sent[i] * InpTickValueMovePct / 100.0)
         continue;
      VPSymbolUpdateMsg m;
      m.symbol = g_symbols[i];
      m.tick_value = tv;
      if(g_session.SendVolatile(m))
         g_tv_sent[i] = tv;
     }
  }

void StreamBars(void)
  {
   if(!g_session.Welcomed())
      return; // closed bars wait for the welcome
   int ntf = ArraySize(g_tfs);
   for(int i = 0; i < ArraySize(g_symbols); i++)
      for(int k = 0; k < ntf; k++)
        {
         MqlRates r[];
         if(CopyRates(g_symbols[i], g_tfs[k], 1, 1, r) != 1)
            continue;
         int slot = i * ntf + k;
         long t = (long)r[0].time;
         if(t <= g_last_bar_time[slot])
            continue;
         g_last_bar_time[slot] = t;
         VPBarMsg m;
         m.symbol = g_symbols[i];
         m.timeframe = g_tfs[k];
         m.time_msc = t * 1000;
         m.open = r[0].open;
         m.high = r[0].high;
         m.low = r[0].low;
         m.close = r[0].close;
         m.tick_volume = r[0].tick_volume;
         m.spread = r[0].spread;
         g_session.SendVolatile(m);
        }
  }

//+------------------------------------------------------------------+
//| Balance operations: deals that are not trades                     |
//+------------------------------------------------------------------+
// The VProp kind of a deal type that is not a trade; false for the ones that move no money of the account's
// (cancellations). A negative DEAL_TYPE_BALANCE is a payout when its comment says so (firms book the reward as a
// balance deal), else a withdrawal: both are the trader's own money out, handled alike by the governors.
bool BalanceKindOf(long type, double amount, const string &comment, ENUM_VP_BALANCE_KIND &kind)
  {
   string c = comment;
   StringToLower(c);
   if(type == DEAL_TYPE_BALANCE)
      kind = amount > 0 ? VP_BAL_DEPOSIT :
             (StringFind(c, "payout") >= 0 || StringFind(c, "reward") >= 0 || StringFind(c, "profit split") >= 0 ?
              VP_BAL_PAYOUT : VP_BAL_WITHDRAWAL);
   else
      if(type == DEAL_TYPE_CREDIT)
         kind = VP_BAL_CREDIT;
      else
         if(type == DEAL_TYPE_BONUS)
            kind = VP_BAL_BONUS;
         else
            if(type == DEAL_TYPE_CORRECTION)
               kind = VP_BAL_CORRECTION;
            else
               if(type == DEAL_TYPE_COMMISSION || type == DEAL_TYPE_COMMISSION_DAILY || type == DEAL_TYPE_COMMISSION_MONTHLY ||
                  type == DEAL_TYPE_COMMISSION_AGENT_DAILY || type == DEAL_TYPE_COMMISSION_AGENT_MONTHLY)
                  kind = VP_BAL_COMMISSION;
               else
                  // fees, interest, dividends, tax: money of holding positions, counted as profit or loss
                  if(type == DEAL_TYPE_CHARGE || type == DEAL_TYPE_INTEREST || type == DEAL_DIVIDEND ||
                     type == DEAL_DIVIDEND_FRANKED || type == DEAL_TAX)
                     kind = VP_BAL_CHARGE;
                  else
                     return false;
   return true;
  }

// Reports a balance operation once: to the EA's governors (before any snapshot that shows it) and, reliable, to the
// sidecar. Its amount is the deal's profit, in account currency.
void ReportBalanceDeal(ulong deal)
  {
   int n = MathMin(g_bal_sent_count, VP_BALANCE_SENT);
   for(int i = 0; i < n; i++)
      if(g_bal_sent[i] == (long)deal)
         return;
   long type = HistoryDealGetInteger(deal, DEAL_TYPE);
   double amount = HistoryDealGetDouble(deal, DEAL_PROFIT);
   string comment = HistoryDealGetString(deal, DEAL_COMMENT);
   ENUM_VP_BALANCE_KIND kind = VP_BAL_DEPOSIT;
   if(amount == 0 || !MathIsValidNumber(amount) || !BalanceKindOf(type, amount, comment, kind))
      return;
   g_bal_sent[g_bal_sent_count % VP_BALANCE_SENT] = (long)deal;
   g_bal_sent_count++;
   VPBalanceMsg m;
   m.deal = (long)deal;
   m.kind = kind;
   m.amount = amount;
   m.time_msc = HistoryDealGetInteger(deal, DEAL_TIME_MSC);
   m.comment = comment;
   g_session.SendReliable(m);
   VPGovDecision d;
   g_gov.Balance(NowUtcMs(), (ENUM_VPG_BALANCE_KIND)kind, VPGCents(amount), (long)deal, d);
   PrintFormat("VProp: balance operation %s %.2f (deal %I64d): not trading profit or loss", VPBalanceKindWire(kind), amount, (long)deal);
   if(d.action != VPG_ALLOW)
      ApplyDecision(d, "balance");
  }

// Before every snapshot: a balance or credit that moved may be a balance operation whose transaction the terminal
// has not delivered yet (OnTimer runs first): find it in the deal history so the snapshot never shows it first.
void ScanBalanceDeals(void)
  {
   double balance = AccountInfoDouble(ACCOUNT_BALANCE);
   double credit = AccountInfoDouble(ACCOUNT_CREDIT);
   if(balance == g_bal_seen_balance && credit == g_bal_seen_credit)
      return;
   g_bal_seen_balance = balance;
   g_bal_seen_credit = credit;
   datetime now = TimeCurrent();
   if(!HistorySelect(g_bal_scan_from, now + 60))
      return;
   int total = HistoryDealsTotal();
   for(int i = 0; i < total; i++)
     {
      ulong t = HistoryDealGetTicket(i);
      long type = HistoryDealGetInteger(t, DEAL_TYPE);
      if(t > 0 && type != DEAL_TYPE_BUY && type != DEAL_TYPE_SELL)
         ReportBalanceDeal(t);
     }
   g_bal_scan_from = now - 60; // a minute back: a deal stamped a little earlier than the clock is still found
  }

// On a balance change, a position opened/closed, or every InpAccountEveryS seconds.
void StreamAccount(bool force)
  {
   ScanBalanceDeals();
   double balance = AccountInfoDouble(ACCOUNT_BALANCE);
   int npos = PositionsTotal();
   int nord = OrdersTotal();
   long now = (long)GetTickCount64();
   if(!force && balance == g_last_balance && npos == g_last_positions && nord == g_last_orders &&
      now - g_last_account_ms < InpAccountEveryS * 1000)
      return;
   g_last_balance = balance;
   g_last_positions = npos;
   g_last_orders = nord;
   g_last_account_ms = now;
   VPAccountMsg m;
   m.balance = balance;
   m.equity = AccountInfoDouble(ACCOUNT_EQUITY);
   m.margin = AccountInfoDouble(ACCOUNT_MARGIN);
   m.free_margin = AccountInfoDouble(ACCOUNT_MARGIN_FREE);
   ArrayResize(m.positions, npos);
   int n = 0;
   for(int i = 0; i < npos; i++)
     {
      ulong t = PositionGetTicket(i);
      double vol = PositionGetDouble(POSITION_VOLUME);
      double open = PositionGetDouble(POSITION_PRICE_OPEN);
      if(t == 0 || vol <= 0 || open <= 0)
         continue;
      m.positions[n].ticket = (long)t;
      m.positions[n].symbol = PositionGetString(POSITION_SYMBOL);
      m.positions[n].side = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? VP_SIDE_BUY : VP_SIDE_SELL;
      m.positions[n].volume = vol;
      m.positions[n].price_open = open;
      m.positions[n].sl = PositionGetDouble(POSITION_SL);
      m.positions[n].tp = PositionGetDouble(POSITION_TP);
      m.positions[n].profit = PositionGetDouble(POSITION_PROFIT);
      m.positions[n].swap = PositionGetDouble(POSITION_SWAP);
      m.positions[n].commission = 0;
      m.positions[n].time_msc = PositionGetInteger(POSITION_TIME_MSC);
      m.positions[n].signal_id = g_session.store.SignalOf((long)t);
      n++;
     }
   ArrayResize(m.positions, n);
   VPGovOrder os[];
   CollectOrders(os);
   ArrayResize(m.orders, ArraySize(os));
   for(int i = 0; i < ArraySize(os); i++)
      PendingInfo(os[i], m.orders[i]);
   if(MathIsValidNumber(m.equity) && MathIsValidNumber(m.balance))
      g_session.SendReliable(m);
  }

//+------------------------------------------------------------------+
//| State on attach: the firm state from the account's deal history   |
//+------------------------------------------------------------------+
// Server time (deal times) to UTC. MT5 servers at GMT+2/+3 switch with New York (the profiles' Broker/US-DST): a deal
// before a switch is converted with the offset of its own date, not today's; any other server keeps its offset.
long ServerToUtcMs(long server_ms)
  {
   int offset = ServerOffsetS();
   VPZone z;
   if((offset == 7200 || offset == 10800) && VPZoneParse("Broker/US-DST", z))
      return VPZoneToUtc(z, server_ms);
   return server_ms - (long)offset * 1000;
  }

// Reads the whole deal history (HistorySelect), rebuilds the firm state with the governors' replay and starts the
// ledger from it. Blocked (nothing opened) until it is proven; the reason says what to configure.
void RebuildFirmState(void)
  {
   VPGovDeal deals[];
   int kept = 0;
   if(HistorySelect(0, TimeCurrent() + 86400))
     {
      int n = HistoryDealsTotal();
      ArrayResize(deals, n);
      for(int i = 0; i < n; i++)
        {
         ulong t = HistoryDealGetTicket(i);
         if(t == 0)
            continue;
         long type = HistoryDealGetInteger(t, DEAL_TYPE);
         if(type == DEAL_TYPE_CREDIT)
            continue; // credit is not in the balance (ACCOUNT_CREDIT): not a movement of it
         long entry = HistoryDealGetInteger(t, DEAL_ENTRY);
         bool trade = type == DEAL_TYPE_BUY || type == DEAL_TYPE_SELL;
         deals[kept].t = ServerToUtcMs(HistoryDealGetInteger(t, DEAL_TIME_MSC));
         deals[kept].kind = !trade ? VPG_DEAL_BALANCE : (entry == DEAL_ENTRY_IN ? VPG_DEAL_IN : VPG_DEAL_OUT);
         deals[kept].position = trade ? HistoryDealGetInteger(t, DEAL_POSITION_ID) : 0;
         deals[kept].volume = trade ? HistoryDealGetDouble(t, DEAL_VOLUME) : 0;
         deals[kept].amount = HistoryDealGetDouble(t, DEAL_PROFIT) + HistoryDealGetDouble(t, DEAL_COMMISSION) +
                              HistoryDealGetDouble(t, DEAL_SWAP);
         kept++;
        }
     }
   ArrayResize(deals, kept);
   long start = InpChallengeStart > 0 ? g_gov.FirmDayOfDate((long)InpChallengeStart * 1000) : 0;
   g_gov.Rebuild(NowUtcMs(), AccountInfoDouble(ACCOUNT_BALANCE), AccountInfoDouble(ACCOUNT_EQUITY), start, InpInitialBalance,
                 deals, g_attach);
   g_gov.Attach(g_attach);
   g_firm_state_welcomes = -1; // a rebuilt state is sent again
   if(g_attach.ok)
      PrintFormat("VProp: firm state rebuilt from %d deal(s): initial %.2f, day-start balance %.2f, high-water %.2f, %d trading day(s)%s",
                  g_attach.deals_read, g_attach.initial, g_attach.day_start_balance, g_attach.high_water,
                  g_attach.trading_days + (g_attach.traded_today ? 1 : 0), g_attach.rule == "" ? "" : "; " + g_attach.reason);
   else
      PrintFormat("VProp: BLOCKED: %s", g_attach.reason);
  }

// firm_state after every welcome (a new sidecar session starts its governors from it) and after a rebuild
void SendFirmState(void)
  {
   if(!g_session.Welcomed() || g_session.welcomes == g_firm_state_welcomes)
      return;
   if(!g_attach.ok && g_firm_state_welcomes >= 0)
      RebuildFirmState(); // blocked: the terminal may have loaded more history since
   g_firm_state_welcomes = g_session.welcomes;
   VPFirmStateMsg m;
   m.ok = g_attach.ok;
   m.rule = g_attach.rule;
   m.reason = g_attach.reason;
   m.blocked_until_ms = g_attach.blocked_until;
   m.challenge_start_ms = MathMax(0, g_attach.start);
   m.initial_balance = g_attach.initial;
   m.time_ms = g_attach.now;
   m.balance = g_attach.balance;
   m.equity = g_attach.equity;
   m.day_start_ms = MathMax(0, g_attach.day_start);
   m.next_reset_ms = MathMax(0, g_attach.next_reset);
   m.day_start_balance = g_attach.day_start_balance;
   m.day_start_equity = g_attach.day_start_equity;
   m.high_water = g_attach.high_water;
   m.trading_days = g_attach.trading_days;
   m.traded_today = g_attach.traded_today;
   m.profitable_days = g_attach.profitable_days;
   m.day_profit = g_attach.day_profit;
   m.best_day = g_attach.best_day;
   m.deals_read = g_attach.deals_read;
   g_session.SendReliable(m);
  }

void SendGovernorState(bool force)
  {
   long now = (long)GetTickCount64();
   if(!g_session.Welcomed())
      return;
   if(g_session.welcomes != g_last_welcomes)
      force = true; // a fresh session learns the mode at once
   g_last_welcomes = g_session.welcomes;
   if(!force && g_mode == g_last_mode && now - g_last_governor_ms < 1000)
      return;
   g_last_mode = g_mode;
   g_last_governor_ms = now;
   VPGovernorStateMsg m;
   m.mode = g_mode;
   m.reason = g_mode_reason;
   g_gov.RuleStates(m.rules);
   g_session.SendVolatile(m);
  }

string CurrencyOfEvent(const MqlCalendarEvent &ev)
  {
   MqlCalendarCountry country;
   if(!CalendarCountryById(ev.country_id, country))
      return "";
   return country.currency;
  }

// Open times of positions (UTC ms), learnt from their entry deals: exits need them (hold time, news exemption).
long   g_open_ids[];
long   g_open_ms[];

void RememberOpen(long position, long utc_ms)
  {
   int n = ArraySize(g_open_ids);
   ArrayResize(g_open_ids, n + 1);
   ArrayResize(g_open_ms, n + 1);
   g_open_ids[n] = position;
   g_open_ms[n] = utc_ms;
  }

long OpenTimeOf(long position, long fallback)
  {
   for(int i = ArraySize(g_open_ids) - 1; i >= 0; i--)
      if(g_open_ids[i] == position)
         return g_open_ms[i];
   return fallback;
  }

// High-impact releases of the watched symbols' currencies from the MT5 economic calendar, once a minute.
void PollCalendar(void)
  {
   if(!InpUseCalendar)
      return;
   long now_s = (long)TimeGMT();
   if(now_s - g_last_calendar_s < 60)
      return;
   g_last_calendar_s = now_s;
   MqlCalendarValue values[];
   datetime from = TimeTradeServer();
   int n = CalendarValueHistory(values, from, from + 86400);
   for(int i = 0; i < n; i++)
     {
      MqlCalendarEvent ev;
      if(!CalendarEventById(values[i].event_id, ev) || ev.importance != CALENDAR_IMPORTANCE_HIGH)
         continue;
      string currency = CurrencyOfEvent(ev);
      if(currency == "")
         continue;
      VPGovDecision d;
      long release_ms = ((long)values[i].time - ServerOffsetS()) * 1000;
      g_gov.News(NowUtcMs(), release_ms, currency, VP_IMPACT_HIGH, d);
     }
  }

// High-impact (and lower) releases the sidecar pushes from its own calendar (protocol type news): to the governors,
// exactly as the MT5 calendar's ("All" = every currency; the governors upper-case it). Drained before the signals of
// the same timer, so a signal that arrives together with the news that embargoes it is refused.
void DrainSidecarNews(void)
  {
   VPNewsMsg n;
   while(g_session.NextNews(n))
     {
      VPGovDecision d;
      g_gov.News(NowUtcMs(), n.release_ms, n.currency, n.impact, d);
      if(d.action != VPG_ALLOW)
         ApplyDecision(d, "news");
     }
  }

string SessionText(void)
  {
   switch(g_session.State())
     {
      case VP_SESSION_WELCOMED:
         return g_session.Stale() ? "sidecar STALE" : "sidecar connected";
      case VP_SESSION_HELLO_SENT:
         return "connecting to sidecar...";
      default:
         return "not connected";
     }
  }

void UpdatePanel(void)
  {
   string text = "VProp  " + SessionText() +
                 "\nmode: " + VPGovModeWire(g_mode) + (g_mode_reason != "" ? " (" + g_mode_reason + ")" : "") +
                 (g_session.store.entries_paused ? "\nentries PAUSED by the trader (resume from the panel)" : "") +
                 "\nprofile: " + InpFirmProfile + "   unacked: " + IntegerToString(g_session.OutboxSize()) +
                 "\n" + g_gov.Summary();
   Comment(text);
  }

void OnTimer(void)
  {
   if(!g_ready)
      return;
   g_session.Poll();
   SendFirmState(); // first after a welcome: the sidecar's governors start from it, before the account snapshot
   ScanBalanceDeals(); // before the snapshot below: the money a balance operation moved is never read as P&L
   // fail-safe: a silent sidecar means no new entries (and, if configured, flat after a longer silence)
   long silent_s = g_session.SilentMs() / 1000;
   VPGovDecision d;
   VPGovPosition positions[];
   CollectPositions(positions);
   CollectOrders(g_resting);
   g_gov.Account(NowUtcMs(), AccountInfoDouble(ACCOUNT_BALANCE), AccountInfoDouble(ACCOUNT_EQUITY), positions, g_resting, d);
   CancelForNews();
   if(d.action == VPG_ALLOW && silent_s >= InpSidecarSilentS)
     {
      d.action = VPG_BLOCK_NEW_ENTRIES;
      d.rule = "sidecar-silent";
      d.message = "No message from the sidecar for " + IntegerToString(silent_s) + " s: no new entries.";
      if(InpFlattenOnSilence && silent_s >= InpFlattenSilentS)
        {
         d.action = VPG_PAUSE_UNTIL_RESET;
         d.message = "No message from the sidecar for " + IntegerToString(silent_s) + " s: flattening.";
        }
     }
   if(d.action == VPG_ALLOW && !TerminalInfoInteger(TERMINAL_CONNECTED))
     {
      d.action = VPG_BLOCK_NEW_ENTRIES;
      d.rule = "terminal-disconnected";
      d.message = "The terminal has no connection to the trade server: nothing new.";
     }
   ApplyDecision(d, "timer");
   DrainSidecarNews();
   // signals after the governors' and fail-safe's verdict on the current state, never before
   VPEnvelope env;
   VPSignalMsg s;
   VPControlMsg c;
   bool more = true;
   while(more)
     {
      more = false;
      while(g_session.NextSignal(env, s))
        {
         HandleSignal(s);
         g_session.Processed(env.seq);
        }
      if(g_session.NextControl(env, c))    // in the order the sidecar sent them
        {
         HandleControl(c);
         g_session.Processed(env.seq);
         more = true;
        }
     }
   g_exec.Manage(g_session.store);
   SendSymbolUpdates(); // before the ticks: the sidecar values what they move at the broker's rate
   StreamTicks();
   StreamBars();
   StreamAccount(false);
   PollCalendar();
   SendGovernorState(false);
   g_session.Housekeeping();
   UpdatePanel();
  }

//+------------------------------------------------------------------+
//| Fills: every DEAL_ADD, with its signal id                         |
//+------------------------------------------------------------------+
// A pending order's step (ORDER_ADD of a limit or stop, ORDER_DELETE of one): the order message and the governors.
void OnOrderTransaction(const MqlTradeTransaction &trans)
  {
   long ticket = (long)trans.order;
   VPGovOrder o;
   ENUM_VPG_PENDING_STATE state = VPG_PS_PLACED;
   if(trans.type == TRADE_TRANSACTION_ORDER_ADD || trans.type == TRADE_TRANSACTION_ORDER_UPDATE)
     {
      VPGovOrder now[];
      CollectOrders(now);
      int k = -1;
      for(int i = 0; i < ArraySize(now); i++)
         if(now[i].ticket == ticket)
            k = i;
      if(k < 0)
         return; // a market order in transit, or already gone
      o = now[k];
      state = trans.type == TRADE_TRANSACTION_ORDER_ADD ? VPG_PS_PLACED : VPG_PS_MODIFIED;
      ArrayResize(g_resting, ArraySize(now));
      for(int i = 0; i < ArraySize(now); i++)
         g_resting[i] = now[i];
     }
   else
     {
      int k = -1;
      for(int i = 0; i < ArraySize(g_resting); i++)
         if(g_resting[i].ticket == ticket)
            k = i;
      if(k < 0)
         return; // not a pending order this EA saw resting
      o = g_resting[k];
      ArrayRemove(g_resting, k, 1);
      long st = HistoryOrderSelect((ulong)ticket) ? HistoryOrderGetInteger((ulong)ticket, ORDER_STATE) : ORDER_STATE_CANCELED;
      state = st == ORDER_STATE_FILLED ? VPG_PS_FILLED : st == ORDER_STATE_EXPIRED ? VPG_PS_EXPIRED
              : st == ORDER_STATE_REJECTED ? VPG_PS_REJECTED : VPG_PS_CANCELLED;
     }
   VPOrderMsg m;
   m.ticket = ticket;
   m.state = (ENUM_VP_ORDER_STATE)state;
   m.symbol = o.symbol;
   m.type = (ENUM_VP_ORDER_TYPE)o.type;
   m.volume = o.volume;
   m.price = o.price;
   m.sl = o.stop_loss;
   m.tp = o.take_profit;
   m.expiry_msc = o.expiry_ms > 0 ? o.expiry_ms + (long)ServerOffsetS() * 1000 : 0;
   m.signal_id = o.signal_id;
   m.reason = "";
   for(int i = 0; i < ArraySize(g_news_cancelled); i++)
      if(g_news_cancelled[i] == ticket && state == VPG_PS_CANCELLED)
        {
         m.reason = "news-pending";
         ArrayRemove(g_news_cancelled, i, 1);
         break;
        }
   m.time_msc = NowUtcMs() + (long)ServerOffsetS() * 1000;
   g_session.SendReliable(m);
   VPGovDecision d;
   g_gov.Pending(NowUtcMs(), state, o, d);
   if(d.action == VPG_FLATTEN_AND_HALT || d.action == VPG_PAUSE_UNTIL_RESET)
      ApplyDecision(d, "order");
  }

void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(g_ready && (trans.type == TRADE_TRANSACTION_ORDER_ADD || trans.type == TRADE_TRANSACTION_ORDER_UPDATE ||
                  trans.type == TRADE_TRANSACTION_ORDER_DELETE))
     {
      OnOrderTransaction(trans);
      return;
     }
   if(!g_ready || trans.type != TRADE_TRANSACTION_DEAL_ADD)
      return;
   ulong deal = trans.deal;
   if(!HistoryDealSelect(deal))
      return;
   long type = HistoryDealGetInteger(deal, DEAL_TYPE);
   if(type != DEAL_TYPE_BUY && type != DEAL_TYPE_SELL)
     {
      ReportBalanceDeal(deal); // not a fill: a balance operation, then the snapshot that shows it
      StreamAccount(true);
      return;
     }
   long entry = HistoryDealGetInteger(deal, DEAL_ENTRY);
   long position = HistoryDealGetInteger(deal, DEAL_POSITION_ID);
   long reason = HistoryDealGetInteger(deal, DEAL_REASON);
   double price = HistoryDealGetDouble(deal, DEAL_PRICE);
   double volume = HistoryDealGetDouble(deal, DEAL_VOLUME);
   if(price <= 0 || volume <= 0)
      return;
   VPFillMsg f;
   f.deal = (long)deal;
   f.order = HistoryDealGetInteger(deal, DEAL_ORDER);
   f.position = position;
   f.signal_id = g_session.store.SignalOf(position);
   f.symbol = HistoryDealGetString(deal, DEAL_SYMBOL);
   f.side = type == DEAL_TYPE_BUY ? VP_SIDE_BUY : VP_SIDE_SELL;
   f.entry = entry == DEAL_ENTRY_IN ? VP_ENTRY_IN : (entry == DEAL_ENTRY_INOUT ? VP_ENTRY_INOUT : VP_ENTRY_OUT);
   f.price = price;
   f.volume = volume;
   f.commission = HistoryDealGetDouble(deal, DEAL_COMMISSION);
   f.swap = HistoryDealGetDouble(deal, DEAL_SWAP);
   f.profit = HistoryDealGetDouble(deal, DEAL_PROFIT);
   f.time_msc = HistoryDealGetInteger(deal, DEAL_TIME_MSC);
   // why the deal happened: the server's reason for stops and stop-outs, else what the EA recorded when it closed
   ENUM_VP_FILL_REASON why = g_exec.TakeReason(position);
   if(reason == DEAL_REASON_SL)
      why = VP_FILL_REASON_SL;
   else
      if(reason == DEAL_REASON_TP)
         why = VP_FILL_REASON_TP;
      else
         if(reason == DEAL_REASON_SO)
            why = VP_FILL_REASON_STOP_OUT;
         else
            if(why == VP_FILL_REASON_NONE)
               why = reason == DEAL_REASON_EXPERT ? VP_FILL_REASON_EXPERT : VP_FILL_REASON_CLIENT;
   bool opening = f.entry == VP_ENTRY_IN;
   f.reason = opening ? VP_FILL_REASON_NONE : why;
   g_session.SendReliable(f);
   VPGovDecision d;
   long now = NowUtcMs();
   long open_ms = MathMin(now, f.time_msc - (long)ServerOffsetS() * 1000);
   if(opening)
      RememberOpen(position, open_ms);
   g_gov.Fill(now, f.symbol, f.side == VP_SIDE_BUY, volume, price, opening,
              f.profit + f.commission + f.swap, opening ? now : OpenTimeOf(position, open_ms), f.signal_id, position,
              f.time_msc - (long)ServerOffsetS() * 1000, d);
   if(d.action != VPG_ALLOW)
      ApplyDecision(d, "fill");
   StreamAccount(true);
  }
//+------------------------------------------------------------------+
