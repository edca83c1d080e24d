/*
 * omb-shepherd --launcher SOCKET: one long-lived launcher per node, which starts and holds every task of the node
 * instead of one omb-shepherd process per task (a process start per task is most of a short task's cost).
 *
 * The rank starts it once (it listens on SOCKET, in a directory only the node's user may enter, then its first process
 * exits, so the rank knows it listens), and connects. It lives in a session of its own, outlives the rank like a task's
 * shepherd, and is the subreaper of every task it started. Each launch order is what omb-shepherd takes on its
 * command line and stdin; the launcher forks, and the child does exactly what a shepherd's child does (start_job:
 * session, groups, gid, uid, umask, directory, files opened as the user, signals reset, execve with no shell), so the
 * guarantees of a task's launch are the shepherd's own. It records the task as a shepherd does (BASE.shepherd naming
 * the launcher, BASE.end from wait4: the exit or signal, the CPU and peak RSS of the job and the orphans of its group
 * reaped before it ended), and tells the connection that ordered the launch. A rank that restarts connects again;
 * the tasks it adopts from the spool it watches through their records, as it does a shepherd's.
 *
 * It ends when it holds no task and no rank is connected (a rank's stop, once its tasks ended), removing SOCKET first,
 * so nothing of a stopped world stays; a rank that finds no launcher (or one that closes without greeting) starts one.
 *
 * Frames, both ways: a 4-byte length (host order), then a kind byte, an 8-byte order id (host order) and the payload.
 *   rank → launcher  'L' launch: a 4-byte argument count, the arguments of omb-shepherd (each ended by NUL), then the
 *                    job's environment block (NAME=VALUE entries each ended by NUL)
 *   launcher → rank  'H' hello (id 0): "PID START_TICKS" of the launcher, sent when a connection is accepted
 *                    'P' started: the job's PID (its process group and session)
 *                    'F' not started: the reason
 *                    'E' ended: the end record's text, a NUL, and what the job's side printed before its exec (a
 *                        launch failure's reason, empty on a good start)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"

#define MAX_CONNECTIONS 8
#define FRAME_LIMIT (256u << 20)
#define HEADER (4 + 1 + 8)
#define ERROR_LIMIT 2048
/* A launcher nobody connected to since it started (its rank died at once) ends after this long. */
#define UNUSED_LINGER_MS 10000

struct connection {
    int fd;
    char *buffer;
    size_t size, capacity;
};

struct task {
    pid_t job;
    int connection; /* index into connections, -1 once that rank is gone */
    uint64_t id;
    char *record;
    int errors; /* read end of the pipe the job's side reports a launch failure on */
    long long user_us, system_us;
    long maxrss_kb;
    struct task *next;
};

static struct connection connections[MAX_CONNECTIONS];
static struct task *tasks;
static pid_t self;
static unsigned long long self_ticks;

static void send_frame(int index, char kind, uint64_t id, const char *payload, size_t size)
{
    char header[HEADER];
    uint32_t length = (uint32_t)(1 + 8 + size);
    struct iovec parts[2] = {{header, HEADER}, {(void *)payload, size}};
    struct msghdr message = {.msg_iov = parts, .msg_iovlen = 2};
    size_t left = HEADER + size;
    if (index < 0 || connections[index].fd < 0) return;
    memcpy(header, &length, 4);
    header[4] = kind;
    memcpy(header + 5, &id, 8);
    /* Small frames to a rank that reads them on a thread of its own: blocking is brief. A broken connection is closed
     * by the poll loop when it reads its end. */
    while (left > 0) {
        ssize_t n = sendmsg(connections[index].fd, &message, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        left -= (size_t)n;
        while (n > 0 && message.msg_iovlen > 0) {
            size_t used = (size_t)n < message.msg_iov[0].iov_len ? (size_t)n : message.msg_iov[0].iov_len;
            message.msg_iov[0].iov_base = (char *)message.msg_iov[0].iov_base + used;
            message.msg_iov[0].iov_len -= used;
            n -= (ssize_t)used;
            if (message.msg_iov[0].iov_len == 0) { message.msg_iov++; message.msg_iovlen--; }
        }
    }
}

static void send_text(int index, char kind, uint64_t id, const char *text)
{
    send_frame(index, kind, id, text, strlen(text));
}

/* The process group of a process (a zombie too, so an orphan's use is counted for the task whose group it was in). */
static pid_t group_of(pid_t pid)
{
    char path[64], text[1024], *p;
    int fd, group = 0;
    ssize_t n;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) return 0;
    n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) return 0;
    text[n] = '\0';
    if (!(p = strrchr(text, ')')) || sscanf(p + 1, " %*c %*d %d", &group) != 1) return 0;
    return group;
}

static struct task *find_task(pid_t job)
{
    for (struct task *t = tasks; t; t = t->next)
        if (t->job == job) return t;
    return NULL;
}

static void forget(struct task *gone)
{
    for (struct task **t = &tasks; *t; t = &(*t)->next)
        if (*t == gone) { *t = gone->next; break; }
    if (gone->errors >= 0) close(gone->errors);
    free(gone->record);
    free(gone);
}

