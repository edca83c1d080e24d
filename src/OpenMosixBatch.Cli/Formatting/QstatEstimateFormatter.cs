using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>
/// qstat -T: the waiting jobs with their estimated start (PBS Pro's column "Est Start"), the nodes they are predicted
/// to start on, or why the start is unknown. Times in <c>zone</c>; a start already due shows "now".
/// </summary>
public static class QstatEstimateFormatter
{
    private const int IdWidth = 15;
    private const int UserWidth = 10;
    private const int QueueWidth = 8;
    private const int NameWidth = 12;
    private const int StartWidth = 16;

    public static string Format(IReadOnlyList<JobEstimate> jobs, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append(Row("Job ID", "Username", "Queue", "Jobname", "S", "Est Start", "Est Nodes / why unknown"));
        text.Append(Row(new string('-', IdWidth), new string('-', UserWidth), new string('-', QueueWidth), new string('-', NameWidth), "-",
            new string('-', StartWidth), new string('-', 23)));
        foreach (var j in jobs)
        {
            var e = j.Estimate;
            text.Append(Row(j.Id, j.User, j.Queue, j.Name, j.State.ToString(), Start(e, now, zone), e.Start is null ? e.Why ?? "unknown" : string.Join('+', e.Nodes)));
        }

        return text.ToString();
    }

    /// <summary>The start as the table shows it: "now", "MMM d HH:mm" in <paramref name="zone"/>, or "unknown".</summary>
    public static string Start(StartEstimate estimate, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return estimate.Start is not { } start ? "unknown"
            : start <= now ? "now"
            : TimeZoneInfo.ConvertTime(start, zone).ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
    }

    private static string Row(string id, string user, string queue, string name, string state, string start, string where) =>
        $"{QstatFormatter.Fit(id, IdWidth)} {QstatFormatter.Fit(user, UserWidth)} {QstatFormatter.Fit(queue, QueueWidth)} {QstatFormatter.Fit(name, NameWidth)} {state} {start.PadRight(StartWidth)} {where}\n";
}
