using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenMosixBatch.Transport.Mpi.Tests;

/// <summary>
/// A real <c>mpiexec.hydra</c> world of the probe, started for one test. Disposing kills mpiexec's process
/// tree and every rank it reported, by PID, and waits until they are gone, also when the test failed.
/// </summary>
public sealed partial class MpiexecWorld : IAsyncDisposable
{
    private readonly Process _mpiexec;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly SemaphoreSlim _lineArrived = new(0);
    private readonly ConcurrentDictionary<int, int> _rankPids = new();

    private MpiexecWorld(Process mpiexec)
    {
        _mpiexec = mpiexec;
    }

    /// <summary>xunit collection of the tests that start worlds: one world at a time on a 2-core machine.</summary>
    public const string CollectionName = "mpi-worlds";

    public static string ProbePath => Path.Combine(AppContext.BaseDirectory, "omb-mpi-probe.dll");

    public IReadOnlyDictionary<int, int> RankPids => _rankPids;

    public IReadOnlyCollection<string> Lines => _lines;

    public string Errors => string.Join('\n', _errors);

    public Process Process => _mpiexec;

    public static MpiexecWorld Start(int ranks, params string[] probeArgs)
    {
        var start = new ProcessStartInfo("mpiexec.hydra")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Local ranks: fork them directly instead of going through ssh to localhost.
        start.Environment["HYDRA_LAUNCHER"] = "fork";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var argument in new[] { "-n", ranks.ToString(CultureInfo.InvariantCulture), "dotnet", ProbePath }.Concat(probeArgs))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var world = new MpiexecWorld(process);
        process.OutputDataReceived += (_, e) => world.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                world._errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return world;
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/>; fails with what was seen at the deadline.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan deadline, string phase)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = _lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{phase}: no matching line within {deadline}; stdout: [{string.Join(" | ", _lines)}]; stderr: [{Errors}]");
            }

            await _lineArrived.WaitAsync(left);
        }
    }

    /// <summary>Waits until every one of <paramref name="ranks"/> ranks has printed "rank R pid P".</summary>
    public async Task WaitForRanksAsync(int ranks, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (_rankPids.Count < ranks)
        {
            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero || _mpiexec.HasExited)
            {
                throw new TimeoutException($"waiting for {ranks} ranks: saw {_rankPids.Count}; stdout: [{string.Join(" | ", _lines)}]; stderr: [{Errors}]");
            }

            await _lineArrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Kills one rank's process (SIGKILL) by the PID it reported, as a crashed node would die.</summary>
    public void KillRank(int rank)
    {
        using var process = Process.GetProcessById(_rankPids[rank]);
        process.Kill();
    }

    /// <summary>Waits for mpiexec to exit; returns its exit code, or null at the deadline.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _mpiexec.WaitForExitAsync(timeout.Token);
            return _mpiexec.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_mpiexec.HasExited)
        {
            _mpiexec.Kill(entireProcessTree: true);
        }

        await _mpiexec.WaitForExitAsync();
        foreach (var pid in _rankPids.Values)
        {
            KillIfAlive(pid);
        }

        await WaitUntilGoneAsync(_rankPids.Values, TimeSpan.FromSeconds(10));
        _mpiexec.Dispose();
        _lineArrived.Dispose();
    }

    /// <summary>Polls /proc until none of <paramref name="pids"/> exists (or is a zombie awaiting its reaper).</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            var alive = pids.Where(IsAlive).ToList();
            if (alive.Count == 0 || clock.Elapsed >= deadline)
            {
                return alive;
            }

            await poll.WaitForNextTickAsync();
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var match = RankLine().Match(line);
        if (match.Success)
        {
            _rankPids[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    [GeneratedRegex(@"^rank (\d+) pid (\d+)$")]
    private static partial Regex RankLine();
}
