/*
 * omb-shepherd: starts one task and stays as its shepherd (as slurmstepd holds a Slurm job step).
 *
 *   omb-shepherd --record BASE [--as UID:GID:USER] --umask OCTAL --dir DIR --out PATH --err PATH
 *                [--in FIFO | --pty FIFO] -- PROGRAM ARGS...
 *
 * with the job's environment on stdin (NAME=VALUE, each ended by NUL: the node's EnvironmentBlock). Run by the rank,
 * never by hand. It makes itself a session of its own (so it outlives the rank and mpiexec's group), forks the job
 * into another session, and in the job's process only: switches to the user's groups, gid and uid (checked), sets the
 * umask, enters DIR, opens the output files, resets every signal and execs PROGRAM with exactly the given environment
 * (a name without '/' is looked up in the job's PATH, a file without #! runs under /bin/sh, as sh's exec does). The
 * files are opened after the switch, so with the user's rights: the kernel refuses what the user may not write.
 * No shell runs between, and nothing of the job's environment reaches this (root) process's own environment.
 *
 * It prints the job's PID (also its process group and session) on stdout once the job leads its session, then closes
 * its standard streams. It waits for the job as the subreaper of the job's tree and writes BASE.end
 *   exit N | signal N, user_us N, system_us N, maxrss_kb N (each "key value" on its own line)
 * from wait4 and getrusage(RUSAGE_CHILDREN): the CPU of the whole tree it reaped, the peak RSS of its largest process.
 * BASE.shepherd (written before the PID is printed) holds its own PID and start time (field 22 of /proc/self/stat) and
 * the job's PID, so a later rank can adopt it. Both are written to a temporary file and renamed: a reader sees the
 * whole record or none. Not fsynced: the record is read by a rank of this boot, and a crash of the host ends the job
 * with it.
 *
 * Input (omb rsh, qsub -I): with --in FIFO the job's stdin is FIFO (opened as the user, after the report), which the
 * rank holds open for writing and closes for the job's end of input. With --pty FIFO the job runs on a pseudo-terminal
 * this shepherd holds: the slave is the job's controlling terminal and its stdin, stdout and stderr, and the shepherd
 * relays what the master prints to --out and what comes on FIFO to the master. FIFO then carries frames, a kind byte
 * and a 4-byte big-endian length: 'D' bytes typed at the terminal (Ctrl-C among them: the line discipline makes it the
 * foreground group's SIGINT), 'W' a window size (rows, columns: 2 bytes each), which becomes the job's SIGWINCH.
 *
 * omb-shepherd --launcher SOCKET is the same launch as a long-lived launcher per node (node-launcher.c), which holds
 * every task of the node itself instead of a process per task.
 *
 * Why C: a process start per task is the launch path's cost; this program starts in well under a millisecond where
 * a NativeAOT one takes about 7 (bench/launch.sh measures both).
 * Exit codes: 0 the end recorded, 1 it could not be, 2 bad usage. The job's own launch failures (identity, directory,
 * output files, exec) are one line on stderr (the rank reads it as the reason) and exit status 127.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "launch.h"

#define MAX_GROUPS 65536

static int usage(const char *why)
{
    fprintf(stderr, "omb-shepherd: %s; usage: omb-shepherd --record BASE [--as UID:GID:USER --groups GID,...] --umask OCTAL "
                    "--dir DIR --out PATH --err PATH -- PROGRAM [ARGS...], the environment on stdin; it is run by the node, "
                    "not by hand\n",
            why);
    return BAD_USAGE;
}

static int parse_number(const char *text, int base, unsigned long max, unsigned long *value)
{
    char *end;
    if (*text == '\0' || *text == '-' || *text == '+' || *text == ' ') return -1;
    errno = 0;
    *value = strtoul(text, &end, base);
    return errno != 0 || *end != '\0' || *value > max ? -1 : 0;
}

/* UID:GID:USER (the name for messages only). Whether root's tasks run at all is the rank's decision (RunAsPolicy:
 * refused unless Omb:Security:AllowRootJobs); uid 0 here then gives root's task root's groups. */
