//+------------------------------------------------------------------+
//| Session.mqh - the EA side of the protocol session (docs/protocol  |
//| sections 4-5): hello/welcome, heartbeats, staleness, sequence     |
//| numbers, the persisted outbox with cumulative acks and resends,   |
//| duplicate and gap handling for the sidecar's reliable messages.   |
//| It never blocks: Poll() is called from OnTimer.                   |
//+------------------------------------------------------------------+
#ifndef VPROP_SESSION_MQH
#define VPROP_SESSION_MQH

#include <VProp/Protocol.mqh>
#include <VProp/Store.mqh>
#include <VProp/Zmq.mqh>

#define VP_SEQ_BLOCK 1000   // seqs reserved per state write, so ticks do not cost a file write each
#define VP_NEWS_QUEUE 256   // news messages held for the EA between two timers

class CVPSession
  {
private:
   CVPZmq            m_zmq;
   CVPDecoder        m_dec;
   string            m_endpoint;
   string            m_routing_id;
   long              m_seq;             // last seq used
   bool              m_welcomed;
   long              m_last_rx_ms;      // monotonic ms of the last message from the sidecar
   long              m_last_tx_ms;
   long              m_next_hello_ms;
   long              m_last_hello_ms;
   int               m_hello_backoff_ms;
   int               m_heartbeat_ms;
   int               m_stale_ms;
   string            m_sidecar_session;
   long              m_last_fresh_in;   // sidecar's last fresh seq (for seq_not_increasing)
   // application messages (signals) waiting for the EA, in order
   string            m_inbox[];
   // news pushed by the sidecar, waiting for the EA's governors, in order (parallel arrays)
   long              m_news_release[];
   string            m_news_currency[];
   string            m_news_impact[];
   string            m_news_title[];

   long              Mono(void) { return (long)GetTickCount64(); }
   void              Header(VPMessage &m, const string &type);
   bool              Transmit(const string &json);
   void              SendHello(void);
   void              ResendOutbox(long after_seq);
   void              SendError(const string &code, const string &field, const string &message, long ref_seq);
   void              SendAck(long echo_seq);
   void              OnReliable(VPMessage &m, const string &json);
   void              QueueNews(const VPMessage &m);

public:
   CVPStore          store;
   VPMessage         hello;           // filled by the EA: terminal, account, symbols ...
   int               received;        // counters for the panel and the tests
   int               errors_received;
   int               errors_sent;
   int               resent;
   int               duplicates;
   int               welcomes;        // welcomes received (a new one means a fresh session on the sidecar)

   bool              Start(const string &endpoint, const string &routing_id, const string &store_dir);
   void              Stop(void);
   // Receives everything waiting and does the protocol's bookkeeping. Never blocks.
   void              Poll(void);
   // Heartbeats, hello retries with backoff. Call from OnTimer after Poll.
   void              Housekeeping(void);
   // The next signal for the EA (false when none). Call Processed(seq) once it is acted on.
   bool              NextSignal(VPMessage &m);
   void              Processed(long seq);
   // The next news release pushed by the sidecar (false when none): release UTC ms, currency ("USD" or "All"),
   // impact word (low, medium, high), title. Not reliable: the sidecar pushes it again after every welcome.
   bool              NextNews(long &release_ms, string &currency, string &impact, string &title);
   // Sends a reliable message (account, signal_ack, fill): journaled in the outbox before it goes out.
   long              SendReliable(VPMessage &m);
   // Sends a non-reliable message (tick, bar, governor_state); dropped while not welcomed.
   bool              SendVolatile(VPMessage &m);
   bool              Welcomed(void) const { return m_welcomed; }
   // ms since the sidecar was last heard from; stale beyond stale_ms (docs/protocol.md section 4)
   long              SilentMs(void) { return Mono() - m_last_rx_ms; }
   bool              Stale(void) { return !m_welcomed || SilentMs() > m_stale_ms; }
   int               StaleMs(void) const { return m_stale_ms; }
   string            RoutingId(void) const { return m_routing_id; }
   long              SocketHandle(void) const { return m_zmq.Handle(); }
   int               OutboxSize(void) { return ArraySize(store.outbox); }
  };

bool CVPSession::Start(const string &endpoint, const string &routing_id, const string &store_dir)
  {
   m_endpoint = endpoint;
   m_routing_id = routing_id;
   m_welcomed = false;
   m_heartbeat_ms = 1000;
   m_stale_ms = 5000;
   m_hello_backoff_ms = 1000;
   m_last_fresh_in = 0;
   received = 0;
   errors_received = 0;
   errors_sent = 0;
   resent = 0;
   duplicates = 0;
   welcomes = 0;
   ArrayResize(m_inbox, 0);
   ArrayResize(m_news_release, 0);
   ArrayResize(m_news_currency, 0);
   ArrayResize(m_news_impact, 0);
   ArrayResize(m_news_title, 0);
   store.Open(store_dir);
   // seqs are strictly increasing over the EA's lifetime: continue above everything a previous run reserved
   m_seq = store.seq_reserved;
   store.seq_reserved = m_seq + VP_SEQ_BLOCK;
   store.SaveState();
   m_last_rx_ms = Mono();
   m_last_tx_ms = 0;
   m_next_hello_ms = 0;
   m_last_hello_ms = -100000;
   if(!m_zmq.Open(endpoint, routing_id, 250, 5000))
      return false;
   PrintFormat("VProp: DEALER %s -> %s, %d unacked message(s) in the outbox, %d executed signal id(s) known",
               routing_id, endpoint, ArraySize(store.outbox), store.ExecutedCount());
   SendHello();
   return true;
  }

