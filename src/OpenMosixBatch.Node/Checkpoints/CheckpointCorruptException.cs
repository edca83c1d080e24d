namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>A packed checkpoint does not hash to the SHA-256 it was committed with: it must never be restored.</summary>
public sealed class CheckpointCorruptException : Exception
{
    public CheckpointCorruptException(string expected, string actual)
        : base($"checkpoint hashes to {actual} instead of {expected}: it is not restored; the server falls back to the previous generation")
    {
        Expected = expected;
        Actual = actual;
    }

    public CheckpointCorruptException()
        : this(string.Empty, string.Empty)
    {
    }

    public CheckpointCorruptException(string message)
        : base(message)
    {
        Expected = string.Empty;
        Actual = string.Empty;
    }

    public CheckpointCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = string.Empty;
        Actual = string.Empty;
    }

    public string Expected { get; } = string.Empty;

    public string Actual { get; } = string.Empty;
}
