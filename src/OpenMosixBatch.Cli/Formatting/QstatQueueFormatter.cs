using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>qstat -Q in PBS's layout (Max 0 means no limit), with each queue's CPU and memory admission thresholds.</summary>
public static class QstatQueueFormatter
{
    public static string Format(IReadOnlyList<QueueSummary> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var text = new StringBuilder();
        text.Append("Queue              Max   Tot   Que   Run   Hld   Wat   Ext  CPU%  Mem%\n");
        text.Append("---------------- ----- ----- ----- ----- ----- ----- ----- ----- -----\n");
        foreach (var q in queues)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{QstatFormatter.Fit(q.Name, 16)} {q.MaxRunning ?? 0,5} {q.Total,5} {q.Queued,5} {q.Running,5} {q.Held,5} {q.Waiting,5} {q.Exiting,5} {q.CpuThresholdPercent,5:0.#} {q.MemoryThresholdPercent,5:0.#}\n"));
        }

        return text.ToString();
    }
}
