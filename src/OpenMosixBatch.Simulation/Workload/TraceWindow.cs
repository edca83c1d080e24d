using System.Globalization;

namespace OpenMosixBatch.Simulation.Workload;

/// <summary><c>--window START:LEN</c>: <see cref="Length"/> consecutive jobs from index <see cref="Start"/> (0-based, after loading).</summary>
public readonly record struct TraceWindow(int Start, int Length)
{
    /// <summary>Parses <c>START:LEN</c>; null with the reason when it is not two whole numbers with LEN ≥ 1.</summary>
    public static (TraceWindow? Window, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
        {
            return (new TraceWindow(start, length), null);
        }

        return (null, $"--window '{text}': write START:LEN, the 0-based index of the first job and how many jobs, e.g. 1981:1024");
    }

    /// <summary>The window's jobs; an error when it reaches past the end of <paramref name="jobs"/>.</summary>
    public IReadOnlyList<TraceJob> Of(IReadOnlyList<TraceJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (Start + (long)Length > jobs.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--window {Start}:{Length} reaches job {Start + (long)Length - 1} but the trace has {jobs.Count} usable jobs (0..{jobs.Count - 1}): choose a window inside it"));
        }

        var start = Start;
        var slice = jobs.Skip(start).Take(Length).ToList();
        // Each window starts from an empty cluster at its first submission; jobs keep their own submit times.
        return slice.OrderBy(j => j.Submit).ToList();
    }
}
