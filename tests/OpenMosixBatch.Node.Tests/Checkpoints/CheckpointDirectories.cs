namespace OpenMosixBatch.Node.Tests.Checkpoints;

/// <summary>Checkpoint directories for the packing tests, filled with the given files.</summary>
internal static class CheckpointDirectories
{
    /// <summary>Creates <paramref name="parent"/>/<paramref name="name"/> holding <paramref name="files"/> (relative paths, with their folders).</summary>
    public static string Fill(string parent, string name, params (string Path, string Content)[] files)
    {
        var root = Path.Combine(parent, name);
        Directory.CreateDirectory(root);
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), content);
        }

        return root;
    }
}
