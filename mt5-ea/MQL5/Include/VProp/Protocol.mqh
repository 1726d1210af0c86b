//+------------------------------------------------------------------+
//| Protocol.mqh - protocol v1 messages and their validating codec.   |
//| Same checks, same order, same error code/field/ref_seq as the     |
//| sidecar's ProtocolCodec (docs/protocol.md section 6), verified    |
//| against protocol/vectors by the Linux harness.                    |
//+------------------------------------------------------------------+
#ifndef VPROP_PROTOCOL_MQH
#define VPROP_PROTOCOL_MQH

#include <VProp/Json.mqh>

#define VP_VERSION   1
#define VP_MAX_BYTES 65536

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
   string            side;
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

struct VPRuleState
  {
   string            id;
   double            value;
   double            limit;
   double            distance;
   string            status;
  };

// One message: the header and the payload fields of every type side by side, as on the wire (one flat object).
// Fields that several types share (symbol, side, price, volume, reason, time_msc, position) mean the same thing.
struct VPMessage
  {
   int               v;
   string            type;
   long              seq;
   long              ts_ms;
   long              prev;
   bool              resend;
   bool              ack_req;
   // hello
   string            terminal;
   string            account;
   string            server;
   string            company;
   string            currency;
   int               leverage;
   string            margin_mode;
   int               server_offset_s;
   int               versions[];
   long              ack_seq;        // hello, welcome, ack
   string            firm_profile;   // hello, welcome
   VPSymbolInfo      symbols[];
   // welcome
   int               version;
   string            session;
   int               heartbeat_ms;
   int               stale_ms;
   string            sidecar_version;
   // tick, bar, book
   string            symbol;
   double            bid;
   double            ask;
   double            last;
   double            volume;         // tick, fill
   long              time_msc;
   int               flags;
   string            timeframe;
   double            open;
   double            high;
   double            low;
   double            close;
   long              tick_volume;
   int               spread;
   VPLevel           bids[];
   VPLevel           asks[];
   // account
   double            balance;
   double            equity;
   double            margin;
   double            free_margin;
   VPPosition        positions[];
   // signal
   string            id;
   string            kind;
   string            side;           // signal, fill
   double            lots;
   double            price;          // signal, signal_ack, fill
   double            max_deviation;
   double            sl;
   double            tp1;
   double            tp2;
   long              expiry_ms;
   string            alpha;
   string            regime;
   double            confidence;
   string            reason;         // signal, signal_ack, fill, governor_state
   long              position;       // signal (close), fill
   // signal_ack
   string            signal_id;      // signal_ack, fill
   string            status;
   string            rule;
   long              ticket;
   // fill
   long              deal;
   long              order;
   string            entry;
   double            commission;
   double            swap;
   double            profit;
   // governor_state
   string            mode;
   VPRuleState       rules[];
   // news (currency is shared with hello)
   long              release_ms;
   string            impact;
   string            title;
   // ack
   long              echo_seq;
   // error
   string            code;
   string            message;
   string            field;
   long              ref_seq;
  };

struct VPError
  {
   string            code;
   string            field;
   string            message;
   long              ref_seq;
  };

// Reliable types are journaled, acked, resent and chained by prev.
bool VPIsReliable(const string &type)
  {
   return type == "account" || type == "signal" || type == "signal_ack" || type == "fill";
  }

bool VPIsKnownType(const string &type)
  {
   return StringFind("|hello|welcome|tick|bar|book|account|signal|signal_ack|fill|governor_state|news|heartbeat|ack|error|",
                     "|" + type + "|") >= 0;
  }

// Every field to its "absent" value, so a message can be built field by field.
void VPClear(VPMessage &m)
  {
   m.v = VP_VERSION; m.type = ""; m.seq = 0; m.ts_ms = 0; m.prev = 0; m.resend = false; m.ack_req = false;
   m.terminal = ""; m.account = ""; m.server = ""; m.company = ""; m.currency = ""; m.leverage = 0;
   m.margin_mode = ""; m.server_offset_s = 0; ArrayResize(m.versions, 0); m.ack_seq = 0; m.firm_profile = "";
   ArrayResize(m.symbols, 0);
   m.version = 0; m.session = ""; m.heartbeat_ms = 0; m.stale_ms = 0; m.sidecar_version = "";
   m.symbol = ""; m.bid = 0; m.ask = 0; m.last = 0; m.volume = 0; m.time_msc = 0; m.flags = 0;
   m.timeframe = ""; m.open = 0; m.high = 0; m.low = 0; m.close = 0; m.tick_volume = 0; m.spread = 0;
   ArrayResize(m.bids, 0); ArrayResize(m.asks, 0);
   m.balance = 0; m.equity = 0; m.margin = 0; m.free_margin = 0; ArrayResize(m.positions, 0);
   m.id = ""; m.kind = "open"; m.side = ""; m.lots = 0; m.price = 0; m.max_deviation = 0; m.sl = 0; m.tp1 = 0;
   m.tp2 = 0; m.expiry_ms = 0; m.alpha = ""; m.regime = ""; m.confidence = 0; m.reason = ""; m.position = 0;
   m.signal_id = ""; m.status = ""; m.rule = ""; m.ticket = 0;
   m.deal = 0; m.order = 0; m.entry = ""; m.commission = 0; m.swap = 0; m.profit = 0;
   m.mode = ""; ArrayResize(m.rules, 0);
   m.release_ms = 0; m.impact = ""; m.title = "";
   m.echo_seq = 0;
   m.code = ""; m.message = ""; m.field = ""; m.ref_seq = 0;
  }

