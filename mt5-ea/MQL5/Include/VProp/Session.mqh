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
// Hellos unanswered this long (nothing at all heard from the sidecar): the DEALER is rebuilt with each hello retry.
// A new connection can stay unidentified in the sidecar's ROUTER for good (issue 18: 5 of 74 quick reconnects were
// never welcomed); a new socket is a new connection, and the backoff keeps the rebuilds to one per retry.
#define VP_HELLO_REBUILD_MS 3000

// Where the session stands with the sidecar (docs/protocol.md section 4).
enum ENUM_VP_SESSION_STATE
  {
   VP_SESSION_CLOSED     = 0,   // not started, or stopped
   VP_SESSION_HELLO_SENT = 1,   // waiting for welcome; hello is repeated with backoff
   VP_SESSION_WELCOMED   = 2    // in session: streaming, signals, acks
  };

class CVPSession
  {
private:
   CVPZmq            m_zmq;
   CVPDecoder        m_dec;
   string            m_endpoint;
   string            m_routing_id;
   long              m_seq;             // last seq used
   ENUM_VP_SESSION_STATE m_state;
   long              m_last_rx_ms;      // monotonic ms of the last message from the sidecar
   long              m_last_tx_ms;
   long              m_next_hello_ms;
   long              m_last_hello_ms;
   int               m_hello_backoff_ms;
   long              m_hello_round_ms;  // monotonic ms of the first hello not yet answered (0: none pending)
   long              m_rebuilt_ms;      // monotonic ms of the socket's (re)opening in this round of hellos
   int               m_heartbeat_ms;
   int               m_stale_ms;
   string            m_sidecar_session;
   long              m_last_fresh_in;   // sidecar's last fresh seq (for seq_not_increasing)
   // reliable messages from the sidecar (signals) waiting for the EA, in order (parallel arrays)
   VPEnvelope        m_inbox_env[];
   VPSignalMsg       m_inbox[];
   VPControlMsg      m_inbox_ctl[];       // parallel to m_inbox: the body when the message is a control
   // news pushed by the sidecar, waiting for the EA's governors, in order
   VPNewsMsg         m_news[];

   long              Mono(void) { return (long)GetTickCount64(); }
   void              Header(VPEnvelope &h, ENUM_VP_MSG_TYPE type);
   void              ReliableHeader(VPEnvelope &h, ENUM_VP_MSG_TYPE type);
   long              Journal(long seq, const string &json);
   bool              Transmit(const string &json);
   void              SendHello(void);
   bool              RebuildSocket(void);
   void              ResendOutbox(long after_seq);
   void              SendError(ENUM_VP_ERROR_CODE code, const string &field, const string &message, long ref_seq);
   void              SendAck(long echo_seq);
   void              OnWelcome(const VPEnvelope &env, const VPWelcomeMsg &w);
   void              OnError(const VPErrorMsg &e);
   void              OnReliable(const VPEnvelope &env);
   void              QueueNews(const VPNewsMsg &n);

public:
   CVPStore          store;
   VPHelloMsg        hello;           // filled by the EA: terminal, account, symbols ...
   int               received;        // counters for the panel and the tests
   int               errors_received;
   int               errors_sent;
   int               resent;
   int               duplicates;
   int               welcomes;        // welcomes received (a new one means a fresh session on the sidecar)
   int               rebuilds;        // DEALER sockets rebuilt because hellos went unanswered

                     CVPSession(void) { m_state = VP_SESSION_CLOSED; }
   bool              Start(const string &endpoint, const string &routing_id, const string &store_dir);
   void              Stop(void);
   // Receives everything waiting and does the protocol's bookkeeping. Never blocks.
   void              Poll(void);
   // Heartbeats, hello retries with backoff. Call from OnTimer after Poll.
   void              Housekeeping(void);
   // The next signal for the EA and its envelope (false when none, or when a control comes first: take it with
   // NextControl, the two in the order the sidecar sent them). Call Processed(env.seq) once it is acted on.
   bool              NextSignal(VPEnvelope &env, VPSignalMsg &s);
   // The next control when it is the next reliable message (false otherwise). Call Processed(env.seq) after it.
   bool              NextControl(VPEnvelope &env, VPControlMsg &c);
   void              Processed(long seq);
   // The next news release pushed by the sidecar (false when none). Not reliable: the sidecar pushes it again
   // after every welcome.
   bool              NextNews(VPNewsMsg &n);
   // Sends a reliable message: journaled in the outbox before it goes out; returns its seq.
   long              SendReliable(const VPAccountMsg &m);
   long              SendReliable(const VPSignalAckMsg &m);
   long              SendReliable(const VPFillMsg &m);
   long              SendReliable(const VPControlAckMsg &m);
   long              SendReliable(const VPBalanceMsg &m);
   long              SendReliable(const VPFirmStateMsg &m);
   long              SendReliable(const VPOrderMsg &m);
   // Sends a non-reliable message; dropped (false) while not welcomed.
   bool              SendVolatile(const VPTickMsg &m);
   bool              SendVolatile(const VPBarMsg &m);
   bool              SendVolatile(const VPGovernorStateMsg &m);
   bool              SendVolatile(const VPSymbolUpdateMsg &m);
   ENUM_VP_SESSION_STATE State(void) const { return m_state; }
   bool              Welcomed(void) const { return m_state == VP_SESSION_WELCOMED; }
   // ms since the sidecar was last heard from; stale beyond stale_ms (docs/protocol.md section 4)
   long              SilentMs(void) { return Mono() - m_last_rx_ms; }
   bool              Stale(void) { return !Welcomed() || SilentMs() > m_stale_ms; }
   int               StaleMs(void) const { return m_stale_ms; }
   string            RoutingId(void) const { return m_routing_id; }
   long              SocketHandle(void) const { return m_zmq.Handle(); }
   int               OutboxSize(void) { return ArraySize(store.outbox); }
  };

