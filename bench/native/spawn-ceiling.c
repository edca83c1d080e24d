/*
 * What starting a trivial task costs this machine with nothing of ours around it, for bench/compare.sh to print next
 * to the product's end-to-end rate of trivial jobs in the same run: one loop per online core (a forked child each),
 * each posix_spawn-ing /bin/true and waiting for it, for SECONDS seconds (default 5). Prints one figure:
 *   posix_spawn_true_per_second: N    (starts completed by all loops together, per second of wall time)
 * Usage: spawn-ceiling [SECONDS]
 */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long spawn_loop(double until)
{
    char *argv[] = {"/bin/true", NULL};
    long started = 0;
    while (now() < until) {
        pid_t pid;
        int status;
        if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0 || waitpid(pid, &status, 0) != pid) {
            perror("spawn-ceiling: posix_spawn /bin/true");
            exit(1);
        }
        started++;
    }
    return started;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 5.0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (seconds <= 0 || cores < 1) {
        fprintf(stderr, "spawn-ceiling: SECONDS must be a positive number (got '%s')\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        perror("spawn-ceiling: pipe");
        return 1;
    }
    double start = now();
    double until = start + seconds;
    for (long i = 0; i < cores; i++) {
        pid_t child = fork();
        if (child < 0) {
            perror("spawn-ceiling: fork");
            return 1;
        }
        if (child == 0) {
            long n = spawn_loop(until);
            if (write(fds[1], &n, sizeof n) != (ssize_t)sizeof n) {
                _exit(1);
            }
            _exit(0);
        }
    }
    close(fds[1]);
    long total = 0, n;
    while (read(fds[0], &n, sizeof n) == (ssize_t)sizeof n) {
        total += n;
    }
    int failed = 0, status;
    while (wait(&status) > 0) {
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    double elapsed = now() - start;
    if (failed) {
        return 1;
    }
    printf("posix_spawn_true_per_second: %.0f\n", (double)total / elapsed);
    return 0;
}
