using System.Collections.Concurrent;
using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

/// <summary>The receiver's write stage: its first step (the file's reservation) runs on the stage's thread before any chunk, while chunks queue.</summary>
public sealed class ChunkStageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Prepare_HeldUp_ChunksQueueAndAreAppliedAfterItInOrderOnTheSameThread()
    {
        using var gate = new ManualResetEventSlim();
        var steps = new ConcurrentQueue<(string Step, int Thread)>();
        var finished = 0;
        var stage = new ChunkStage(
            "test-stage",
            c => steps.Enqueue(($"chunk {c.Offset}", Environment.CurrentManagedThreadId)),
            e => throw new InvalidOperationException("no step fails here", e),
            () =>
            {
                gate.Wait(Deadline);
                steps.Enqueue(("prepare", Environment.CurrentManagedThreadId));
            });

        for (var i = 0; i < 3; i++)
        {
            stage.Add(new BlobChunk(new byte[10], i * 10, 1, () => Interlocked.Increment(ref finished)));
        }

        stage.Start();

        // The reader that queued the chunks is not held up by the first step, and no chunk went before it.
        Assert.Empty(steps);
        gate.Set();
        stage.Complete();
        await stage.Completion.WaitAsync(Deadline);

        Assert.Equal(["prepare", "chunk 0", "chunk 10", "chunk 20"], steps.Select(s => s.Step));
        Assert.Single(steps.Select(s => s.Thread).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, steps.First().Thread);
        Assert.Equal(3, finished);
        Assert.Null(stage.Failure);
    }

    [Fact]
    public async Task Prepare_Fails_NoChunkIsAppliedEveryChunkIsReleasedAndTheFailureIsTold()
    {
        var applied = 0;
        var finished = 0;
        var told = new ConcurrentQueue<Exception>();
        var stage = new ChunkStage(
            "test-stage",
            _ => Interlocked.Increment(ref applied),
            told.Enqueue,
            () => throw new IOException("no room"));

        for (var i = 0; i < 3; i++)
        {
            stage.Add(new BlobChunk(new byte[10], i * 10, 1, () => Interlocked.Increment(ref finished)));
        }

        stage.Start();

        stage.Complete();
        await stage.Completion.WaitAsync(Deadline);

        Assert.Equal(0, applied);
        Assert.Equal(3, finished);
        Assert.Equal("no room", Assert.Single(told).Message);
        Assert.IsType<IOException>(stage.Failure);
    }
}
