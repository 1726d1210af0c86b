//+------------------------------------------------------------------+
//| Json.mqh - strict JSON reader (a flat node table) and writer.     |
//| Strict like the sidecar's Jackson settings: duplicate keys,       |
//| trailing data and bad tokens are malformed; NaN/Infinity tokens   |
//| are read so that the protocol layer can name the field.           |
//+------------------------------------------------------------------+
#ifndef VPROP_JSON_MQH
#define VPROP_JSON_MQH

// What a node of a parsed document is.
enum ENUM_VPJ_KIND
  {
   VPJ_NULL   = 0,
   VPJ_BOOL   = 1,
   VPJ_NUMBER = 2,
   VPJ_STRING = 3,
   VPJ_ARRAY  = 4,
   VPJ_OBJECT = 5
  };

#define VPJ_MAX_DEPTH 32

// One parsed document. Node 0 is the root; children of arrays/objects are linked by m_next.
class CJsonDoc
  {
private:
   string            m_text;
   int               m_len;
   int               m_pos;
   string            m_error;
   int               m_count;
   ENUM_VPJ_KIND     m_kind[];
   string            m_str[];      // string value, or the number's text
   string            m_key[];      // key in the parent object
   double            m_num[];
   long              m_int[];
   bool              m_isint[];    // an integer token that fits a long
   bool              m_integral[]; // an integer token (fits or not)
   bool              m_bool[];
   int               m_first[];
   int               m_last[];
   int               m_next[];
   int               m_size[];

   int               NewNode(ENUM_VPJ_KIND kind, string key);
   void              Append(int parent, int child);
   bool              Fail(string why);
   void              SkipWs(void);
   bool              ParseValue(string key, int depth, int &node);
   bool              ParseString(string &out);
   bool              ParseNumber(string key, int &node);
   bool              ParseWord(string key, int &node);
   bool              Match(string word);

public:
                     CJsonDoc(void) { m_count = 0; m_len = 0; m_pos = 0; }
   bool              Parse(const string &text);
   string            Error(void) const { return m_error; }
   int               Root(void) const { return 0; }
   ENUM_VPJ_KIND     Kind(int n) const { return m_kind[n]; }
   // the child of object n named key, or -1
   int               Find(int n, const string &key) const;
   int               Size(int n) const { return m_size[n]; }
   // the k-th element of array n
   int               At(int n, int k) const;
   string            Str(int n) const { return m_str[n]; }
   string            Key(int n) const { return m_key[n]; }
   double            Num(int n) const { return m_num[n]; }
   long              Int(int n) const { return m_int[n]; }
   bool              IsInt(int n) const { return m_isint[n]; }
   bool              IsIntegral(int n) const { return m_integral[n]; }
   bool              Bool(int n) const { return m_bool[n]; }
   int               First(int n) const { return m_first[n]; }
   int               Next(int n) const { return m_next[n]; }
  };

int CJsonDoc::NewNode(ENUM_VPJ_KIND kind, string key)
  {
   int n = m_count;
   m_count++;
   if(ArraySize(m_kind) < m_count)
     {
      int cap = m_count * 2 + 8;
      ArrayResize(m_kind, cap);
      ArrayResize(m_str, cap);
      ArrayResize(m_key, cap);
      ArrayResize(m_num, cap);
      ArrayResize(m_int, cap);
      ArrayResize(m_isint, cap);
      ArrayResize(m_integral, cap);
      ArrayResize(m_bool, cap);
      ArrayResize(m_first, cap);
      ArrayResize(m_last, cap);
      ArrayResize(m_next, cap);
      ArrayResize(m_size, cap);
     }
   m_kind[n] = kind;
   m_str[n] = "";
   m_key[n] = key;
   m_num[n] = 0.0;
   m_int[n] = 0;
   m_isint[n] = false;
   m_integral[n] = false;
   m_bool[n] = false;
   m_first[n] = -1;
   m_last[n] = -1;
   m_next[n] = -1;
   m_size[n] = 0;
   return n;
  }

void CJsonDoc::Append(int parent, int child)
  {
   if(m_last[parent] < 0)
      m_first[parent] = child;
   else
      m_next[m_last[parent]] = child;
   m_last[parent] = child;
   m_size[parent]++;
  }

bool CJsonDoc::Fail(string why)
  {
   if(m_error == "")
      m_error = why + " at offset " + IntegerToString(m_pos);
   return false;
  }