bool CVPSession::Start(const string &endpoint, const string &routing_id, const string &store_dir)
  {
   m_endpoint = endpoint;
   m_routing_id = routing_id;
   m_state = VP_SESSION_CLOSED;
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
   rebuilds = 0;
   m_hello_round_ms = 0;
   m_rebuilt_ms = 0;
   ArrayResize(m_inbox_env, 0);
   ArrayResize(m_inbox, 0);
   ArrayResize(m_inbox_ctl, 0);
   ArrayResize(m_news, 0);
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
   m_state = VP_SESSION_HELLO_SENT;
   SendHello();
   return true;
  }

void CVPSession::Stop(void)
  {
   store.SaveState();
   store.SaveOutbox();
   m_zmq.Close();
   m_state = VP_SESSION_CLOSED;
  }

void CVPSession::Header(VPEnvelope &h, ENUM_VP_MSG_TYPE type)
  {
   h.v = VP_VERSION;
   h.type = type;
   m_seq++;
   if(m_seq >= store.seq_reserved)
     {
      store.seq_reserved = m_seq + VP_SEQ_BLOCK;
      store.SaveState();
     }
   h.seq = m_seq;
   h.ts_ms = (long)TimeGMT() * 1000;
   h.prev = 0;
   h.resend = false;
   h.ack_req = false;
  }

// A reliable message's header: the next seq, chained to our previous reliable message by prev.
void CVPSession::ReliableHeader(VPEnvelope &h, ENUM_VP_MSG_TYPE type)
  {
   Header(h, type);
   h.prev = store.out_prev;
   store.out_prev = h.seq;
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
   long now = Mono();
   if(m_hello_round_ms == 0 || m_last_rx_ms >= m_hello_round_ms)
     {
      // the first hello of a round (the sidecar has spoken since the last one): the socket is presumed fine
      m_hello_round_ms = now;
      m_rebuilt_ms = now;
     }
   else
      if(now - m_rebuilt_ms >= VP_HELLO_REBUILD_MS || !m_zmq.IsOpen())
         RebuildSocket();
   VPEnvelope h;
   Header(h, VP_MSG_HELLO);
   ArrayResize(hello.versions, 1);
   hello.versions[0] = VP_VERSION;
   hello.ack_seq = store.in_last;
   Transmit(VPEncode(h, hello));
   m_last_hello_ms = Mono();
   m_next_hello_ms = m_last_hello_ms + m_hello_backoff_ms;
   m_hello_backoff_ms = MathMin(m_hello_backoff_ms * 2, 30000);
   PrintFormat("VProp: hello sent (seq %I64d, ack_seq %I64d)", h.seq, hello.ack_seq);
  }

// Closes the DEALER and connects a new one (a new context, socket and connection) under the same routing id.
// The ROUTER hands the id over to the new connection (ROUTER_HANDOVER); nothing in the outbox is lost: it is
// resent after the welcome.
bool CVPSession::RebuildSocket(void)
  {
   long silent = Mono() - m_hello_round_ms;
   m_rebuilt_ms = Mono();
   rebuilds++;
   bool ok = m_zmq.Open(m_endpoint, m_routing_id, 250, 5000);
   PrintFormat("VProp: no answer to hello for %I64d ms: DEALER rebuilt (%s, rebuild %d)", silent,
               ok ? "connecting" : "failed, retried with the next hello", rebuilds);
   return ok;
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

void CVPSession::SendError(ENUM_VP_ERROR_CODE code, const string &field, const string &message, long ref_seq)
  {
   VPEnvelope h;
   Header(h, VP_MSG_ERROR);
   VPErrorMsg e;
   e.code = code;
   e.field = field;
   e.message = message;
   e.ref_seq = ref_seq;
   Transmit(VPEncode(h, e));
   errors_sent++;
  }

void CVPSession::SendAck(long echo_seq)
  {
   VPEnvelope h;
   Header(h, VP_MSG_ACK);
   VPAckMsg a;
   a.ack_seq = store.in_last;
   a.echo_seq = echo_seq;
   Transmit(VPEncode(h, a));
  }

// The outbox first (and its files), then the wire: a crash between the two loses nothing.
long CVPSession::Journal(long seq, const string &json)
  {
   store.AddOutbox(seq, json);
   store.SaveOutbox();
   store.SaveState();
   if(Welcomed())
      Transmit(json);
   return seq;
  }

long CVPSession::SendReliable(const VPAccountMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_ACCOUNT);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPSignalAckMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_SIGNAL_ACK);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPControlAckMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_CONTROL_ACK);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPFillMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_FILL);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPBalanceMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_BALANCE);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPFirmStateMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_FIRM_STATE);
   return Journal(h.seq, VPEncode(h, m));
  }

