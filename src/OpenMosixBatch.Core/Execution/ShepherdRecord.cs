using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// What omb-shepherd writes into the node's private spool: <c>BASE.shepherd</c> when the job has started (its own PID
/// and start time, so a later rank can tell it from a reused PID, and the job's PID) and <c>BASE.end</c> when the job
/// has ended (<c>exit N</c> or <c>signal N</c>, <c>user_us</c>, <c>system_us</c>, <c>maxrss_kb</c>), each one
/// <c>key value</c> a line. Read strictly: a record with a missing or malformed line is no record.
/// </summary>
public static class ShepherdRecord
{
    /// <summary>The suffix of the start record.</summary>
    public const string StartSuffix = ".shepherd";

    /// <summary>The suffix of the end record.</summary>
    public const string EndSuffix = ".end";

    private const int SignalBase = 128;

    /// <summary>The end in <paramref name="text"/>, or null when it is not a whole end record.</summary>
    public static TaskEnd? ParseEnd(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = Fields(text);
        int? status = fields.TryGetValue("exit", out var code) && code is >= 0 and <= 255 ? (int)code
            : fields.TryGetValue("signal", out var signal) && signal is >= 1 and <= 127 ? SignalBase + (int)signal
            : null;
        return status is { } s && fields.TryGetValue("user_us", out var user) && fields.TryGetValue("system_us", out var system)
            && fields.TryGetValue("maxrss_kb", out var rss)
            ? new TaskEnd(s, TimeSpan.FromTicks(checked((user + system) * (TimeSpan.TicksPerMillisecond / 1000))), checked(rss * 1024))
            : null;
    }

    /// <summary>The shepherd's PID, its start time (clock ticks after boot) and the job's PID, or null when malformed.</summary>
    public static ShepherdStart? ParseStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = Fields(text);
        return fields.TryGetValue("shepherd_pid", out var shepherd) && shepherd is > 1 and <= int.MaxValue
            && fields.TryGetValue("shepherd_start_ticks", out var ticks)
            && fields.TryGetValue("job_pid", out var job) && job is > 1 and <= int.MaxValue
            ? new ShepherdStart((int)shepherd, (ulong)ticks, (int)job)
            : null;
    }

    /// <summary>Each <c>key value</c> line with a non-negative decimal value; a key twice, or any other line, is none.</summary>
    private static Dictionary<string, long> Fields(string text)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts is not [var key, var value]
                || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !fields.TryAdd(key, number))
            {
                return [];
            }
        }

        return fields;
    }
}
