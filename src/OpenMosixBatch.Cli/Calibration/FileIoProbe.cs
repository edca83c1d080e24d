using System.Diagnostics;
using System.Security.Cryptography;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Calibration;

/// <summary>
/// Times writing a file out (flushed to disk, as the checkpoint store does) and reading it back in, in the directory
/// given (the server's OMB_HOME, where checkpoints are stored): the oMFS per-KB costs of <c>omb calibrate</c>.
/// </summary>
public static class FileIoProbe
{
    private const int Chunk = 1 << 20;

    /// <summary>The median of <paramref name="repeats"/> timings of each, in µs per KB; the scratch file is always removed.</summary>
    public static FileIoCosts Measure(string directory, long bytes, int repeats)
    {
        var path = Path.Combine(directory, $".omb-calibrate-{Environment.ProcessId}.tmp");
        var data = new byte[Chunk];
        RandomNumberGenerator.Fill(data);
        var writes = new List<double>();
        var reads = new List<double>();
        try
        {
            for (var r = 0; r < repeats; r++)
            {
                var started = Stopwatch.GetTimestamp();
                using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, Chunk))
                {
                    for (long done = 0; done < bytes; done += Chunk)
                    {
                        file.Write(data, 0, (int)Math.Min(Chunk, bytes - done));
                    }

                    file.Flush(flushToDisk: true);
                }

                writes.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                started = Stopwatch.GetTimestamp();
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, Chunk))
                {
                    while (file.Read(data, 0, Chunk) > 0)
                    {
                    }
                }

                reads.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }
        finally
        {
            File.Delete(path);
        }

        var kb = bytes / 1024.0;
        return new FileIoCosts(Median(reads) / kb, Median(writes) / kb);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