//+------------------------------------------------------------------+
//| Decoder                                                           |
//+------------------------------------------------------------------+
class CVPDecoder
  {
private:
   CJsonDoc          m_doc;
   bool              m_failed;
   VPError           m_err;
   long              m_seq_hint;

   string            Path(const string &path, const string &field) { return path == "" ? field : path + "." + field; }
   bool              Fail(const string &code, const string &name, const string &msg);
   int               Req(int obj, const string &path, const string &field);
   bool              Has(int obj, const string &field);
   string            Str(int obj, const string &path, const string &field);
   string            StrOr(int obj, const string &path, const string &field, const string &dflt);
   string            Name(int obj, const string &path, const string &field, int max);
   string            Word(int obj, const string &path, const string &field, const string &allowed);
   long              Lng(int obj, const string &path, const string &field);
   long              NonNegLong(int obj, const string &path, const string &field);
   long              NonNegLongOr(int obj, const string &path, const string &field, long dflt);
   int               Integer(int obj, const string &path, const string &field);
   int               IntegerOr(int obj, const string &path, const string &field, int dflt);
   bool              BoolOr(int obj, const string &path, const string &field, bool dflt);
   double            Finite(int obj, const string &path, const string &field);
   double            FiniteOr(int obj, const string &path, const string &field, double dflt);
   double            Price(int obj, const string &path, const string &field);
   double            NonNeg(int obj, const string &path, const string &field);
   double            NonNegOr(int obj, const string &path, const string &field, double dflt);
   int               List(int obj, const string &path, const string &field, bool optional);
   int               Element(int list, int k, const string &path, const string &field, string &elem_path);

   void              Hello(int o, VPMessage &m);
   void              DecodeSymbol(int o, const string &p, VPSymbolInfo &s);
   void              Tick(int o, VPMessage &m);
   void              Bar(int o, VPMessage &m);
   void              Levels(int o, const string &field, VPLevel &out[]);
   void              Account(int o, VPMessage &m);
   void              Signal(int o, VPMessage &m);
   void              Fill(int o, VPMessage &m);
   void              GovernorState(int o, VPMessage &m);
   void              News(int o, VPMessage &m);

public:
   // Decodes one message of `bytes` UTF-8 bytes. false: `err` says what is wrong (code, field, ref_seq).
   bool              Decode(const string &text, int bytes, VPMessage &m, VPError &err);
  };

bool CVPDecoder::Fail(const string &code, const string &name, const string &msg)
  {
   if(m_failed)
      return false;
   m_failed = true;
   m_err.code = code;
   m_err.field = name;
   m_err.message = (name == "" ? msg : name + ": " + msg);
   m_err.ref_seq = m_seq_hint;
   return false;
  }

bool CVPDecoder::Has(int obj, const string &field)
  {
   int n = m_doc.Find(obj, field);
   return n >= 0 && m_doc.Kind(n) != VPJ_NULL;
  }

int CVPDecoder::Req(int obj, const string &path, const string &field)
  {
   if(m_failed)
      return -1;
   int n = m_doc.Find(obj, field);
   if(n < 0 || m_doc.Kind(n) == VPJ_NULL)
     {
      Fail("missing_field", Path(path, field), "required field is missing");
      return -1;
     }
   return n;
  }

string CVPDecoder::Str(int obj, const string &path, const string &field)
  {
   int n = Req(obj, path, field);
   if(n < 0)
      return "";
   if(m_doc.Kind(n) != VPJ_STRING)
     {
      Fail("wrong_type", Path(path, field), "expected a string");
      return "";
     }
   return m_doc.Str(n);
  }

string CVPDecoder::StrOr(int obj, const string &path, const string &field, const string &dflt)
  {
   if(m_failed)
      return dflt;
   return Has(obj, field) ? Str(obj, path, field) : dflt;
  }

string CVPDecoder::Name(int obj, const string &path, const string &field, int max)
  {
   string s = Str(obj, path, field);
   if(m_failed)
      return s;
   if(StringLen(s) == 0 || StringLen(s) > max)
      Fail("out_of_range", Path(path, field), "must be 1.." + IntegerToString(max) + " characters, got '" + s + "'");
   return s;
  }

// `allowed` lists the words between bars: "|buy|sell|"
string CVPDecoder::Word(int obj, const string &path, const string &field, const string &allowed)
  {
   string s = Str(obj, path, field);
   if(m_failed)
      return s;
   if(StringFind(allowed, "|" + s + "|") < 0)
      Fail("out_of_range", Path(path, field), "must be one of " + allowed + ", got '" + s + "'");
   return s;
  }

