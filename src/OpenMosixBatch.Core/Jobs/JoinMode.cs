namespace OpenMosixBatch.Core.Jobs;

/// <summary>PBS <c>-j</c>: whether stdout and stderr go to one file.</summary>
public enum JoinMode
{
    /// <summary>Separate output and error files.</summary>
    None,

    /// <summary><c>-j oe</c>: stderr joins the output file.</summary>
    OutputAndError,

    /// <summary><c>-j eo</c>: stdout joins the error file.</summary>
    ErrorAndOutput,
}
