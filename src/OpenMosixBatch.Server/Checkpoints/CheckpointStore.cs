using System.Globalization;
using System.Security.Cryptography;

namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>
/// The checkpoint files: <c>OMB_HOME/checkpoints/JOB/TASK/GEN</c>, each the packed bytes of one generation. A write
/// streams into a temporary file while hashing, syncs it, refuses (and removes) it when the hash differs from the one
/// the node sent, renames it into place and syncs the directory: a generation either exists whole and verified, or
/// not at all. Which generations count is recorded on the task in the job store, committed after the file.
/// </summary>
public sealed class CheckpointStore(string home)
{
    private const int BufferSize = 1 << 20;

    /// <summary>The directory that holds every job's checkpoints.</summary>
    public string Root { get; } = Path.Combine(home, "checkpoints");

    public string PathOf(long jobId, int taskIndex, int generation) =>
        Path.Combine(TaskDirectory(jobId, taskIndex), generation.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Streams <paramref name="body"/> into generation <paramref name="generation"/>; nothing is stored unless its
    /// SHA-256 is <paramref name="expectedSha256"/>. Memory use is one buffer whatever the size.
    /// </summary>
    public async Task<CheckpointWrite> WriteAsync(long jobId, int taskIndex, int generation, Stream body, string expectedSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(expectedSha256);
        var directory = TaskDirectory(jobId, taskIndex);
        Directory.CreateDirectory(directory);
        var final = PathOf(jobId, taskIndex, generation);
        var temporary = Path.Combine(directory, $".{generation.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        long bytes = 0;
        string sha;
        try
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                        bytes += read;
                    }

                    file.Flush(flushToDisk: true);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (!string.Equals(sha, expectedSha256, StringComparison.Ordinal))
            {
                File.Delete(temporary);
                return new CheckpointWrite(bytes, sha, $"checkpoint generation {generation} of {jobId}[{taskIndex}] hashes to {sha}, not {Short(expectedSha256)} as sent: nothing was stored; the node must pack and upload it again");
            }

            File.Move(temporary, final, overwrite: true);
            DirectorySync.Flush(directory);
            return new CheckpointWrite(bytes, sha, null);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>True when the stored generation exists and hashes to <paramref name="sha256"/>.</summary>
    public async Task<bool> VerifyAsync(long jobId, int taskIndex, int generation, string sha256, CancellationToken ct)
    {
        var path = PathOf(jobId, taskIndex, generation);
        if (!File.Exists(path))
        {
            return false;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(file, ct).ConfigureAwait(false);
            return string.Equals(Convert.ToHexStringLower(hash), sha256, StringComparison.Ordinal);
        }
    }

    /// <summary>Opens a stored generation for reading, or null when it does not exist.</summary>
    public FileStream? OpenRead(long jobId, int taskIndex, int generation)
    {
        var path = PathOf(jobId, taskIndex, generation);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes the task's generations not in <paramref name="keep"/> (older ones, and ones never committed).</summary>
    public void Prune(long jobId, int taskIndex, IReadOnlyCollection<int> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var directory = TaskDirectory(jobId, taskIndex);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && !keep.Contains(generation))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The job ids that have a checkpoint directory.</summary>
    public IReadOnlyList<long> StoredJobs() => !Directory.Exists(Root) ? []
        : [.. Directory.EnumerateDirectories(Root)
            .Select(d => long.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id > 0)];

    /// <summary>Deletes every checkpoint of a job (it finished: nothing will restore them).</summary>
    public void DeleteJob(long jobId)
    {
        var directory = Path.Combine(Root, jobId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string TaskDirectory(long jobId, int taskIndex) =>
        Path.Combine(Root, jobId.ToString(CultureInfo.InvariantCulture), taskIndex.ToString(CultureInfo.InvariantCulture));

    private static string Short(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