long CVPDecoder::Lng(int obj, const string &path, const string &field)
  {
   int n = Req(obj, path, field);
   if(n < 0)
      return 0;
   if(m_doc.Kind(n) != VPJ_NUMBER || !m_doc.IsInt(n))
     {
      Fail("wrong_type", Path(path, field), "expected an integer");
      return 0;
     }
   return m_doc.Int(n);
  }

long CVPDecoder::NonNegLong(int obj, const string &path, const string &field)
  {
   long v = Lng(obj, path, field);
   if(!m_failed && v < 0)
      Fail("out_of_range", Path(path, field), "must not be negative, got " + IntegerToString(v));
   return v;
  }

long CVPDecoder::NonNegLongOr(int obj, const string &path, const string &field, long dflt)
  {
   if(m_failed)
      return dflt;
   if(!Has(obj, field))
     {
      if(dflt < 0)
         Fail("out_of_range", Path(path, field), "must not be negative");
      return dflt;
     }
   return NonNegLong(obj, path, field);
  }

int CVPDecoder::Integer(int obj, const string &path, const string &field)
  {
   long v = Lng(obj, path, field);
   if(!m_failed && (v < -2147483648 || v > 2147483647))
      Fail("out_of_range", Path(path, field), "out of 32-bit range: " + IntegerToString(v));
   return (int)v;
  }

int CVPDecoder::IntegerOr(int obj, const string &path, const string &field, int dflt)
  {
   if(m_failed)
      return dflt;
   return Has(obj, field) ? Integer(obj, path, field) : dflt;
  }

bool CVPDecoder::BoolOr(int obj, const string &path, const string &field, bool dflt)
  {
   if(m_failed || !Has(obj, field))
      return dflt;
   int n = m_doc.Find(obj, field);
   if(m_doc.Kind(n) != VPJ_BOOL)
     {
      Fail("wrong_type", Path(path, field), "expected true or false");
      return dflt;
     }
   return m_doc.Bool(n);
  }

double CVPDecoder::Finite(int obj, const string &path, const string &field)
  {
   int n = Req(obj, path, field);
   if(n < 0)
      return 0;
   if(m_doc.Kind(n) != VPJ_NUMBER)
     {
      Fail("wrong_type", Path(path, field), "expected a number");
      return 0;
     }
   double d = m_doc.Num(n);
   if(!MathIsValidNumber(d))
     {
      Fail("non_finite", Path(path, field), "must be finite, got " + m_doc.Str(n));
      return 0;
     }
   return d;
  }

double CVPDecoder::FiniteOr(int obj, const string &path, const string &field, double dflt)
  {
   if(m_failed)
      return dflt;
   return Has(obj, field) ? Finite(obj, path, field) : dflt;
  }

double CVPDecoder::Price(int obj, const string &path, const string &field)
  {
   double d = Finite(obj, path, field);
   if(!m_failed && d <= 0)
      Fail("out_of_range", Path(path, field), "price must be positive, got " + JsonNumber(d));
   return d;
  }

double CVPDecoder::NonNeg(int obj, const string &path, const string &field)
  {
   double d = Finite(obj, path, field);
   if(!m_failed && d < 0)
      Fail("out_of_range", Path(path, field), "must not be negative, got " + JsonNumber(d));
   return d;
  }

double CVPDecoder::NonNegOr(int obj, const string &path, const string &field, double dflt)
  {
   if(m_failed)
      return dflt;
   return Has(obj, field) ? NonNeg(obj, path, field) : dflt;
  }

// The array node of `field`, -1 when failed or (optional) absent.
int CVPDecoder::List(int obj, const string &path, const string &field, bool optional)
  {
   if(m_failed)
      return -1;
   if(optional && !Has(obj, field))
      return -1;
   int n = Req(obj, path, field);
   if(n < 0)
      return -1;
   if(m_doc.Kind(n) != VPJ_ARRAY)
     {
      Fail("wrong_type", Path(path, field), "expected an array");
      return -1;
     }
   return n;
  }

// The k-th element of `list`, which must be an object; its path goes to elem_path.
int CVPDecoder::Element(int list, int k, const string &path, const string &field, string &elem_path)
  {
   elem_path = Path(path, field) + "[" + IntegerToString(k) + "]";
   int e = m_doc.At(list, k);
   if(m_doc.Kind(e) != VPJ_OBJECT)
     {
      Fail("wrong_type", elem_path, "expected an object");
      return -1;
     }
   return e;
  }

