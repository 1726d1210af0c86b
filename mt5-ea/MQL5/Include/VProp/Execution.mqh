//+------------------------------------------------------------------+
//| Execution.mqh - turns a signal into trades with CTrade:           |
//| filling mode from the symbol, deviation, stop/freeze levels, the  |
//| retcode policy (retry requote/price changed/off quotes with a     |
//| fresh price; give up on invalid stops, no money, market closed),  |
//| TP1 partial close then TP2, optional break-even after TP1.        |
//| Every signal id executes at most once (ids persisted in Store).   |
//+------------------------------------------------------------------+
#ifndef VPROP_EXECUTION_MQH
#define VPROP_EXECUTION_MQH

#include <Trade\Trade.mqh>
#include <VProp/Protocol.mqh>
#include <VProp/Store.mqh>

// What became of a signal: the signal_ack's status/rule/reason/ticket/price.
struct VPOutcome
  {
   ENUM_VP_ACK_STATUS status;
   string            rule;     // why rejected: a governor rule id or an execution rule
   string            reason;
   long              ticket;
   double            price;
  };

// Retcode policy: what to do after a trade server answer.
enum ENUM_VP_RC_ACTION
  {
   VP_RC_SUCCESS = 0,   // done (or placed, or partly done)
   VP_RC_RETRY   = 1,   // try again with a fresh price
   VP_RC_GIVE_UP = 2    // final: answer the signal with the reason
  };

ENUM_VP_RC_ACTION VPRetcodeAction(uint rc)
  {
   if(rc == TRADE_RETCODE_DONE || rc == TRADE_RETCODE_PLACED || rc == TRADE_RETCODE_DONE_PARTIAL)
      return VP_RC_SUCCESS;
   if(rc == TRADE_RETCODE_REQUOTE || rc == TRADE_RETCODE_PRICE_CHANGED || rc == TRADE_RETCODE_PRICE_OFF ||
      rc == TRADE_RETCODE_TIMEOUT || rc == TRADE_RETCODE_TOO_MANY_REQUESTS || rc == TRADE_RETCODE_CONNECTION)
      return VP_RC_RETRY;
   return VP_RC_GIVE_UP;
  }

string VPRetcodeName(uint rc)
  {
   if(rc == TRADE_RETCODE_REQUOTE) return "requote";
   if(rc == TRADE_RETCODE_REJECT) return "rejected";
   if(rc == TRADE_RETCODE_DONE) return "done";
   if(rc == TRADE_RETCODE_TIMEOUT) return "timeout";
   if(rc == TRADE_RETCODE_INVALID) return "invalid_request";
   if(rc == TRADE_RETCODE_INVALID_VOLUME) return "invalid_volume";
   if(rc == TRADE_RETCODE_INVALID_PRICE) return "invalid_price";
   if(rc == TRADE_RETCODE_INVALID_STOPS) return "invalid_stops";
   if(rc == TRADE_RETCODE_TRADE_DISABLED) return "trade_disabled";
   if(rc == TRADE_RETCODE_MARKET_CLOSED) return "market_closed";
   if(rc == TRADE_RETCODE_NO_MONEY) return "no_money";
   if(rc == TRADE_RETCODE_PRICE_CHANGED) return "price_changed";
   if(rc == TRADE_RETCODE_PRICE_OFF) return "off_quotes";
   if(rc == TRADE_RETCODE_TOO_MANY_REQUESTS) return "too_many_requests";
   if(rc == TRADE_RETCODE_FROZEN) return "frozen";
   if(rc == TRADE_RETCODE_INVALID_FILL) return "invalid_fill";
   if(rc == TRADE_RETCODE_CONNECTION) return "no_connection";
   if(rc == TRADE_RETCODE_LIMIT_POSITIONS) return "limit_positions";
   return "retcode_" + IntegerToString(rc);
  }

// The filling mode a market order needs on this symbol: FOK if allowed, else IOC, else RETURN.
ENUM_ORDER_TYPE_FILLING VPFillingFor(const string &symbol)
  {
   long modes = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   if((modes & SYMBOL_FILLING_FOK) != 0)
      return ORDER_FILLING_FOK;
   if((modes & SYMBOL_FILLING_IOC) != 0)
      return ORDER_FILLING_IOC;
   return ORDER_FILLING_RETURN;
  }

// Lots rounded down to the symbol's step; 0 when below the minimum.
double VPNormalizeLots(const string &symbol, double lots)
  {
   double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
   double vmin = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN);
   double vmax = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MAX);
   if(step <= 0)
      return 0;
   double n = MathFloor(lots / step + 1e-9) * step;
   n = NormalizeDouble(MathMin(n, vmax), 8);
   return n < vmin - 1e-12 ? 0 : n;
  }

