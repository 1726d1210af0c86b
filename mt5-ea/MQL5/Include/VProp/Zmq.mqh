//+------------------------------------------------------------------+
//| Zmq.mqh - libzmq through the EA's own #import declarations: one   |
//| DEALER socket connected to the sidecar's ROUTER. Every receive is |
//| non-blocking (ZMQ_DONTWAIT) so the terminal never freezes.        |
//| Handles are pointers, declared long (64-bit terminals only).      |
//| Buffers go as uchar arrays; int options are passed as 4 bytes,    |
//| int64 options (MAXMSGSIZE) as 8, little-endian like the DLL.      |
//+------------------------------------------------------------------+
#ifndef VPROP_ZMQ_MQH
#define VPROP_ZMQ_MQH

#import "libzmq.dll"
long zmq_ctx_new(void);
int  zmq_ctx_term(long context);
long zmq_socket(long context, int type);
int  zmq_close(long socket);
int  zmq_connect(long socket, const uchar &endpoint[]);
int  zmq_setsockopt(long socket, int option, const uchar &optval[], ulong optvallen);
int  zmq_send(long socket, const uchar &buf[], ulong len, int flags);
int  zmq_recv(long socket, uchar &buf[], ulong len, int flags);
int  zmq_errno(void);
#import

// libzmq's constants (zmq.h, 4.3), with the values the DLL expects.
enum ENUM_VP_ZMQ_SOCKET_TYPE
  {
   VP_ZMQ_DEALER = 5
  };

enum ENUM_VP_ZMQ_OPTION
  {
   VP_ZMQ_ROUTING_ID        = 5,
   VP_ZMQ_LINGER            = 17,
   VP_ZMQ_RECONNECT_IVL     = 18,
   VP_ZMQ_RECONNECT_IVL_MAX = 21,
   VP_ZMQ_MAXMSGSIZE        = 22,
   VP_ZMQ_SNDHWM            = 23,
   VP_ZMQ_RCVHWM            = 24
  };

// The largest frame accepted from the sidecar, as the sidecar's ROUTER sets it (docs/protocol.md): 16 x the
// protocol's 64 KiB limit. A larger frame makes libzmq drop the connection before allocating it.
#define VP_ZMQ_MAX_FRAME_BYTES 1048576

enum ENUM_VP_ZMQ_FLAG
  {
   VP_ZMQ_DONTWAIT = 1
  };

class CVPZmq
  {
private:
   long              m_ctx;
   long              m_sock;
   uchar             m_rx[];
   uchar             m_tx[];

   bool              SetInt(ENUM_VP_ZMQ_OPTION option, int value)
     {
      uchar b[];
      ArrayResize(b, 4);
      b[0] = (uchar)(value & 0xFF);
      b[1] = (uchar)((value >> 8) & 0xFF);
      b[2] = (uchar)((value >> 16) & 0xFF);
      b[3] = (uchar)((value >> 24) & 0xFF);
      return zmq_setsockopt(m_sock, option, b, 4) == 0;
     }

   bool              SetLong(ENUM_VP_ZMQ_OPTION option, long value)
     {
      uchar b[];
      ArrayResize(b, 8);
      for(int i = 0; i < 8; i++)
         b[i] = (uchar)((value >> (8 * i)) & 0xFF);
      return zmq_setsockopt(m_sock, option, b, 8) == 0;
     }

public:
                     CVPZmq(void) { m_ctx = 0; m_sock = 0; }
   bool              IsOpen(void) const { return m_sock != 0; }
   long              Handle(void) const { return m_sock; }

   // Connects a DEALER with this routing id. libzmq reconnects by itself with exponential backoff
   // (reconnect_ivl doubling up to reconnect_max_ms); the session re-says hello when the sidecar restarted.
   bool              Open(const string &endpoint, const string &routing_id, int reconnect_ms, int reconnect_max_ms)
     {
      Close();
      m_ctx = zmq_ctx_new();
      if(m_ctx == 0)
        {
         PrintFormat("VProp: zmq_ctx_new failed (errno %d)", zmq_errno());
         return false;
        }
      m_sock = zmq_socket(m_ctx, VP_ZMQ_DEALER);
      if(m_sock == 0)
        {
         PrintFormat("VProp: zmq_socket failed (errno %d)", zmq_errno());
         Close();
         return false;
        }
      uchar id[];
      int idlen = StringToCharArray(routing_id, id, 0, WHOLE_ARRAY, CP_UTF8) - 1;
      bool ok = zmq_setsockopt(m_sock, VP_ZMQ_ROUTING_ID, id, idlen) == 0;
      ok = ok && SetInt(VP_ZMQ_LINGER, 0);
      ok = ok && SetInt(VP_ZMQ_SNDHWM, 10000);
      ok = ok && SetInt(VP_ZMQ_RCVHWM, 10000);
      ok = ok && SetInt(VP_ZMQ_RECONNECT_IVL, reconnect_ms);
      ok = ok && SetInt(VP_ZMQ_RECONNECT_IVL_MAX, reconnect_max_ms);
      ok = ok && SetLong(VP_ZMQ_MAXMSGSIZE, VP_ZMQ_MAX_FRAME_BYTES);
      uchar ep[];
      StringToCharArray(endpoint, ep, 0, WHOLE_ARRAY, CP_UTF8);
      ok = ok && zmq_connect(m_sock, ep) == 0;
      if(!ok)
        {
         PrintFormat("VProp: cannot connect a DEALER to %s (errno %d)", endpoint, zmq_errno());
         Close();
         return false;
        }
      ArrayResize(m_rx, VP_MAX_BYTES + 1);
      return true;
     }

   void              Close(void)
     {
      if(m_sock != 0)
         zmq_close(m_sock);
      if(m_ctx != 0)
         zmq_ctx_term(m_ctx);
      m_sock = 0;
      m_ctx = 0;
     }

   // Never blocks; false when the message could not be queued (high-water mark reached, or closed).
   bool              Send(const string &json)
     {
      if(m_sock == 0)
         return false;
      int n = StringToCharArray(json, m_tx, 0, WHOLE_ARRAY, CP_UTF8) - 1;
      return zmq_send(m_sock, m_tx, n, VP_ZMQ_DONTWAIT) == n;
     }

   // Non-blocking: false when nothing is waiting. `bytes` is the real size, also when it exceeds the buffer
   // (then the text is truncated and the codec answers too_large).
   bool              Recv(string &json, int &bytes)
     {
      if(m_sock == 0)
         return false;
      int n = zmq_recv(m_sock, m_rx, VP_MAX_BYTES + 1, VP_ZMQ_DONTWAIT);
      if(n < 0)
         return false;
      bytes = n;
      json = CharArrayToString(m_rx, 0, MathMin(n, VP_MAX_BYTES + 1), CP_UTF8);
      return true;
     }
  };

#endif
