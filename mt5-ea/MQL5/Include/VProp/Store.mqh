//+------------------------------------------------------------------+
//| Store.mqh - what must survive a terminal restart, in MQL5/Files:  |
//| the sequence counters, the outbox of unacked reliable messages,   |
//| executed signal ids, the positions still managed (TP1), the       |
//| controls applied (with their answers) and the pause of entries.   |
//| Files are rewritten whole through a temporary file and a rename,  |
//| so a crash leaves either the old or the new version.              |
//+------------------------------------------------------------------+
#ifndef VPROP_STORE_MQH
#define VPROP_STORE_MQH

#include <VProp/Messages.mqh>

// Routing-id parts allow [A-Za-z0-9._-]; anything else becomes '_' (docs/protocol.md section 1).
string VPSanitize(const string &s, int max_len)
  {
   string out = "";
   int n = StringLen(s);
   for(int i = 0; i < n && i < max_len; i++)
     {
      ushort c = StringGetCharacter(s, i);
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      out += ok ? ShortToString(c) : "_";
     }
   return out == "" ? "_" : out;
  }

// Lines of a text file in MQL5/Files; false when it does not exist.
bool VPReadLines(const string &name, string &lines[])
  {
   ArrayResize(lines, 0);
   if(!FileIsExist(name))
      return false;
   int h = FileOpen(name, FILE_READ | FILE_TXT | FILE_ANSI);
   if(h == INVALID_HANDLE)
      return false;
   while(!FileIsEnding(h))
     {
      string line = FileReadString(h);
      if(line == "")
         continue;
      int n = ArraySize(lines);
      ArrayResize(lines, n + 1);
      lines[n] = line;
     }
   FileClose(h);
   return true;
  }

// Replaces `name` with `lines` atomically (temporary file + rename).
bool VPWriteLines(const string &name, const string &lines[])
  {
   string tmp = name + ".tmp";
   int h = FileOpen(tmp, FILE_WRITE | FILE_TXT | FILE_ANSI);
   if(h == INVALID_HANDLE)
     {
      PrintFormat("VProp: cannot write %s (error %d)", tmp, GetLastError());
      return false;
     }
   for(int i = 0; i < ArraySize(lines); i++)
      FileWriteString(h, lines[i] + "\n");
   FileClose(h);
   if(!FileMove(tmp, 0, name, FILE_REWRITE))
     {
      PrintFormat("VProp: cannot replace %s (error %d)", name, GetLastError());
      return false;
     }
   return true;
  }

// A managed position: TP1 partial close and break-even are done by the EA, TP2 and SL sit at the broker.
struct VPManaged
  {
   long              ticket;
   string            signal_id;
   string            symbol;
   bool              buy;
   double            tp1;
   double            tp1_fraction;
   bool              tp1_done;
   bool              breakeven;
  };

class CVPStore
  {
private:
   string            m_dir;
   string            m_executed[];     // signal ids executed (or definitively answered), in order
   long              m_executed_ticket[];
   string            m_controls[];     // control ids applied (or refused), in order, with their answer
   string            m_control_answers[];

   string            File(const string &leaf) { return m_dir + "/" + leaf; }

public:
   long              seq_reserved;     // seqs below this may have been used before a restart
   long              out_prev;         // seq of our last reliable message
   long              in_last;          // seq of the sidecar's last reliable message we processed
   bool              entries_paused;   // the trader paused new entries (a control) until a resume
   string            outbox[];         // encoded unacked reliable messages, oldest first
   long              outbox_seq[];
   VPManaged         managed[];

   bool              Open(const string &dir);
   bool              SaveState(void);
   bool              SaveOutbox(void);
   bool              SaveManaged(void);
   void              AddOutbox(long seq, const string &json);
   int               DropAcked(long ack_seq);
   bool              IsExecuted(const string &id, long &ticket);
   bool              MarkExecuted(const string &id, long ticket);
   int               ExecutedCount(void) { return ArraySize(m_executed); }
   // the answer given to control `id` before (a resent control is answered again, not applied again)
   bool              ControlAnswer(const string &id, VPControlAckMsg &a);
   bool              MarkControl(const VPControlAckMsg &a);
   // the signal id whose execution opened position `ticket` ("" for manual trades)
   string            SignalOf(long ticket)
     {
      if(ticket <= 0)
         return "";
      for(int i = ArraySize(m_executed) - 1; i >= 0; i--)
         if(m_executed_ticket[i] == ticket)
            return m_executed[i];
      return "";
     }
  };