void CJsonDoc::SkipWs(void)
  {
   while(m_pos < m_len)
     {
      ushort c = StringGetCharacter(m_text, m_pos);
      if(c != ' ' && c != '\t' && c != '\n' && c != '\r')
         break;
      m_pos++;
     }
  }

bool CJsonDoc::Parse(const string &text)
  {
   m_text = text;
   m_len = StringLen(text);
   m_pos = 0;
   m_error = "";
   m_count = 0;
   int root = -1;
   SkipWs();
   if(!ParseValue("", 0, root))
      return false;
   SkipWs();
   if(m_pos != m_len)
      return Fail("trailing data after the JSON value");
   return true;
  }

int CJsonDoc::Find(int n, const string &key) const
  {
   if(m_kind[n] != VPJ_OBJECT)
      return -1;
   for(int c = m_first[n]; c >= 0; c = m_next[c])
      if(m_key[c] == key)
         return c;
   return -1;
  }

int CJsonDoc::At(int n, int k) const
  {
   int c = m_first[n];
   for(int i = 0; i < k && c >= 0; i++)
      c = m_next[c];
   return c;
  }

bool CJsonDoc::Match(string word)
  {
   int n = StringLen(word);
   if(m_pos + n > m_len || StringSubstr(m_text, m_pos, n) != word)
      return false;
   m_pos += n;
   return true;
  }

bool CJsonDoc::ParseValue(string key, int depth, int &node)
  {
   if(depth > VPJ_MAX_DEPTH)
      return Fail("nesting deeper than " + IntegerToString(VPJ_MAX_DEPTH));
   SkipWs();
   if(m_pos >= m_len)
      return Fail("unexpected end of input");
   ushort c = StringGetCharacter(m_text, m_pos);
   if(c == '{')
     {
      node = NewNode(VPJ_OBJECT, key);
      m_pos++;
      SkipWs();
      if(m_pos < m_len && StringGetCharacter(m_text, m_pos) == '}')
        {
         m_pos++;
         return true;
        }
      while(true)
        {
         SkipWs();
         if(m_pos >= m_len || StringGetCharacter(m_text, m_pos) != '"')
            return Fail("expected a string key");
         string k;
         if(!ParseString(k))
            return false;
         if(Find(node, k) >= 0)
            return Fail("duplicate key '" + k + "'");
         SkipWs();
         if(m_pos >= m_len || StringGetCharacter(m_text, m_pos) != ':')
            return Fail("expected ':'");
         m_pos++;
         int child = -1;
         if(!ParseValue(k, depth + 1, child))
            return false;
         Append(node, child);
         SkipWs();
         if(m_pos >= m_len)
            return Fail("unexpected end of input in an object");
         c = StringGetCharacter(m_text, m_pos);
         m_pos++;
         if(c == '}')
            return true;
         if(c != ',')
            return Fail("expected ',' or '}'");
        }
     }
   if(c == '[')
     {
      node = NewNode(VPJ_ARRAY, key);
      m_pos++;
      SkipWs();
      if(m_pos < m_len && StringGetCharacter(m_text, m_pos) == ']')
        {
         m_pos++;
         return true;
        }
      while(true)
        {
         int child = -1;
         if(!ParseValue("", depth + 1, child))
            return false;
         Append(node, child);
         SkipWs();
         if(m_pos >= m_len)
            return Fail("unexpected end of input in an array");
         c = StringGetCharacter(m_text, m_pos);
         m_pos++;
         if(c == ']')
            return true;
         if(c != ',')
            return Fail("expected ',' or ']'");
        }
     }
   if(c == '"')
     {
      string s;
      if(!ParseString(s))
         return false;
      node = NewNode(VPJ_STRING, key);
      m_str[node] = s;
      return true;
     }
   if(c == '-' || c == '+' || (c >= '0' && c <= '9'))
      return ParseNumber(key, node);
   return ParseWord(key, node);
  }

// true, false, null and the non-numeric numbers NaN / Infinity / INF
bool CJsonDoc::ParseWord(string key, int &node)
  {
   if(Match("true"))
     {
      node = NewNode(VPJ_BOOL, key);
      m_bool[node] = true;
      return true;
     }
   if(Match("false"))
     {
      node = NewNode(VPJ_BOOL, key);
      return true;
     }
   if(Match("null"))
     {
      node = NewNode(VPJ_NULL, key);
      return true;
     }
   if(Match("NaN"))
     {
      node = NewNode(VPJ_NUMBER, key);
      m_str[node] = "NaN";
      m_num[node] = MathSqrt(-1.0);
      return true;
     }
   if(Match("Infinity") || Match("INF"))
     {
      node = NewNode(VPJ_NUMBER, key);
      m_str[node] = "Infinity";
      m_num[node] = MathPow(10.0, 400.0);
      return true;
     }
   return Fail("unexpected character");
  }