long CVPSession::SendReliable(const VPOrderMsg &m)
  {
   VPEnvelope h;
   ReliableHeader(h, VP_MSG_ORDER);
   return Journal(h.seq, VPEncode(h, m));
  }

bool CVPSession::SendVolatile(const VPTickMsg &m)
  {
   if(!Welcomed())
      return false;
   VPEnvelope h;
   Header(h, VP_MSG_TICK);
   return Transmit(VPEncode(h, m));
  }

bool CVPSession::SendVolatile(const VPBarMsg &m)
  {
   if(!Welcomed())
      return false;
   VPEnvelope h;
   Header(h, VP_MSG_BAR);
   return Transmit(VPEncode(h, m));
  }

bool CVPSession::SendVolatile(const VPGovernorStateMsg &m)
  {
   if(!Welcomed())
      return false;
   VPEnvelope h;
   Header(h, VP_MSG_GOVERNOR_STATE);
   return Transmit(VPEncode(h, m));
  }

bool CVPSession::SendVolatile(const VPSymbolUpdateMsg &m)
  {
   if(!Welcomed())
      return false;
   VPEnvelope h;
   Header(h, VP_MSG_SYMBOL_UPDATE);
   return Transmit(VPEncode(h, m));
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
      VPEnvelope env;
      VPError err;
      if(!m_dec.Decode(json, bytes, env, err))
        {
         PrintFormat("VProp: rejected a message from the sidecar: %s (%s)", VPErrorCodeWire(err.code), err.message);
         SendError(err.code, err.field, err.message, err.ref_seq);
         continue;
        }
      if(!env.resend && env.type != VP_MSG_WELCOME)
        {
         if(env.seq <= m_last_fresh_in && env.type != VP_MSG_ERROR)
           {
            SendError(VP_ERR_SEQ_NOT_INCREASING, "seq", "seq " + IntegerToString(env.seq) + " is not above " +
                      IntegerToString(m_last_fresh_in), env.seq);
            continue;
           }
         m_last_fresh_in = env.seq;
        }
      if(env.ack_req && env.type != VP_MSG_ACK)
         SendAck(env.seq);
      switch(env.type)
        {
         case VP_MSG_WELCOME:
           {
            VPWelcomeMsg w;
            m_dec.Read(w);
            OnWelcome(env, w);
            break;
           }
         case VP_MSG_ACK:
           {
            VPAckMsg a;
            m_dec.Read(a);
            store.DropAcked(a.ack_seq);
            break;
           }
         case VP_MSG_ERROR:
           {
            VPErrorMsg e;
            m_dec.Read(e);
            OnError(e);
            break;
           }
         case VP_MSG_NEWS:
           {
            VPNewsMsg n;
            m_dec.Read(n);
            QueueNews(n);
            break;
           }
         default:
            if(VPIsReliable(env.type))
               OnReliable(env);
            // heartbeats only refresh m_last_rx_ms; other types are not for the EA
            break;
        }
     }
  }

void CVPSession::OnWelcome(const VPEnvelope &env, const VPWelcomeMsg &w)
  {
   bool first = !Welcomed();
   m_state = VP_SESSION_WELCOMED;
   welcomes++;
   m_hello_round_ms = 0;
   m_hello_backoff_ms = 1000;
   m_heartbeat_ms = w.heartbeat_ms > 0 ? w.heartbeat_ms : 1000;
   m_stale_ms = w.stale_ms > 0 ? w.stale_ms : 5000;
   m_last_fresh_in = env.seq;
   if(m_sidecar_session != w.session)
      PrintFormat("VProp: welcome from sidecar session %s (ack_seq %I64d)", w.session, w.ack_seq);
   m_sidecar_session = w.session;
   store.DropAcked(w.ack_seq);
   ResendOutbox(w.ack_seq);
   if(!first)
      PrintFormat("VProp: re-welcomed");
  }