bool CVPStore::Open(const string &dir)
  {
   m_dir = dir;
   seq_reserved = 0;
   out_prev = 0;
   in_last = 0;
   ArrayResize(outbox, 0);
   ArrayResize(outbox_seq, 0);
   ArrayResize(m_executed, 0);
   ArrayResize(m_executed_ticket, 0);
   ArrayResize(managed, 0);
   ArrayResize(m_controls, 0);
   ArrayResize(m_control_answers, 0);
   entries_paused = false;
   string lines[];
   if(VPReadLines(File("state.txt"), lines))
      for(int i = 0; i < ArraySize(lines); i++)
        {
         string kv[];
         if(StringSplit(lines[i], '=', kv) != 2)
            continue;
         if(kv[0] == "seq_reserved")
            seq_reserved = StringToInteger(kv[1]);
         if(kv[0] == "out_prev")
            out_prev = StringToInteger(kv[1]);
         if(kv[0] == "in_last")
            in_last = StringToInteger(kv[1]);
         if(kv[0] == "entries_paused")
            entries_paused = (kv[1] == "1");
        }
   if(VPReadLines(File("outbox.jsonl"), lines))
      for(int i = 0; i < ArraySize(lines); i++)
        {
         int tab = StringFind(lines[i], "\t");
         if(tab <= 0)
            continue;
         AddOutbox(StringToInteger(StringSubstr(lines[i], 0, tab)), StringSubstr(lines[i], tab + 1));
        }
   if(VPReadLines(File("executed.txt"), lines))
      for(int i = 0; i < ArraySize(lines); i++)
        {
         string f[];
         if(StringSplit(lines[i], '\t', f) < 2)
            continue;
         int n = ArraySize(m_executed);
         ArrayResize(m_executed, n + 1);
         ArrayResize(m_executed_ticket, n + 1);
         m_executed[n] = f[0];
         m_executed_ticket[n] = StringToInteger(f[1]);
        }
   if(VPReadLines(File("controls.txt"), lines))
      for(int i = 0; i < ArraySize(lines); i++)
        {
         int tab = StringFind(lines[i], "\t");
         if(tab <= 0)
            continue;
         int n = ArraySize(m_controls);
         ArrayResize(m_controls, n + 1);
         ArrayResize(m_control_answers, n + 1);
         m_controls[n] = StringSubstr(lines[i], 0, tab);
         m_control_answers[n] = StringSubstr(lines[i], tab + 1);
        }
   if(VPReadLines(File("managed.txt"), lines))
      for(int i = 0; i < ArraySize(lines); i++)
        {
         string f[];
         if(StringSplit(lines[i], '\t', f) != 8)
            continue;
         int n = ArraySize(managed);
         ArrayResize(managed, n + 1);
         managed[n].ticket = StringToInteger(f[0]);
         managed[n].signal_id = f[1];
         managed[n].symbol = f[2];
         managed[n].buy = (f[3] == "buy");
         managed[n].tp1 = StringToDouble(f[4]);
         managed[n].tp1_fraction = StringToDouble(f[5]);
         managed[n].tp1_done = (f[6] == "1");
         managed[n].breakeven = (f[7] == "1");
        }
   return true;
  }

bool CVPStore::SaveState(void)
  {
   string lines[];
   ArrayResize(lines, 4);
   lines[0] = "seq_reserved=" + IntegerToString(seq_reserved);
   lines[1] = "out_prev=" + IntegerToString(out_prev);
   lines[2] = "in_last=" + IntegerToString(in_last);
   lines[3] = (string)"entries_paused=" + (entries_paused ? "1" : "0");
   return VPWriteLines(File("state.txt"), lines);
  }

bool CVPStore::SaveOutbox(void)
  {
   string lines[];
   int n = ArraySize(outbox);
   ArrayResize(lines, n);
   for(int i = 0; i < n; i++)
      lines[i] = IntegerToString(outbox_seq[i]) + "\t" + outbox[i];
   return VPWriteLines(File("outbox.jsonl"), lines);
  }