/* The job has ended: its record, then its rank is told (a rank gone finds the record when it adopts the task). */
static void finish(struct task *t, int status)
{
    char message[512 + ERROR_LIMIT + 1];
    ssize_t n;
    size_t size, errors = 0;
    int length = snprintf(message, 512, "%s %d\nuser_us %lld\nsystem_us %lld\nmaxrss_kb %ld\n",
                          WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
                          t->user_us, t->system_us, t->maxrss_kb);
    size = (size_t)length;
    (void)write_record(t->record, ".end", message);
    message[size++] = '\0';
    /* What the job's side wrote before its exec is in the pipe already (it wrote, then exited, or exec closed it). */
    while (errors < ERROR_LIMIT && (n = read(t->errors, message + size + errors, ERROR_LIMIT - errors)) > 0) errors += (size_t)n;
    send_frame(t->connection, 'E', t->id, message, size + errors);
    forget(t);
}

/* Every child that has ended: a task's job ends its task; an orphan of a task's group adds to that task's use. */
static void reap(void)
{
    for (;;) {
        siginfo_t info = {0};
        struct rusage use;
        int status;
        struct task *t;
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0 || info.si_pid == 0) return;
        pid_t pid = info.si_pid, group = 0;
        if (!(t = find_task(pid))) group = group_of(pid);
        while (wait4(pid, &status, 0, &use) < 0 && errno == EINTR) {
        }
        if (!t && group > 1) t = find_task(group);
        if (!t) continue;
        t->user_us += (long long)use.ru_utime.tv_sec * 1000000 + use.ru_utime.tv_usec;
        t->system_us += (long long)use.ru_stime.tv_sec * 1000000 + use.ru_stime.tv_usec;
        if (use.ru_maxrss > t->maxrss_kb) t->maxrss_kb = use.ru_maxrss;
        if (pid == t->job) finish(t, status);
    }
}

/* One launch order: the job forked as a shepherd forks it, its PID told once it leads its session. */
static void launch(int index, uint64_t id, char *payload, size_t size)
{
    struct launch l;
    uint32_t count;
    size_t at = 4;
    char **argv, sync, record[256];
    int ready[2], errors[2];
    pid_t job;
    struct task *t;
    if (size < 4) { send_text(index, 'F', id, "a malformed launch order"); return; }
    memcpy(&count, payload, 4);
    if (count == 0 || count > size || !(argv = calloc((size_t)count + 2, sizeof *argv))) {
        send_text(index, 'F', id, "a malformed launch order");
        return;
    }
    argv[0] = "omb-shepherd";
    for (uint32_t i = 0; i < count; i++) {
        char *end = at < size ? memchr(payload + at, '\0', size - at) : NULL;
        if (!end) { free(argv); send_text(index, 'F', id, "a malformed launch order"); return; }
        argv[i + 1] = payload + at;
        at = (size_t)(end - payload) + 1;
    }
    if (parse_launch((int)count + 1, argv, &l) || parse_environment(payload + at, size - at, &l)) {
        send_text(index, 'F', id, "a malformed launch order (its arguments or environment)");
    } else if (l.pty) {
        send_text(index, 'F', id, "a task on a terminal is held by a shepherd of its own");
    } else if (pipe2(ready, O_CLOEXEC) < 0) {
        send_text(index, 'F', id, strerror(errno));
    } else if (pipe2(errors, O_CLOEXEC) < 0) {
        send_text(index, 'F', id, strerror(errno));
        close(ready[0]);
        close(ready[1]);
    } else if ((job = fork()) < 0) {
        send_text(index, 'F', id, strerror(errno));
        close(ready[0]);
        close(ready[1]);
        close(errors[0]);
        close(errors[1]);
    } else if (job == 0) {
        /* The job's side: its launch failures go to the pipe (the rank's reason), as a shepherd's go to its stderr. */
        if (dup2(errors[1], STDERR_FILENO) < 0) _exit(CANNOT_EXEC);
        start_job(&l, ready[1], NULL);
    } else {
        close(ready[1]);
        close(errors[1]);
        (void)fcntl(errors[0], F_SETFL, O_NONBLOCK);
        while (read(ready[0], &sync, 1) < 0 && errno == EINTR) {
        }
        close(ready[0]);
        if (!(t = calloc(1, sizeof *t)) || !(t->record = strdup(l.record))) {
            /* Cannot hold it: it is not left running unheld. */
            kill(job, SIGKILL);
            free(t);
            close(errors[0]);
            send_text(index, 'F', id, "out of memory");
        } else {
            t->job = job;
            t->connection = index;
            t->id = id;
            t->errors = errors[0];
            t->next = tasks;
            tasks = t;
            snprintf(record, sizeof record, "shepherd_pid %d\nshepherd_start_ticks %llu\njob_pid %d\n", self, self_ticks, job);
            (void)write_record(l.record, ".shepherd", record);
            snprintf(record, sizeof record, "%d", job);
            send_text(index, 'P', id, record);
        }
    }
    free(l.groups);
    free(l.envp);
    free(l.pwd);
    free(argv);
}