void CVPSession::OnError(const VPErrorMsg &e)
  {
   errors_received++;
   switch(e.code)
     {
      case VP_ERR_HELLO_REQUIRED:
         // the sidecar restarted (or never saw us): say hello again at once
         if(Welcomed())
            PrintFormat("VProp: sidecar asks for hello (restarted?); reconnecting the session");
         m_state = VP_SESSION_HELLO_SENT;
         m_hello_backoff_ms = 1000;
         if(Mono() - m_last_hello_ms >= 200) // one hello for a burst of queued messages
            SendHello();
         break;
      case VP_ERR_GAP:
         ResendOutbox(0); // the sidecar's ack (sent with the error) already dropped what it has
         break;
      default:
         PrintFormat("VProp: sidecar reports %s on %s (seq %I64d): %s", VPErrorCodeWire(e.code), e.field, e.ref_seq, e.message);
         break;
     }
  }

// A reliable message from the sidecar: duplicate, in order, or after a gap (section 5). In order, it waits in the
// inbox for the EA; signals and controls carry a payload the EA acts on (the sidecar sends no other reliable type).
void CVPSession::OnReliable(const VPEnvelope &env)
  {
   if(env.seq <= store.in_last)
     {
      duplicates++;
      SendAck(0);
      return;
     }
   for(int i = 0; i < ArraySize(m_inbox_env); i++)
      if(m_inbox_env[i].seq == env.seq)
         return; // already queued for the EA
   // in order means after the last one queued: several signals may arrive in one Poll, before the EA acts on the first
   long expected = store.in_last;
   int queued = ArraySize(m_inbox_env);
   if(queued > 0 && m_inbox_env[queued - 1].seq > expected)
      expected = m_inbox_env[queued - 1].seq;
   if(env.prev > expected)
     {
      SendError(VP_ERR_GAP, "prev", "prev " + IntegerToString(env.prev) + " is ahead of " + IntegerToString(expected), env.seq);
      SendAck(0);
      return;
     }
   int n = ArraySize(m_inbox_env);
   ArrayResize(m_inbox_env, n + 1);
   ArrayResize(m_inbox, n + 1);
   ArrayResize(m_inbox_ctl, n + 1);
   m_inbox_env[n] = env;
   if(env.type == VP_MSG_SIGNAL)
      m_dec.Read(m_inbox[n]);
   if(env.type == VP_MSG_CONTROL)
      m_dec.Read(m_inbox_ctl[n]);
  }

bool CVPSession::NextSignal(VPEnvelope &env, VPSignalMsg &s)
  {
   while(ArraySize(m_inbox_env) > 0)
     {
      if(m_inbox_env[0].type == VP_MSG_CONTROL)
         return false; // NextControl takes it: acted on in order
      env = m_inbox_env[0];
      s = m_inbox[0];
      ArrayRemove(m_inbox_env, 0, 1);
      ArrayRemove(m_inbox, 0, 1);
      ArrayRemove(m_inbox_ctl, 0, 1);
      if(env.type == VP_MSG_SIGNAL)
         return true;
      // a reliable message that is not a signal: in order, nothing to act on
      PrintFormat("VProp: ignored a reliable %s from the sidecar (seq %I64d)", VPMsgTypeWire(env.type), env.seq);
      Processed(env.seq);
     }
   return false;
  }

bool CVPSession::NextControl(VPEnvelope &env, VPControlMsg &c)
  {
   if(ArraySize(m_inbox_env) == 0 || m_inbox_env[0].type != VP_MSG_CONTROL)
      return false;
   env = m_inbox_env[0];
   c = m_inbox_ctl[0];
   ArrayRemove(m_inbox_env, 0, 1);
   ArrayRemove(m_inbox, 0, 1);
   ArrayRemove(m_inbox_ctl, 0, 1);
   return true;
  }

// Bounded: the EA drains the queue every timer; a burst beyond VP_NEWS_QUEUE drops the oldest (the governors keep
// their own list, and the sidecar pushes its calendar again after a re-hello).
void CVPSession::QueueNews(const VPNewsMsg &n)
  {
   int k = ArraySize(m_news);
   if(k >= VP_NEWS_QUEUE)
     {
      ArrayRemove(m_news, 0, 1);
      k--;
     }
   ArrayResize(m_news, k + 1);
   m_news[k] = n;
  }

bool CVPSession::NextNews(VPNewsMsg &n)
  {
   if(ArraySize(m_news) == 0)
      return false;
   n = m_news[0];
   ArrayRemove(m_news, 0, 1);
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
   if(!Welcomed())
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
      VPEnvelope h;
      Header(h, VP_MSG_HEARTBEAT);
      Transmit(VPEncodeHeartbeat(h));
     }
  }

#endif
