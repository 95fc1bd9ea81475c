/*
 * The floors the benches measure our servers against: the least a TCP exchange can cost on this machine,
 * in C, with nothing a server would add (no runtime, no logging, no protocol, no allocation per message).
 * Built at bench time when a C compiler is there (`cc -O2 -o floor floor.c`); DotnetFloors.cs has the same
 * three programs in C# for machines without one.
 *
 *   floor pingpong                    one client at a time; every byte received is sent straight back
 *   floor relay                       every whole line received from one client goes to every other client
 *   floor ticker PERIOD_US BYTES      every PERIOD_US microseconds, on a fixed schedule, BYTES bytes go to
 *                                     every client: the slot number (8 bytes, little-endian), then padding
 *
 * Each listens on 127.0.0.1 on a port the system chooses and says so on one line:
 * "floor: listening on 127.0.0.1:PORT". It runs until killed. Linux only (epoll, timerfd), like taskset.
 *
 * The relay and the ticker never wait for one client: sends are non-blocking, and what a client cannot
 * take yet waits in its own buffer until epoll says it can (a blocking send to one slow reader would hold
 * up everyone after it, and the floor would measure that reader, not the machine). And they batch: what
 * a round of epoll events gives a client (several lines, several ticks) leaves in one send, as our
 * servers' writers do when they fall behind; one send per line would make the floor the slower of the two.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define LINE_MAX_BYTES 65536

static int listen_loopback(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4096) != 0
        || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        perror("floor: listen");
        exit(1);
    }
    printf("floor: listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
    fflush(stdout);
    return fd;
}

static void no_delay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Blocking send of all n bytes; 0 when the peer is gone. */
static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        p += k;
        n -= (size_t)k;
    }
    return 1;
}

static void pingpong(int listener)
{
    static char buffer[65536];
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        no_delay(fd);
        ssize_t n;
        while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0)
            if (!send_all(fd, buffer, (size_t)n)) break;
        close(fd);
    }
}

/* One client of the relay or the ticker: a line being read, and bytes it could not take yet. */
struct client {
    int open;
    int waiting; /* for EPOLLOUT: the kernel took less than we had */
    char *line;
    size_t filled;
    char *pending;
    size_t pending_len, pending_cap;
};

static struct client clients[MAX_FDS];
static int fds[MAX_FDS];
static int count;
static int ep;

static void watch(int fd, uint32_t events, int op)
{
    struct epoll_event ev = { .events = events, .data.fd = fd };
    epoll_ctl(ep, op, fd, &ev);
}

static void drop(int fd)
{
    struct client *c = &clients[fd];
    if (!c->open) return;
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(c->line);
    free(c->pending);
    memset(c, 0, sizeof *c);
    for (int j = 0; j < count; j++) if (fds[j] == fd) { fds[j] = fds[--count]; break; }
}

static void accept_one(int listener)
{
    int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
    if (fd < 0) return;
    if (fd >= MAX_FDS) { close(fd); return; }
    no_delay(fd);
    clients[fd] = (struct client){ .open = 1, .line = malloc(LINE_MAX_BYTES) };
    fds[count++] = fd;
    watch(fd, EPOLLIN, EPOLL_CTL_ADD);
}

/* Queues bytes for a client; they leave at the end of this round of events (send_round). */
static void post(int fd, const char *p, size_t n)
{
    struct client *c = &clients[fd];
    if (c->pending_len + n > c->pending_cap) {
        c->pending_cap = (c->pending_len + n) * 2;
        c->pending = realloc(c->pending, c->pending_cap);
    }
    memcpy(c->pending + c->pending_len, p, n);
    c->pending_len += n;
}

