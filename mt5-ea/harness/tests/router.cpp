#include "router.h"

#include <zmq.h>

bool TestRouter::bind() {
    ctx_ = zmq_ctx_new();
    sock_ = zmq_socket(ctx_, ZMQ_ROUTER);
    int zero = 0;
    zmq_setsockopt(sock_, ZMQ_LINGER, &zero, sizeof zero);
    // a restarted EA reconnects with the same routing id, possibly before this side has noticed the old connection
    // go: hand the id over to the new connection instead of dropping it
    int one = 1;
    zmq_setsockopt(sock_, ZMQ_ROUTER_HANDOVER, &one, sizeof one);
    if (zmq_bind(sock_, "tcp://127.0.0.1:*") != 0) return false;
    char buf[256];
    size_t len = sizeof buf;
    zmq_getsockopt(sock_, ZMQ_LAST_ENDPOINT, buf, &len);
    endpoint_ = buf;
    return true;
}

void TestRouter::send(const std::string &peer, const std::string &body) {
    zmq_send(sock_, peer.data(), peer.size(), ZMQ_SNDMORE);
    zmq_send(sock_, body.data(), body.size(), 0);
}

std::vector<RouterMsg> TestRouter::drain(int wait_ms) {
    std::vector<RouterMsg> out;
    zmq_pollitem_t item = {sock_, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, wait_ms) <= 0) return out;
    while (true) {
        zmq_msg_t id, body;
        zmq_msg_init(&id);
        if (zmq_msg_recv(&id, sock_, ZMQ_DONTWAIT) < 0) { zmq_msg_close(&id); break; }
        zmq_msg_init(&body);
        zmq_msg_recv(&body, sock_, 0);
        out.push_back({std::string((char *)zmq_msg_data(&id), zmq_msg_size(&id)),
                       std::string((char *)zmq_msg_data(&body), zmq_msg_size(&body))});
        zmq_msg_close(&id);
        zmq_msg_close(&body);
    }
    return out;
}

void TestRouter::close() {
    if (sock_) zmq_close(sock_);
    if (ctx_) zmq_ctx_term(ctx_);
    sock_ = ctx_ = nullptr;
}

bool socket_readable(long handle, int wait_ms) {
    zmq_pollitem_t item = {(void *)handle, 0, ZMQ_POLLIN, 0};
    return zmq_poll(&item, 1, wait_ms) > 0;
}
