using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// The parts of jobs whose rank died (<c>kill -9</c>, a crash): a part is never adopted by the next world, since nothing
/// would relay its output, so the rank that starts next on the node ends it and reports its end with what it used; no
/// part outlives its rank's world, and its CPU time and memory still count in the task's <c>resources_used</c>.
/// </summary>
/// <remarks>
/// As for tasks (<see cref="ShepherdAdoption"/>), the caller judges the shepherd first and reads its end record after:
/// the shepherd writes the record before it exits, so a shepherd seen gone whose record is then absent left none.
/// </remarks>
public static class LeftoverPartRules
{
    /// <summary>Decides on one leftover part.</summary>
    /// <param name="start">What its shepherd recorded when the part started, or null.</param>
    /// <param name="end">The end the shepherd recorded, read after <paramref name="shepherd"/> was judged, or null.</param>
    /// <param name="shepherd">The shepherd's liveness by PID and start time (a reused PID is <see cref="ProcessLiveness.Gone"/>).</param>
    public static LeftoverPartVerdict Decide(ShepherdStart? start, TaskEnd? end, ProcessLiveness shepherd)
    {
        if (end is not null)
        {
            return LeftoverPartVerdict.ReportEnd;
        }

        if (start is null || shepherd == ProcessLiveness.Gone)
        {
            return LeftoverPartVerdict.Lost;
        }

        return LeftoverPartVerdict.End;
    }

    /// <summary>The reason reported with a leftover part's end (what <c>omb rsh</c> prints, and the server logs).</summary>
    public static string Reason(LeftoverPartVerdict verdict, string node) => verdict switch
    {
        LeftoverPartVerdict.End => string.Create(CultureInfo.InvariantCulture,
            $"ended: its rank on {node} died, and a part is not adopted by the next world (nothing would relay it)"),
        LeftoverPartVerdict.ReportEnd => string.Create(CultureInfo.InvariantCulture, $"ended while no rank ran on {node}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"lost: its rank on {node} died and its shepherd left no end"),
    };
}
