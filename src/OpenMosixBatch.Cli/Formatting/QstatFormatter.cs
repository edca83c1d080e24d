using System.Text;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>qstat's default table, in Torque's layout: fixed columns, over-long cells cut with a trailing '*' as PBS Pro does.</summary>
public static class QstatFormatter
{
    public const int IdWidth = 25;
    public const int NameWidth = 16;
    public const int UserWidth = 15;
    public const int TimeWidth = 8;

    public static string Format(IReadOnlyList<JobSummary> jobs)
    {
        if (jobs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append(Row("Job ID", "Name", "User", "Time Use", "S", "Queue"));
        text.Append(Row(new string('-', IdWidth), new string('-', NameWidth), new string('-', UserWidth), new string('-', TimeWidth), "-", "-----"));
        foreach (var job in jobs)
        {
            text.Append(Row(job.Id, job.Name, job.User, DurationText.Format(job.CpuTime), job.State.ToString(), job.Queue));
        }

        return text.ToString();
    }

    /// <summary>Pads to the width, or cuts and marks the cut with '*'.</summary>
    public static string Fit(string value, int width) =>
        value.Length <= width ? value.PadRight(width) : string.Concat(value.AsSpan(0, width - 1), "*");

    private static string Row(string id, string name, string user, string time, string state, string queue) =>
        $"{Fit(id, IdWidth)} {Fit(name, NameWidth)} {Fit(user, UserWidth)} {time.PadLeft(TimeWidth)} {state} {queue}\n";
}