bool CJsonDoc::ParseNumber(string key, int &node)
  {
   int start = m_pos;
   ushort c = StringGetCharacter(m_text, m_pos);
   bool negative = false;
   if(c == '-' || c == '+')
     {
      negative = (c == '-');
      m_pos++;
      if(Match("Infinity") || Match("INF"))
        {
         node = NewNode(VPJ_NUMBER, key);
         m_str[node] = negative ? "-Infinity" : "Infinity";
         m_num[node] = negative ? -MathPow(10.0, 400.0) : MathPow(10.0, 400.0);
         return true;
        }
      if(!negative)
         return Fail("a number may not start with '+'");
     }
   int digits_from = m_pos;
   while(m_pos < m_len)
     {
      c = StringGetCharacter(m_text, m_pos);
      if(c < '0' || c > '9')
         break;
      m_pos++;
     }
   int int_digits = m_pos - digits_from;
   if(int_digits == 0)
      return Fail("a number needs digits");
   if(int_digits > 1 && StringGetCharacter(m_text, digits_from) == '0')
      return Fail("leading zeros are not allowed");
   bool integral = true;
   if(m_pos < m_len && StringGetCharacter(m_text, m_pos) == '.')
     {
      integral = false;
      m_pos++;
      int f = m_pos;
      while(m_pos < m_len)
        {
         c = StringGetCharacter(m_text, m_pos);
         if(c < '0' || c > '9')
            break;
         m_pos++;
        }
      if(m_pos == f)
         return Fail("a fraction needs digits");
     }
   if(m_pos < m_len && (StringGetCharacter(m_text, m_pos) == 'e' || StringGetCharacter(m_text, m_pos) == 'E'))
     {
      integral = false;
      m_pos++;
      if(m_pos < m_len && (StringGetCharacter(m_text, m_pos) == '+' || StringGetCharacter(m_text, m_pos) == '-'))
         m_pos++;
      int e = m_pos;
      while(m_pos < m_len)
        {
         c = StringGetCharacter(m_text, m_pos);
         if(c < '0' || c > '9')
            break;
         m_pos++;
        }
      if(m_pos == e)
         return Fail("an exponent needs digits");
     }
   string text = StringSubstr(m_text, start, m_pos - start);
   node = NewNode(VPJ_NUMBER, key);
   m_str[node] = text;
   m_num[node] = StringToDouble(text);
   m_integral[node] = integral;
   if(integral)
     {
      // accumulate as a negative number so that the long minimum fits; detect overflow exactly
      long acc = 0;
      bool fits = true;
      long limit_div10 = -922337203685477580;
      for(int i = digits_from; i < digits_from + int_digits; i++)
        {
         long d = StringGetCharacter(m_text, i) - '0';
         if(acc < limit_div10 || (acc == limit_div10 && d > 8))
           {
            fits = false;
            break;
           }
         acc = acc * 10 - d;
        }
      if(fits && !negative && acc == -9223372036854775807 - 1)
         fits = false;
      m_isint[node] = fits;
      if(fits)
         m_int[node] = negative ? acc : -acc;
     }
   return true;
  }