bool CVPDecoder::Decode(const string &text, int bytes, VPMessage &m, VPError &err)
  {
   m_failed = false;
   m_seq_hint = 0;
   m_err.code = "";
   m_err.field = "";
   m_err.message = "";
   m_err.ref_seq = 0;
   VPClear(m);
   if(bytes > VP_MAX_BYTES)
      Fail("too_large", "", "message of " + IntegerToString(bytes) + " bytes exceeds the " +
           IntegerToString(VP_MAX_BYTES) + "-byte limit");
   else
      if(!m_doc.Parse(text))
         Fail("malformed_json", "", "malformed JSON: " + m_doc.Error());
      else
         if(m_doc.Kind(0) != VPJ_OBJECT)
            Fail("not_an_object", "", "a message must be a JSON object");
   if(m_failed)
     {
      err = m_err;
      return false;
     }
   int o = 0;
   int sn = m_doc.Find(o, "seq");
   if(sn >= 0 && m_doc.Kind(sn) == VPJ_NUMBER && m_doc.IsInt(sn))
      m_seq_hint = m_doc.Int(sn);
   m.v = Integer(o, "", "v");
   m.type = Str(o, "", "type");
   if(!m_failed && !VPIsKnownType(m.type))
      Fail("unknown_type", "type", "unknown message type '" + m.type + "'");
   if(!m_failed && (m.v < 1 || (m.v != VP_VERSION && m.type != "hello")))
      Fail("unsupported_version", "v", "protocol version " + IntegerToString(m.v) + " is not supported (this side speaks 1)");
   m.seq = Lng(o, "", "seq");
   if(!m_failed && m.seq < 1)
      Fail("out_of_range", "seq", "must be >= 1, got " + IntegerToString(m.seq));
   m.ts_ms = NonNegLong(o, "", "ts_ms");
   if(!m_failed && VPIsReliable(m.type))
     {
      m.prev = NonNegLong(o, "", "prev");
      if(!m_failed && m.prev >= m.seq)
         Fail("out_of_range", "prev", "must be below seq " + IntegerToString(m.seq) + ", got " + IntegerToString(m.prev));
     }
   m.resend = BoolOr(o, "", "resend", false);
   m.ack_req = BoolOr(o, "", "ack_req", false);
   if(!m_failed)
     {
      if(m.type == "hello")
         Hello(o, m);
      else
         if(m.type == "welcome")
           {
            m.version = Integer(o, "", "version");
            m.session = Str(o, "", "session");
            m.ack_seq = NonNegLong(o, "", "ack_seq");
            m.heartbeat_ms = Integer(o, "", "heartbeat_ms");
            m.stale_ms = Integer(o, "", "stale_ms");
            m.firm_profile = StrOr(o, "", "firm_profile", "");
            m.sidecar_version = StrOr(o, "", "sidecar_version", "");
           }
         else
            if(m.type == "tick")
               Tick(o, m);
            else
               if(m.type == "bar")
                  Bar(o, m);
               else
                  if(m.type == "book")
                    {
                     m.symbol = Name(o, "", "symbol", 32);
                     m.time_msc = NonNegLong(o, "", "time_msc");
                     Levels(o, "bids", m.bids);
                     Levels(o, "asks", m.asks);
                    }
                  else
                     if(m.type == "account")
                        Account(o, m);
                     else
                        if(m.type == "signal")
                           Signal(o, m);
                        else
                           if(m.type == "signal_ack")
                             {
                              m.signal_id = Name(o, "", "signal_id", 64);
                              m.status = Word(o, "", "status", "|accepted|rejected|executed|");
                              m.rule = StrOr(o, "", "rule", "");
                              m.reason = StrOr(o, "", "reason", "");
                              m.ticket = NonNegLongOr(o, "", "ticket", 0);
                              m.price = NonNegOr(o, "", "price", 0);
                             }
                           else
                              if(m.type == "fill")
                                 Fill(o, m);
                              else
                                 if(m.type == "governor_state")
                                    GovernorState(o, m);
                                 else
                                    if(m.type == "news")
                                       News(o, m);
                                    else
                                    if(m.type == "ack")
                                      {
                                       m.ack_seq = NonNegLong(o, "", "ack_seq");
                                       m.echo_seq = NonNegLongOr(o, "", "echo_seq", 0);
                                      }
                                    else
                                       if(m.type == "error")
                                         {
                                          m.code = Str(o, "", "code");
                                          m.message = Str(o, "", "message");
                                          m.field = StrOr(o, "", "field", "");
                                          m.ref_seq = NonNegLongOr(o, "", "ref_seq", 0);
                                         }
     }
   if(m_failed)
     {
      err = m_err;
      return false;
     }
   return true;
  }

void CVPDecoder::Hello(int o, VPMessage &m)
  {
   int vl = List(o, "", "versions", false);
   if(vl >= 0)
     {
      int n = m_doc.Size(vl);
      ArrayResize(m.versions, n);
      for(int i = 0; i < n && !m_failed; i++)
        {
         int e = m_doc.At(vl, i);
         if(m_doc.Kind(e) != VPJ_NUMBER || !m_doc.IsInt(e))
            Fail("wrong_type", "versions[" + IntegerToString(i) + "]", "expected an integer version");
         else
            m.versions[i] = (int)m_doc.Int(e);
        }
      if(!m_failed && n == 0)
         Fail("out_of_range", "versions", "must list at least one version");
     }
   m.leverage = Integer(o, "", "leverage");
   if(!m_failed && m.leverage < 1)
      Fail("out_of_range", "leverage", "must be >= 1, got " + IntegerToString(m.leverage));
   m.server_offset_s = Integer(o, "", "server_offset_s");
   if(!m_failed && MathAbs(m.server_offset_s) > 14 * 3600)
      Fail("out_of_range", "server_offset_s", "must be within 14 h, got " + IntegerToString(m.server_offset_s));
   m.terminal = Name(o, "", "terminal", 128);
   m.account = Name(o, "", "account", 64);
   m.server = Str(o, "", "server");
   m.company = StrOr(o, "", "company", "");
   m.currency = Name(o, "", "currency", 8);
   m.margin_mode = Word(o, "", "margin_mode", "|netting|hedging|");
   m.ack_seq = NonNegLongOr(o, "", "ack_seq", 0);
   m.firm_profile = StrOr(o, "", "firm_profile", "");
   int sl = List(o, "", "symbols", true);
   if(sl >= 0)
     {
      int n = m_doc.Size(sl);
      ArrayResize(m.symbols, n);
      for(int i = 0; i < n && !m_failed; i++)
        {
         string p;
         int e = Element(sl, i, "", "symbols", p);
         if(e >= 0)
            DecodeSymbol(e, p, m.symbols[i]);
        }
     }
  }

