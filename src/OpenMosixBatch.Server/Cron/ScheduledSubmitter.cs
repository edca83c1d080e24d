using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Submits a schedule's job through the queue's own <see cref="SubmitCommand"/>, as the schedule's owner: the same
/// checks, ids, admission and group commit as a user's qsub. Also checks a job at <c>omb cron add</c> the way that
/// command would, so a schedule whose job can never be submitted is refused up front.
/// </summary>
public sealed class ScheduledSubmitter(JobQueue queue, NodeTable nodes, IOptions<OmbServerOptions> options)
{
    /// <summary>Null when the queue would accept <paramref name="spec"/> from <paramref name="owner"/> now; otherwise its one-line refusal.</summary>
    public string? Check(JobSpec spec, JobOwner owner)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(owner);
        var (queues, defaultMemory) = Settings();
        if (!queues.Contains(spec.Queue))
        {
            return $"unknown queue '{InputText.Quote(spec.Queue)}': known queues are {string.Join(", ", queues)} (choose one with -q)";
        }

        var limits = options.Value.ToSubmissionLimits();
        var resolved = RequestResolution.Resolve(spec, defaultMemory, limits.IgnoredResources);
        var caller = AsSubmitter(owner);
        return SubmissionValidator.Validate(resolved, nodes.Nodes, id => caller.Sees(queue.Find(id)), limits);
    }

    /// <summary>Submits <paramref name="spec"/> for <paramref name="owner"/>; throws <see cref="QueueRefusalException"/> when refused.</summary>
    public Task<SubmitResponse> SubmitAsync(JobSpec spec, JobOwner owner, string scheduleName, DateTimeOffset fireTime)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var (queues, defaultMemory) = Settings();
        var caller = AsSubmitter(owner);
        return queue.EnqueueAsync(new SubmitCommand(spec, caller, nodes.Nodes, queues, defaultMemory, options.Value.ToSubmissionLimits(), scheduleName, fireTime));
    }

    /// <summary>
    /// The owner as the submitter of the schedule's jobs. Its uid and gid came from the socket when the schedule was
    /// made; it submits as a plain user (an administrator's schedule too), so the check at add and the submission at
    /// each fire see the same jobs, and a group membership gone since never lends a schedule more.
    /// </summary>
    private static Caller AsSubmitter(JobOwner owner) => new(owner.Uid, owner.Gid, owner.UserName, IsAdministrator: false);

    private (IReadOnlyList<string> Queues, long DefaultMemory) Settings()
    {
        var o = options.Value;
        return (AdmissionSettingsFactory.KnownQueues(o.Admission), SizeParser.Parse(o.DefaultMemoryPerChunk).Value);
    }
}
