using System.Globalization;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// What identifies a schedule: its owner's uid and its name. Names are per owner, as crontabs are per user, so two
/// users may each have a <c>nightly</c> and neither can take a name from the other.
/// </summary>
public readonly record struct ScheduleKey(uint OwnerUid, string Name)
{
    /// <summary>By name (ordinal), then by owner: the order <c>omb cron list</c> and the stores give.</summary>
    public static IComparer<ScheduleKey> Order { get; } = Comparer<ScheduleKey>.Create((a, b) =>
        StringComparer.Ordinal.Compare(a.Name, b.Name) is var byName and not 0 ? byName : a.OwnerUid.CompareTo(b.OwnerUid));

    public static ScheduleKey Of(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ScheduleKey(schedule.Owner.Uid, schedule.Name);
    }

    /// <summary>For logs and diagnostics: <c>uid/name</c> (a name never holds a <c>/</c>, see <see cref="ScheduleNames"/>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OwnerUid}/{Name}");
}