static int parse_identity(char *who, struct launch *l)
{
    char *gid = strchr(who, ':');
    char *name = gid ? strchr(gid + 1, ':') : NULL;
    unsigned long u, g;
    if (!name) return -1;
    *gid++ = '\0';
    *name++ = '\0';
    if (parse_number(who, 10, 0xfffffffeUL, &u) || parse_number(gid, 10, 0xfffffffeUL, &g) || *name == '\0')
        return -1;
    l->uid = (uid_t)u;
    l->gid = (gid_t)g;
    l->user = name;
    l->switch_user = 1;
    return 0;
}

/* The supplementary groups the rank looked up (getgrouplist): no account lookup here, so none as root in the job's
 * process, and no NSS module loaded per task. */
static int parse_groups(char *list, struct launch *l)
{
    size_t count = 1;
    unsigned long g;
    char *next;
    for (char *c = list; *c; c++) count += *c == ',';
    if (count > MAX_GROUPS || !(l->groups = calloc(count, sizeof *l->groups))) return -1;
    for (char *item = strtok_r(list, ",", &next); item; item = strtok_r(NULL, ",", &next)) {
        if (parse_number(item, 10, 0xfffffffeUL, &g)) return -1;
        l->groups[l->group_count++] = (gid_t)g;
    }
    return l->group_count == 0 ? -1 : 0;
}

int parse_launch(int argc, char **argv, struct launch *l)
{
    unsigned long mask = 077;
    int i = 1, groups = 0;
    memset(l, 0, sizeof *l);
    for (; i + 1 < argc && strcmp(argv[i], "--") != 0; i += 2) {
        char *value = argv[i + 1];
        if (!strcmp(argv[i], "--record")) l->record = value;
        else if (!strcmp(argv[i], "--as")) { if (parse_identity(value, l)) return usage("malformed --as (UID:GID:USER)"); }
        else if (!strcmp(argv[i], "--groups")) { groups = 1; if (parse_groups(value, l)) return usage("malformed --groups"); }
        else if (!strcmp(argv[i], "--umask")) { if (parse_number(value, 8, 0777, &mask)) return usage("malformed --umask"); }
        else if (!strcmp(argv[i], "--dir")) l->dir = value;
        else if (!strcmp(argv[i], "--out")) l->out = value;
        else if (!strcmp(argv[i], "--err")) l->err = value;
        else if (!strcmp(argv[i], "--in")) l->in = value;
        else if (!strcmp(argv[i], "--pty")) l->pty = value;
        else return usage("unknown option");
    }
    if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) return usage("no program");
    if (!l->record || !l->dir || !l->out || !l->err) return usage("missing option");
    if (l->switch_user != groups) return usage("--as and --groups go together");
    if (l->in && l->pty) return usage("--in and --pty exclude each other");
    l->umask = (mode_t)mask;
    l->argv = argv + i + 1;
    return 0;
}

/* The environment block (NAME=VALUE entries, each ended by NUL) as an envp; PWD is the directory the job starts in,
 * OLDPWD unset (as sh's cd). The entries stay in BLOCK. */
int parse_environment(char *block, size_t size, struct launch *l)
{
    size_t count = 0, i;
    if (size > 0 && block[size - 1] != '\0') return -1;
    for (i = 0; i < size; i++) count += block[i] == '\0';
    if (!(l->envp = calloc(count + 2, sizeof *l->envp))) return -1;
    if (asprintf(&l->pwd, "PWD=%s", l->dir) < 0) return -1;
    count = 0;
    for (i = 0; i < size; i += strlen(block + i) + 1) {
        char *entry = block + i;
        if (!strncmp(entry, "PWD=", 4) || !strncmp(entry, "OLDPWD=", 7)) continue;
        if (!strncmp(entry, "PATH=", 5)) l->path = entry + 5;
        l->envp[count++] = entry;
    }
    l->envp[count] = l->pwd;
    return 0;
}

/* The environment block from stdin. */
static int read_environment(struct launch *l)
{
    size_t size = 0, capacity = 65536;
    char *block = malloc(capacity);
    ssize_t n;
    if (!block) return -1;
    while ((n = read(STDIN_FILENO, block + size, capacity - size)) != 0) {
        if (n < 0) { if (errno == EINTR) continue; return -1; }
        size += (size_t)n;
        if (size == capacity && !(block = realloc(block, capacity *= 2))) return -1;
    }
    return parse_environment(block, size, l);
}