void CVPDecoder::DecodeSymbol(int o, const string &p, VPSymbolInfo &s)
  {
   s.digits = Integer(o, p, "digits");
   if(!m_failed && (s.digits < 0 || s.digits > 10))
      Fail("out_of_range", Path(p, "digits"), "must be 0..10, got " + IntegerToString(s.digits));
   s.volume_min = Price(o, p, "volume_min");
   s.volume_step = Price(o, p, "volume_step");
   s.volume_max = Price(o, p, "volume_max");
   if(!m_failed && s.volume_max < s.volume_min)
      Fail("out_of_range", Path(p, "volume_max"), "below volume_min " + JsonNumber(s.volume_min));
   s.stops_level = Integer(o, p, "stops_level");
   s.freeze_level = Integer(o, p, "freeze_level");
   if(!m_failed && s.stops_level < 0)
      Fail("out_of_range", Path(p, "stops_level"), "must not be negative");
   if(!m_failed && s.freeze_level < 0)
      Fail("out_of_range", Path(p, "freeze_level"), "must not be negative");
   s.symbol = Name(o, p, "symbol", 32);
   s.point = Price(o, p, "point");
   s.tick_size = Price(o, p, "tick_size");
   s.tick_value = Price(o, p, "tick_value");
   s.contract_size = Price(o, p, "contract_size");
   s.base_currency = StrOr(o, p, "base_currency", "");
   s.profit_currency = StrOr(o, p, "profit_currency", "");
   int l = List(o, p, "sessions", true);
   ArrayResize(s.sessions, 0);
   if(l < 0)
      return;
   int n = m_doc.Size(l);
   ArrayResize(s.sessions, n);
   for(int i = 0; i < n && !m_failed; i++)
     {
      string ep;
      int e = Element(l, i, p, "sessions", ep);
      if(e < 0)
         return;
      int day = Integer(e, ep, "day");
      int from = Integer(e, ep, "from_min");
      int to = Integer(e, ep, "to_min");
      if(!m_failed && (day < 0 || day > 6))
         Fail("out_of_range", Path(ep, "day"), "must be 0 (Sunday)..6, got " + IntegerToString(day));
      if(!m_failed && (from < 0 || to > 1440 || from > to))
         Fail("out_of_range", Path(ep, "to_min"), "need 0 <= from_min <= to_min <= 1440");
      s.sessions[i].day = day;
      s.sessions[i].from_min = from;
      s.sessions[i].to_min = to;
     }
  }

void CVPDecoder::Tick(int o, VPMessage &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   m.bid = Price(o, "", "bid");
   m.ask = Price(o, "", "ask");
   if(!m_failed && m.bid > m.ask)
      Fail("crossed_quote", "bid", "bid " + JsonNumber(m.bid) + " is above ask " + JsonNumber(m.ask));
   m.last = NonNegOr(o, "", "last", 0);
   m.volume = NonNegOr(o, "", "volume", 0);
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.flags = IntegerOr(o, "", "flags", 0);
  }

// M1 M5 M15 M30 H1 H4 D1, case-insensitive, optionally with MQL5's PERIOD_ prefix
bool VPIsTimeframe(string tf)
  {
   string t = tf;
   StringTrimLeft(t);
   StringTrimRight(t);
   StringToUpper(t);
   if(StringFind(t, "PERIOD_") == 0)
      t = StringSubstr(t, 7);
   return t != "" && StringFind("|M1|M5|M15|M30|H1|H4|D1|", "|" + t + "|") >= 0;
  }

void CVPDecoder::Bar(int o, VPMessage &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   m.timeframe = Str(o, "", "timeframe");
   if(!m_failed && !VPIsTimeframe(m.timeframe))
      Fail("out_of_range", "timeframe", "unknown timeframe '" + m.timeframe + "' (expected one of M1 M5 M15 M30 H1 H4 D1)");
   m.open = Price(o, "", "open");
   m.high = Price(o, "", "high");
   m.low = Price(o, "", "low");
   m.close = Price(o, "", "close");
   if(!m_failed && m.high < MathMax(m.open, MathMax(m.low, m.close)))
      Fail("out_of_range", "high", "high " + JsonNumber(m.high) + " is below open/low/close");
   if(!m_failed && m.low > MathMin(m.open, m.close))
      Fail("out_of_range", "low", "low " + JsonNumber(m.low) + " is above open/close");
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.tick_volume = NonNegLongOr(o, "", "tick_volume", 0);
   m.spread = IntegerOr(o, "", "spread", 0);
  }

