using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>
/// The admission pass as it was before the queue index: it filters and sorts every job on every pass and walks them
/// all. Kept as the oracle the indexed pass must agree with on every decision and every reason.
/// </summary>
internal static class ReferenceAdmission
{
    public static AdmissionPlan Plan(IReadOnlyList<Job> jobs, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        var byId = jobs.ToDictionary(j => j.Id);
        var ledger = new NodeLedger(nodes, settings.Mode);
        var starts = new List<TaskPlacement>();
        var reasons = new Dictionary<long, string>();
        DateTimeOffset? reservation = null;
        long? reservedFor = null;
        string? delays = null;   // the backfill reason, the same for every job it holds back once the reservation is made

        // A refusal leaves the ledger as it was, so the same shape in the same queue is refused for the same reason
        // until something starts: remembering it keeps a pass over 100,000 queued jobs linear and cheap.
        var refused = new Dictionary<RequestShape, string>();
        var reservations = new ReservationBook(jobs, settings);

        var pending = jobs.Where(j => !j.State.IsFinished() && j.Tasks.Any(t => t.State == JobState.Queued))
            .OrderByDescending(j => j.Spec.Priority).ThenBy(j => j.SubmitTime).ThenBy(j => j.Id);
        foreach (var job in pending)
        {
            if (job.UserHold)
            {
                reasons[job.Id] = "held by user";
                continue;
            }

            if (!job.DependenciesMet)
            {
                reasons[job.Id] = JobStateRules.PendingDependency(job, id => byId.GetValueOrDefault(id)) ?? "waiting for dependencies";
                continue;
            }

            var started = 0;
            var active = job.Tasks.Count(t => t.State.IsActive());
            Dictionary<string, int>? perNode = null;   // built only for a job that gets as far as placement
            string? why = null;
            foreach (var task in job.Tasks.Where(t => t.State == JobState.Queued))
            {
                if (job.Spec.Array?.MaxConcurrent is { } limit && active >= limit)
                {
                    why = string.Create(CultureInfo.InvariantCulture, $"array limit %{limit} reached ({active} running)");
                    break;
                }

                if (reservation is { } r && !(job.Spec.Resources.Walltime is { } w && now + w <= r))
                {
                    why = delays ??= string.Create(CultureInfo.InvariantCulture, $"backfill: would delay job {reservedFor} (reserved at {r:HH:mm:ss})");
                    break;
                }

                var shape = RequestShape.Of(job);
                if (refused.TryGetValue(shape, out var known))
                {
                    why = known;
                    break;
                }

                why = TryStart(job, task, ledger, perNode ??= TasksPerNode(job), settings, starts);
                if (why is not null)
                {
                    refused[shape] = why;
                    break;
                }

                refused.Clear();

                started++;
                active++;
            }

            if (why is not null && started == 0)
            {
                reasons[job.Id] = why;
                if (reservation is null && !why.StartsWith("array limit", StringComparison.Ordinal) && !why.StartsWith("backfill", StringComparison.Ordinal))
                {
                    reservation = reservations.Reserve(job, ledger);
                    reservedFor = job.Id;
                }
            }
        }

        return new AdmissionPlan(starts, reasons);
    }

    private static Dictionary<string, int> TasksPerNode(Job job) => job.Tasks.Where(t => t.State.IsActive() && t.Node is not null)
        .SelectMany(t => t.Node!)
        .GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

    private static string? TryStart(Job job, JobTask task, NodeLedger ledger, Dictionary<string, int> perNode, AdmissionSettings settings, List<TaskPlacement> starts)
    {
        var request = job.Spec.Resources;
        var (placed, reason) = TaskPlacer.Place(request, ledger, perNode);
        if (placed is null)
        {
            return reason;
        }

        foreach (var n in placed)
        {
            ledger.Allocate(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
        }

        var limits = settings.For(job.Spec.Queue);
        var cpu = ledger.ClusterCpu();
        var mem = ledger.ClusterMemory();
        string? over = cpu > limits.Cpu + 1e-9 ? Over("CPU", cpu, limits.Cpu, job.Spec.Queue)
            : mem > limits.Memory + 1e-9 ? Over("memory", mem, limits.Memory, job.Spec.Queue)
            : null;
        if (over is not null)
        {
            foreach (var n in placed)
            {
                ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
            }

            return over;
        }

        foreach (var n in placed)
        {
            perNode[n] = perNode.GetValueOrDefault(n) + 1;
        }

        starts.Add(new TaskPlacement(job.Id, task.Index, placed));
        return null;
    }

    private static string Over(string what, double value, double threshold, string queue) =>
        string.Create(CultureInfo.InvariantCulture, $"cluster {what} would be {Math.Round(value * 100)}% > threshold {Math.Round(threshold * 100)}% (queue {queue})");
}