bool CJsonDoc::ParseString(string &out)
  {
   m_pos++; // opening quote
   out = "";
   int run = m_pos; // start of the current run of plain characters
   while(m_pos < m_len)
     {
      ushort c = StringGetCharacter(m_text, m_pos);
      if(c == '"')
        {
         out += StringSubstr(m_text, run, m_pos - run);
         m_pos++;
         return true;
        }
      if(c < 0x20)
         return Fail("control character in a string");
      if(c != '\\')
        {
         m_pos++;
         continue;
        }
      out += StringSubstr(m_text, run, m_pos - run);
      m_pos++;
      if(m_pos >= m_len)
         break;
      ushort e = StringGetCharacter(m_text, m_pos);
      m_pos++;
      if(e == '"')
         out += "\"";
      else
         if(e == '\\')
            out += "\\";
         else
            if(e == '/')
               out += "/";
            else
               if(e == 'b')
                  out += ShortToString(8);
               else
                  if(e == 'f')
                     out += ShortToString(12);
                  else
                     if(e == 'n')
                        out += "\n";
                     else
                        if(e == 'r')
                           out += "\r";
                        else
                           if(e == 't')
                              out += "\t";
                           else
                              if(e == 'u')
                                {
                                 if(m_pos + 4 > m_len)
                                    return Fail("short \\u escape");
                                 ushort code = 0;
                                 for(int i = 0; i < 4; i++)
                                   {
                                    ushort h = StringGetCharacter(m_text, m_pos + i);
                                    ushort v = 0;
                                    if(h >= '0' && h <= '9')
                                       v = (ushort)(h - '0');
                                    else
                                       if(h >= 'a' && h <= 'f')
                                          v = (ushort)(h - 'a' + 10);
                                       else
                                          if(h >= 'A' && h <= 'F')
                                             v = (ushort)(h - 'A' + 10);
                                          else
                                             return Fail("bad hex digit in \\u escape");
                                    code = (ushort)(code * 16 + v);
                                   }
                                 m_pos += 4;
                                 out += ShortToString(code);
                                }
                              else
                                 return Fail("bad escape");
      run = m_pos;
     }
   return Fail("unterminated string");
  }

//+------------------------------------------------------------------+
//| Writer                                                            |
//+------------------------------------------------------------------+

// Shortest decimal text that reads back as exactly v (finite v only).
string JsonNumber(double v)
  {
   if(v == MathRound(v) && MathAbs(v) < 1e15)
      return IntegerToString((long)v);
   for(int p = 1; p <= 17; p++)
     {
      string s = StringFormat("%." + IntegerToString(p) + "g", v);
      if(StringToDouble(s) == v)
         return s;
     }
   return StringFormat("%.17g", v);
  }

string JsonQuote(const string &s)
  {
   string out = "\"";
   int n = StringLen(s);
   int run = 0;
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(s, i);
      string esc = "";
      if(c == '"')
         esc = "\\\"";
      else
         if(c == '\\')
            esc = "\\\\";
         else
            if(c == '\n')
               esc = "\\n";
            else
               if(c == '\r')
                  esc = "\\r";
               else
                  if(c == '\t')
                     esc = "\\t";
                  else
                     if(c < 0x20)
                        esc = StringFormat("\\u%04x", (int)c);
      if(esc == "")
         continue;
      out += StringSubstr(s, run, i - run) + esc;
      run = i + 1;
     }
   out += StringSubstr(s, run, n - run) + "\"";
   return out;
  }

// Builds one JSON text; callers add fields in order. Nesting is tracked so commas come out right.
class CJsonOut
  {
private:
   string            m_buf;
   bool              m_need_comma[];
   int               m_depth;

   void              Sep(void)
     {
      if(m_depth > 0)
        {
         if(m_need_comma[m_depth - 1])
            m_buf += ",";
         m_need_comma[m_depth - 1] = true;
        }
     }
   void              Push(void)
     {
      m_depth++;
      if(ArraySize(m_need_comma) < m_depth)
         ArrayResize(m_need_comma, m_depth + 4);
      m_need_comma[m_depth - 1] = false;
     }

public:
                     CJsonOut(void) { m_depth = 0; m_buf = ""; }
   void              Reset(void) { m_depth = 0; m_buf = ""; }
   string            Text(void) const { return m_buf; }
   void              BeginObject(void) { Sep(); m_buf += "{"; Push(); }
   void              EndObject(void) { m_depth--; m_buf += "}"; }
   void              BeginArray(void) { Sep(); m_buf += "["; Push(); }
   void              EndArray(void) { m_depth--; m_buf += "]"; }
   // a key inside an object; the value written next belongs to it
   void              Key(const string &k) { Sep(); m_buf += JsonQuote(k) + ":"; }
   void              Str(const string &k, const string &v) { Key(k); m_buf += JsonQuote(v); }
   void              Num(const string &k, double v) { Key(k); m_buf += JsonNumber(v); }
   void              Int(const string &k, long v) { Key(k); m_buf += IntegerToString(v); }
   void              Bool(const string &k, bool v) { Key(k); m_buf += (v ? "true" : "false"); }
   void              ArrayKey(const string &k) { Key(k); m_buf += "["; Push(); }
   void              ObjectKey(const string &k) { Key(k); m_buf += "{"; Push(); }
   void              IntItem(long v) { Sep(); m_buf += IntegerToString(v); }
  };

#endif
