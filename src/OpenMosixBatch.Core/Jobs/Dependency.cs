namespace OpenMosixBatch.Core.Jobs;

/// <summary>PBS dependency kinds (<c>-W depend=TYPE:ID[:ID]</c>).</summary>
public enum DependencyType
{
    /// <summary>Start after the job completed with exit status 0.</summary>
    AfterOk,

    /// <summary>Start after the job finished, whatever its exit status.</summary>
    AfterAny,

    /// <summary>Start after the job failed (non-zero exit, or deleted/killed).</summary>
    AfterNotOk,
}

/// <summary>One dependency edge from a job to the job it waits for.</summary>
public sealed record Dependency(DependencyType Type, long JobId)
{
    public override string ToString() => $"{Type.ToString().ToLowerInvariant()}:{JobId}";
}