class CVPExecutor
  {
private:
   CTrade            m_trade;
   ulong             m_magic;
   int               m_retries;
   int               m_deviation_points;
   double            m_tp1_fraction;
   bool              m_breakeven;
   long              m_manage_after_ms;  // after a failed TP1 close, wait a second before trying again

   void              Reject(VPOutcome &o, const string &rule, const string &reason)
     {
      o.status = VP_ACK_REJECTED;
      o.rule = rule;
      o.reason = reason;
     }
   bool              StopsOk(const string &symbol, bool buy, double price, double sl, double tp, string &why);

public:
   // reason per position for the next closing deal (tp1_partial, governor ...), read by the fill reporter
   long              pending_reason_ticket[];
   ENUM_VP_FILL_REASON pending_reason[];

   void              Configure(ulong magic, int retries, int deviation_points, double tp1_fraction, bool breakeven)
     {
      m_magic = magic;
      m_retries = retries;
      m_deviation_points = deviation_points;
      m_tp1_fraction = tp1_fraction;
      m_breakeven = breakeven;
      m_manage_after_ms = 0;
      m_trade.SetExpertMagicNumber(magic);
      m_trade.SetDeviationInPoints(deviation_points);
     }
   ulong             Magic(void) const { return m_magic; }
   void              Open(CVPStore &store, const VPSignalMsg &s, long now_utc_ms, VPOutcome &o);
   void              OpenPending(CVPStore &store, const VPSignalMsg &s, double lots, double broker_tp, VPOutcome &o);
   bool              CancelPending(long ticket);
   void              Close(CVPStore &store, const VPSignalMsg &s, VPOutcome &o);
   bool              ClosePosition(long ticket, double volume, ENUM_VP_FILL_REASON why);
   int               FlattenAll(ENUM_VP_FILL_REASON why);
   // a trader's control: closes VProp's positions of `symbol` ("" = all) or the one `ticket` (> 0); `failed` counts
   // those the server refused
   int               CloseVProp(const string &symbol, long ticket, ENUM_VP_FILL_REASON why, int &failed);
   // a trader's control: deletes VProp's resting pending orders of `symbol` ("" = all)
   int               CancelPending(const string &symbol, int &failed);
   void              Manage(CVPStore &store);
   ENUM_VP_FILL_REASON TakeReason(long position);
  };

bool CVPExecutor::StopsOk(const string &symbol, bool buy, double price, double sl, double tp, string &why)
  {
   double point = SymbolInfoDouble(symbol, SYMBOL_POINT);
   double min_dist = (double)SymbolInfoInteger(symbol, SYMBOL_TRADE_STOPS_LEVEL) * point;
   if(sl > 0 && (buy ? price - sl : sl - price) < min_dist)
     {
      why = "stop loss " + DoubleToString(sl, 8) + " is closer than the broker's stops level of " +
            DoubleToString(min_dist, 8) + " to " + DoubleToString(price, 8);
      return false;
     }
   if(tp > 0 && (buy ? tp - price : price - tp) < min_dist)
     {
      why = "take profit " + DoubleToString(tp, 8) + " is closer than the broker's stops level of " +
            DoubleToString(min_dist, 8) + " to " + DoubleToString(price, 8);
      return false;
     }
   return true;
  }

