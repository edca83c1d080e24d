using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// A real <see cref="JobQueue"/> on a <see cref="CountingJobStore"/> and a fake clock, as the queue tests set it up, with
/// the requests they make as one user on one node. Disposing it stops every queue it ran (<see cref="CrashAsync"/>
/// leaves the crashed one to be stopped then) and the store.
/// </summary>
internal sealed class QueueTestBed : IAsyncDisposable
{
    /// <summary>The user every request comes from.</summary>
    public static readonly Caller Alice = new(1000, 1000, "alice", false);

    /// <summary>One idle node of 2 CPUs and 4 GiB, the cluster a submission is checked against by default.</summary>
    public static readonly NodeSnapshot[] OneNode = [new("node1", 2, 4L << 30)];

    private readonly List<JobQueue> _crashed = [];

    /// <param name="start">The fake clock's time at the start.</param>
    public QueueTestBed(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Queue = NewQueue();
    }

    public CountingJobStore Store { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>The running queue (a new one after <see cref="CrashAsync"/>).</summary>
    public JobQueue Queue { get; private set; }

    public Task StartAsync() => Queue.StartAsync(CancellationToken.None);

    /// <summary>A queue on the same store and clock, not started: what a restarted server reads.</summary>
    public JobQueue NewQueue() => new(Store, Time, NullLogger<JobQueue>.Instance);

    /// <summary>
    /// kill -9 of the server: a new queue reads what the store holds, and the old one never writes again (it is stopped,
    /// and its clean stop's flush runs, only once the test is over).
    /// </summary>
    public async Task CrashAsync()
    {
        _crashed.Add(Queue);
        Queue = NewQueue();
        await Queue.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Submits <paramref name="spec"/> to the batch queue as <paramref name="caller"/> (<see cref="Alice"/> when null),
    /// checked against <paramref name="nodes"/> (<see cref="OneNode"/> when null) and <paramref name="limits"/>
    /// (<see cref="SubmissionLimits.Default"/> when null).
    /// </summary>
    public Task<SubmitResponse> SubmitAsync(
        JobSpec spec, IReadOnlyList<NodeSnapshot>? nodes = null, Caller? caller = null, SubmissionLimits? limits = null) =>
        Queue.EnqueueAsync(new SubmitCommand(
            spec, caller ?? Alice, nodes ?? OneNode, ["batch"], 256L << 20, limits ?? SubmissionLimits.Default));

    /// <summary>Applies <paramref name="action"/> to job <paramref name="id"/> as <see cref="Alice"/>.</summary>
    public Task<JobActionResponse> ActAsync(JobAction action, long id) =>
        ActAsync(action, id.ToString(CultureInfo.InvariantCulture), Alice);

    /// <summary>Applies <paramref name="action"/> to <paramref name="id"/> as written (an element, or no id at all) as <paramref name="caller"/>.</summary>
    public Task<JobActionResponse> ActAsync(JobAction action, string id, Caller caller) =>
        Queue.EnqueueAsync(new ActionCommand(action, [id], caller));

    /// <summary>A one-line script job.</summary>
    public static JobSpec Script() => new() { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" };

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _crashed.Append(Queue))
        {
            await queue.StopAsync(CancellationToken.None);
            queue.Dispose();
        }

        Store.Dispose();
    }
}
