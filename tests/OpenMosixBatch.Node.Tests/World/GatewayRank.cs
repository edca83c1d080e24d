using System.Collections.Concurrent;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// The test's seat at rank 0 of an <see cref="InProcessWorld"/>, in place of the gateway: it sends the server's orders
/// to the ranks of their nodes and keeps the task events the ranks send it, and the ticks it sees.
/// </summary>
internal sealed class GatewayRank
{
    private readonly InProcessRank _rank;
    private readonly ConcurrentQueue<TaskEvent> _events = new();
    private volatile WorldTick? _lastTick;
    private int _eventMessages;

    public GatewayRank(InProcessRank rank)
    {
        _rank = rank;
        rank.UpdateReport(new NodeLoad("gateway", 0, 1, 1L << 30, 1.0, 0, 0, 1L << 30, []));
        _ = Task.Run(ReadAsync);
        _ = Task.Run(WatchTicksAsync);
    }

    /// <summary>Every task event received so far, in order.</summary>
    public IReadOnlyList<TaskEvent> Events => [.. _events];

    /// <summary>How many messages the task events came in (a rank sends what it has queued together as one).</summary>
    public int EventMessages => Volatile.Read(ref _eventMessages);

    /// <summary>The latest tick's loads, by rank (empty before the first tick).</summary>
    public IReadOnlyList<NodeLoad> Loads => _lastTick?.Reports ?? [];

    /// <summary>The tasks the latest tick lists on <paramref name="node"/>.</summary>
    public IReadOnlyList<TaskKey> TasksOn(string node) =>
        [.. Loads.Where(l => l.Node == node).SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex)))];

    /// <summary>Routes a start order for <paramref name="job"/> to the rank of <paramref name="node"/>.</summary>
    public void Start(Job job, string node, int rank) =>
        _rank.Send(rank, RankTags.Order, new[] { new WorldOrder(WorldOrderKind.Start, job.Id, 0, job, [node]) });

    /// <summary>Routes a kill order (qdel) to <paramref name="rank"/>.</summary>
    public void Kill(long jobId, string node, int rank) =>
        _rank.Send(rank, RankTags.Order, new[] { new WorldOrder(WorldOrderKind.Kill, jobId, 0, Node: node, Reason: "deleted") });

    /// <summary>The server's stop of the world (not a stop of its tasks): the ranks leave, the tasks run on.</summary>
    public void Leave() => _rank.RequestStop();

    private async Task ReadAsync()
    {
        await foreach (var message in _rank.ReadInboxAsync())
        {
            if (message.Tag == RankTags.Event)
            {
                foreach (var e in message.Read<TaskEvent[]>())
                {
                    _events.Enqueue(e);
                }

                Interlocked.Increment(ref _eventMessages);
            }
        }
    }

    private async Task WatchTicksAsync()
    {
        await foreach (var tick in _rank.ReadTicksAsync())
        {
            _lastTick = tick;
        }
    }
}
