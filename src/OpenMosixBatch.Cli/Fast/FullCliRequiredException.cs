namespace OpenMosixBatch.Cli.Fast;

/// <summary>Thrown by qsub's small image when what it reads is not a plain list: the full CLI (omb-cli) must read it.</summary>
public sealed class FullCliRequiredException : Exception
{
    public FullCliRequiredException()
        : base("this needs the full CLI")
    {
    }

    public FullCliRequiredException(string message)
        : base(message)
    {
    }

    public FullCliRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
