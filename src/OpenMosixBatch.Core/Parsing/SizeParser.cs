using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a PBS size: 512, 100b, 4kb, 512mb, 2gb, 1tb (also k/m/g/t, w for 8-byte words; case-insensitive). A bare number is bytes.</summary>
public static class SizeParser
{
    public static ParseResult<long> Parse(string text) => throw new NotImplementedException();
}
