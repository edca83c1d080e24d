namespace OpenMosixBatch.Core.Execution;

/// <summary>Whether a running task must be killed for exceeding its limits, and the reason to record.</summary>
public sealed record LimitVerdict(bool Kill, string? Reason)
{
    public static LimitVerdict Within { get; } = new(false, null);

    public static LimitVerdict KillFor(string reason) => new(true, reason);
}
