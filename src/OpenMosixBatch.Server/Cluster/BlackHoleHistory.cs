using System.Text.Json;
using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// OMB_HOME/blackhole.json: the task ends inside the black-hole window, so that a server restart does not forget a
/// node's recent failures (a node that crashes tasks would otherwise get a fresh start with every restart). Written
/// whole to a temporary file and renamed into place, as nodes.json.
/// </summary>
/// <remarks>
/// The window holds every end of the last 10 minutes (thousands at a few jobs a second), so writing it whole on every
/// report of ends cost the server more per job the faster jobs ended. <see cref="Store"/> writes it at most once per
/// <see cref="WriteInterval"/>: what a kill -9 can lose is the ends of the last second, as a crash before the write
/// could always lose the last report's.
/// </remarks>
public sealed class BlackHoleHistory(string? path, TimeProvider? time = null)
{
    /// <summary>The shortest time between two writes of the window by <see cref="Store"/>.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private Func<IReadOnlyList<NodeTaskEnd>>? _owed;
    private Action<Exception>? _failed;
    private long? _lastWrite;
    private bool _scheduled;

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

    /// <summary>
    /// Stores the window <paramref name="window"/> gives: now when the last write is at least <see cref="WriteInterval"/>
    /// old, else once that interval is over, with what <paramref name="window"/> (the latest one given) gives then, so any
    /// number of calls meanwhile cost one write. A write that fails is reported to <paramref name="failed"/>.
    /// </summary>
    public void Store(Func<IReadOnlyList<NodeTaskEnd>> window, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(failed);
        if (path is null)
        {
            return;
        }

        TimeSpan wait;
        lock (_lock)
        {
            _owed = window;
            _failed = failed;
            var since = _lastWrite is { } last ? _time.GetElapsedTime(last) : WriteInterval;
            if (since >= WriteInterval)
            {
                WriteOwed();
                return;
            }

            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            wait = WriteInterval - since;
        }

        _ = WriteLaterAsync(wait);
    }

    /// <summary>Writes what <see cref="Store"/> still owes (the server stops).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            WriteOwed();
        }
    }

    private async Task WriteLaterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, _time).ConfigureAwait(false);
        lock (_lock)
        {
            _scheduled = false;
            WriteOwed();
        }
    }

    private void WriteOwed()
    {
        if (_owed is not { } window)
        {
            return;
        }

        _owed = null;
        _lastWrite = _time.GetTimestamp();
        try
        {
            Save(window());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _failed?.Invoke(e);
        }
    }
}