// Opens the position of an `open` signal. The outcome says executed (with ticket and price) or rejected and why.
void CVPExecutor::Open(CVPStore &store, const VPSignalMsg &s, long now_utc_ms, VPOutcome &o)
  {
   o.status = VP_ACK_REJECTED;
   o.rule = "";
   o.reason = "";
   o.ticket = 0;
   o.price = 0;
   long done_ticket = 0;
   if(store.IsExecuted(s.id, done_ticket))
     {
      // at most once per id, across reconnects and restarts: answer again, trade nothing
      if(done_ticket == 0)
        {
         Reject(o, "duplicate", "signal id already answered: it was rejected and is not retried");
         return;
        }
      o.status = VP_ACK_EXECUTED;
      o.ticket = done_ticket;
      o.reason = "already executed";
      return;
     }
   if(s.expiry_ms > 0 && now_utc_ms > s.expiry_ms)
     {
      Reject(o, "expired", "signal expired " + IntegerToString((now_utc_ms - s.expiry_ms) / 1000) + " s ago");
      return;
     }
   MqlTick tick;
   if(!SymbolSelect(s.symbol, true) || !SymbolInfoTick(s.symbol, tick) || tick.bid <= 0)
     {
      Reject(o, "no_quotes", "no current quote for " + s.symbol);
      return;
     }
   bool buy = (s.side == VP_SIDE_BUY);
   double lots = VPNormalizeLots(s.symbol, s.lots);
   if(lots <= 0)
     {
      Reject(o, "volume", "lots " + DoubleToString(s.lots, 4) + " below the symbol's minimum volume");
      return;
     }
   double broker_tp = s.tp2 > 0 ? s.tp2 : s.tp1;
   m_trade.SetTypeFilling(VPFillingFor(s.symbol));
   if(s.order_type != VP_ORDER_MARKET)
     {
      OpenPending(store, s, lots, broker_tp, o);
      return;
     }
   uint rc = 0;
   for(int attempt = 0; attempt <= m_retries; attempt++)
     {
      if(attempt > 0 && !SymbolInfoTick(s.symbol, tick))
         break;
      double price = buy ? tick.ask : tick.bid;
      if(s.max_deviation > 0 && MathAbs(price - s.price) > s.max_deviation + 1e-12)
        {
         Reject(o, "off_price", "market " + DoubleToString(price, 8) + " is " + DoubleToString(MathAbs(price - s.price), 8) +
                " from the signal price " + DoubleToString(s.price, 8) + " (max " + DoubleToString(s.max_deviation, 8) + ")");
         return;
        }
      string why;
      if(!StopsOk(s.symbol, buy, buy ? tick.bid : tick.ask, s.sl, broker_tp, why))
        {
         Reject(o, "invalid_stops", why);
         return;
        }
      if(buy)
         m_trade.Buy(lots, s.symbol, price, s.sl, broker_tp, s.id);
      else
         m_trade.Sell(lots, s.symbol, price, s.sl, broker_tp, s.id);
      rc = m_trade.ResultRetcode();
      ENUM_VP_RC_ACTION action = VPRetcodeAction(rc);
      PrintFormat("VProp: %s %s %.2f %s at %.5f -> %s (attempt %d)", s.id, VPSideWire(s.side), lots, s.symbol, price,
                  VPRetcodeName(rc), attempt + 1);
      if(action == VP_RC_SUCCESS)
        {
         o.status = VP_ACK_EXECUTED;
         o.ticket = (long)m_trade.ResultOrder();
         o.price = m_trade.ResultPrice();
         store.MarkExecuted(s.id, o.ticket);
         if(s.tp1 > 0 && s.tp2 > 0)
           {
            int n = ArraySize(store.managed);
            ArrayResize(store.managed, n + 1);
            store.managed[n].ticket = o.ticket;
            store.managed[n].signal_id = s.id;
            store.managed[n].symbol = s.symbol;
            store.managed[n].buy = buy;
            store.managed[n].tp1 = s.tp1;
            store.managed[n].tp1_fraction = m_tp1_fraction;
            store.managed[n].tp1_done = false;
            store.managed[n].breakeven = m_breakeven;
            store.SaveManaged();
           }
         return;
        }
      if(action == VP_RC_GIVE_UP)
         break;
     }
   // give up: the id is answered for good, so a resend cannot trade it later at a worse moment
   Reject(o, VPRetcodeName(rc), "trade server answered " + IntegerToString(rc) + " (" + VPRetcodeName(rc) + ")" +
          (VPRetcodeAction(rc) == VP_RC_RETRY ? " after " + IntegerToString(m_retries + 1) + " attempts" : ""));
   store.MarkExecuted(s.id, 0);
  }

