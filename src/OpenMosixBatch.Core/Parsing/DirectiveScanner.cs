using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Returns the option tokens of the #PBS and #OMB lines at the top of a script (after an optional shebang, stopping at the first command line), split like a shell would split them.</summary>
public static class DirectiveScanner
{
    public static ParseResult<IReadOnlyList<string>> Scan(string script) => throw new NotImplementedException();
}
