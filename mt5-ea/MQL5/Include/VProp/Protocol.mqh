//+------------------------------------------------------------------+
//| Protocol.mqh - the validating codec of protocol v1 for the        |
//| message structs of Messages.mqh. Same checks, same order, same    |
//| error code/field/ref_seq as the sidecar's ProtocolCodec           |
//| (docs/protocol.md section 6), verified against protocol/vectors   |
//| by the Linux harness. Wire words become enums here and only here. |
//+------------------------------------------------------------------+
#ifndef VPROP_PROTOCOL_MQH
#define VPROP_PROTOCOL_MQH

#include <VProp/Json.mqh>
#include <VProp/Messages.mqh>

// Why a message was refused: what goes back in an error message.
struct VPError
  {
   ENUM_VP_ERROR_CODE code;
   string            field;
   string            message;
   long              ref_seq;
  };

//+------------------------------------------------------------------+
//| Decoder                                                           |
//| Decode() checks the envelope and every field of the type's body;  |
//| Read() then hands out the body as the struct of that type.        |
//+------------------------------------------------------------------+
class CVPDecoder
  {
private:
   CJsonDoc          m_doc;
   bool              m_failed;
   VPError           m_err;
   long              m_seq_hint;
   bool              m_ok;        // the last Decode succeeded
   ENUM_VP_MSG_TYPE  m_type;      // ... with a message of this type

   string            Path(const string &path, const string &field) { return path == "" ? field : path + "." + field; }
   bool              Fail(ENUM_VP_ERROR_CODE code, const string &name, const string &msg);
   int               Req(int obj, const string &path, const string &field);
   bool              Has(int obj, const string &field);
   string            Str(int obj, const string &path, const string &field);
   string            StrOr(int obj, const string &path, const string &field, const string &dflt);
   string            Name(int obj, const string &path, const string &field, int max);
   int               Word(int obj, const string &path, const string &field, const string &words);
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

   void              DecodeSymbol(int o, const string &p, VPSymbolInfo &s);
   void              Levels(int o, const string &field, VPLevel &out[]);
   // the payload of each type, field by field in the order of docs/protocol.md section 3
   void              Body(int o, VPHelloMsg &m);
   void              Body(int o, VPWelcomeMsg &m);
   void              Body(int o, VPTickMsg &m);
   void              Body(int o, VPBarMsg &m);
   void              Body(int o, VPBookMsg &m);
   void              Body(int o, VPAccountMsg &m);
   void              Body(int o, VPSignalMsg &m);
   void              Body(int o, VPSignalAckMsg &m);
   void              Body(int o, VPOrderMsg &m);
   ENUM_VP_ORDER_TYPE PendingType(int o, const string &path);
   void              StopSide(const string &path, ENUM_VP_SIDE side, double price, double sl);
   void              Body(int o, VPFillMsg &m);
   void              Body(int o, VPControlMsg &m);
   void              Body(int o, VPControlAckMsg &m);
   void              Body(int o, VPBalanceMsg &m);
   void              Body(int o, VPGovernorStateMsg &m);
   void              Body(int o, VPNewsMsg &m);
   void              Body(int o, VPSymbolUpdateMsg &m);
   void              Body(int o, VPFirmStateMsg &m);
   int               Count(int o, const string &field);
   void              Body(int o, VPAckMsg &m);
   void              Body(int o, VPErrorMsg &m);
   void              CheckBody(ENUM_VP_MSG_TYPE type);
   bool              Ready(ENUM_VP_MSG_TYPE type);

public:
                     CVPDecoder(void) { m_ok = false; m_failed = false; m_seq_hint = 0; m_type = VP_MSG_HEARTBEAT; }
   // Decodes one message of `bytes` UTF-8 bytes: the envelope, and checks the payload of its type.
   // false: `err` says what is wrong (code, field, ref_seq).
   bool              Decode(const string &text, int bytes, VPEnvelope &env, VPError &err);
   // The payload of the message the last Decode accepted; false when that message is not of this type.
   bool              Read(VPHelloMsg &m)         { if(!Ready(VP_MSG_HELLO)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPWelcomeMsg &m)       { if(!Ready(VP_MSG_WELCOME)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPTickMsg &m)          { if(!Ready(VP_MSG_TICK)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPBarMsg &m)           { if(!Ready(VP_MSG_BAR)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPBookMsg &m)          { if(!Ready(VP_MSG_BOOK)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPAccountMsg &m)       { if(!Ready(VP_MSG_ACCOUNT)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPSignalMsg &m)        { if(!Ready(VP_MSG_SIGNAL)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPSignalAckMsg &m)     { if(!Ready(VP_MSG_SIGNAL_ACK)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPFillMsg &m)          { if(!Ready(VP_MSG_FILL)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPControlMsg &m)       { if(!Ready(VP_MSG_CONTROL)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPControlAckMsg &m)    { if(!Ready(VP_MSG_CONTROL_ACK)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPBalanceMsg &m)       { if(!Ready(VP_MSG_BALANCE)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPOrderMsg &m)         { if(!Ready(VP_MSG_ORDER)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPGovernorStateMsg &m) { if(!Ready(VP_MSG_GOVERNOR_STATE)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPNewsMsg &m)          { if(!Ready(VP_MSG_NEWS)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPSymbolUpdateMsg &m)  { if(!Ready(VP_MSG_SYMBOL_UPDATE)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPFirmStateMsg &m)     { if(!Ready(VP_MSG_FIRM_STATE)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPAckMsg &m)           { if(!Ready(VP_MSG_ACK)) return false; Body(0, m); return !m_failed; }
   bool              Read(VPErrorMsg &m)         { if(!Ready(VP_MSG_ERROR)) return false; Body(0, m); return !m_failed; }
  };

bool CVPDecoder::Fail(ENUM_VP_ERROR_CODE code, const string &name, const string &msg)
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
      Fail(VP_ERR_MISSING_FIELD, Path(path, field), "required field is missing");
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
      Fail(VP_ERR_WRONG_TYPE, Path(path, field), "expected a string");
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
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "must be 1.." + IntegerToString(max) + " characters, got '" + s + "'");
   return s;
  }

// The index of the field's word in `words` ("|buy|sell|"): the value of the enum those words spell; 0 when failed.
int CVPDecoder::Word(int obj, const string &path, const string &field, const string &words)
  {
   string s = Str(obj, path, field);
   if(m_failed)
      return 0;
   int i = VPWordIndex(words, s);
   if(i < 0)
     {
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "must be one of " + words + ", got '" + s + "'");
      return 0;
     }
   return i;
  }

long CVPDecoder::Lng(int obj, const string &path, const string &field)
  {
   int n = Req(obj, path, field);
   if(n < 0)
      return 0;
   if(m_doc.Kind(n) != VPJ_NUMBER || !m_doc.IsInt(n))
     {
      Fail(VP_ERR_WRONG_TYPE, Path(path, field), "expected an integer");
      return 0;
     }
   return m_doc.Int(n);
  }

long CVPDecoder::NonNegLong(int obj, const string &path, const string &field)
  {
   long v = Lng(obj, path, field);
   if(!m_failed && v < 0)
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "must not be negative, got " + IntegerToString(v));
   return v;
  }

long CVPDecoder::NonNegLongOr(int obj, const string &path, const string &field, long dflt)
  {
   if(m_failed)
      return dflt;
   if(!Has(obj, field))
     {
      if(dflt < 0)
         Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "must not be negative");
      return dflt;
     }
   return NonNegLong(obj, path, field);
  }

int CVPDecoder::Integer(int obj, const string &path, const string &field)
  {
   long v = Lng(obj, path, field);
   if(!m_failed && (v < -2147483648 || v > 2147483647))
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "out of 32-bit range: " + IntegerToString(v));
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
      Fail(VP_ERR_WRONG_TYPE, Path(path, field), "expected true or false");
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
      Fail(VP_ERR_WRONG_TYPE, Path(path, field), "expected a number");
      return 0;
     }
   double d = m_doc.Num(n);
   if(!MathIsValidNumber(d))
     {
      Fail(VP_ERR_NON_FINITE, Path(path, field), "must be finite, got " + m_doc.Str(n));
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
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "price must be positive, got " + JsonNumber(d));
   return d;
  }

double CVPDecoder::NonNeg(int obj, const string &path, const string &field)
  {
   double d = Finite(obj, path, field);
   if(!m_failed && d < 0)
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, field), "must not be negative, got " + JsonNumber(d));
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
      Fail(VP_ERR_WRONG_TYPE, Path(path, field), "expected an array");
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
      Fail(VP_ERR_WRONG_TYPE, elem_path, "expected an object");
      return -1;
     }
   return e;
  }

bool CVPDecoder::Ready(ENUM_VP_MSG_TYPE type)
  {
   if(!m_ok || m_type != type)
      return false;
   m_failed = false;
   return true;
  }

bool CVPDecoder::Decode(const string &text, int bytes, VPEnvelope &env, VPError &err)
  {
   m_ok = false;
   m_failed = false;
   m_seq_hint = 0;
   m_err.code = VP_ERR_INTERNAL;
   m_err.field = "";
   m_err.message = "";
   m_err.ref_seq = 0;
   env.v = VP_VERSION;
   env.type = VP_MSG_HEARTBEAT;
   env.seq = 0;
   env.ts_ms = 0;
   env.prev = 0;
   env.resend = false;
   env.ack_req = false;
   if(bytes > VP_MAX_BYTES)
      Fail(VP_ERR_TOO_LARGE, "", "message of " + IntegerToString(bytes) + " bytes exceeds the " +
           IntegerToString(VP_MAX_BYTES) + "-byte limit");
   else
      if(!m_doc.Parse(text))
         Fail(VP_ERR_MALFORMED_JSON, "", "malformed JSON: " + m_doc.Error());
      else
         if(m_doc.Kind(0) != VPJ_OBJECT)
            Fail(VP_ERR_NOT_AN_OBJECT, "", "a message must be a JSON object");
   if(m_failed)
     {
      err = m_err;
      return false;
     }
   int o = 0;
   int sn = m_doc.Find(o, "seq");
   if(sn >= 0 && m_doc.Kind(sn) == VPJ_NUMBER && m_doc.IsInt(sn))
      m_seq_hint = m_doc.Int(sn);
   env.v = Integer(o, "", "v");
   string type = Str(o, "", "type");
   if(!m_failed && !VPMsgTypeParse(type, env.type))
      Fail(VP_ERR_UNKNOWN_TYPE, "type", "unknown message type '" + type + "'");
   if(!m_failed && (env.v < 1 || (env.v != VP_VERSION && env.type != VP_MSG_HELLO)))
      Fail(VP_ERR_UNSUPPORTED_VERSION, "v", "protocol version " + IntegerToString(env.v) + " is not supported (this side speaks 1)");
   env.seq = Lng(o, "", "seq");
   if(!m_failed && env.seq < 1)
      Fail(VP_ERR_OUT_OF_RANGE, "seq", "must be >= 1, got " + IntegerToString(env.seq));
   env.ts_ms = NonNegLong(o, "", "ts_ms");
   if(!m_failed && VPIsReliable(env.type))
     {
      env.prev = NonNegLong(o, "", "prev");
      if(!m_failed && env.prev >= env.seq)
         Fail(VP_ERR_OUT_OF_RANGE, "prev", "must be below seq " + IntegerToString(env.seq) + ", got " + IntegerToString(env.prev));
     }
   env.resend = BoolOr(o, "", "resend", false);
   env.ack_req = BoolOr(o, "", "ack_req", false);
   if(!m_failed)
      CheckBody(env.type);
   if(m_failed)
     {
      err = m_err;
      return false;
     }
   m_ok = true;
   m_type = env.type;
   return true;
  }

// Decodes the payload of `type` into a scratch struct: a bad field fails the whole message.
void CVPDecoder::CheckBody(ENUM_VP_MSG_TYPE type)
  {
   switch(type)
     {
      case VP_MSG_HELLO:
        {
         VPHelloMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_WELCOME:
        {
         VPWelcomeMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_TICK:
        {
         VPTickMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_BAR:
        {
         VPBarMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_BOOK:
        {
         VPBookMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_ACCOUNT:
        {
         VPAccountMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_SIGNAL:
        {
         VPSignalMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_SIGNAL_ACK:
        {
         VPSignalAckMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_FILL:
        {
         VPFillMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_CONTROL:
        {
         VPControlMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_CONTROL_ACK:
        {
         VPControlAckMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_BALANCE:
        {
         VPBalanceMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_GOVERNOR_STATE:
        {
         VPGovernorStateMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_NEWS:
        {
         VPNewsMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_SYMBOL_UPDATE:
        {
         VPSymbolUpdateMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_FIRM_STATE:
        {
         VPFirmStateMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_ACK:
        {
         VPAckMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_ORDER:
        {
         VPOrderMsg m;
         Body(0, m);
         break;
        }
      case VP_MSG_ERROR:
        {
         VPErrorMsg m;
         Body(0, m);
         break;
        }
      default:
         break; // heartbeat: the envelope alone
     }
  }

void CVPDecoder::Body(int o, VPHelloMsg &m)
  {
   ArrayResize(m.versions, 0);
   ArrayResize(m.symbols, 0);
   int vl = List(o, "", "versions", false);
   if(vl >= 0)
     {
      int n = m_doc.Size(vl);
      ArrayResize(m.versions, n);
      for(int i = 0; i < n && !m_failed; i++)
        {
         int e = m_doc.At(vl, i);
         if(m_doc.Kind(e) != VPJ_NUMBER || !m_doc.IsInt(e))
            Fail(VP_ERR_WRONG_TYPE, "versions[" + IntegerToString(i) + "]", "expected an integer version");
         else
            m.versions[i] = (int)m_doc.Int(e);
        }
      if(!m_failed && n == 0)
         Fail(VP_ERR_OUT_OF_RANGE, "versions", "must list at least one version");
     }
   m.leverage = Integer(o, "", "leverage");
   if(!m_failed && m.leverage < 1)
      Fail(VP_ERR_OUT_OF_RANGE, "leverage", "must be >= 1, got " + IntegerToString(m.leverage));
   m.server_offset_s = Integer(o, "", "server_offset_s");
   if(!m_failed && MathAbs(m.server_offset_s) > 14 * 3600)
      Fail(VP_ERR_OUT_OF_RANGE, "server_offset_s", "must be within 14 h, got " + IntegerToString(m.server_offset_s));
   m.terminal = Name(o, "", "terminal", 128);
   m.account = Name(o, "", "account", 64);
   m.server = Str(o, "", "server");
   m.company = StrOr(o, "", "company", "");
   m.currency = Name(o, "", "currency", 8);
   m.margin_mode = (ENUM_VP_MARGIN_MODE)Word(o, "", "margin_mode", VP_WORDS_MARGIN_MODE);
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
      Fail(VP_ERR_OUT_OF_RANGE, Path(p, "digits"), "must be 0..10, got " + IntegerToString(s.digits));
   s.volume_min = Price(o, p, "volume_min");
   s.volume_step = Price(o, p, "volume_step");
   s.volume_max = Price(o, p, "volume_max");
   if(!m_failed && s.volume_max < s.volume_min)
      Fail(VP_ERR_OUT_OF_RANGE, Path(p, "volume_max"), "below volume_min " + JsonNumber(s.volume_min));
   s.stops_level = Integer(o, p, "stops_level");
   s.freeze_level = Integer(o, p, "freeze_level");
   if(!m_failed && s.stops_level < 0)
      Fail(VP_ERR_OUT_OF_RANGE, Path(p, "stops_level"), "must not be negative");
   if(!m_failed && s.freeze_level < 0)
      Fail(VP_ERR_OUT_OF_RANGE, Path(p, "freeze_level"), "must not be negative");
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
         Fail(VP_ERR_OUT_OF_RANGE, Path(ep, "day"), "must be 0 (Sunday)..6, got " + IntegerToString(day));
      if(!m_failed && (from < 0 || to > 1440 || from > to))
         Fail(VP_ERR_OUT_OF_RANGE, Path(ep, "to_min"), "need 0 <= from_min <= to_min <= 1440");
      s.sessions[i].day = day;
      s.sessions[i].from_min = from;
      s.sessions[i].to_min = to;
     }
  }

void CVPDecoder::Body(int o, VPWelcomeMsg &m)
  {
   m.version = Integer(o, "", "version");
   m.session = Str(o, "", "session");
   m.ack_seq = NonNegLong(o, "", "ack_seq");
   m.heartbeat_ms = Integer(o, "", "heartbeat_ms");
   m.stale_ms = Integer(o, "", "stale_ms");
   m.firm_profile = StrOr(o, "", "firm_profile", "");
   m.sidecar_version = StrOr(o, "", "sidecar_version", "");
  }

void CVPDecoder::Body(int o, VPTickMsg &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   m.bid = Price(o, "", "bid");
   m.ask = Price(o, "", "ask");
   if(!m_failed && m.bid > m.ask)
      Fail(VP_ERR_CROSSED_QUOTE, "bid", "bid " + JsonNumber(m.bid) + " is above ask " + JsonNumber(m.ask));
   m.last = NonNegOr(o, "", "last", 0);
   m.volume = NonNegOr(o, "", "volume", 0);
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.flags = IntegerOr(o, "", "flags", 0);
  }

void CVPDecoder::Body(int o, VPBarMsg &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   string tf = Str(o, "", "timeframe");
   if(!m_failed && !VPTimeframeParse(tf, m.timeframe))
      Fail(VP_ERR_OUT_OF_RANGE, "timeframe", "unknown timeframe '" + tf + "' (expected one of M1 M5 M15 M30 H1 H4 D1)");
   m.open = Price(o, "", "open");
   m.high = Price(o, "", "high");
   m.low = Price(o, "", "low");
   m.close = Price(o, "", "close");
   if(!m_failed && m.high < MathMax(m.open, MathMax(m.low, m.close)))
      Fail(VP_ERR_OUT_OF_RANGE, "high", "high " + JsonNumber(m.high) + " is below open/low/close");
   if(!m_failed && m.low > MathMin(m.open, m.close))
      Fail(VP_ERR_OUT_OF_RANGE, "low", "low " + JsonNumber(m.low) + " is above open/close");
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.tick_volume = NonNegLongOr(o, "", "tick_volume", 0);
   m.spread = IntegerOr(o, "", "spread", 0);
  }

void CVPDecoder::Body(int o, VPBookMsg &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   m.time_msc = NonNegLong(o, "", "time_msc");
   Levels(o, "bids", m.bids);
   Levels(o, "asks", m.asks);
  }

void CVPDecoder::Levels(int o, const string &field, VPLevel &out[])
  {
   ArrayResize(out, 0);
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

void CVPDecoder::Body(int o, VPAccountMsg &m)
  {
   ArrayResize(m.positions, 0);
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
      m.positions[i].side = (ENUM_VP_SIDE)Word(e, p, "side", VP_WORDS_SIDE);
      m.positions[i].price_open = Price(e, p, "price_open");
      m.positions[i].sl = NonNegOr(e, p, "sl", 0);
      m.positions[i].tp = NonNegOr(e, p, "tp", 0);
      m.positions[i].profit = Finite(e, p, "profit");
      m.positions[i].swap = FiniteOr(e, p, "swap", 0);
      m.positions[i].commission = FiniteOr(e, p, "commission", 0);
      m.positions[i].time_msc = NonNegLong(e, p, "time_msc");
      m.positions[i].signal_id = StrOr(e, p, "signal_id", "");
     }
   ArrayResize(m.orders, 0);
   if(m_failed || !Has(o, "orders"))
      return;
   l = List(o, "", "orders", true);
   if(l < 0)
      return;
   n = m_doc.Size(l);
   ArrayResize(m.orders, n);
   for(int i = 0; i < n && !m_failed; i++)
     {
      string p;
      int e = Element(l, i, "", "orders", p);
      if(e < 0)
         return;
      m.orders[i].ticket = Lng(e, p, "ticket");
      m.orders[i].symbol = Name(e, p, "symbol", 32);
      m.orders[i].type = PendingType(e, p);
      m.orders[i].volume = Price(e, p, "volume");
      m.orders[i].price = Price(e, p, "price");
      m.orders[i].sl = NonNegOr(e, p, "sl", 0);
      StopSide(p, VPOrderTypeSide(m.orders[i].type), m.orders[i].price, m.orders[i].sl);
      m.orders[i].tp = NonNegOr(e, p, "tp", 0);
      m.orders[i].expiry_msc = NonNegLongOr(e, p, "expiry_msc", 0);
      m.orders[i].signal_id = StrOr(e, p, "signal_id", "");
     }
  }

// order_type of a resting order: one of the pending types (market is not one)
ENUM_VP_ORDER_TYPE CVPDecoder::PendingType(int o, const string &path)
  {
   int i = Word(o, path, "order_type", VP_WORDS_PENDING_TYPE);
   return (ENUM_VP_ORDER_TYPE)(i < 0 ? 1 : i + 1);
  }

// the stop of an order entering at `price` on `side` must be on its losing side
void CVPDecoder::StopSide(const string &path, ENUM_VP_SIDE side, double price, double sl)
  {
   if(!m_failed && sl > 0 && (side == VP_SIDE_BUY ? sl >= price : sl <= price))
      Fail(VP_ERR_OUT_OF_RANGE, Path(path, "sl"), "stop loss " + JsonNumber(sl) + " is on the wrong side of " + VPSideWire(side) +
           " price " + JsonNumber(price));
  }

void CVPDecoder::Body(int o, VPOrderMsg &m)
  {
   m.ticket = Lng(o, "", "ticket");
   if(!m_failed && m.ticket < 1)
      Fail(VP_ERR_OUT_OF_RANGE, "ticket", "must be >= 1, got " + IntegerToString(m.ticket));
   m.state = (ENUM_VP_ORDER_STATE)Word(o, "", "state", VP_WORDS_ORDER_STATE);
   m.type = PendingType(o, "");
   m.volume = Price(o, "", "volume");
   m.price = Price(o, "", "price");
   m.sl = NonNegOr(o, "", "sl", 0);
   StopSide("", VPOrderTypeSide(m.type), m.price, m.sl);
   m.symbol = Name(o, "", "symbol", 32);
   m.tp = NonNegOr(o, "", "tp", 0);
   m.expiry_msc = NonNegLongOr(o, "", "expiry_msc", 0);
   m.signal_id = StrOr(o, "", "signal_id", "");
   m.reason = StrOr(o, "", "reason", "");
   m.time_msc = NonNegLong(o, "", "time_msc");
  }

void CVPDecoder::Body(int o, VPSignalMsg &m)
  {
   m.kind = VP_SIGNAL_OPEN;
   if(Has(o, "kind"))
      m.kind = (ENUM_VP_SIGNAL_KIND)Word(o, "", "kind", VP_WORDS_SIGNAL_KIND);
   bool open = (m.kind == VP_SIGNAL_OPEN);
   m.lots = open ? Price(o, "", "lots") : NonNegOr(o, "", "lots", 0);
   m.price = open ? Price(o, "", "price") : NonNegOr(o, "", "price", 0);
   m.sl = NonNegOr(o, "", "sl", 0);
   m.tp1 = NonNegOr(o, "", "tp1", 0);
   m.tp2 = NonNegOr(o, "", "tp2", 0);
   m.side = (ENUM_VP_SIDE)Word(o, "", "side", VP_WORDS_SIDE);
   m.order_type = VP_ORDER_MARKET;
   if(!m_failed && Has(o, "order_type"))
      m.order_type = (ENUM_VP_ORDER_TYPE)Word(o, "", "order_type", VP_WORDS_ORDER_TYPE);
   if(!m_failed && m.order_type != VP_ORDER_MARKET && (!open || VPOrderTypeSide(m.order_type) != m.side))
      Fail(VP_ERR_OUT_OF_RANGE, "order_type", "a " + VPOrderTypeWire(m.order_type) + " is an open on the " +
           VPSideWire(VPOrderTypeSide(m.order_type)) + " side, got " + VPSignalKindWire(m.kind) + " " + VPSideWire(m.side));
   if(!m_failed && open && m.sl > 0)
     {
      bool buy = (m.side == VP_SIDE_BUY);
      if(buy ? m.sl >= m.price : m.sl <= m.price)
         Fail(VP_ERR_OUT_OF_RANGE, "sl", "stop loss " + JsonNumber(m.sl) + " is on the wrong side of " + VPSideWire(m.side) +
              " price " + JsonNumber(m.price));
     }
   m.confidence = FiniteOr(o, "", "confidence", 0);
   if(!m_failed && (m.confidence < 0 || m.confidence > 1))
      Fail(VP_ERR_OUT_OF_RANGE, "confidence", "must be within 0..1, got " + JsonNumber(m.confidence));
   m.id = Name(o, "", "id", 64);
   m.symbol = Name(o, "", "symbol", 32);
   m.max_deviation = NonNegOr(o, "", "max_deviation", 0);
   m.expiry_ms = NonNegLong(o, "", "expiry_ms");
   m.alpha = StrOr(o, "", "alpha", "");
   m.regime = StrOr(o, "", "regime", "");
   m.reason = StrOr(o, "", "reason", "");
   m.position = NonNegLongOr(o, "", "position", 0);
  }

void CVPDecoder::Body(int o, VPSignalAckMsg &m)
  {
   m.signal_id = Name(o, "", "signal_id", 64);
   m.status = (ENUM_VP_ACK_STATUS)Word(o, "", "status", VP_WORDS_ACK_STATUS);
   m.rule = StrOr(o, "", "rule", "");
   m.reason = StrOr(o, "", "reason", "");
   m.ticket = NonNegLongOr(o, "", "ticket", 0);
   m.price = NonNegOr(o, "", "price", 0);
  }

void CVPDecoder::Body(int o, VPFillMsg &m)
  {
   m.deal = Lng(o, "", "deal");
   m.order = NonNegLongOr(o, "", "order", 0);
   m.position = NonNegLongOr(o, "", "position", 0);
   m.signal_id = StrOr(o, "", "signal_id", "");
   m.symbol = Name(o, "", "symbol", 32);
   m.side = (ENUM_VP_SIDE)Word(o, "", "side", VP_WORDS_SIDE);
   m.entry = (ENUM_VP_FILL_ENTRY)Word(o, "", "entry", VP_WORDS_FILL_ENTRY);
   m.price = Price(o, "", "price");
   m.volume = Price(o, "", "volume");
   m.commission = FiniteOr(o, "", "commission", 0);
   m.swap = FiniteOr(o, "", "swap", 0);
   m.profit = FiniteOr(o, "", "profit", 0);
   m.time_msc = NonNegLong(o, "", "time_msc");
   string reason = StrOr(o, "", "reason", "");
   if(!VPFillReasonParse(reason, m.reason))
      m.reason = VP_FILL_REASON_OTHER; // open text on the wire (as in the Java codec): never an error
  }

void CVPDecoder::Body(int o, VPControlMsg &m)
  {
   m.id = Name(o, "", "id", 64);
   m.action = (ENUM_VP_CONTROL_ACTION)Word(o, "", "action", VP_WORDS_CONTROL_ACTION);
   bool one = (!m_failed && m.action == VP_CONTROL_CLOSE_POSITION);
   m.position = one ? NonNegLong(o, "", "position") : NonNegLongOr(o, "", "position", 0);
   if(!m_failed && one && m.position == 0)
      Fail(VP_ERR_OUT_OF_RANGE, "position", "close_position needs the ticket of the position to close, got 0");
   m.symbol = StrOr(o, "", "symbol", "");
   if(!m_failed && StringLen(m.symbol) > 32)
      Fail(VP_ERR_OUT_OF_RANGE, "symbol", "longer than 32 characters");
   m.reason = Str(o, "", "reason");
   string trimmed = m.reason;
   StringTrimLeft(trimmed);
   StringTrimRight(trimmed);
   if(!m_failed && StringLen(trimmed) == 0)
      Fail(VP_ERR_OUT_OF_RANGE, "reason", "must say why (the audit trail keeps it)");
   m.time_ms = NonNegLong(o, "", "time_ms");
  }

void CVPDecoder::Body(int o, VPControlAckMsg &m)
  {
   m.closed = IntegerOr(o, "", "closed", 0);
   m.cancelled = IntegerOr(o, "", "cancelled", 0);
   if(!m_failed && m.closed < 0)
      Fail(VP_ERR_OUT_OF_RANGE, "closed", "must not be negative, got " + IntegerToString(m.closed));
   if(!m_failed && m.cancelled < 0)
      Fail(VP_ERR_OUT_OF_RANGE, "cancelled", "must not be negative, got " + IntegerToString(m.cancelled));
   m.control_id = Name(o, "", "control_id", 64);
   m.status = (ENUM_VP_CONTROL_STATUS)Word(o, "", "status", VP_WORDS_CONTROL_STATUS);
   m.reason = StrOr(o, "", "reason", "");
  }

void CVPDecoder::Body(int o, VPBalanceMsg &m)
  {
   m.deal = Lng(o, "", "deal");
   if(!m_failed && m.deal < 1)
      Fail(VP_ERR_OUT_OF_RANGE, "deal", "must be >= 1, got " + IntegerToString(m.deal));
   m.kind = (ENUM_VP_BALANCE_KIND)Word(o, "", "kind", VP_WORDS_BALANCE_KIND);
   m.amount = Finite(o, "", "amount");
   if(!m_failed && m.amount == 0)
      Fail(VP_ERR_OUT_OF_RANGE, "amount", "must not be 0");
   if(!m_failed && m.kind == VP_BAL_DEPOSIT && m.amount < 0)
      Fail(VP_ERR_OUT_OF_RANGE, "amount", "a deposit must be positive, got " + JsonNumber(m.amount));
   if(!m_failed && (m.kind == VP_BAL_WITHDRAWAL || m.kind == VP_BAL_PAYOUT) && m.amount > 0)
      Fail(VP_ERR_OUT_OF_RANGE, "amount", "a " + VPBalanceKindWire(m.kind) + " must be negative, got " + JsonNumber(m.amount));
   m.time_msc = NonNegLong(o, "", "time_msc");
   m.comment = StrOr(o, "", "comment", "");
  }

void CVPDecoder::Body(int o, VPGovernorStateMsg &m)
  {
   ArrayResize(m.rules, 0);
   m.mode = (ENUM_VP_GOV_MODE)Word(o, "", "mode", VP_WORDS_GOV_MODE);
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
      m.rules[i].status = (ENUM_VP_RULE_STATUS)Word(e, p, "status", VP_WORDS_RULE_STATUS);
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

void CVPDecoder::Body(int o, VPNewsMsg &m)
  {
   m.release_ms = NonNegLong(o, "", "release_ms");
   m.currency = Str(o, "", "currency");
   if(!m_failed && !VPIsNewsCurrency(m.currency))
      Fail(VP_ERR_OUT_OF_RANGE, "currency", "must be a 3-letter upper-case code or 'All', got '" + m.currency + "'");
   m.impact = (ENUM_VP_IMPACT)Word(o, "", "impact", VP_WORDS_IMPACT);
   m.title = StrOr(o, "", "title", "");
  }

void CVPDecoder::Body(int o, VPSymbolUpdateMsg &m)
  {
   m.symbol = Name(o, "", "symbol", 32);
   m.tick_value = Price(o, "", "tick_value");
  }

int CVPDecoder::Count(int o, const string &field)
  {
   int n = Integer(o, "", field);
   if(!m_failed && n < 0)
      Fail(VP_ERR_OUT_OF_RANGE, field, "must not be negative, got " + IntegerToString(n));
   return n;
  }

// In the order of ProtocolCodec.firmState: the first wrong field is the one named.
void CVPDecoder::Body(int o, VPFirmStateMsg &m)
  {
   m.ok = Word(o, "", "status", VP_WORDS_FIRM_STATUS) == 0;
   m.initial_balance = NonNeg(o, "", "initial_balance");
   if(!m_failed && m.ok && m.initial_balance <= 0)
      Fail(VP_ERR_OUT_OF_RANGE, "initial_balance", "must be > 0 when status is ok, got " + JsonNumber(m.initial_balance));
   m.rule = StrOr(o, "", "rule", "");
   m.reason = StrOr(o, "", "reason", "");
   m.blocked_until_ms = NonNegLongOr(o, "", "blocked_until_ms", 0);
   m.challenge_start_ms = NonNegLong(o, "", "challenge_start_ms");
   m.time_ms = NonNegLong(o, "", "time_ms");
   m.balance = NonNeg(o, "", "balance");
   m.equity = NonNeg(o, "", "equity");
   m.day_start_ms = NonNegLong(o, "", "day_start_ms");
   m.next_reset_ms = NonNegLong(o, "", "next_reset_ms");
   m.day_start_balance = NonNeg(o, "", "day_start_balance");
   m.day_start_equity = NonNeg(o, "", "day_start_equity");
   m.high_water = NonNeg(o, "", "high_water");
   m.trading_days = Count(o, "trading_days");
   m.traded_today = BoolOr(o, "", "traded_today", false);
   m.profitable_days = Count(o, "profitable_days");
   m.day_profit = Finite(o, "", "day_profit");
   m.best_day = NonNeg(o, "", "best_day");
   m.deals_read = Count(o, "deals_read");
  }

void CVPDecoder::Body(int o, VPAckMsg &m)
  {
   m.ack_seq = NonNegLong(o, "", "ack_seq");
   m.echo_seq = NonNegLongOr(o, "", "echo_seq", 0);
  }

void CVPDecoder::Body(int o, VPErrorMsg &m)
  {
   string code = Str(o, "", "code");
   if(!VPErrorCodeParse(code, m.code))
      m.code = VP_ERR_OTHER; // a code this side does not know is still an error to log, never one to answer
   m.message = Str(o, "", "message");
   m.field = StrOr(o, "", "field", "");
   m.ref_seq = NonNegLongOr(o, "", "ref_seq", 0);
  }

//+------------------------------------------------------------------+
//| Encoder: the envelope, then every payload field of the type.      |
//| The type written is the body's; the envelope gives v, seq, ts_ms, |
//| prev (reliable types), resend and ack_req.                        |
//+------------------------------------------------------------------+
void VPEncodeHeader(CJsonOut &w, const VPEnvelope &h, ENUM_VP_MSG_TYPE type)
  {
   w.BeginObject();
   w.Int("v", h.v);
   w.Str("type", VPMsgTypeWire(type));
   w.Int("seq", h.seq);
   w.Int("ts_ms", h.ts_ms);
   if(VPIsReliable(type))
      w.Int("prev", h.prev);
   if(h.resend)
      w.Bool("resend", true);
   if(h.ack_req)
      w.Bool("ack_req", true);
  }

string VPEncodeHeartbeat(const VPEnvelope &h)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_HEARTBEAT);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPHelloMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_HELLO);
   w.Str("terminal", m.terminal);
   w.Str("account", m.account);
   w.Str("server", m.server);
   w.Str("company", m.company);
   w.Str("currency", m.currency);
   w.Int("leverage", m.leverage);
   w.Str("margin_mode", VPMarginModeWire(m.margin_mode));
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
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPWelcomeMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_WELCOME);
   w.Int("version", m.version);
   w.Str("session", m.session);
   w.Int("ack_seq", m.ack_seq);
   w.Int("heartbeat_ms", m.heartbeat_ms);
   w.Int("stale_ms", m.stale_ms);
   w.Str("firm_profile", m.firm_profile);
   w.Str("sidecar_version", m.sidecar_version);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPTickMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_TICK);
   w.Str("symbol", m.symbol);
   w.Num("bid", m.bid);
   w.Num("ask", m.ask);
   w.Num("last", m.last);
   w.Num("volume", m.volume);
   w.Int("time_msc", m.time_msc);
   w.Int("flags", m.flags);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPBarMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_BAR);
   w.Str("symbol", m.symbol);
   w.Str("timeframe", VPTimeframeWire(m.timeframe));
   w.Int("time_msc", m.time_msc);
   w.Num("open", m.open);
   w.Num("high", m.high);
   w.Num("low", m.low);
   w.Num("close", m.close);
   w.Int("tick_volume", m.tick_volume);
   w.Int("spread", m.spread);
   w.EndObject();
   return w.Text();
  }

void VPEncodeLevels(CJsonOut &w, const string &key, const VPLevel &levels[])
  {
   w.ArrayKey(key);
   for(int i = 0; i < ArraySize(levels); i++)
     {
      w.BeginObject();
      w.Num("price", levels[i].price);
      w.Num("volume", levels[i].volume);
      w.EndObject();
     }
   w.EndArray();
  }

string VPEncode(const VPEnvelope &h, const VPBookMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_BOOK);
   w.Str("symbol", m.symbol);
   w.Int("time_msc", m.time_msc);
   VPEncodeLevels(w, "bids", m.bids);
   VPEncodeLevels(w, "asks", m.asks);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPAccountMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_ACCOUNT);
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
      w.Str("side", VPSideWire(m.positions[i].side));
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
   if(ArraySize(m.orders) > 0) // only when there are some: an older reader sees the account it knows
     {
      w.ArrayKey("orders");
      for(int i = 0; i < ArraySize(m.orders); i++)
        {
         w.BeginObject();
         w.Int("ticket", m.orders[i].ticket);
         w.Str("symbol", m.orders[i].symbol);
         w.Str("order_type", VPOrderTypeWire(m.orders[i].type));
         w.Num("volume", m.orders[i].volume);
         w.Num("price", m.orders[i].price);
         w.Num("sl", m.orders[i].sl);
         w.Num("tp", m.orders[i].tp);
         w.Int("expiry_msc", m.orders[i].expiry_msc);
         w.Str("signal_id", m.orders[i].signal_id);
         w.EndObject();
        }
      w.EndArray();
     }
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPSignalMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_SIGNAL);
   w.Str("id", m.id);
   w.Str("kind", VPSignalKindWire(m.kind));
   w.Str("symbol", m.symbol);
   w.Str("side", VPSideWire(m.side));
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
   if(m.order_type != VP_ORDER_MARKET)
      w.Str("order_type", VPOrderTypeWire(m.order_type));
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPOrderMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_ORDER);
   w.Int("ticket", m.ticket);
   w.Str("state", VPOrderStateWire(m.state));
   w.Str("symbol", m.symbol);
   w.Str("order_type", VPOrderTypeWire(m.type));
   w.Num("volume", m.volume);
   w.Num("price", m.price);
   w.Num("sl", m.sl);
   w.Num("tp", m.tp);
   w.Int("expiry_msc", m.expiry_msc);
   w.Str("signal_id", m.signal_id);
   w.Str("reason", m.reason);
   w.Int("time_msc", m.time_msc);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPSignalAckMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_SIGNAL_ACK);
   w.Str("signal_id", m.signal_id);
   w.Str("status", VPAckStatusWire(m.status));
   w.Str("rule", m.rule);
   w.Str("reason", m.reason);
   w.Int("ticket", m.ticket);
   w.Num("price", m.price);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPFillMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_FILL);
   w.Int("deal", m.deal);
   w.Int("order", m.order);
   w.Int("position", m.position);
   w.Str("signal_id", m.signal_id);
   w.Str("symbol", m.symbol);
   w.Str("side", VPSideWire(m.side));
   w.Str("entry", VPFillEntryWire(m.entry));
   w.Num("price", m.price);
   w.Num("volume", m.volume);
   w.Num("commission", m.commission);
   w.Num("swap", m.swap);
   w.Num("profit", m.profit);
   w.Int("time_msc", m.time_msc);
   w.Str("reason", VPFillReasonWire(m.reason));
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPControlMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_CONTROL);
   w.Str("id", m.id);
   w.Str("action", VPControlActionWire(m.action));
   w.Int("position", m.position);
   w.Str("symbol", m.symbol);
   w.Str("reason", m.reason);
   w.Int("time_ms", m.time_ms);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPControlAckMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_CONTROL_ACK);
   w.Str("control_id", m.control_id);
   w.Str("status", VPControlStatusWire(m.status));
   w.Str("reason", m.reason);
   w.Int("closed", m.closed);
   w.Int("cancelled", m.cancelled);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPBalanceMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_BALANCE);
   w.Int("deal", m.deal);
   w.Str("kind", VPBalanceKindWire(m.kind));
   w.Num("amount", m.amount);
   w.Int("time_msc", m.time_msc);
   w.Str("comment", m.comment);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPGovernorStateMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_GOVERNOR_STATE);
   w.Str("mode", VPGovModeWire(m.mode));
   w.Str("reason", m.reason);
   w.ArrayKey("rules");
   for(int i = 0; i < ArraySize(m.rules); i++)
     {
      w.BeginObject();
      w.Str("id", m.rules[i].id);
      w.Num("value", m.rules[i].value);
      w.Num("limit", m.rules[i].limit);
      w.Num("distance", m.rules[i].distance);
      w.Str("status", VPRuleStatusWire(m.rules[i].status));
      w.EndObject();
     }
   w.EndArray();
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPNewsMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_NEWS);
   w.Int("release_ms", m.release_ms);
   w.Str("currency", m.currency);
   w.Str("impact", VPImpactWire(m.impact));
   w.Str("title", m.title);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPSymbolUpdateMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_SYMBOL_UPDATE);
   w.Str("symbol", m.symbol);
   w.Num("tick_value", m.tick_value);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPFirmStateMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_FIRM_STATE);
   w.Str("status", m.ok ? "ok" : "blocked");
   w.Str("rule", m.rule);
   w.Str("reason", m.reason);
   w.Int("blocked_until_ms", m.blocked_until_ms);
   w.Int("challenge_start_ms", m.challenge_start_ms);
   w.Num("initial_balance", m.initial_balance);
   w.Int("time_ms", m.time_ms);
   w.Num("balance", m.balance);
   w.Num("equity", m.equity);
   w.Int("day_start_ms", m.day_start_ms);
   w.Int("next_reset_ms", m.next_reset_ms);
   w.Num("day_start_balance", m.day_start_balance);
   w.Num("day_start_equity", m.day_start_equity);
   w.Num("high_water", m.high_water);
   w.Int("trading_days", m.trading_days);
   w.Bool("traded_today", m.traded_today);
   w.Int("profitable_days", m.profitable_days);
   w.Num("day_profit", m.day_profit);
   w.Num("best_day", m.best_day);
   w.Int("deals_read", m.deals_read);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPAckMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_ACK);
   w.Int("ack_seq", m.ack_seq);
   w.Int("echo_seq", m.echo_seq);
   w.EndObject();
   return w.Text();
  }

string VPEncode(const VPEnvelope &h, const VPErrorMsg &m)
  {
   CJsonOut w;
   VPEncodeHeader(w, h, VP_MSG_ERROR);
   w.Str("code", VPErrorCodeWire(m.code));
   w.Str("message", m.message);
   w.Str("field", m.field);
   w.Int("ref_seq", m.ref_seq);
   w.EndObject();
   return w.Text();
  }

#endif
