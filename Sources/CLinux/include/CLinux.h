// CLinux: the Linux headers Glibc does not import for Swift, plus a few inline helpers
// for things Swift cannot express directly (packed epoll_event, enum-typed flags).
#ifndef ORRERY_CLINUX_H
#define ORRERY_CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <pthread.h>
#include <stdint.h>

// accept4 is declared only under _GNU_SOURCE; declare it here (same prototype as glibc).
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
// Likewise pthread_setname_np.
extern int pthread_setname_np(pthread_t thread, const char *name);
// Likewise the pseudo-terminal calls (declared only under _XOPEN_SOURCE / _GNU_SOURCE).
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buffer, size_t length);

// epoll_event is __attribute__((packed)) on x86_64; read and write it only through these.
static inline void clinux_epoll_event_set(struct epoll_event *event, uint32_t events, uint64_t token) {
    event->events = events;
    event->data.u64 = token;
}

static inline uint32_t clinux_epoll_event_events(const struct epoll_event *events, int index) {
    return events[index].events;
}

static inline uint64_t clinux_epoll_event_token(const struct epoll_event *events, int index) {
    return events[index].data.u64;
}

static inline size_t clinux_epoll_event_size(void) { return sizeof(struct epoll_event); }

// Flags that Glibc imports as enum types; plain ints are easier to combine from Swift.
static const uint32_t CLINUX_EPOLLIN = EPOLLIN;
static const uint32_t CLINUX_EPOLLOUT = EPOLLOUT;
static const uint32_t CLINUX_EPOLLERR = EPOLLERR;
static const uint32_t CLINUX_EPOLLHUP = EPOLLHUP;
static const uint32_t CLINUX_EPOLLRDHUP = EPOLLRDHUP;
static const int CLINUX_SOCK_STREAM = SOCK_STREAM;
static const int CLINUX_SOCK_NONBLOCK = SOCK_NONBLOCK;
static const int CLINUX_SOCK_CLOEXEC = SOCK_CLOEXEC;
static const int CLINUX_IPPROTO_TCP = IPPROTO_TCP;
static const int CLINUX_RLIMIT_NOFILE = RLIMIT_NOFILE;
static const int CLINUX_RUSAGE_SELF = RUSAGE_SELF;

#endif
