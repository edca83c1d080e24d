using System.Text;

namespace OpenMosixBatch.Node.Files;

/// <summary>
/// Writes the small files the rank makes for each task (the node file, Hydra's host file, the script, the start order and
/// the session record) as new files: created exclusive, written once, never truncated.
/// </summary>
/// <remarks>
/// <see cref="File.WriteAllText(string, string?)"/> opens with <see cref="FileMode.Create"/>, which .NET carries out as
/// open, lock, then ftruncate to 0. On ext4 a truncate to 0 marks the file for delayed-allocation flushing at close (the
/// file system's guard for programs that rewrite a file in place), so every such small file cost a block allocation and
/// a write submitted from the rank's close: in a run of trivial jobs a few percent of each rank's CPU. A file that is
/// there already (left by a rank that died) is replaced as before.
/// </remarks>
public static class SpoolFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) as the whole content of <paramref name="path"/>.</summary>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Utf8.GetBytes(text);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(handle, bytes, 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>Writes <paramref name="lines"/>, each ended by a newline, as <see cref="File.WriteAllLines(string, IEnumerable{string})"/> does.</summary>
    public static void WriteLines(string path, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        Write(path, text.ToString());
    }
}
