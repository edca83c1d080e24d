namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses <c>-v VAR=value,VAR2</c>; a bare name takes its value from <paramref name="lookup"/> (qsub's environment).</summary>
public static class EnvironmentListParser
{
    public static ParseResult<IReadOnlyDictionary<string, string>> Parse(string list, Func<string, string?> lookup) => throw new NotImplementedException();
}
