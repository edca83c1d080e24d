using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses -t/-J: 1-10, 1-10:2, 1,3,5-7, with an optional %N limit; refuses empty, reversed (5-1) and oversized ranges.</summary>
public static class ArrayRangeParser
{
    public static ParseResult<ArraySpec> Parse(string text) => throw new NotImplementedException();
}
