// Small inline helpers for the JavaCPP libzmq binding (io.vprop.transport.libzmq.LibZmq): typed socket options and
// a poll over two sockets, which JavaCPP would otherwise need struct mappings (zmq_pollitem_t) for.
#pragma once
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <zmq.h>

inline int vprop_zmq_set_int(void* s, int option, int value) { return zmq_setsockopt(s, option, &value, sizeof value); }
inline int vprop_zmq_set_int64(void* s, int option, int64_t value) { return zmq_setsockopt(s, option, &value, sizeof value); }
inline int vprop_zmq_get_int(void* s, int option) {
    int v = -1;
    size_t len = sizeof v;
    return zmq_getsockopt(s, option, &v, &len) == 0 ? v : -1;
}
// ZMQ_LAST_ENDPOINT into buf (NUL-terminated); the length with the NUL, or -1.
inline int vprop_zmq_last_endpoint(void* s, char* buf, int cap) {
    size_t len = (size_t) cap;
    return zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, buf, &len) == 0 ? (int) len : -1;
}
// Waits up to timeout_ms (-1 = forever) for input on a or b (b may be NULL): bit 0 = a readable, bit 1 = b; -1 on error.
inline int vprop_zmq_poll_in(void* a, void* b, long timeout_ms) {
    zmq_pollitem_t items[2] = {{a, 0, ZMQ_POLLIN, 0}, {b, 0, ZMQ_POLLIN, 0}};
    int rc = zmq_poll(items, b ? 2 : 1, timeout_ms);
    if (rc < 0) return -1;
    return ((items[0].revents & ZMQ_POLLIN) ? 1 : 0) | ((b && (items[1].revents & ZMQ_POLLIN)) ? 2 : 0);
}
// Pins the calling thread to one CPU (Linux sched_setaffinity; g++ defines _GNU_SOURCE): 0, or the errno.
inline int vprop_pin_current_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : errno;
}
