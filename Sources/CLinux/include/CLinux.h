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
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/io_uring.h>

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

// io_uring through raw system calls (no liburing): one ring per event loop, used to submit a batch of
// sends and wait for all of their completions in one io_uring_enter. The kernel shares the head and tail
// words with us, so they are read with acquire and written with release ordering.
struct clinux_uring {
    int fd;
    unsigned entries;
    unsigned *sq_head, *sq_tail, *sq_mask, *sq_array;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_sqe *sqes;
    struct io_uring_cqe *cqes;
    void *sq_ring, *cq_ring;
    size_t sq_ring_size, cq_ring_size, sqes_size;
    unsigned sq_local_tail;
};

static inline void clinux_uring_unmap(struct clinux_uring *ring) {
    if (ring->sqes) munmap(ring->sqes, ring->sqes_size);
    if (ring->cq_ring && ring->cq_ring != ring->sq_ring) munmap(ring->cq_ring, ring->cq_ring_size);
    if (ring->sq_ring) munmap(ring->sq_ring, ring->sq_ring_size);
    if (ring->fd >= 0) close(ring->fd);
    memset(ring, 0, sizeof *ring);
    ring->fd = -1;
}

// Sets the ring up with `entries` submission slots; 0 on success, otherwise an errno (ENOSYS on kernels
// without io_uring, EPERM where it is disabled, ENOTSUP when IORING_OP_SEND is missing).
static inline int clinux_uring_open(struct clinux_uring *ring, unsigned entries) {
    memset(ring, 0, sizeof *ring);
    ring->fd = -1;
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    params.flags = IORING_SETUP_SUBMIT_ALL;
    int fd = (int)syscall(__NR_io_uring_setup, entries, &params);
    if (fd < 0 && errno == EINVAL) {
        memset(&params, 0, sizeof params);
        fd = (int)syscall(__NR_io_uring_setup, entries, &params);
    }
    if (fd < 0) return errno;
    ring->fd = fd;
    // IORING_OP_SEND arrived in 5.6, FAST_POLL in 5.7: a kernel with the latter has the former.
    if (!(params.features & IORING_FEAT_FAST_POLL)) { clinux_uring_unmap(ring); return ENOTSUP; }
    ring->entries = params.sq_entries;
    ring->sq_ring_size = params.sq_off.array + params.sq_entries * sizeof(unsigned);
    ring->cq_ring_size = params.cq_off.cqes + params.cq_entries * sizeof(struct io_uring_cqe);
    int single = (params.features & IORING_FEAT_SINGLE_MMAP) != 0;
    if (single) {
        if (ring->cq_ring_size > ring->sq_ring_size) ring->sq_ring_size = ring->cq_ring_size;
        ring->cq_ring_size = ring->sq_ring_size;
    }
    void *sq = mmap(0, ring->sq_ring_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    if (sq == MAP_FAILED) { int code = errno; clinux_uring_unmap(ring); return code; }
    ring->sq_ring = sq;
    void *cq = sq;
    if (!single) {
        cq = mmap(0, ring->cq_ring_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
        if (cq == MAP_FAILED) { int code = errno; clinux_uring_unmap(ring); return code; }
    }
    ring->cq_ring = cq;
    ring->sqes_size = params.sq_entries * sizeof(struct io_uring_sqe);
    void *sqes = mmap(0, ring->sqes_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if (sqes == MAP_FAILED) { int code = errno; clinux_uring_unmap(ring); return code; }
    ring->sqes = (struct io_uring_sqe *)sqes;
    char *sqc = (char *)sq, *cqc = (char *)cq;
    ring->sq_head = (unsigned *)(sqc + params.sq_off.head);
    ring->sq_tail = (unsigned *)(sqc + params.sq_off.tail);
    ring->sq_mask = (unsigned *)(sqc + params.sq_off.ring_mask);
    ring->sq_array = (unsigned *)(sqc + params.sq_off.array);
    ring->cq_head = (unsigned *)(cqc + params.cq_off.head);
    ring->cq_tail = (unsigned *)(cqc + params.cq_off.tail);
    ring->cq_mask = (unsigned *)(cqc + params.cq_off.ring_mask);
    ring->cqes = (struct io_uring_cqe *)(cqc + params.cq_off.cqes);
    ring->sq_local_tail = *ring->sq_tail;
    return 0;
}

// Queues a send(2) with MSG_NOSIGNAL of `length` bytes at `bytes` on `fd`; the caller keeps at most
// `entries` queued between two waits, so a slot is always free.
static inline void clinux_uring_queue_send(struct clinux_uring *ring, int fd, const void *bytes, size_t length, uint64_t user_data) {
    unsigned tail = ring->sq_local_tail;
    unsigned index = tail & *ring->sq_mask;
    struct io_uring_sqe *sqe = &ring->sqes[index];
    memset(sqe, 0, sizeof *sqe);
    sqe->opcode = IORING_OP_SEND;
    sqe->fd = fd;
    sqe->addr = (uint64_t)(uintptr_t)bytes;
    sqe->len = (uint32_t)length;
    // MSG_DONTWAIT makes a full socket complete with -EAGAIN at once (as send(2) does) instead of arming a poll.
    sqe->msg_flags = MSG_NOSIGNAL | MSG_DONTWAIT;
    sqe->user_data = user_data;
    ring->sq_array[index] = index;
    ring->sq_local_tail = tail + 1;
}

// Submits everything queued and waits until `count` completions sit in the completion ring, in as few
// io_uring_enter calls as the kernel allows (one, unless a signal interrupts). 0 or an errno.
static inline int clinux_uring_submit_and_wait(struct clinux_uring *ring, unsigned count) {
    __atomic_store_n(ring->sq_tail, ring->sq_local_tail, __ATOMIC_RELEASE);
    for (;;) {
        unsigned unsubmitted = ring->sq_local_tail - __atomic_load_n(ring->sq_head, __ATOMIC_ACQUIRE);
        unsigned ready = __atomic_load_n(ring->cq_tail, __ATOMIC_ACQUIRE) - *ring->cq_head;
        if (unsubmitted == 0 && ready >= count) return 0;
        long result = syscall(__NR_io_uring_enter, ring->fd, unsubmitted, count, IORING_ENTER_GETEVENTS, 0, 0);
        if (result < 0 && errno != EINTR && errno != EAGAIN && errno != EBUSY) return errno;
    }
}

// Takes the oldest completion: 1 with its user data and result (bytes, or a negative errno), 0 if none.
static inline int clinux_uring_reap(struct clinux_uring *ring, uint64_t *user_data, int32_t *result) {
    unsigned head = *ring->cq_head;
    if (head == __atomic_load_n(ring->cq_tail, __ATOMIC_ACQUIRE)) return 0;
    struct io_uring_cqe *cqe = &ring->cqes[head & *ring->cq_mask];
    *user_data = cqe->user_data;
    *result = cqe->res;
    __atomic_store_n(ring->cq_head, head + 1, __ATOMIC_RELEASE);
    return 1;
}

#endif
