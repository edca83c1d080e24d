/*
 * What a native program gets out of the checkpoint transfer's data path on this machine, for bench/migrate.sh to print
 * next to the C# figures of the same run. Two ranks (mpiexec.hydra -n 2), MB = 2^20 bytes:
 *   native_raw_mb_per_s            blocking MPI_Send/MPI_Recv of 64 MB warm buffers, 4 times after one warm-up (as the
 *                                  C# probe's raw figure);
 *   native_file_{N}mb_mb_per_s     an N MB file sent as BlobTransfer sends it: rank 0 preads 1 MiB chunks into a window
 *                                  of 32 reused buffers and MPI_Isends them; rank 1 receives each into a reused buffer
 *                                  on one thread while a second thread writes the previous ones into a new file in
 *                                  32 KiB writes (IncomingBlob.WriteBytes); timed from the first send to rank 1's
 *                                  reply after the last write.
 * No JIT, no channels, no polling: the receiver waits inside MPI_Recv. The gap between native_file and native_raw is
 * what the file read, the page-cache write and the chunking cost on this machine by themselves.
 * Usage: blob-ceiling SIZE_MB... (files go to $TMPDIR or /tmp and are removed).
 */
#define _GNU_SOURCE
#include <mpi.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#define MIB (1L << 20)
#define CHUNK MIB
#define WINDOW 32
#define WRITE_BYTES (32 * 1024)
#define RAW_BYTES (64 * MIB)

static char *buffers[WINDOW];
static sem_t filled, emptied;
static int out_fd;
static long out_chunks;

static void die(const char *what) { perror(what); MPI_Abort(MPI_COMM_WORLD, 1); }

static void *writer(void *unused)
{
    (void)unused;
    for (long i = 0; i < out_chunks; i++) {
        sem_wait(&filled);
        char *b = buffers[i % WINDOW];
        for (long done = 0; done < CHUNK; done += WRITE_BYTES)
            if (pwrite(out_fd, b + done, WRITE_BYTES, i * CHUNK + done) != WRITE_BYTES) die("pwrite");
        sem_post(&emptied);
    }
    return NULL;
}

static double raw(int rank)
{
    char *b = malloc(RAW_BYTES);
    memset(b, rank + 1, RAW_BYTES);
    double start = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    for (int round = 0; round <= 4; round++) {
        if (round == 1) start = MPI_Wtime();
        if (rank == 0) MPI_Send(b, RAW_BYTES, MPI_BYTE, 1, 1, MPI_COMM_WORLD);
        else MPI_Recv(b, RAW_BYTES, MPI_BYTE, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    char done = 0;
    if (rank == 1) MPI_Send(&done, 1, MPI_BYTE, 0, 2, MPI_COMM_WORLD);
    else MPI_Recv(&done, 1, MPI_BYTE, 1, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    free(b);
    return 4.0 * RAW_BYTES / MIB / (MPI_Wtime() - start);
}

static void send_file(long mb, const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) die("open");
    for (long i = 0; i < mb; i++) {
        for (long j = 0; j < CHUNK; j += sizeof(long)) *(long *)(buffers[0] + j) = random() ^ (i << 32) ^ j;
        for (long done = 0; done < CHUNK; done += WRITE_BYTES)
            if (pwrite(fd, buffers[0] + done, WRITE_BYTES, i * CHUNK + done) != WRITE_BYTES) die("pwrite");
    }
    MPI_Request requests[WINDOW];
    MPI_Barrier(MPI_COMM_WORLD);
    double start = MPI_Wtime();
    for (long i = 0; i < mb; i++) {
        int slot = (int)(i % WINDOW);
        if (i >= WINDOW) MPI_Wait(&requests[slot], MPI_STATUS_IGNORE);
        if (pread(fd, buffers[slot], CHUNK, i * CHUNK) != CHUNK) die("pread");
        MPI_Isend(buffers[slot], CHUNK, MPI_BYTE, 1, 3, MPI_COMM_WORLD, &requests[slot]);
    }
    for (long i = 0; i < mb && i < WINDOW; i++) MPI_Wait(&requests[i], MPI_STATUS_IGNORE);
    char done;
    MPI_Recv(&done, 1, MPI_BYTE, 1, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("native_file_%ldmb_mb_per_s %.1f\n", mb, mb / (MPI_Wtime() - start));
    fflush(stdout);
    close(fd);
    unlink(path);
}

static void receive_file(long mb, const char *path)
{
    out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out_fd < 0) die("open");
    out_chunks = mb;
    sem_init(&filled, 0, 0);
    sem_init(&emptied, 0, WINDOW);
    pthread_t thread;
    MPI_Barrier(MPI_COMM_WORLD);
    pthread_create(&thread, NULL, writer, NULL);
    for (long i = 0; i < mb; i++) {
        sem_wait(&emptied);
        MPI_Recv(buffers[i % WINDOW], CHUNK, MPI_BYTE, 0, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        sem_post(&filled);
    }
    pthread_join(thread, NULL);
    char done = 1;
    MPI_Send(&done, 1, MPI_BYTE, 0, 4, MPI_COMM_WORLD);
    close(out_fd);
    unlink(path);
}

int main(int argc, char **argv)
{
    int provided, rank, size;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size != 2 || argc < 2) {
        if (rank == 0) fprintf(stderr, "blob-ceiling: run as mpiexec.hydra -n 2 blob-ceiling SIZE_MB...\n");
        MPI_Finalize();
        return 2;
    }
    for (int i = 0; i < WINDOW; i++) {
        buffers[i] = malloc(CHUNK);
        memset(buffers[i], 0, CHUNK);   /* touched now: a reused buffer is warm, as the C# frames are after one transfer */
    }
    double r = raw(rank);
    if (rank == 0) printf("native_raw_mb_per_s %.1f\n", r);
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/omb-blob-ceiling.%d.%d", tmp, (int)getpid(), rank);
    for (int a = 1; a < argc; a++) {
        long mb = atol(argv[a]);
        if (mb <= 0) continue;
        if (rank == 0) send_file(mb, path);
        else receive_file(mb, path);
    }
    MPI_Finalize();
    return 0;
}