void CVPDecoder::Levels(int o, const string &field, VPLevel &out[])
  {
   int l = List(o, "", field, false);
   if(l < 0)
      return;
   int n = m_doc.Size(l);
   ArrayResize(out, n);
   for(int i = 0; i < n && !m_failed; i++)
     {
      string p;
      int e = Element(l, i, "", field, p);
      if(e < 0)
         return;
      out[i].price = Price(e, p, "price");
      out[i].volume = NonNeg(e, p, "volume");
     }
  }

void CVPDecoder::Account(int o, VPMessage &m)
  {
   m.balance = Finite(o, "", "balance");
   m.equity = Finite(o, "", "equity");
   m.margin = Finite(o, "", "margin");
   m.free_margin = Finite(o, "", "free_margin");
   int l = List(o, "", "positions", false);
   if(l < 0)
      return;
   int n = m_doc.Size(l);
   ArrayResize(m.positions, n);
   for(int i = 0; i < n && !m_failed; i++)
     {
      string p;
      int e = Element(l, i, "", "positions", p);
      if(e < 0)
         return;
      m.positions[i].volume = Price(e, p, "volume");
      m.positions[i].ticket = Lng(e, p, "ticket");
      m.positions[i].symbol = Name(e, p, "symbol", 32);
      m.positions[i].side = Word(e, p, "side", "|buy|sell|");
      m.positions[i].price_open = Price(e, p, "price_open");
      m.positions[i].sl = NonNegOr(e, p, "sl", 0);
      m.positions[i].tp = NonNegOr(e, p, "tp", 0);
      m.positions[i].profit = Finite(e, p, "profit");
      m.positions[i].swap = FiniteOr(e, p, "swap", 0);
      m.positions[i].commission = FiniteOr(e, p, "commission", 0);
      m.positions[i].time_msc = NonNegLong(e, p, "time_msc");
      m.positions[i].signal_id = StrOr(e, p, "signal_id", "");
     }
  }

void CVPDecoder::Signal(int o, VPMessage &m)
  {
   m.kind = "open";
   if(Has(o, "kind"))
      m.kind = Word(o, "", "kind", "|open|close|");
   bool open = (m.kind == "open");
   m.lots = open ? Price(o, "", "lots") : NonNegOr(o, "", "lots", 0);
   m.price = open ? Price(o, "", "price") : NonNegOr(o, "", "price", 0);
   m.sl = NonNegOr(o, "", "sl", 0);
   m.tp1 = NonNegOr(o, "", "tp1", 0);
   m.tp2 = NonNegOr(o, "", "tp2", 0);
   m.side = Word(o, "", "side", "|buy|sell|");
   if(!m_failed && open && m.sl > 0)
     {
      bool buy = (m.side == "buy");
      if(buy ? m.sl >= m.price : m.sl <= m.price)
         Fail("out_of_range", "sl", "stop loss " + JsonNumber(m.sl) + " is on the wrong side of " + m.side +
              " price " + JsonNumber(m.price));
     }
   m.confidence = FiniteOr(o, "", "confidence", 0);
   if(!m_failed && (m.confidence < 0 || m.confidence > 1))
      Fail("out_of_range", "confidence", "must be within 0..1, got " + JsonNumber(m.confidence));
   m.id = Name(o, "", "id", 64);
   m.symbol = Name(o, "", "symbol", 32);
   m.max_deviation = NonNegOr(o, "", "max_deviation", 0);
   m.expiry_ms = NonNegLong(o, "", "expiry_ms");
   m.alpha = StrOr(o, "", "alpha", "");
   m.regime = StrOr(o, "", "regime", "");
   m.reason = StrOr(o, "", "reason", "");
   m.position = NonNegLongOr(o, "", "position", 0);
  }

void CVPDecoder::Fill(int o, VPMessage &m)
  {
   m.deal = Lng(o, "", "deal");
   m.order = NonNegLongOr(o, "", "order", 0);
   m.position = NonNegLongOr(o, "", "position", 0);
   m.signal_id = StrOr(o, "", "signal_id", "");
   m.symbol = Name(o, "", "symbol", 32);
   m.side = Word(o, "", "side", "|buy|sell|");
   m.entry = Word(o, "", "entry", "|in|out|inout|");
   m.price = Price(o, "", "price");
   m.volume = Price(o, "", "volume");
   m.commission = FiniteOr(o, "", "commission", 0);
   m.swap = FiniteOr(o, "", "swap", 0);
   m.profit = FiniteOr(o, "", "profit", 0);
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.reason = StrOr(o, "", "reason", "");
  }

