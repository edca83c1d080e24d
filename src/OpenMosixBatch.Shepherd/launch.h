/* What omb-shepherd's two modes share: one task's launch (omb-shepherd.c) and the node's launcher (node-launcher.c). */
#ifndef OMB_LAUNCH_H
#define OMB_LAUNCH_H

#include <stddef.h>
#include <sys/types.h>

#define CANNOT_EXEC 127
#define BAD_USAGE 2

struct launch {
    const char *record, *user, *dir, *out, *err, *in, *pty;
    uid_t uid;
    gid_t gid;
    int switch_user;
    size_t group_count;
    gid_t *groups;
    mode_t umask;
    char **argv;
    char **envp;
    char *pwd;        /* PWD=dir, the last entry of envp */
    const char *path; /* the job's PATH, for a program named without '/' */
};

/* omb-shepherd's switches (argv[0] is skipped); 0, or BAD_USAGE after one line on stderr. */
int parse_launch(int argc, char **argv, struct launch *l);

/* The job's environment from a block of NAME=VALUE entries each ended by NUL (kept in BLOCK); 0 or -1. */
int parse_environment(char *block, size_t size, struct launch *l);

/* The job's side of the fork: its session (a byte on READY then), identity, directory, files, exec. Never returns. */
void start_job(struct launch *l, int ready, const char *slave) __attribute__((noreturn));

/* Field 22 of /proc/self/stat: this process's start time in clock ticks after boot. */
unsigned long long start_ticks(void);

/* BASE SUFFIX holds TEXT, whole or not at all (written beside, renamed over); 0 or -1. */
int write_record(const char *base, const char *suffix, const char *text);

/* omb-shepherd --launcher SOCKET (node-launcher.c). */
int launcher_main(const char *socket_path);

#endif