void CVPSession::Stop(void)
  {
   store.SaveState();
   store.SaveOutbox();
   m_zmq.Close();
   m_welcomed = false;
  }

void CVPSession::Header(VPMessage &m, const string &type)
  {
   m.v = VP_VERSION;
   m.type = type;
   m_seq++;
   if(m_seq >= store.seq_reserved)
     {
      store.seq_reserved = m_seq + VP_SEQ_BLOCK;
      store.SaveState();
     }
   m.seq = m_seq;
   m.ts_ms = (long)TimeGMT() * 1000;
   m.prev = 0;
   m.resend = false;
   m.ack_req = false;
  }

bool CVPSession::Transmit(const string &json)
  {
   if(!m_zmq.Send(json))
      return false;
   m_last_tx_ms = Mono();
   return true;
  }

void CVPSession::SendHello(void)
  {
   Header(hello, "hello");
   ArrayResize(hello.versions, 1);
   hello.versions[0] = VP_VERSION;
   hello.ack_seq = store.in_last;
   Transmit(VPEncode(hello));
   m_last_hello_ms = Mono();
   m_next_hello_ms = m_last_hello_ms + m_hello_backoff_ms;
   m_hello_backoff_ms = MathMin(m_hello_backoff_ms * 2, 30000);
   PrintFormat("VProp: hello sent (seq %I64d, ack_seq %I64d)", hello.seq, hello.ack_seq);
  }

void CVPSession::ResendOutbox(long after_seq)
  {
   int n = 0;
   for(int i = 0; i < ArraySize(store.outbox); i++)
     {
      if(store.outbox_seq[i] <= after_seq)
         continue;
      // a resend keeps its seq and prev and says so
      string json = store.outbox[i];
      int close = StringLen(json) - 1;
      if(StringFind(json, "\"resend\":true") < 0)
         json = StringSubstr(json, 0, close) + ",\"resend\":true}";
      Transmit(json);
      n++;
     }
   resent += n;
   if(n > 0)
      PrintFormat("VProp: resent %d unacked message(s) after seq %I64d", n, after_seq);
  }

void CVPSession::SendError(const string &code, const string &field, const string &message, long ref_seq)
  {
   VPMessage e;
   VPClear(e);
   Header(e, "error");
   e.code = code;
   e.field = field;
   e.message = message;
   e.ref_seq = ref_seq;
   Transmit(VPEncode(e));
   errors_sent++;
  }

void CVPSession::SendAck(long echo_seq)
  {
   VPMessage a;
   VPClear(a);
   Header(a, "ack");
   a.ack_seq = store.in_last;
   a.echo_seq = echo_seq;
   Transmit(VPEncode(a));
  }

long CVPSession::SendReliable(VPMessage &m)
  {
   Header(m, m.type);
   m.prev = store.out_prev;
   store.out_prev = m.seq;
   string json = VPEncode(m);
   store.AddOutbox(m.seq, json);
   store.SaveOutbox();
   store.SaveState();
   if(m_welcomed)
      Transmit(json);
   return m.seq;
  }

bool CVPSession::SendVolatile(VPMessage &m)
  {
   if(!m_welcomed)
      return false;
   Header(m, m.type);
   return Transmit(VPEncode(m));
  }