void CVPDecoder::GovernorState(int o, VPMessage &m)
  {
   m.mode = Word(o, "", "mode", "|ok|blocked|halted|paused|");
   m.reason = StrOr(o, "", "reason", "");
   int l = List(o, "", "rules", true);
   if(l < 0)
      return;
   int n = m_doc.Size(l);
   ArrayResize(m.rules, n);
   for(int i = 0; i < n && !m_failed; i++)
     {
      string p;
      int e = Element(l, i, "", "rules", p);
      if(e < 0)
         return;
      m.rules[i].id = Name(e, p, "id", 64);
      m.rules[i].value = Finite(e, p, "value");
      m.rules[i].limit = Finite(e, p, "limit");
      m.rules[i].distance = Finite(e, p, "distance");
      m.rules[i].status = Word(e, p, "status", "|ok|warning|breach|");
     }
  }

// A 3-letter upper-case currency code, or "All" (a release that moves every symbol), as in ProtocolCodec.news.
bool VPIsNewsCurrency(const string &c)
  {
   if(c == "All")
      return true;
   if(StringLen(c) != 3)
      return false;
   for(int i = 0; i < 3; i++)
     {
      ushort ch = StringGetCharacter(c, i);
      if(ch < 'A' || ch > 'Z')
         return false;
     }
   return true;
  }

void CVPDecoder::News(int o, VPMessage &m)
  {
   m.release_ms = NonNegLong(o, "", "release_ms");
   m.currency = Str(o, "", "currency");
   if(!m_failed && !VPIsNewsCurrency(m.currency))
      Fail("out_of_range", "currency", "must be a 3-letter upper-case code or 'All', got '" + m.currency + "'");
   m.impact = Word(o, "", "impact", "|low|medium|high|");
   m.title = StrOr(o, "", "title", "");
  }

