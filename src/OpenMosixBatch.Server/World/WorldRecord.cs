using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Server.World;

/// <summary>
/// OMB_HOME/world.json: the world a server launched — mpiexec's PID, that process's start time and the world id — so
/// that a server started after this one died (kill -9, a crash) adopts the running world instead of launching a
/// second one. The start time tells a live world from a reused PID.
/// </summary>
/// <param name="Pid">mpiexec's PID.</param>
/// <param name="StartTicks">Its start time in clock ticks since boot (field 22 of /proc/PID/stat).</param>
/// <param name="WorldId">The id its rank 0 attaches with.</param>
public sealed record WorldRecord(int Pid, long StartTicks, string WorldId)
{
    /// <summary>The record of a live process, or null when it has already gone.</summary>
    public static WorldRecord? Of(int pid, string worldId) => StartTicksOf(pid) is { } ticks ? new WorldRecord(pid, ticks, worldId) : null;

    /// <summary>The record in <paramref name="path"/>, or null when there is none or it is unreadable (then nothing is adopted).</summary>
    public static WorldRecord? Read(string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(path), WorldRecordJsonContext.Default.WorldRecord);
            return record is { Pid: > 1, StartTicks: > 0, WorldId.Length: > 0 } ? record : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the record atomically (temporary file and rename).</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, WorldRecordJsonContext.Default.WorldRecord));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>True while the recorded process runs: same PID, same start time, not a zombie.</summary>
    public bool IsAlive() => StartTicksOf(Pid) == StartTicks;

    /// <summary>Start time of a live (not zombie) process, from /proc/PID/stat; null when there is none.</summary>
    public static long? StartTicksOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ProcessStatParser.TryParse(stat) is { IsLive: true } fields ? (long)fields.StartTicks : null;
    }
}

[JsonSerializable(typeof(WorldRecord))]
internal sealed partial class WorldRecordJsonContext : JsonSerializerContext;
