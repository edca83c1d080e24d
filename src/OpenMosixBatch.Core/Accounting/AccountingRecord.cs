using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// What a finished job used, kept after it for <c>Omb:Accounting:Keep</c> (PBS's accounting log, Slurm's job
/// completion record): who, where, when, how long it waited, what it asked for and what it used.
/// </summary>
/// <remarks>
/// CPU allocated is what the job held: each task's CPUs for as long as it ran (PBS charges <c>ncpus × walltime</c>
/// used); efficiency is CPU time used over that.
/// </remarks>
public sealed record AccountingRecord
{
    public required long JobId { get; init; }
    public required string Name { get; init; }
    public required uint Uid { get; init; }
    public required string User { get; init; }
    public required uint Gid { get; init; }
    public required string Queue { get; init; }
    public required DateTimeOffset SubmitTime { get; init; }

    /// <summary>The first task's start, or null when no task ever ran (deleted while queued).</summary>
    public DateTimeOffset? StartTime { get; init; }

    public required DateTimeOffset EndTime { get; init; }

    /// <summary>From submission to the first start (to the end when it never started).</summary>
    public required TimeSpan Wait { get; init; }

    /// <summary>The nodes its tasks ran on, each once, comma-separated.</summary>
    public string Nodes { get; init; } = "";

    /// <summary>CPUs asked for: per task times tasks.</summary>
    public required long CpusRequested { get; init; }

    /// <summary>CPU-seconds held: each task's CPUs times its run time.</summary>
    public required double CpuSecondsAllocated { get; init; }

    /// <summary>CPU-seconds used by all its processes.</summary>
    public required double CpuSecondsUsed { get; init; }

    public long PeakRssBytes { get; init; }
    public int? ExitStatus { get; init; }

    /// <summary>C, F or X.</summary>
    public required char State { get; init; }

    public int Migrations { get; init; }

    /// <summary>The bytes of the checkpoints it committed.</summary>
    public long CheckpointBytes { get; init; }

    /// <summary>The record of <paramref name="job"/>, which must have finished.</summary>
    public static AccountingRecord Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.State.IsFinished())
        {
            throw new ArgumentException($"job {job.Id} has not finished ({job.State.Letter()})", nameof(job));
        }

        var end = JobEnd.Of(job)!.Value;
        var start = job.Tasks.Select(t => t.StartTime).Where(s => s is not null).Min();
        var cpusPerTask = job.Spec.Resources.TotalCpus;
        var allocated = job.Tasks.Where(t => t.StartTime is not null)
            .Sum(t => cpusPerTask * Math.Max(0, ((t.EndTime ?? end) - t.StartTime!.Value).TotalSeconds));
        return new AccountingRecord
        {
            JobId = job.Id,
            Name = job.Spec.Name,
            Uid = job.Owner.Uid,
            User = job.Owner.UserName,
            Gid = job.Owner.Gid,
            Queue = job.Spec.Queue,
            SubmitTime = job.SubmitTime,
            StartTime = start,
            EndTime = end,
            Wait = ((start ?? end) - job.SubmitTime) is var w && w > TimeSpan.Zero ? w : TimeSpan.Zero,
            Nodes = string.Join(',', job.Tasks.Where(t => t.Node is not null).SelectMany(t => t.Node!).Distinct(StringComparer.Ordinal)),
            CpusRequested = cpusPerTask * job.Tasks.Count,
            CpuSecondsAllocated = allocated,
            CpuSecondsUsed = job.Tasks.Sum(t => t.CpuTime.TotalSeconds),
            PeakRssBytes = job.Tasks.Select(t => t.PeakRssBytes).DefaultIfEmpty(0).Max(),
            ExitStatus = job.ExitStatus,
            State = job.State.Letter(),
            Migrations = job.Tasks.Sum(t => t.Migrations),
            CheckpointBytes = job.Tasks.Sum(t => t.Checkpoints.Sum(c => c.Bytes)),
        };
    }
}
