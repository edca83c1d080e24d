/*
 * mpi-sum: the sum 1 + 2 + ... + N computed across the MPI ranks (each rank adds its share, MPI_Reduce adds the
 * shares), checked against the exact answer N(N+1)/2. Every rank prints its host and PID first, so a test can tell
 * where each rank ran. An optional second argument keeps every rank busy that many more seconds (for qdel and
 * walltime tests), and an optional third names a rank that exits with status 3 after MPI_Finalize (for the test
 * that a failed rank fails mpiexec and the job). Built by jobs/mpi-sum.sh with mpicc.
 *
 *   mpiexec ./mpi-sum [N [SECONDS [FAILING_RANK]]]
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank = 0, size = 1, len = 0;
    char host[MPI_MAX_PROCESSOR_NAME];
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Get_processor_name(host, &len);
    long long n = argc > 1 ? atoll(argv[1]) : 100000000LL;
    int spin = argc > 2 ? atoi(argv[2]) : 0;
    int failing = argc > 3 ? atoi(argv[3]) : -1;
    const char *node = getenv("OMB_NODE");
    printf("rank %d of %d on %s (node %s) pid %d\n", rank, size, host, node ? node : "?", (int)getpid());
    fflush(stdout);

    /* Every rank has started (and, between hosts, the ranks' connections are made) before the work. */
    MPI_Barrier(MPI_COMM_WORLD);

    /* Rank r adds r+1, r+1+size, ...: every rank gets an equal share whatever N is. */
    long long mine = 0;
    for (long long i = rank + 1; i <= n; i += size) {
        mine += i;
    }

    /* Busy, not asleep, so its CPU time shows in resources_used. */
    time_t until = time(NULL) + spin;
    volatile unsigned long long burn = 0;
    while (time(NULL) < until) {
        burn++;
    }

    long long total = 0;
    MPI_Reduce(&mine, &total, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        long long exact = n * (n + 1) / 2;
        printf("sum 1..%lld = %lld over %d ranks: %s (exact %lld)\n", n, total, size, total == exact ? "OK" : "WRONG", exact);
    }

    MPI_Finalize();
    return rank == failing ? 3 : 0;
}
