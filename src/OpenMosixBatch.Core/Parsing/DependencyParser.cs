using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a <c>-W</c> attribute list such as <c>depend=afterok:12:13,afterany:14</c>.</summary>
public static class DependencyParser
{
    public static ParseResult<IReadOnlyList<Dependency>> ParseAttributes(string text) => throw new NotImplementedException();
}
