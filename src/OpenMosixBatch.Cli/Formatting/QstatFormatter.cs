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
        using var text = new StringWriter();
        foreach (var (job, i) in jobs.Select((j, i) => (j, i)))
        {
            Write(text, job, first: i == 0);
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="job"/>'s row, after the heading when it is the <paramref name="first"/> (no jobs, no heading, as in PBS).</summary>
    public static void Write(TextWriter output, JobSummary job, bool first)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(job);
        if (first)
        {
            output.Write(Row("Job ID", "Name", "User", "Time Use", "S", "Queue"));
            output.Write(Row(new string('-', IdWidth), new string('-', NameWidth), new string('-', UserWidth), new string('-', TimeWidth), "-", "-----"));
        }

        output.Write(Row(job.Id, job.Name, job.User, DurationText.Format(job.CpuTime), job.State.ToString(), job.Queue));
    }

    /// <summary>Pads to the width, or cuts and marks the cut with '*'.</summary>
    public static string Fit(string value, int width) =>
        value.Length <= width ? value.PadRight(width) : string.Concat(value.AsSpan(0, width - 1), "*");

    private static string Row(string id, string name, string user, string time, string state, string queue) =>
        $"{Fit(id, IdWidth)} {Fit(name, NameWidth)} {Fit(user, UserWidth)} {time.PadLeft(TimeWidth)} {state} {queue}\n";
}
