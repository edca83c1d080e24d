namespace OpenMosixBatch.Core.Migration;

/// <summary>Measured file I/O, in microseconds per KB (1024 bytes): what <c>omb calibrate</c> charges as oMFS per-KB costs.</summary>
/// <param name="ReadPerKb">Reading a file in.</param>
/// <param name="WritePerKb">Writing a file out, flushed to disk.</param>
public readonly record struct FileIoCosts(double ReadPerKb, double WritePerKb);