//+------------------------------------------------------------------+
//| Encoder: header, then every payload field of the type            |
//+------------------------------------------------------------------+
string VPEncode(const VPMessage &m)
  {
   CJsonOut w;
   w.BeginObject();
   w.Int("v", m.v);
   w.Str("type", m.type);
   w.Int("seq", m.seq);
   w.Int("ts_ms", m.ts_ms);
   if(VPIsReliable(m.type))
      w.Int("prev", m.prev);
   if(m.resend)
      w.Bool("resend", true);
   if(m.ack_req)
      w.Bool("ack_req", true);
   if(m.type == "hello")
     {
      w.Str("terminal", m.terminal);
      w.Str("account", m.account);
      w.Str("server", m.server);
      w.Str("company", m.company);
      w.Str("currency", m.currency);
      w.Int("leverage", m.leverage);
      w.Str("margin_mode", m.margin_mode);
      w.Int("server_offset_s", m.server_offset_s);
      w.ArrayKey("versions");
      for(int i = 0; i < ArraySize(m.versions); i++)
         w.IntItem(m.versions[i]);
      w.EndArray();
      w.Int("ack_seq", m.ack_seq);
      w.Str("firm_profile", m.firm_profile);
      w.ArrayKey("symbols");
      for(int i = 0; i < ArraySize(m.symbols); i++)
        {
         w.BeginObject();
         w.Str("symbol", m.symbols[i].symbol);
         w.Int("digits", m.symbols[i].digits);
         w.Num("point", m.symbols[i].point);
         w.Num("tick_size", m.symbols[i].tick_size);
         w.Num("tick_value", m.symbols[i].tick_value);
         w.Num("contract_size", m.symbols[i].contract_size);
         w.Num("volume_min", m.symbols[i].volume_min);
         w.Num("volume_step", m.symbols[i].volume_step);
         w.Num("volume_max", m.symbols[i].volume_max);
         w.Int("stops_level", m.symbols[i].stops_level);
         w.Int("freeze_level", m.symbols[i].freeze_level);
         w.Str("base_currency", m.symbols[i].base_currency);
         w.Str("profit_currency", m.symbols[i].profit_currency);
         w.ArrayKey("sessions");
         for(int k = 0; k < ArraySize(m.symbols[i].sessions); k++)
           {
            w.BeginObject();
            w.Int("day", m.symbols[i].sessions[k].day);
            w.Int("from_min", m.symbols[i].sessions[k].from_min);
            w.Int("to_min", m.symbols[i].sessions[k].to_min);
            w.EndObject();
           }
         w.EndArray();
         w.EndObject();
        }
      w.EndArray();
     }
   else
      if(m.type == "welcome")
        {
         w.Int("version", m.version);
         w.Str("session", m.session);
         w.Int("ack_seq", m.ack_seq);
         w.Int("heartbeat_ms", m.heartbeat_ms);
         w.Int("stale_ms", m.stale_ms);
         w.Str("firm_profile", m.firm_profile);
         w.Str("sidecar_version", m.sidecar_version);
        }
      else
         if(m.type == "tick")
           {
            w.Str("symbol", m.symbol);
            w.Num("bid", m.bid);
            w.Num("ask", m.ask);
            w.Num("last", m.last);
            w.Num("volume", m.volume);
            w.Int("time_msc", m.time_msc);
            w.Int("flags", m.flags);
           }
         else
            if(m.type == "bar")
              {
               w.Str("symbol", m.symbol);
               w.Str("timeframe", m.timeframe);
               w.Int("time_msc", m.time_msc);
               w.Num("open", m.open);
               w.Num("high", m.high);
               w.Num("low", m.low);
               w.Num("close", m.close);
               w.Int("tick_volume", m.tick_volume);
               w.Int("spread", m.spread);
              }
            else
               if(m.type == "book")
                 {
                  w.Str("symbol", m.symbol);
                  w.Int("time_msc", m.time_msc);
                  w.ArrayKey("bids");
                  for(int i = 0; i < ArraySize(m.bids); i++)
                    {
                     w.BeginObject();
                     w.Num("price", m.bids[i].price);
                     w.Num("volume", m.bids[i].volume);
                     w.EndObject();
                    }
                  w.EndArray();
                  w.ArrayKey("asks");
                  for(int i = 0; i < ArraySize(m.asks); i++)
                    {
                     w.BeginObject();
                     w.Num("price", m.asks[i].price);
                     w.Num("volume", m.asks[i].volume);
                     w.EndObject();
                    }
                  w.EndArray();
                 }
               else
                  if(m.type == "account")
                    {
                     w.Num("balance", m.balance);
                     w.Num("equity", m.equity);
                     w.Num("margin", m.margin);
                     w.Num("free_margin", m.free_margin);
                     w.ArrayKey("positions");
                     for(int i = 0; i < ArraySize(m.positions); i++)
                       {
                        w.BeginObject();
                        w.Int("ticket", m.positions[i].ticket);
                        w.Str("symbol", m.positions[i].symbol);
                        w.Str("side", m.positions[i].side);
                        w.Num("volume", m.positions[i].volume);
                        w.Num("price_open", m.positions[i].price_open);
                        w.Num("sl", m.positions[i].sl);
                        w.Num("tp", m.positions[i].tp);
                        w.Num("profit", m.positions[i].profit);
                        w.Num("swap", m.positions[i].swap);
                        w.Num("commission", m.positions[i].commission);
                        w.Int("time_msc", m.positions[i].time_msc);
                        w.Str("signal_id", m.positions[i].signal_id);
                        w.EndObject();
                       }
                     w.EndArray();
                    }
                  else
                     if(m.type == "signal")
                       {
                        w.Str("id", m.id);
                        w.Str("kind", m.kind);
                        w.Str("symbol", m.symbol);
                        w.Str("side", m.side);
                        w.Num("lots", m.lots);
                        w.Num("price", m.price);
                        w.Num("max_deviation", m.max_deviation);
                        w.Num("sl", m.sl);
                        w.Num("tp1", m.tp1);
                        w.Num("tp2", m.tp2);
                        w.Int("expiry_ms", m.expiry_ms);
                        w.Str("alpha", m.alpha);
                        w.Str("regime", m.regime);
                        w.Num("confidence", m.confidence);
                        w.Str("reason", m.reason);
                        w.Int("position", m.position);
                       }
                     else
                        if(m.type == "signal_ack")
                          {
                           w.Str("signal_id", m.signal_id);
                           w.Str("status", m.status);
                           w.Str("rule", m.rule);
                           w.Str("reason", m.reason);
                           w.Int("ticket", m.ticket);
                           w.Num("price", m.price);
                          }
                        else
                           if(m.type == "fill")
                             {
                              w.Int("deal", m.deal);
                              w.Int("order", m.order);
                              w.Int("position", m.position);
                              w.Str("signal_id", m.signal_id);
                              w.Str("symbol", m.symbol);
                              w.Str("side", m.side);
                              w.Str("entry", m.entry);
                              w.Num("price", m.price);
                              w.Num("volume", m.volume);
                              w.Num("commission", m.commission);
                              w.Num("swap", m.swap);
                              w.Num("profit", m.profit);
                              w.Int("time_msc", m.time_msc);
                              w.Str("reason", m.reason);
                             }
                           else
                              if(m.type == "news")
                                {
                                 w.Int("release_ms", m.release_ms);
                                 w.Str("currency", m.currency);
                                 w.Str("impact", m.impact);
                                 w.Str("title", m.title);
                                }
                              else
                                 if(m.type == "governor_state")
                                   {
                                    w.Str("mode", m.mode);
                                    w.Str("reason", m.reason);
                                    w.ArrayKey("rules");
                                    for(int i = 0; i < ArraySize(m.rules); i++)
                                      {
                                       w.BeginObject();
                                       w.Str("id", m.rules[i].id);
                                       w.Num("value", m.rules[i].value);
                                       w.Num("limit", m.rules[i].limit);
                                       w.Num("distance", m.rules[i].distance);
                                       w.Str("status", m.rules[i].status);
                                       w.EndObject();
                                      }
                                    w.EndArray();
                                   }
                                 else
                                    if(m.type == "ack")
                                      {
                                       w.Int("ack_seq", m.ack_seq);
                                       w.Int("echo_seq", m.echo_seq);
                                      }
                                    else
                                       if(m.type == "error")
                                         {
                                          w.Str("code", m.code);
                                          w.Str("message", m.message);
                                          w.Str("field", m.field);
                                          w.Int("ref_seq", m.ref_seq);
                                         }
   w.EndObject();
   return w.Text();
  }

#endif