void CVPSession::Poll(void)
  {
   string json;
   int bytes = 0;
   // bounded per timer event so a burst cannot starve the terminal
   for(int k = 0; k < 500 && m_zmq.Recv(json, bytes); k++)
     {
      received++;
      m_last_rx_ms = Mono();
      VPMessage m;
      VPError err;
      if(!m_dec.Decode(json, bytes, m, err))
        {
         PrintFormat("VProp: rejected a message from the sidecar: %s (%s)", err.code, err.message);
         SendError(err.code, err.field, err.message, err.ref_seq);
         continue;
        }
      if(!m.resend && m.type != "welcome")
        {
         if(m.seq <= m_last_fresh_in && m.type != "error")
           {
            SendError("seq_not_increasing", "seq", "seq " + IntegerToString(m.seq) + " is not above " +
                      IntegerToString(m_last_fresh_in), m.seq);
            continue;
           }
         m_last_fresh_in = m.seq;
        }
      if(m.ack_req && m.type != "ack")
         SendAck(m.seq);
      if(m.type == "welcome")
        {
         bool first = !m_welcomed;
         m_welcomed = true;
         welcomes++;
         m_hello_backoff_ms = 1000;
         m_heartbeat_ms = m.heartbeat_ms > 0 ? m.heartbeat_ms : 1000;
         m_stale_ms = m.stale_ms > 0 ? m.stale_ms : 5000;
         m_last_fresh_in = m.seq;
         if(m_sidecar_session != m.session)
            PrintFormat("VProp: welcome from sidecar session %s (ack_seq %I64d)", m.session, m.ack_seq);
         m_sidecar_session = m.session;
         store.DropAcked(m.ack_seq);
         ResendOutbox(m.ack_seq);
         if(!first)
            PrintFormat("VProp: re-welcomed");
        }
      else
         if(m.type == "ack")
            store.DropAcked(m.ack_seq);
         else
            if(m.type == "error")
              {
               errors_received++;
               if(m.code == "hello_required")
                 {
                  // the sidecar restarted (or never saw us): say hello again at once
                  if(m_welcomed)
                     PrintFormat("VProp: sidecar asks for hello (restarted?); reconnecting the session");
                  m_welcomed = false;
                  m_hello_backoff_ms = 1000;
                  if(Mono() - m_last_hello_ms >= 200) // one hello for a burst of queued messages
                     SendHello();
                 }
               else
                  if(m.code == "gap")
                     ResendOutbox(0); // the sidecar's ack (sent with the error) already dropped what it has
                  else
                     PrintFormat("VProp: sidecar reports %s on %s (seq %I64d): %s", m.code, m.field, m.ref_seq, m.message);
              }
            else
               if(VPIsReliable(m.type))
                  OnReliable(m, json);
               else
                  if(m.type == "news")
                     QueueNews(m);
               // heartbeats only refresh m_last_rx_ms; other types are not for the EA
     }
  }

// A reliable message from the sidecar (a signal): duplicate, in order, or after a gap (section 5).
void CVPSession::OnReliable(VPMessage &m, const string &json)
  {
   if(m.seq <= store.in_last)
     {
      duplicates++;
      SendAck(0);
      return;
     }
   for(int i = 0; i < ArraySize(m_inbox); i++)
      if(StringFind(m_inbox[i], "\"seq\":" + IntegerToString(m.seq) + ",") >= 0)
         return; // already queued for the EA
   if(m.prev > store.in_last)
     {
      SendError("gap", "prev", "prev " + IntegerToString(m.prev) + " is ahead of " + IntegerToString(store.in_last), m.seq);
      SendAck(0);
      return;
     }
   int n = ArraySize(m_inbox);
   ArrayResize(m_inbox, n + 1);
   m_inbox[n] = VPEncode(m);
  }

bool CVPSession::NextSignal(VPMessage &m)
  {
   if(ArraySize(m_inbox) == 0)
      return false;
   VPError err;
   bool ok = m_dec.Decode(m_inbox[0], StringLen(m_inbox[0]), m, err);
   ArrayRemove(m_inbox, 0, 1);
   return ok;
  }

// Bounded: the EA drains the queue every timer; a burst beyond VP_NEWS_QUEUE drops the oldest (the governors keep
// their own list, and the sidecar pushes its calendar again after a re-hello).
void CVPSession::QueueNews(const VPMessage &m)
  {
   int n = ArraySize(m_news_release);
   if(n >= VP_NEWS_QUEUE)
     {
      ArrayRemove(m_news_release, 0, 1);
      ArrayRemove(m_news_currency, 0, 1);
      ArrayRemove(m_news_impact, 0, 1);
      ArrayRemove(m_news_title, 0, 1);
      n--;
     }
   ArrayResize(m_news_release, n + 1);
   ArrayResize(m_news_currency, n + 1);
   ArrayResize(m_news_impact, n + 1);
   ArrayResize(m_news_title, n + 1);
   m_news_release[n] = m.release_ms;
   m_news_currency[n] = m.currency;
   m_news_impact[n] = m.impact;
   m_news_title[n] = m.title;
  }

bool CVPSession::NextNews(long &release_ms, string &currency, string &impact, string &title)
  {
   if(ArraySize(m_news_release) == 0)
      return false;
   release_ms = m_news_release[0];
   currency = m_news_currency[0];
   impact = m_news_impact[0];
   title = m_news_title[0];
   ArrayRemove(m_news_release, 0, 1);
   ArrayRemove(m_news_currency, 0, 1);
   ArrayRemove(m_news_impact, 0, 1);
   ArrayRemove(m_news_title, 0, 1);
   return true;
  }

void CVPSession::Processed(long seq)
  {
   if(seq > store.in_last)
     {
      store.in_last = seq;
      store.SaveState();
     }
   SendAck(0);
  }

void CVPSession::Housekeeping(void)
  {
   long now = Mono();
   if(!m_welcomed)
     {
      if(now >= m_next_hello_ms)
         SendHello();
      return;
     }
   if(SilentMs() > m_stale_ms && now >= m_next_hello_ms)
     {
      // nothing heard for stale_ms: ask again, with backoff, in case the sidecar lost us
      SendHello();
      return;
     }
   if(now - m_last_tx_ms >= m_heartbeat_ms)
     {
      VPMessage h;
      VPClear(h);
      Header(h, "heartbeat");
      Transmit(VPEncode(h));
     }
  }

#endif
