namespace OpenMosixBatch.Core.Jobs;

/// <summary>What <see cref="AlterRules"/> needs beyond the job and the change.</summary>
/// <param name="By">Who asks (recorded in the event).</param>
/// <param name="IsAdministrator">Administrators may raise a running job's walltime and cput; users only lower them.</param>
/// <param name="Validate">The submission's own check of a spec (null: acceptable; else the problem and its fix).</param>
/// <param name="Lookup">The jobs the caller sees, by id (for dependencies).</param>
/// <param name="DefaultMemoryPerChunk">The memory a chunk gets when its request names none, as at submission.</param>
public sealed record AlterContext(string By, bool IsAdministrator, Func<JobSpec, string?> Validate, Func<long, Job?> Lookup, long DefaultMemoryPerChunk)
{
    /// <summary>The site's ignored resources (<see cref="SubmissionLimits.IgnoredResources"/>): properties named there are recorded, not placed on.</summary>
    public IReadOnlySet<string> IgnoredResources { get; init; } = System.Collections.Frozen.FrozenSet<string>.Empty;
}
