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
    /// <exception cref="IOException">/proc could not be read (e.g. too many open files): nothing is known.</exception>
    public static WorldRecord? Of(int pid, string worldId)
    {
        var reading = ReadStat(pid);
        if (reading.Outcome == ProcStatOutcome.NoSuchProcess)
        {
            return null;
        }

        if (ProcessStatParser.TryParse(reading.Text) is not { } stat)
        {
            throw new IOException($"could not read /proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }

        return stat.IsLive ? new WorldRecord(pid, (long)stat.StartTicks, worldId) : null;
    }

    /// <summary>The record in <paramref name="path"/>, or null when there is none or it is damaged (then nothing is adopted).</summary>
    /// <exception cref="IOException">The file exists but could not be read (e.g. too many open files): whether a world runs is unknown.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public static WorldRecord? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize(text, WorldRecordJsonContext.Default.WorldRecord);
            return record is { Pid: > 1, StartTicks: > 0, WorldId.Length: > 0 } ? record : null;
        }
        catch (JsonException)
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

    /// <summary>Whether the recorded process runs: same PID, same start time, not a zombie; unknown when /proc could not be read.</summary>
    public ProcessLiveness Liveness() => ProcessLivenessRules.Judge(ReadStat(Pid), (ulong)StartTicks);

    /// <summary>One read of /proc/PID/stat; only a missing PID counts as "no such process".</summary>
    public static ProcStatReading ReadStat(int pid)
    {
        try
        {
            return ProcStatReading.Of(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ProcStatReading.NoSuchProcess;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProcStatReading.Failed;
        }
    }
}

[JsonSerializable(typeof(WorldRecord))]
internal sealed partial class WorldRecordJsonContext : JsonSerializerContext;
