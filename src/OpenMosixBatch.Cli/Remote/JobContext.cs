using System.Collections;
using System.Globalization;

namespace OpenMosixBatch.Cli.Remote;

/// <summary>
/// The running task <c>omb rsh</c> and <c>omb dsh</c> are called from, as its environment names it: the job, the array
/// index and the task's cookie, which only the task's own environment holds.
/// </summary>
public sealed record JobContext(long JobId, int TaskIndex, string Cookie)
{
    /// <summary>The task's context, or the one-line reason these commands cannot run here.</summary>
    public static (JobContext? Context, string? Error) From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!long.TryParse(variable("OMB_JOB_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var job)
            || variable("OMB_JOB_COOKIE") is not { Length: > 0 } cookie)
        {
            return (null, "not inside a running job (OMB_JOB_ID and OMB_JOB_COOKIE are not set): run it from a job's script");
        }

        var index = int.TryParse(variable("OMB_ARRAY_INDEX"), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        return (new JobContext(job, index, cookie), null);
    }

    /// <summary>The task this process runs in; refused (exit 1, one line) outside any.</summary>
    public static JobContext Require()
    {
        var (context, error) = From(System.Environment.GetEnvironmentVariable);
        return context ?? throw CliFailureException.Refused(error!);
    }

    /// <summary>This process's environment, which a part gets whole (as ssh's remote side would, minus the login).</summary>
    public static Dictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            if (e.Key is string key && e.Value is string value)
            {
                env[key] = value;
            }
        }

        return env;
    }
}
