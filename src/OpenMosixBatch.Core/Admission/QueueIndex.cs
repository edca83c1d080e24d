using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// What an admission pass needs to find without looking at every job: the jobs that wait to start, in admission order,
/// and the jobs with a task that runs (their allocations and predicted ends). Immutable, so that a published queue
/// snapshot carries its own; a commit updates it with the jobs it changed, in time logarithmic in the queue's length.
/// </summary>
/// <remarks>
/// With 100,000 jobs waiting, an admission pass that filtered and sorted every job on every change cost more than the
/// changes themselves; walking this index in order, it stops as soon as nothing more can start.
/// </remarks>
public sealed class QueueIndex
{
    internal QueueIndex(ImmutableSortedSet<PendingKey> pending, ImmutableSortedSet<long> active, QueueOrder order = QueueOrder.Fcfs,
        ImmutableSortedSet<RunningEnd>? ends = null, int unpredictable = 0, ImmutableSortedSet<long>? dependent = null)
    {
        Pending = pending;
        Dependent = dependent ?? [];
        Active = active;
        Order = order;
        Ends = ends ?? [];
        Unpredictable = unpredictable;
    }

    /// <summary>The empty index in first-come-first-served order.</summary>
    public static QueueIndex Empty { get; } = new([], []);

    /// <summary>The order <see cref="Pending"/> is kept in; an admission pass requires its settings' order.</summary>
    public QueueOrder Order { get; }

    /// <summary>The jobs with a queued task that has not started, in admission order.</summary>
    public ImmutableSortedSet<PendingKey> Pending { get; }

    /// <summary>The ids of the jobs with a task running, migrating or exiting, in id order.</summary>
    public ImmutableSortedSet<long> Active { get; }

    /// <summary>
    /// The predicted end of every active task whose end can be predicted (it has a node, a start and a walltime),
    /// earliest first: a backfill reservation walks them only until the blocked job fits, instead of gathering and
    /// sorting every running task on every pass.
    /// </summary>
    public ImmutableSortedSet<RunningEnd> Ends { get; }

    /// <summary>
    /// The ids of the jobs not finished whose dependencies are not met, in id order: what a job's end may release or end
    /// (<see cref="JobStateRules.RefreshDependencies"/>), found without walking every queued job on every end.
    /// </summary>
    public ImmutableSortedSet<long> Dependent { get; }

    /// <summary>Active tasks whose end cannot be predicted (no walltime, no start yet or no node): while any, no reservation.</summary>
    public int Unpredictable { get; }

    /// <summary>True when the job has a queued task and has not ended: the jobs an admission pass looks at.</summary>
    public static bool IsPending(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return !job.State.IsFinished() && job.Tasks.Any(t => t.State == JobState.Queued);
    }

    /// <summary>True when a process exists (or is being moved) for one of the job's tasks.</summary>
    public static bool IsActive(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Tasks.Any(t => t.State.IsActive());
    }

    /// <summary>True when the job has not ended and waits for its dependencies: the jobs a job's end is checked against.</summary>
    public static bool IsDependent(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return !job.DependenciesMet && !job.State.IsFinished();
    }

    /// <summary>The empty index kept in <paramref name="order"/>.</summary>
    public static QueueIndex EmptyIn(QueueOrder order) => order == QueueOrder.Fcfs ? Empty : new([], [], order);

    public static QueueIndex Of(IEnumerable<Job> jobs) => Of(jobs, QueueOrder.Fcfs);

    public static QueueIndex Of(IEnumerable<Job> jobs, QueueOrder order)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var builder = EmptyIn(order).ToBuilder();
        foreach (var job in jobs)
        {
            builder.Replace(null, job);
        }

        return builder.ToIndex();
    }

    public QueueIndex Replace(Job? before, Job? after)
    {
        var builder = ToBuilder();
        builder.Replace(before, after);
        return builder.ToIndex();
    }

    public QueueIndexBuilder ToBuilder() => new(Pending.ToBuilder(), Active.ToBuilder(), Order, Ends.ToBuilder(), Unpredictable, Dependent.ToBuilder());
}
