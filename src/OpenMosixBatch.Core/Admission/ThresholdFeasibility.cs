using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// Whether a job could ever pass its queue's thresholds: admission starts a task only while the cluster's CPU and memory
/// utilisation, the task included, stay at or under them, so a task that alone takes more of the whole cluster than a
/// threshold allows would wait for ever. Such a job is refused at submission, as an impossible request is (PBS refuses a
/// job over a queue's <c>resources_max</c>, Slurm one over a partition's limits), naming the limit and the fix.
/// </summary>
/// <remarks>
/// Counted on every node at full capacity, nothing else allocated and nothing measured (the best the cluster can ever
/// be: an offline node may come back). When utilisation is <c>measured</c> only, a task's own allocation does not count
/// towards the thresholds, so no request is refused for them.
/// </remarks>
public static class ThresholdFeasibility
{
    /// <summary>Null when an idle cluster would admit one task of <paramref name="request"/>; else the refusal's one line.</summary>
    public static string? WhyNeverAdmitted(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, string queue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Mode == UtilizationMode.Measured || nodes.Count == 0)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        var limits = settings.For(queue);
        var key = settings.Queues.ContainsKey(queue) ? $"Omb:Admission:Queues:{queue}:" : "Omb:Admission:";
        long cpus = nodes.Sum(n => (long)Math.Max(0, n.Cpus));
        if (cpus > 0 && (double)request.TotalCpus / cpus > limits.Cpu + 1e-9)
        {
            var most = (long)Math.Floor((limits.Cpu * cpus) + 1e-9);
            var fix = most >= 1 ? string.Create(inv, $"ask for at most {most} CPUs (e.g. -l select={most}:ncpus=1)") : "no job can start in this queue";
            return string.Create(inv,
                $"the job asks for {request.TotalCpus} of the cluster's {cpus} CPUs ({Percent((double)request.TotalCpus / cpus)}), and queue {queue} starts a job only while cluster CPU stays at or under {Percent(limits.Cpu)}, so it would never start: {fix}, or ask an administrator to raise {key}CpuThreshold");
        }

        var memory = nodes.Sum(n => Math.Max(0, n.MemoryBytes));
        if (memory > 0 && (double)request.TotalMemoryBytes / memory > limits.Memory + 1e-9)
        {
            var most = (long)Math.Floor(limits.Memory * memory);
            return string.Create(inv,
                $"the job asks for {SizeParser.Human(request.TotalMemoryBytes)} of the cluster's {SizeParser.Human(memory)} of memory ({Percent((double)request.TotalMemoryBytes / memory)}), and queue {queue} starts a job only while cluster memory stays at or under {Percent(limits.Memory)}, so it would never start: ask for at most {SizeParser.Human(most)} in all, or ask an administrator to raise {key}MemoryThreshold");
        }

        return null;
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100, 1)}%");
}
