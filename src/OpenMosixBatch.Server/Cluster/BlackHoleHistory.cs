using System.Text.Json;
using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// OMB_HOME/blackhole.json: the task ends inside the black-hole window, so that a server restart does not forget a
/// node's recent failures (a node that crashes tasks would otherwise get a fresh start with every restart). Written
/// whole to a temporary file and renamed into place, as nodes.json.
/// </summary>
public sealed class BlackHoleHistory(string? path)
{
    /// <summary>The ends stored, oldest first; none when there is no file (or no path: tests).</summary>
    /// <exception cref="InvalidDataException">The file is not a list of task ends; the message names it and the fix.</exception>
    public IReadOnlyList<NodeTaskEnd> Load()
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        try
        {
            var ends = JsonSerializer.Deserialize(File.ReadAllText(path), NodeAdminJsonContext.Default.ListNodeTaskEnd) ?? [];
            return [.. ends.Where(e => !string.IsNullOrEmpty(e.Node)).OrderBy(e => e.At)];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"bad black-hole history {path}: {e.Message}: delete it (it only holds the task ends of the last window)");
        }
    }

    /// <summary>Replaces the stored ends with <paramref name="ends"/>.</summary>
    public void Save(IReadOnlyList<NodeTaskEnd> ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        if (path is null)
        {
            return;
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize([.. ends], NodeAdminJsonContext.Default.ListNodeTaskEnd));
        File.Move(temporary, path, overwrite: true);
    }
}