bool CVPStore::SaveManaged(void)
  {
   string lines[];
   int n = ArraySize(managed);
   ArrayResize(lines, n);
   for(int i = 0; i < n; i++)
      lines[i] = IntegerToString(managed[i].ticket) + "\t" + managed[i].signal_id + "\t" + managed[i].symbol + "\t" +
                 (managed[i].buy ? "buy" : "sell") + "\t" + DoubleToString(managed[i].tp1, 10) + "\t" +
                 DoubleToString(managed[i].tp1_fraction, 4) + "\t" + (managed[i].tp1_done ? "1" : "0") + "\t" +
                 (managed[i].breakeven ? "1" : "0");
   return VPWriteLines(File("managed.txt"), lines);
  }

void CVPStore::AddOutbox(long seq, const string &json)
  {
   int n = ArraySize(outbox);
   ArrayResize(outbox, n + 1);
   ArrayResize(outbox_seq, n + 1);
   outbox[n] = json;
   outbox_seq[n] = seq;
  }

// Drops every outbox entry with seq <= ack_seq; returns how many.
int CVPStore::DropAcked(long ack_seq)
  {
   int keep = 0;
   int n = ArraySize(outbox);
   for(int i = 0; i < n; i++)
      if(outbox_seq[i] > ack_seq)
        {
         outbox[keep] = outbox[i];
         outbox_seq[keep] = outbox_seq[i];
         keep++;
        }
   ArrayResize(outbox, keep);
   ArrayResize(outbox_seq, keep);
   if(keep != n)
      SaveOutbox();
   return n - keep;
  }

bool CVPStore::IsExecuted(const string &id, long &ticket)
  {
   for(int i = ArraySize(m_executed) - 1; i >= 0; i--)
      if(m_executed[i] == id)
        {
         ticket = m_executed_ticket[i];
         return true;
        }
   return false;
  }

// Appends to executed.txt (rewritten whole: small, and atomic).
bool CVPStore::MarkExecuted(const string &id, long ticket)
  {
   int n = ArraySize(m_executed);
   ArrayResize(m_executed, n + 1);
   ArrayResize(m_executed_ticket, n + 1);
   m_executed[n] = id;
   m_executed_ticket[n] = ticket;
   string lines[];
   ArrayResize(lines, n + 1);
   for(int i = 0; i <= n; i++)
      lines[i] = m_executed[i] + "\t" + IntegerToString(m_executed_ticket[i]);
   return VPWriteLines(File("executed.txt"), lines);
  }

// controls.txt: one line per control, "id<TAB>status<TAB>closed<TAB>cancelled<TAB>reason" (tabs in the reason
// become spaces).
bool CVPStore::ControlAnswer(const string &id, VPControlAckMsg &a)
  {
   for(int i = ArraySize(m_controls) - 1; i >= 0; i--)
     {
      if(m_controls[i] != id)
         continue;
      string f[];
      if(StringSplit(m_control_answers[i], '\t', f) < 3)
         return false;
      a.control_id = id;
      a.status = f[0] == "applied" ? VP_CONTROL_APPLIED : VP_CONTROL_REFUSED;
      a.closed = (int)StringToInteger(f[1]);
      a.cancelled = (int)StringToInteger(f[2]);
      a.reason = ArraySize(f) > 3 ? f[3] : "";
      return true;
     }
   return false;
  }

bool CVPStore::MarkControl(const VPControlAckMsg &a)
  {
   string reason = a.reason;
   StringReplace(reason, "\t", " ");
   StringReplace(reason, "\n", " ");
   int n = ArraySize(m_controls);
   ArrayResize(m_controls, n + 1);
   ArrayResize(m_control_answers, n + 1);
   m_controls[n] = a.control_id;
   m_control_answers[n] = VPControlStatusWire(a.status) + "\t" + IntegerToString(a.closed) + "\t" +
                          IntegerToString(a.cancelled) + "\t" + reason;
   string lines[];
   ArrayResize(lines, n + 1);
   for(int i = 0; i <= n; i++)
      lines[i] = m_controls[i] + "\t" + m_control_answers[i];
   return VPWriteLines(File("controls.txt"), lines);
  }

#endif
