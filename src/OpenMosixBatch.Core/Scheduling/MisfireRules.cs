using System.Globalization;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>Decides what to do about fire times that passed while the server was down.</summary>
public static class MisfireRules
{
    /// <summary>
    /// Decides once for all of <paramref name="missedFireTimes"/> (fire times after the schedule's last handled fire
    /// and at or before <paramref name="now"/>): with <see cref="MisfirePolicy.Once"/> one run fires now, standing for
    /// the latest missed time; with <see cref="MisfirePolicy.Skip"/> none fires. Never one run per missed time: after a
    /// week of downtime an hourly schedule must not flood the queue with 168 runs.
    /// </summary>
    /// <remarks>
    /// Times after <paramref name="now"/> are not missed and are ignored. <paramref name="moreMissed"/> says that the
    /// caller listed only some of the missed times (the first ones and the latest), so the count is a lower bound.
    /// </remarks>
    public static MisfireDecision Decide(
        MisfirePolicy policy,
        IReadOnlyList<DateTimeOffset> missedFireTimes,
        DateTimeOffset now,
        bool moreMissed = false)
    {
        ArgumentNullException.ThrowIfNull(missedFireTimes);
        var missed = missedFireTimes.Where(t => t <= now).ToList();
        if (missed.Count == 0)
        {
            return MisfireDecision.NothingMissed;
        }

        var first = missed.Min();
        var latest = missed.Max();
        var span = missed.Count == 1
            ? Format(latest)
            : $"{(moreMissed ? "more than " : "")}{missed.Count} fire times from {Format(first)} to {Format(latest)}";
        return policy switch
        {
            MisfirePolicy.Once => new MisfireDecision(true, latest, missed.Count, $"missed {span} while the server was down: fired once"),
            MisfirePolicy.Skip => new MisfireDecision(
                false,
                null,
                missed.Count,
                $"skipped: missed {span} while the server was down (misfire policy skip); use --misfire once to catch up with one run"),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown misfire policy"),
        };
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