/* In the job's process, before its exec: one line to the rank (or to the task's stderr), then the launch's status. */
__attribute__((noreturn)) static void fail(int fd, const char *what, const char *name, int error)
{
    char line[4200];
    int n = snprintf(line, sizeof line, "omb-shepherd: %s %s: %s\n", what, name, strerror(error));
    (void)!write(fd, line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    _exit(CANNOT_EXEC);
}

/* execve, and what sh's exec adds: a PATH search for a bare name and /bin/sh for a file that is no executable format.
 * Returns the error of the attempt that counts. */
static int exec_job(struct launch *l)
{
    const char *name = l->argv[0], *dirs = l->path ? l->path : "/usr/local/bin:/usr/bin:/bin";
    char candidate[4096];
    const char *tried = name;
    int denied = 0;
    size_t n = 0, len;
    if (strchr(name, '/')) {
        execve(name, l->argv, l->envp);
    } else {
        for (;;) {
            const char *colon = strchrnul(dirs, ':');
            len = (size_t)(colon - dirs);
            if (snprintf(candidate, sizeof candidate, "%.*s%s%s", (int)len, dirs, len ? "/" : "", name) < (int)sizeof candidate) {
                execve(candidate, l->argv, l->envp);
                if (errno == EACCES) denied = 1;
                else if (errno != ENOENT && errno != ENOTDIR) break;
            }
            if (*colon == '\0') return denied ? EACCES : ENOENT;
            dirs = colon + 1;
        }
        tried = candidate;
    }
    if (errno != ENOEXEC) return errno;
    while (l->argv[n]) n++;
    char *with_sh[n + 2];
    with_sh[0] = "sh";
    with_sh[1] = (char *)tried;
    memcpy(with_sh + 2, l->argv + 1, n * sizeof *with_sh);
    execve("/bin/sh", with_sh, l->envp);
    return errno;
}

static int open_output(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0666);
}

/* The job's side of the fork: its own session (then the shepherd may report the PID: the group exists), then the
 * user, then its files opened as the user. Whatever may block on the user's files (a FIFO, a hung mount) comes after
 * the report, so the rank never waits on it. */