// A pending signal: the order rests at its trigger until it fills or the signal's expiry (ORDER_TIME_SPECIFIED, in
// server time). Executed = placed; the ticket is the order's, which MT5 gives the position it opens. Not retried: a
// refused trigger or stop is the signal's, and a placement is answered for good either way.
void CVPExecutor::OpenPending(CVPStore &store, const VPSignalMsg &s, double lots, double broker_tp, VPOutcome &o)
  {
   long offset_s = (long)TimeTradeServer() - (long)TimeGMT();
   datetime expiration = (datetime)(s.expiry_ms > 0 ? s.expiry_ms / 1000 + offset_s : 0);
   ENUM_ORDER_TYPE_TIME when = s.expiry_ms > 0 ? ORDER_TIME_SPECIFIED : ORDER_TIME_GTC;
   switch(s.order_type)
     {
      case VP_ORDER_BUY_LIMIT:
         m_trade.BuyLimit(lots, s.price, s.symbol, s.sl, broker_tp, when, expiration, s.id);
         break;
      case VP_ORDER_SELL_LIMIT:
         m_trade.SellLimit(lots, s.price, s.symbol, s.sl, broker_tp, when, expiration, s.id);
         break;
      case VP_ORDER_BUY_STOP:
         m_trade.BuyStop(lots, s.price, s.symbol, s.sl, broker_tp, when, expiration, s.id);
         break;
      default:
         m_trade.SellStop(lots, s.price, s.symbol, s.sl, broker_tp, when, expiration, s.id);
         break;
     }
   uint rc = m_trade.ResultRetcode();
   PrintFormat("VProp: %s %s %.2f %s at %.5f -> %s", s.id, VPOrderTypeWire(s.order_type), lots, s.symbol, s.price, VPRetcodeName(rc));
   if(VPRetcodeAction(rc) == VP_RC_SUCCESS)
     {
      o.status = VP_ACK_EXECUTED;
      o.ticket = (long)m_trade.ResultOrder();
      o.price = s.price;
      o.reason = "pending order placed";
      store.MarkExecuted(s.id, o.ticket);
      return;
     }
   Reject(o, VPRetcodeName(rc), "trade server answered " + IntegerToString(rc) + " (" + VPRetcodeName(rc) + ") to the " +
          VPOrderTypeWire(s.order_type));
   store.MarkExecuted(s.id, 0);
  }

// Deletes a resting pending order (the governors' news cancellation); true when the server took it.
bool CVPExecutor::CancelPending(long ticket)
  {
   m_trade.OrderDelete((ulong)ticket);
   uint rc = m_trade.ResultRetcode();
   PrintFormat("VProp: cancel pending order %I64d -> %s", ticket, VPRetcodeName(rc));
   return VPRetcodeAction(rc) == VP_RC_SUCCESS;
  }

// A `close` signal: one position by ticket, or every VProp position of the symbol.
void CVPExecutor::Close(CVPStore &store, const VPSignalMsg &s, VPOutcome &o)
  {
   o.status = VP_ACK_EXECUTED;
   o.rule = "";
   o.reason = "";
   o.ticket = 0;
   o.price = 0;
   long done_ticket = 0;
   if(store.IsExecuted(s.id, done_ticket))
     {
      o.reason = "already executed";
      return;
     }
   int closed = 0;
   int failed = 0;
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong t = PositionGetTicket(i);
      if(t == 0 || (ulong)PositionGetInteger(POSITION_MAGIC) != m_magic)
         continue;
      if(s.position > 0 ? (long)t != s.position : PositionGetString(POSITION_SYMBOL) != s.symbol)
         continue;
      if(ClosePosition((long)t, 0, VP_FILL_REASON_CLIENT))
         closed++;
      else
         failed++;
     }
   store.MarkExecuted(s.id, 0);
   if(closed == 0 && failed == 0)
     {
      Reject(o, "no_position", "no VProp position to close");
      return;
     }
   if(failed > 0)
      Reject(o, "close_failed", IntegerToString(failed) + " position(s) could not be closed");
  }

// Closes volume (0 = all) of a position with the retcode policy; respects the freeze level.
bool CVPExecutor::ClosePosition(long ticket, double volume, ENUM_VP_FILL_REASON why)
  {
   if(!PositionSelectByTicket((ulong)ticket))
      return false;
   string symbol = PositionGetString(POSITION_SYMBOL);
   m_trade.SetTypeFilling(VPFillingFor(symbol));
   int n = ArraySize(pending_reason);
   ArrayResize(pending_reason, n + 1);
   ArrayResize(pending_reason_ticket, n + 1);
   pending_reason[n] = why;
   pending_reason_ticket[n] = ticket;
   for(int attempt = 0; attempt <= m_retries; attempt++)
     {
      if(volume > 0)
         m_trade.PositionClosePartial((ulong)ticket, volume);
      else
         m_trade.PositionClose((ulong)ticket);
      uint rc = m_trade.ResultRetcode();
      ENUM_VP_RC_ACTION action = VPRetcodeAction(rc);
      if(action == VP_RC_SUCCESS)
         return true;
      PrintFormat("VProp: closing #%I64d (%s) -> %s (attempt %d)", ticket, VPFillReasonWire(why), VPRetcodeName(rc), attempt + 1);
      if(action == VP_RC_GIVE_UP)
         return false;
     }
   return false;
  }

int CVPExecutor::FlattenAll(ENUM_VP_FILL_REASON why)
  {
   int n = 0;
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong t = PositionGetTicket(i);
      if(t == 0 || (ulong)PositionGetInteger(POSITION_MAGIC) != m_magic)
         continue;
      if(ClosePosition((long)t, 0, why))
         n++;
     }
   return n;
  }

