namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What <c>qalter</c> changes in a job; every member left null (or empty) keeps the job's value. The server applies it
/// with <see cref="AlterRules"/> and checks the result as it checks a submission.
/// </summary>
public sealed record JobAlteration
{
    /// <summary>New name (<c>-N</c>).</summary>
    public string? Name { get; init; }

    /// <summary>New priority (<c>-p</c>), -1024..1023.</summary>
    public int? Priority { get; init; }

    /// <summary>True to put a user hold on the job (<c>-h u</c>), false to release it (<c>-h n</c>).</summary>
    public bool? Hold { get; init; }

    /// <summary><c>-l</c> lists applied in order onto the job's request, so that <c>-l walltime=1:00:00</c> changes only the walltime.</summary>
    /// <remarks>Absent or null in a request reads as empty.</remarks>
    public IReadOnlyList<string> ResourceLists { get; init => field = value ?? []; } = [];

    /// <summary>The dependencies that replace the job's (<c>-W depend=</c>); an empty list removes them all.</summary>
    public IReadOnlyList<Dependency>? Dependencies { get; init; }

    /// <summary>New output path (<c>-o</c>), absolute.</summary>
    public string? OutputPath { get; init; }

    /// <summary>New error path (<c>-e</c>), absolute.</summary>
    public string? ErrorPath { get; init; }

    /// <summary>New limit of an array's elements running at once (<c>-t %N</c>).</summary>
    public int? ArrayLimit { get; init; }

    /// <summary>New checkpoint policy (<c>-c</c>).</summary>
    public CheckpointPolicy? Checkpoint { get; init; }

    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => Name is null && Priority is null && Hold is null && ResourceLists.Count == 0 && Dependencies is null
        && OutputPath is null && ErrorPath is null && ArrayLimit is null && Checkpoint is null;

    /// <summary>True when it changes more than <c>-l</c> lists (which is all a running job may take).</summary>
    public bool ChangesMoreThanResources => this with { ResourceLists = [] } is { IsEmpty: false };
}
