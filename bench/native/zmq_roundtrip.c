/*
 * libzmq's own DEALER -> ROUTER echo round trip, the C floor for bench RoundTripHarness (built by it with gcc
 * against the installed libzmq3-dev, as the EA harness is). One process: a ROUTER echo thread and a DEALER paced at
 * RATE messages/s of SIZE bytes, blocking receives on both sides, one ZeroMQ context (one I/O thread) per side as
 * the sidecar and the terminal have. Prints one round trip per line in nanoseconds (after the warm-up).
 *   zmq_roundtrip RATE SECONDS WARMUP_SECONDS SIZE
 */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *echo(void *router) {
    char id[256], buf[1 << 16];
    for (;;) {
        int n = zmq_recv(router, id, sizeof id, 0);
        if (n < 0) return NULL;            /* context terminated */
        int m = zmq_recv(router, buf, sizeof buf, 0);
        if (m < 0) return NULL;
        zmq_send(router, id, (size_t) n, ZMQ_SNDMORE);
        zmq_send(router, buf, (size_t) m, 0);
    }
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s RATE SECONDS WARMUP SIZE\n", argv[0]); return 2; }
    long rate = atol(argv[1]), seconds = atol(argv[2]), warmup = atol(argv[3]);
    size_t size = (size_t) atol(argv[4]);
    void *sctx = zmq_ctx_new(), *cctx = zmq_ctx_new();
    void *router = zmq_socket(sctx, ZMQ_ROUTER), *dealer = zmq_socket(cctx, ZMQ_DEALER);
    int zero = 0;
    zmq_setsockopt(router, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(dealer, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(dealer, ZMQ_ROUTING_ID, "c-echo", 6);
    if (zmq_bind(router, "tcp://127.0.0.1:*") != 0) { perror("bind"); return 1; }
    char ep[256];
    size_t len = sizeof ep;
    zmq_getsockopt(router, ZMQ_LAST_ENDPOINT, ep, &len);
    zmq_connect(dealer, ep);
    pthread_t t;
    pthread_create(&t, NULL, echo, router);
    char *msg = calloc(1, size), *in = malloc(size + 1);
    zmq_send(dealer, msg, size, 0);        /* connection up */
    zmq_recv(dealer, in, size, 0);
    long long period = 1000000000LL / rate, start = now_ns(), next = start;
    long long end = start + (warmup + seconds) * 1000000000LL;
    while (next < end) {
        struct timespec ts = { next / 1000000000LL, next % 1000000000LL };
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
        long long t0 = now_ns();
        zmq_send(dealer, msg, size, 0);
        zmq_recv(dealer, in, size, 0);
        long long rtt = now_ns() - t0;
        if (t0 - start > warmup * 1000000000LL) printf("%lld\n", rtt);
        next += period;
    }
    fflush(stdout);
    zmq_close(dealer);
    zmq_ctx_term(cctx);
    _exit(0);                              /* the echo thread blocks in recv; the process ends here */
}
