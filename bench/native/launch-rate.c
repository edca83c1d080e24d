/*
 * launch-rate N ENVFILE [--as UID:GID] -- PROGRAM ARGS...: starts PROGRAM N times one after another from this one
 * process, each with ENVFILE on stdin and stdout/stderr on /dev/null, waits for each, and prints the starts a second.
 * Without --as each start is a posix_spawn (the bare rate, or a per-task launcher such as omb-shepherd); with --as
 * each is a vfork whose child makes a session, switches to UID:GID (groups too) and execs: what one long-lived
 * launcher per node would pay per task, not counting how it hears of the task. Run as root for --as.
 * Prints two numbers: starts a second, and CPU microseconds a start (this process and all it waited for).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int n, i, first = 3;
    static int as;
    unsigned uid = 0, gid = 0;
    struct timespec s, e;
    if (argc > 5 && !strcmp(argv[3], "--as") && sscanf(argv[4], "%u:%u", &uid, &gid) == 2) { as = 1; first = 5; }
    if (argc < first + 2 || strcmp(argv[first], "--") || (n = atoi(argv[1])) <= 0) {
        fprintf(stderr, "usage: launch-rate N ENVFILE [--as UID:GID] -- PROGRAM ARGS...\n");
        return 2;
    }
    char **args = argv + first + 1;
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, argv[2], O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    clock_gettime(CLOCK_MONOTONIC, &s);
    for (i = 0; i < n; i++) {
        pid_t pid;
        int status;
        if (!as) {
            int error = posix_spawn(&pid, args[0], &files, NULL, args, environ);
            if (error != 0) {
                fprintf(stderr, "launch-rate: cannot start %s: %s\n", args[0], strerror(error));
                return 1;
            }
        } else if ((pid = vfork()) == 0) {
            gid_t g = gid;
            if (setsid() < 0 || setgroups(1, &g) < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0) _exit(127);
            dup2(null, 1);
            dup2(null, 2);
            execve(args[0], args, environ);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
            fprintf(stderr, "launch-rate: %s did not start or did not exit 0 (status %d)\n", args[0], status);
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &e);
    struct rusage self, children;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    double cpu = self.ru_utime.tv_sec + self.ru_stime.tv_sec + children.ru_utime.tv_sec + children.ru_stime.tv_sec +
                 (self.ru_utime.tv_usec + self.ru_stime.tv_usec + children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
    printf("%.0f %.0f\n", n / ((e.tv_sec - s.tv_sec) + (e.tv_nsec - s.tv_nsec) / 1e9), cpu * 1e6 / n);
    return 0;
}
