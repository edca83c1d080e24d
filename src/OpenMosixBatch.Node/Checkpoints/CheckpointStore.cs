using System.Globalization;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// The node's packed checkpoints, one file per task and hash (<c>JOB-TASK-SHA.tar</c>): those this node made (kept
/// so a periodic restart here needs no download) and those received for a migration or a restore. A task's files go
/// when it ends or is deleted; the server's store keeps what must survive.
/// </summary>
public sealed class CheckpointStore(string root)
{
    public string Root { get; } = root;

    public string PathFor(long jobId, int taskIndex, string sha256) =>
        Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{jobId}-{taskIndex}-{sha256.ToLowerInvariant()}.tar"));

    /// <summary>The packed checkpoint with that hash, when this node holds it.</summary>
    public string? Find(long jobId, int taskIndex, string sha256)
    {
        var path = PathFor(jobId, taskIndex, sha256);
        return File.Exists(path) ? path : null;
    }

    /// <summary>A fresh path in the store for a file being written (packed or received), renamed once complete.</summary>
    public string NewTemporary()
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, "." + Guid.NewGuid().ToString("N") + ".part");
    }

    /// <summary>Moves a complete file into place under its hash; returns the final path.</summary>
    public string Commit(string temporary, long jobId, int taskIndex, string sha256)
    {
        var path = PathFor(jobId, taskIndex, sha256);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Deletes every packed checkpoint of the task except the one with <paramref name="keepSha256"/>.</summary>
    public void RemoveTask(long jobId, int taskIndex, string? keepSha256 = null)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        var keep = keepSha256 is null ? null : PathFor(jobId, taskIndex, keepSha256);
        foreach (var file in Directory.EnumerateFiles(Root, string.Create(CultureInfo.InvariantCulture, $"{jobId}-{taskIndex}-*.tar")))
        {
            if (!string.Equals(file, keep, StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Empties the store when a rank starts: what a dead rank left is either committed on the server (which restores
    /// from there) or was never committed (and so must not be restored).
    /// </summary>
    public void Clear()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>True when the store holds nothing of the task (tests check that qdel leaves nothing behind).</summary>
    public bool HoldsNothingOf(long jobId, int taskIndex) =>
        !Directory.Exists(Root) || !Directory.EnumerateFiles(Root, string.Create(CultureInfo.InvariantCulture, $"{jobId}-{taskIndex}-*.tar")).Any();
}