int CVPExecutor::CloseVProp(const string &symbol, long ticket, ENUM_VP_FILL_REASON why, int &failed)
  {
   int n = 0;
   failed = 0;
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong t = PositionGetTicket(i);
      if(t == 0 || (ulong)PositionGetInteger(POSITION_MAGIC) != m_magic)
         continue;
      if(ticket > 0 ? (long)t != ticket : (symbol != "" && PositionGetString(POSITION_SYMBOL) != symbol))
         continue;
      if(ClosePosition((long)t, 0, why))
         n++;
      else
         failed++;
     }
   return n;
  }

int CVPExecutor::CancelPending(const string &symbol, int &failed)
  {
   int n = 0;
   failed = 0;
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      ulong t = OrderGetTicket(i);
      if(t == 0 || (ulong)OrderGetInteger(ORDER_MAGIC) != m_magic)
         continue;
      if(symbol != "" && OrderGetString(ORDER_SYMBOL) != symbol)
         continue;
      m_trade.OrderDelete(t);
      uint rc = m_trade.ResultRetcode();
      if(VPRetcodeAction(rc) == VP_RC_SUCCESS)
         n++;
      else
        {
         failed++;
         PrintFormat("VProp: deleting order #%I64d -> %s", (long)t, VPRetcodeName(rc));
        }
     }
   return n;
  }

// TP1: close the configured fraction when price reaches tp1, then optionally move SL to break-even.
void CVPExecutor::Manage(CVPStore &store)
  {
   if((long)GetTickCount64() < m_manage_after_ms)
      return;
   bool changed = false;
   for(int i = ArraySize(store.managed) - 1; i >= 0; i--)
     {
      if(!PositionSelectByTicket((ulong)store.managed[i].ticket))
        {
         ArrayRemove(store.managed, i, 1); // closed at the broker (SL, TP2) or by us
         changed = true;
         continue;
        }
      if(store.managed[i].tp1_done)
         continue;
      string symbol = store.managed[i].symbol;
      double bid = SymbolInfoDouble(symbol, SYMBOL_BID);
      double ask = SymbolInfoDouble(symbol, SYMBOL_ASK);
      bool buy = store.managed[i].buy;
      double px = buy ? bid : ask;
      if(buy ? px < store.managed[i].tp1 : px > store.managed[i].tp1)
         continue;
      double volume = PositionGetDouble(POSITION_VOLUME);
      double part = VPNormalizeLots(symbol, volume * store.managed[i].tp1_fraction);
      double open_price = PositionGetDouble(POSITION_PRICE_OPEN);
      double tp = PositionGetDouble(POSITION_TP);
      if(part > 0 && part < volume - 1e-9 && !ClosePosition(store.managed[i].ticket, part, VP_FILL_REASON_TP1_PARTIAL))
        {
         m_manage_after_ms = (long)GetTickCount64() + 1000; // try again in a second
         continue;
        }
      store.managed[i].tp1_done = true;
      changed = true;
      if(store.managed[i].breakeven && PositionSelectByTicket((ulong)store.managed[i].ticket))
        {
         double point = SymbolInfoDouble(symbol, SYMBOL_POINT);
         double freeze = (double)SymbolInfoInteger(symbol, SYMBOL_TRADE_FREEZE_LEVEL) * point;
         double stops = (double)SymbolInfoInteger(symbol, SYMBOL_TRADE_STOPS_LEVEL) * point;
         double dist = MathAbs(px - open_price);
         if(dist < MathMax(freeze, stops))
            PrintFormat("VProp: break-even for #%I64d skipped: price within the freeze/stops level", store.managed[i].ticket);
         else
           {
            m_trade.PositionModify((ulong)store.managed[i].ticket, open_price, tp);
            PrintFormat("VProp: #%I64d stop moved to break-even %.5f -> %s", store.managed[i].ticket, open_price,
                        VPRetcodeName(m_trade.ResultRetcode()));
           }
        }
     }
   if(changed)
      store.SaveManaged();
  }

// The reason recorded for the next closing deal of `position` (VP_FILL_REASON_NONE when the EA did not close it).
ENUM_VP_FILL_REASON CVPExecutor::TakeReason(long position)
  {
   for(int i = 0; i < ArraySize(pending_reason); i++)
      if(pending_reason_ticket[i] == position)
        {
         ENUM_VP_FILL_REASON r = pending_reason[i];
         ArrayRemove(pending_reason, i, 1);
         ArrayRemove(pending_reason_ticket, i, 1);
         return r;
        }
   return VP_FILL_REASON_NONE;
  }

#endif
