using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a walltime: SS, MM:SS, HH:MM:SS, D:HH:MM:SS or Slurm's D-HH[:MM[:SS]]; minutes and seconds below a larger field must be under 60.</summary>
public static class WalltimeParser
{
    public static ParseResult<TimeSpan> Parse(string text) => throw new NotImplementedException();
}
