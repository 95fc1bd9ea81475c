/*
 * The floors the benches measure our servers against: the least a TCP exchange can cost on this machine,
 * in C, with nothing a server would add (no runtime, no logging, no protocol, no allocation per message).
 * Built at bench time when a C compiler is there (`cc -O2 -o floor floor.c`); Floors.cs has the same three
 * programs in C# for machines without one.
 *
 *   floor pingpong                    one client at a time; every byte received is sent straight back
 *   floor relay                       every whole line received from one client goes to every other client
 *   floor ticker PERIOD_US BYTES      every PERIOD_US microseconds, on a fixed schedule, BYTES bytes go to
 *                                     every client: the slot number (8 bytes, little-endian), then padding
 *
 * Each listens on 127.0.0.1 on a port the system chooses and says so on one line:
 * "floor: listening on 127.0.0.1:PORT". It runs until killed. Linux only (epoll), like taskset.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLIENTS 65536
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

struct client { int fd; size_t filled; char *line; };

static void relay(int listener)
{
    static struct client clients[MAX_CLIENTS];
    static int fds[MAX_CLIENTS];
    int count = 0;
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = listener };
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    struct epoll_event ready[256];
    for (;;) {
        int n = epoll_wait(ep, ready, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int c = accept(listener, NULL, NULL);
                if (c < 0 || c >= MAX_CLIENTS) { if (c >= 0) close(c); continue; }
                no_delay(c);
                clients[c] = (struct client){ .fd = c, .filled = 0, .line = malloc(LINE_MAX_BYTES) };
                fds[count++] = c;
                struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                continue;
            }
            struct client *from = &clients[fd];
            ssize_t k = recv(fd, from->line + from->filled, LINE_MAX_BYTES - from->filled, 0);
            if (k <= 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                free(from->line);
                from->fd = -1;
                for (int j = 0; j < count; j++) if (fds[j] == fd) { fds[j] = fds[--count]; break; }
                continue;
            }
            from->filled += (size_t)k;
            /* Whole lines only, so lines from two senders never interleave. */
            size_t start = 0;
            for (size_t end = 0; end < from->filled; end++) {
                if (from->line[end] != '\n') continue;
                for (int j = 0; j < count; j++)
                    if (fds[j] != fd) send_all(fds[j], from->line + start, end + 1 - start);
                start = end + 1;
            }
            memmove(from->line, from->line + start, from->filled - start);
            from->filled -= start;
            if (from->filled == LINE_MAX_BYTES) from->filled = 0; /* a line too long: dropped */
        }
    }
}

static void ticker(int listener, long period_us, size_t bytes)
{
    static int fds[MAX_CLIENTS];
    int count = 0;
    char *message = calloc(bytes < 8 ? 8 : bytes, 1);
    struct timespec origin, due;
    clock_gettime(CLOCK_MONOTONIC, &origin);
    int64_t period_ns = (int64_t)period_us * 1000, origin_ns = (int64_t)origin.tv_sec * 1000000000 + origin.tv_nsec;
    int64_t slot = 0;
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = listener };
    int ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    for (;;) {
        /* Sleep until the next slot on the fixed schedule (absolute time: no drift), then send. */
        slot++;
        int64_t at = origin_ns + slot * period_ns;
        due.tv_sec = at / 1000000000;
        due.tv_nsec = at % 1000000000;
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR) { }
        struct epoll_event ready;
        while (epoll_wait(ep, &ready, 1, 0) == 1) {
            int c = accept(listener, NULL, NULL);
            if (c >= 0 && count < MAX_CLIENTS) { no_delay(c); fds[count++] = c; }
        }
        memcpy(message, &slot, 8); /* little-endian on every machine this runs on */
        for (int j = 0; j < count; j++)
            if (!send_all(fds[j], message, bytes)) { close(fds[j]); fds[j--] = fds[--count]; }
    }
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "pingpong") == 0) pingpong(listen_loopback());
    else if (argc >= 2 && strcmp(argv[1], "relay") == 0) relay(listen_loopback());
    else if (argc >= 4 && strcmp(argv[1], "ticker") == 0) ticker(listen_loopback(), atol(argv[2]), (size_t)atol(argv[3]));
    fprintf(stderr, "usage: floor pingpong | relay | ticker PERIOD_US BYTES\n");
    return 2;
}
