namespace OpenMosixBatch.Core.Jobs;

/// <summary>A job array range, <c>-t START-END[:STEP][%LIMIT]</c> or a comma list of such ranges.</summary>
/// <param name="Indices">The array indices in ascending order, without duplicates.</param>
/// <param name="MaxConcurrent">At most this many elements run at once (<c>%N</c>), or null.</param>
public sealed record ArraySpec(IReadOnlyList<int> Indices, int? MaxConcurrent = null)
{
    /// <summary>Largest array a job may have; larger requests are refused at submission.</summary>
    public const int MaxElements = 100_000;

    public int Count => Indices.Count;
}
