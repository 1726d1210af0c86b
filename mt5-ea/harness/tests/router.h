// A real ZeroMQ ROUTER for the harness (separate translation unit: the EA declares libzmq's functions itself,
// with MQL5 types, so zmq.h cannot be included next to it).
#ifndef VPROP_ROUTER_H
#define VPROP_ROUTER_H
#include <string>
#include <vector>

struct RouterMsg {
    std::string peer;
    std::string body;
};

class TestRouter {
  public:
    // binds tcp://127.0.0.1 on a free port; endpoint() is where the EA should connect
    bool bind();
    std::string endpoint() const { return endpoint_; }
    void send(const std::string &peer, const std::string &body);
    // everything waiting, waiting up to wait_ms for the first message
    std::vector<RouterMsg> drain(int wait_ms);
    void close();
    ~TestRouter() { close(); }

  private:
    void *ctx_ = nullptr;
    void *sock_ = nullptr;
    std::string endpoint_;
};

// non-blocking check used by the interop driver: is a message waiting on this (EA) socket handle?
bool socket_readable(long handle, int wait_ms);
#endif
