using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>The job every submission benchmark sends, whatever client sends it, so their figures compare.</summary>
internal static class BenchJob
{
    public static JobSpec Spec(int i, string script, string cwd) => new()
    {
        Name = "bench" + i.ToString(CultureInfo.InvariantCulture),
        Script = script,
        WorkingDirectory = cwd,
        SubmitDirectory = cwd,
        Resources = new ResourceRequest(MemoryBytesPerChunk: 64L << 20, Walltime: TimeSpan.FromMinutes(1)),
    };
}