/* Sends what the kernel takes now; the rest waits for EPOLLOUT. */
static void flush(int fd)
{
    struct client *c = &clients[fd];
    ssize_t k = send(fd, c->pending, c->pending_len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { drop(fd); return; }
    if (k > 0) {
        memmove(c->pending, c->pending + k, c->pending_len - (size_t)k);
        c->pending_len -= (size_t)k;
    }
    int waiting = c->pending_len > 0;
    if (waiting != c->waiting) watch(fd, waiting ? EPOLLIN | EPOLLOUT : EPOLLIN, EPOLL_CTL_MOD);
    c->waiting = waiting;
}

/* One send per client for everything this round queued for it. */
static void send_round(void)
{
    for (int j = count - 1; j >= 0; j--) /* backwards: a client dropped on the way swaps in one already done */
        if (clients[fds[j]].pending_len > 0 && !clients[fds[j]].waiting) flush(fds[j]);
}

/* Reads what a client sent; with relay, each whole line goes to every other client. */
static void readable(int fd, int relay)
{
    struct client *from = &clients[fd];
    ssize_t k = recv(fd, from->line + from->filled, LINE_MAX_BYTES - from->filled, 0);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) { drop(fd); return; }
    if (k < 0) return;
    if (!relay) { from->filled = 0; return; }
    from->filled += (size_t)k;
    size_t start = 0;
    for (size_t end = 0; end < from->filled; end++) {
        if (from->line[end] != '\n') continue;
        /* Whole lines only, so lines from two senders never interleave. */
        for (int j = 0; j < count; j++)
            if (fds[j] != fd) post(fds[j], from->line + start, end + 1 - start);
        start = end + 1;
    }
    memmove(from->line, from->line + start, from->filled - start);
    from->filled -= start;
    if (from->filled == LINE_MAX_BYTES) from->filled = 0; /* a line too long: dropped */
}

static void serve(int listener, int timer, size_t bytes)
{
    ep = epoll_create1(0);
    watch(listener, EPOLLIN, EPOLL_CTL_ADD);
    if (timer >= 0) watch(timer, EPOLLIN, EPOLL_CTL_ADD);
    char *message = calloc(bytes < 8 ? 8 : bytes, 1);
    int64_t slot = 0;
    struct epoll_event ready[256];
    for (;;) {
        int n = epoll_wait(ep, ready, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) accept_one(listener);
            else if (fd == timer) {
                /* Slots that passed while we were held up are sent too, back to back: none is hidden. */
                uint64_t expired = 0;
                if (read(timer, &expired, sizeof expired) != sizeof expired) continue;
                for (uint64_t e = 0; e < expired; e++) {
                    slot++;
                    memcpy(message, &slot, 8); /* little-endian on every machine this runs on */
                    for (int j = count - 1; j >= 0; j--) post(fds[j], message, bytes);
                }
            } else {
                if ((ready[i].events & EPOLLOUT) && clients[fd].open) flush(fd);
                if ((ready[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && clients[fd].open) readable(fd, timer < 0);
            }
        }
        send_round();
    }
}

/* A timer on a fixed schedule (absolute times on the monotonic clock: no drift), as an epoll event. */
static int schedule(long period_us)
{
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec spec = {
        .it_interval = { .tv_sec = period_us / 1000000, .tv_nsec = (period_us % 1000000) * 1000 },
        .it_value = now,
    };
    spec.it_value.tv_nsec += spec.it_interval.tv_nsec;
    spec.it_value.tv_sec += spec.it_interval.tv_sec + spec.it_value.tv_nsec / 1000000000;
    spec.it_value.tv_nsec %= 1000000000;
    if (timer < 0 || timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, NULL) != 0) {
        perror("floor: timer");
        exit(1);
    }
    return timer;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "pingpong") == 0) pingpong(listen_loopback());
    else if (argc >= 2 && strcmp(argv[1], "relay") == 0) serve(listen_loopback(), -1, 0);
    else if (argc >= 4 && strcmp(argv[1], "ticker") == 0) {
        int listener = listen_loopback();
        serve(listener, schedule(atol(argv[2])), (size_t)atol(argv[3]));
    }
    fprintf(stderr, "usage: floor pingpong | relay | ticker PERIOD_US BYTES\n");
    return 2;
}