static void disconnect(int index)
{
    close(connections[index].fd);
    free(connections[index].buffer);
    connections[index] = (struct connection){.fd = -1};
    for (struct task *t = tasks; t; t = t->next)
        if (t->connection == index) t->connection = -1;
}

/* What came on a connection: every whole frame is acted on; a partial one waits for the rest. */
static void receive(int index)
{
    struct connection *c = &connections[index];
    size_t at = 0;
    uint32_t length;
    ssize_t n;
    if (c->capacity - c->size < 65536) {
        char *bigger = realloc(c->buffer, c->capacity * 2 + 65536);
        if (!bigger) { disconnect(index); return; }
        c->buffer = bigger;
        c->capacity = c->capacity * 2 + 65536;
    }
    n = read(c->fd, c->buffer + c->size, c->capacity - c->size);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) { disconnect(index); return; }
    c->size += (size_t)n;
    while (c->size - at >= 4) {
        memcpy(&length, c->buffer + at, 4);
        if (length < 9 || length > FRAME_LIMIT) { disconnect(index); return; }
        if (c->size - at - 4 < length) break;
        uint64_t id;
        memcpy(&id, c->buffer + at + 5, 8);
        if (c->buffer[at + 4] == 'L') launch(index, id, c->buffer + at + HEADER, length - 9);
        else send_text(index, 'F', id, "an unknown order");
        if (connections[index].fd < 0) return;
        at += 4 + length;
    }
    memmove(c->buffer, c->buffer + at, c->size - at);
    c->size -= at;
}

static void accept_connection(int listener)
{
    char hello[64];
    int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) return;
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        if (connections[i].fd < 0) {
            connections[i] = (struct connection){.fd = fd};
            snprintf(hello, sizeof hello, "%d %llu", self, self_ticks);
            send_text(i, 'H', 0, hello);
            return;
        }
    }
    close(fd);
}

/* Listening on SOCKET, unless a launcher already serves it (then 0 and nothing else). */
static int listen_on(const char *path, int *listener)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    int probe;
    if (strlen(path) >= sizeof address.sun_path) return -1;
    strcpy(address.sun_path, path);
    if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) return -1;
    if (connect(probe, (struct sockaddr *)&address, sizeof address) == 0) {
        close(probe);
        *listener = -1;
        return 0;
    }
    close(probe);
    (void)unlink(path);
    if ((*listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) return -1;
    mode_t old = umask(077);
    int bound = bind(*listener, (struct sockaddr *)&address, sizeof address);
    umask(old);
    return bound < 0 || listen(*listener, 16) < 0 ? -1 : 0;
}

int launcher_main(const char *socket_path)
{
    const int ignored[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU};
    int listener, signals, null, used = 0;
    sigset_t child;
    pid_t daemon;
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) signal(ignored[i], SIG_IGN);
    if (listen_on(socket_path, &listener) < 0) {
        fprintf(stderr, "omb-shepherd: cannot listen on %s: %s\n", socket_path, strerror(errno));
        return 1;
    }
    if (listener < 0) return 0;
    /* The rank waits for this process: once it ended, the socket listens. The launcher goes on in its child. */
    if ((daemon = fork()) < 0) {
        fprintf(stderr, "omb-shepherd: cannot start the launcher: %s\n", strerror(errno));
        return 1;
    }
    if (daemon > 0) return 0;
    (void)setsid();
    (void)prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (chdir("/") < 0) _exit(1);
    if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    self = getpid();
    self_ticks = start_ticks();
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, NULL);
    if ((signals = signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) _exit(1);
    for (int i = 0; i < MAX_CONNECTIONS; i++) connections[i].fd = -1;
    for (;;) {
        struct pollfd fds[2 + MAX_CONNECTIONS];
        int count = 2, connected = 0, index[MAX_CONNECTIONS];
        fds[0] = (struct pollfd){.fd = listener, .events = POLLIN};
        fds[1] = (struct pollfd){.fd = signals, .events = POLLIN};
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            if (connections[i].fd < 0) continue;
            index[count - 2] = i;
            fds[count++] = (struct pollfd){.fd = connections[i].fd, .events = POLLIN};
            connected = 1;
        }
        if (!connected && !tasks && used) break;
        int ready = poll(fds, (nfds_t)count, !connected && !tasks ? UNUSED_LINGER_MS : -1);
        if (ready == 0 && !connected && !tasks) break;
        if (ready < 0) continue;
        if (fds[1].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(signals, &info, sizeof info) > 0) {
            }
            reap();
        }
        for (int i = 2; i < count; i++)
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) receive(index[i - 2]);
        if (fds[0].revents & POLLIN) {
            accept_connection(listener);
            used = 1;
        }
    }
    /* Nothing held, nobody connected: the socket goes first, so a rank that comes now starts a launcher of its own. */
    (void)unlink(socket_path);
    close(listener);
    return 0;
}
