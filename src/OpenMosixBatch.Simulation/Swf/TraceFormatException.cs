namespace OpenMosixBatch.Simulation.Swf;

/// <summary>A trace line that cannot be read; the message names the file, the line and the field, and the fix.</summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException()
    {
    }

    public TraceFormatException(string message)
        : base(message)
    {
    }

    public TraceFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
