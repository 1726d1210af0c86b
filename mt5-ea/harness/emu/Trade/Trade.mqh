// Emulated standard-library CTrade (MQL5/Include/Trade/Trade.mqh) backed by a scripted broker (emu::*).
// Every request is recorded in emu::requests. The answer is the next emu::scripted_retcodes entry (FIFO) or,
// when none is scripted, what a real trade server would say for the request: INVALID_VOLUME, INVALID_STOPS,
// INVALID_FILL, MARKET_CLOSED, FROZEN, NO_MONEY, else DONE with a deal at the current bid/ask. Successful deals
// are queued in emu::transactions as TRADE_TRANSACTION_DEAL_ADD for the driver to deliver to OnTradeTransaction.
#ifndef VPROP_EMU_TRADE_MQH
#define VPROP_EMU_TRADE_MQH
#include "../mql5.h"

namespace emu {
uint execute(Request &r, MqlTradeResult &res);  // in trade.cpp
void close_by_stops();                          // broker-side pending triggers, expiries, SL/TP hits at the quotes
void trigger_orders();                          // broker-side pending triggers and expiries alone
}

class CTrade {
  public:
    ulong m_magic = 0;
    ulong m_deviation = 10;
    ENUM_ORDER_TYPE_FILLING m_filling = ORDER_FILLING_FOK;
    MqlTradeResult m_result{};
    MqlTradeRequest m_request{};

    void SetExpertMagicNumber(const ulong magic) { m_magic = magic; }
    void SetDeviationInPoints(const ulong deviation) { m_deviation = deviation; }
    void SetTypeFilling(const ENUM_ORDER_TYPE_FILLING filling) { m_filling = filling; }
    bool SetTypeFillingBySymbol(const string &symbol) {
        long mode = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
        m_filling = (mode & SYMBOL_FILLING_FOK) ? ORDER_FILLING_FOK
                  : (mode & SYMBOL_FILLING_IOC) ? ORDER_FILLING_IOC : ORDER_FILLING_RETURN;
        return true;
    }
    void SetAsyncMode(const bool) {}

    bool PositionOpen(const string &symbol, const ENUM_ORDER_TYPE type, const double volume, const double price,
                      const double sl, const double tp, const string &comment = "") {
        emu::Request r{"open", symbol.s, comment.s, (int)type, volume, price, sl, tp, 0, m_deviation, (int)m_filling, 0, m_magic};
        return send(r);
    }
    bool Buy(const double volume, const string &symbol, double price = 0.0, const double sl = 0.0,
             const double tp = 0.0, const string &comment = "") {
        return PositionOpen(symbol, ORDER_TYPE_BUY, volume, price, sl, tp, comment);
    }
    bool Sell(const double volume, const string &symbol, double price = 0.0, const double sl = 0.0,
              const double tp = 0.0, const string &comment = "") {
        return PositionOpen(symbol, ORDER_TYPE_SELL, volume, price, sl, tp, comment);
    }
    bool PositionModify(const ulong ticket, const double sl, const double tp) {
        emu::Request r{"modify", "", "", 0, 0, 0, sl, tp, ticket, m_deviation, (int)m_filling, 0, m_magic};
        return send(r);
    }
    bool PositionClose(const ulong ticket, const ulong deviation = ULONG_MAX) {
        emu::Request r{"close", "", "", 0, 0, 0, 0, 0, ticket, deviation == ULONG_MAX ? m_deviation : deviation,
                       (int)m_filling, 0, m_magic};
        return send(r);
    }
    bool PositionClosePartial(const ulong ticket, const double volume, const ulong deviation = ULONG_MAX) {
        emu::Request r{"close_partial", "", "", 0, volume, 0, 0, 0, ticket,
                       deviation == ULONG_MAX ? m_deviation : deviation, (int)m_filling, 0, m_magic};
        return send(r);
    }

    // pending orders: type ORDER_TYPE_BUY_LIMIT .. SELL_STOP at `price`; ORDER_TIME_SPECIFIED expires at `expiration`
    bool OrderOpen(const string &symbol, const ENUM_ORDER_TYPE type, const double volume, const double limit_price,
                   const double price, const double sl, const double tp, const ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC,
                   const datetime expiration = 0, const string &comment = "") {
        (void)limit_price;
        emu::Request r{"place", symbol.s, comment.s, (int)type, volume, price, sl, tp, 0, m_deviation, (int)m_filling, 0, m_magic,
                       type_time == ORDER_TIME_SPECIFIED ? (long)expiration : 0};
        return send(r);
    }
    bool BuyLimit(const double volume, const double price, const string &symbol, const double sl = 0.0, const double tp = 0.0,
                  const ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC, const datetime expiration = 0, const string &comment = "") {
        return OrderOpen(symbol, ORDER_TYPE_BUY_LIMIT, volume, 0.0, price, sl, tp, type_time, expiration, comment);
    }
    bool SellLimit(const double volume, const double price, const string &symbol, const double sl = 0.0, const double tp = 0.0,
                   const ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC, const datetime expiration = 0, const string &comment = "") {
        return OrderOpen(symbol, ORDER_TYPE_SELL_LIMIT, volume, 0.0, price, sl, tp, type_time, expiration, comment);
    }
    bool BuyStop(const double volume, const double price, const string &symbol, const double sl = 0.0, const double tp = 0.0,
                 const ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC, const datetime expiration = 0, const string &comment = "") {
        return OrderOpen(symbol, ORDER_TYPE_BUY_STOP, volume, 0.0, price, sl, tp, type_time, expiration, comment);
    }
    bool SellStop(const double volume, const double price, const string &symbol, const double sl = 0.0, const double tp = 0.0,
                  const ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC, const datetime expiration = 0, const string &comment = "") {
        return OrderOpen(symbol, ORDER_TYPE_SELL_STOP, volume, 0.0, price, sl, tp, type_time, expiration, comment);
    }
    bool OrderDelete(const ulong ticket) {
        emu::Request r{"delete", "", "", 0, 0, 0, 0, 0, ticket, m_deviation, (int)m_filling, 0, m_magic};
        return send(r);
    }

    uint ResultRetcode() const { return m_result.retcode; }
    ulong ResultDeal() const { return m_result.deal; }
    ulong ResultOrder() const { return m_result.order; }
    double ResultPrice() const { return m_result.price; }
    double ResultVolume() const { return m_result.volume; }
    string ResultComment() const { return m_result.comment; }
    string ResultRetcodeDescription() const { return m_result.comment; }

  private:
    bool send(emu::Request &r) {
        m_result = MqlTradeResult{};
        emu::execute(r, m_result);
        return true;  // like CTrade: "the request was well formed"; the outcome is in ResultRetcode()
    }
};
#endif