void start_job(struct launch *l, int ready, const char *slave)
{
    sigset_t none;
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    int signal, out, err, in, reason;
    if (setsid() < 0) fail(STDERR_FILENO, "cannot start a session", "for the task", errno);
    (void)!write(ready, "S", 1);
    close(ready);
    if (l->switch_user) {
        if (setgroups(l->group_count, l->groups) < 0 || setresgid(l->gid, l->gid, l->gid) < 0 || setresuid(l->uid, l->uid, l->uid) < 0)
            fail(STDERR_FILENO, "cannot switch to", l->user, errno);
        if (getuid() != l->uid || geteuid() != l->uid || getgid() != l->gid || getegid() != l->gid)
            fail(STDERR_FILENO, "the identity did not change to", l->user, EPERM);
    }
    umask(l->umask);
    if (chdir(l->dir) < 0) fail(STDERR_FILENO, "cannot enter", l->dir, errno);
    if (slave) {
        /* The session's first terminal opened becomes its controlling terminal; TIOCSCTTY says so outright. */
        if ((in = open(slave, O_RDWR | O_CLOEXEC)) < 0) fail(STDERR_FILENO, "cannot open", slave, errno);
        (void)ioctl(in, TIOCSCTTY, 0);
        out = err = in;
    } else {
        if ((out = open_output(l->out)) < 0) fail(STDERR_FILENO, "cannot open", l->out, errno);
        if (strcmp(l->out, l->err) == 0) err = out;
        else if ((err = open_output(l->err)) < 0) fail(STDERR_FILENO, "cannot open", l->err, errno);
        if ((in = open(l->in ? l->in : "/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
            fail(STDERR_FILENO, "cannot open", l->in ? l->in : "/dev/null", errno);
    }
    /* Kept past the redirection, closed by a good exec: where an exec failure is reported to the rank. */
    if ((reason = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) < 0) fail(STDERR_FILENO, "cannot keep", "stderr", errno);
    if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0)
        fail(reason, "cannot redirect", "the task's streams", errno);
    /* As from a login: nothing blocked, nothing ignored (the shepherd ignores what reaches a session wholesale). */
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (signal = 1; signal < NSIG; signal++)
        if (signal != SIGKILL && signal != SIGSTOP) sigaction(signal, &dfl, NULL);
    int error = exec_job(l);
    /* As sh's exec: the reason in the task's own stderr too, where its user looks. */
    char line[4200];
    int n = snprintf(line, sizeof line, "omb-shepherd: cannot run %s: %s\n", l->argv[0], strerror(error));
    (void)!write(STDERR_FILENO, line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    fail(reason, "cannot run", l->argv[0], error);
}

/* Field 22 of /proc/self/stat, after the command in parentheses, which may itself hold spaces and parentheses. */
unsigned long long start_ticks(void)
{
    char text[1024];
    unsigned long long ticks = 0;
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC), field;
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    char *p;
    if (fd >= 0) close(fd);
    if (n <= 0) return 0;
    text[n] = '\0';
    if (!(p = strrchr(text, ')'))) return 0;
    for (field = 2; field < 22 && p; field++) p = strchr(p + 1, ' ');
    return p && sscanf(p + 1, "%llu", &ticks) == 1 ? ticks : 0;
}

/* The whole record or none: written beside, then renamed over. */
int write_record(const char *base, const char *suffix, const char *text)
{
    char path[4096], temporary[4096];
    int fd, ok;
    size_t len = strlen(text);
    if (snprintf(path, sizeof path, "%s%s", base, suffix) >= (int)sizeof path ||
        snprintf(temporary, sizeof temporary, "%s.tmp", path) >= (int)sizeof temporary)
        return -1;
    fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    ok = write(fd, text, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    return ok && rename(temporary, path) == 0 ? 0 : -1;
}

/* The pseudo-terminal of --pty: the master stays here, the slave is given to the user (as login does) for the job. */
static int open_terminal(struct launch *l, char *slave, size_t size)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 || ptsname_r(master, slave, size) != 0) return -1;
    if (l->switch_user && (chown(slave, l->uid, l->gid) < 0 || chmod(slave, 0620) < 0)) return -1;
    return master;
}

static int write_all(int fd, const char *bytes, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, bytes, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd out = {.fd = fd, .events = POLLOUT};
            (void)poll(&out, 1, 100);
            continue;
        }
        if (n <= 0) return -1;
        bytes += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The frames that came on the FIFO so far: each whole one is applied, a partial one kept for the next read. */
static size_t apply_frames(int master, char *frames, size_t size)
{
    size_t at = 0;
    while (size - at >= 5) {
        size_t len = ((size_t)(unsigned char)frames[at + 1] << 24) | ((size_t)(unsigned char)frames[at + 2] << 16)
                     | ((size_t)(unsigned char)frames[at + 3] << 8) | (size_t)(unsigned char)frames[at + 4];
        if (size - at - 5 < len) break;
        const char *body = frames + at + 5;
        if (frames[at] == 'D') (void)write_all(master, body, len);
        else if (frames[at] == 'W' && len == 4) {
            struct winsize ws = {.ws_row = (unsigned short)(((unsigned char)body[0] << 8) | (unsigned char)body[1]),
                                 .ws_col = (unsigned short)(((unsigned char)body[2] << 8) | (unsigned char)body[3])};
            (void)ioctl(master, TIOCSWINSZ, &ws);
        }
        at += 5 + len;
    }
    memmove(frames, frames + at, size - at);
    return size - at;
}

/* Relays between the FIFO, the master and the output file until the job has ended, then reaps as main does below.
 * Returns the job's wait status, or -1. */
static int relay_terminal(struct launch *l, int master, pid_t job)
{
    static char frames[1 << 17];
    char bytes[8192];
    size_t held = 0;
    int status = 0, ended = 0, in = open(l->pty, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    int out = open(l->out, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
    pid_t pid;
    if (in < 0 || out < 0) return -1;
    (void)fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    for (;;) {
        struct pollfd fds[2] = {{.fd = master, .events = POLLIN}, {.fd = in, .events = POLLIN}};
        (void)poll(fds, 2, ended ? 0 : 100);
        ssize_t n;
        int printed = 0;
        while ((n = read(master, bytes, sizeof bytes)) > 0) {
            (void)write_all(out, bytes, (size_t)n);
            printed = 1;
        }
        if (!ended && (n = read(in, frames + held, sizeof frames - held)) > 0) held = apply_frames(master, frames, held + (size_t)n);
        if (ended && !printed) break;
        while (!ended && (pid = waitpid(-1, &status, WNOHANG)) > 0)
            if (pid == job) ended = 1;
        if (!ended && pid < 0 && errno == ECHILD) return -1;
        /* After the end, a last look at what the job printed, until a read finds nothing (bounded: a background
         * process of the job may hold the terminal and print on). */
        if (ended && ++ended > 100) break;
    }
    close(in);
    close(out);
    return status;
}

int main(int argc, char **argv)
{
    struct launch l;
    int status = 0, null, ready[2], master = -1, parsed;
    char slave[128];
    pid_t job, pid;
    char record[512], sync;
    struct rusage children;
    const int ignored[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU};
    if (argc == 3 && !strcmp(argv[1], "--launcher")) return launcher_main(argv[2]);
    if ((parsed = parse_launch(argc, argv, &l))) return parsed;
    if (read_environment(&l) < 0) return usage("the environment on stdin is not NAME=VALUE entries each ended by NUL");
    /* Signals meant for the job go to its group, not here; these ones reach a session's processes wholesale. */
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) signal(ignored[i], SIG_IGN);
    (void)setsid();
    (void)prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (l.pty && (master = open_terminal(&l, slave, sizeof slave)) < 0) {
        fprintf(stderr, "omb-shepherd: cannot make the task's terminal: %s\n", strerror(errno));
        return CANNOT_EXEC;
    }
    if (pipe2(ready, O_CLOEXEC) < 0 || (job = fork()) < 0) {
        fprintf(stderr, "omb-shepherd: cannot start the task: %s\n", strerror(errno));
        return CANNOT_EXEC;
    }
    if (job == 0) {
        close(ready[0]);
        start_job(&l, ready[1], l.pty ? slave : NULL);
    }
    close(ready[1]);
    /* A byte once the job leads its session, or the end of the pipe if it could not: either way its PID is known. */
    while (read(ready[0], &sync, 1) < 0 && errno == EINTR) {
    }
    close(ready[0]);
    snprintf(record, sizeof record, "shepherd_pid %d\nshepherd_start_ticks %llu\njob_pid %d\n", getpid(), start_ticks(), job);
    if (write_record(l.record, ".shepherd", record) < 0)
        fprintf(stderr, "omb-shepherd: cannot write %s.shepherd: %s\n", l.record, strerror(errno));
    printf("%d\n", job);
    fflush(stdout);
    /* The rank's pipes are let go: it may end before the job, and must not see the job's launch as still running. */
    if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    if (l.pty) {
        if ((status = relay_terminal(&l, master, job)) < 0) {
            /* The relay failed: the job is still waited for, so its end is recorded. */
            while ((pid = wait4(-1, &status, 0, NULL)) != job)
                if (pid < 0 && errno != EINTR) return 1;
        }
    } else {
        while ((pid = wait4(-1, &status, 0, NULL)) != job)
            if (pid < 0 && errno != EINTR) return 1;
    }
    /* Its orphans that already ended are reaped too, so their CPU counts; those still running are not waited for. */
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    getrusage(RUSAGE_CHILDREN, &children);
    snprintf(record, sizeof record, "%s %d\nuser_us %lld\nsystem_us %lld\nmaxrss_kb %ld\n",
             WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
             (long long)children.ru_utime.tv_sec * 1000000 + children.ru_utime.tv_usec,
             (long long)children.ru_stime.tv_sec * 1000000 + children.ru_stime.tv_usec, children.ru_maxrss);
    return write_record(l.record, ".end", record) < 0 ? 1 : 0;
}
