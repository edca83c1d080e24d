namespace OpenMosixBatch.Core.Parsing;

/// <summary>The outcome of parsing user input: a value, or one line that names the problem and the fix.</summary>
public readonly record struct ParseResult<T>(T? Value, string? Error)
{
    public bool Ok => Error is null;

    public static ParseResult<T> Success(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);
}
