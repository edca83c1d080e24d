using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Selection;

/// <summary>
/// qselect's filters (PBS Pro's <c>-u</c>, <c>-s</c>, <c>-N</c>, <c>-q</c>, <c>-l</c>, <c>-x</c>); every filter given must
/// hold. Pure: the server applies it to the jobs the caller may see.
/// </summary>
public sealed record JobSelection
{
    /// <summary>Owners to match (any of them); empty for every owner.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>
    /// qstat state letters to match (any of them), e.g. <c>QH</c>; null for every state. A finished state (C, F, X) matches
    /// only with <see cref="IncludeFinished"/>, as PBS Pro (19 and later) selects its finished jobs only with <c>-x</c>.
    /// </summary>
    public string? States { get; init; }

    /// <summary>The exact job name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The exact queue, or null.</summary>
    public string? Queue { get; init; }

    public IReadOnlyList<ResourceComparison> Resources { get; init; } = [];

    /// <summary>Also finished jobs (<c>-x</c>, PBS's history); without it only jobs that have not finished.</summary>
    public bool IncludeFinished { get; init; }

    /// <summary>True when a finished job may match: only with <c>-x</c> (PBS's history), whatever <c>-s</c> names.</summary>
    public bool MayMatchFinished => IncludeFinished;

    /// <summary>The state letters qselect knows.</summary>
    public const string KnownStates = "QHWRSMECFX";

    /// <summary>Null when the filters are well formed; otherwise one line naming the problem and the fix.</summary>
    public string? Validate()
    {
        if (Users is null || Users.Any(string.IsNullOrWhiteSpace))
        {
            return "empty user name in -u: name the users, e.g. -u ada,bob";
        }

        if (States is { } s && (s.Length == 0 || s.Any(c => !KnownStates.Contains(c, StringComparison.Ordinal))))
        {
            return $"invalid state list '{Parsing.InputText.Quote(s)}' in -s: use the letters of qstat's S column ({KnownStates}), e.g. -s QH";
        }

        return Resources is null || Resources.Any(r => r is null) ? "malformed -l comparison: e.g. -l walltime.gt=1:00:00" : null;
    }

    public bool Matches(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // PBS skips its history jobs unless -x asks for them, before any other filter (openpbs's select_job).
        if (!IncludeFinished && job.State.IsFinished())
        {
            return false;
        }

        if (States is { } states && !states.Contains(job.State.Letter(), StringComparison.Ordinal))
        {
            return false;
        }

        return (Users.Count == 0 || Users.Contains(job.Owner.UserName, StringComparer.Ordinal))
            && (Name is null || string.Equals(Name, job.Spec.Name, StringComparison.Ordinal))
            && (Queue is null || string.Equals(Queue, job.Spec.Queue, StringComparison.Ordinal))
            && Resources.All(r => r.Holds(job.Spec.Resources));
    }
}
