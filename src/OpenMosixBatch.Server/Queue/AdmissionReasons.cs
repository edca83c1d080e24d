using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Server.Cluster;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Runs the admission policy on the latest snapshot and publishes, per queued job, why it is not running
/// (qstat -f's comment). Reasons are derived data: they are recomputed, never stored.
/// </summary>
/// <remarks>
/// Without an execution world nothing can start, so a job the policy would start is reported as admitted and
/// waiting for a world, naming the node it would get; later jobs in the same pass see that allocation, so the
/// thresholds' reasons are what they would be with a world.
/// </remarks>
public sealed partial class AdmissionReasons(JobQueue queue, NodeTable nodes, AdmissionSettings settings, TimeProvider time, ILogger<AdmissionReasons> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private IReadOnlyDictionary<long, string> _reasons = FrozenDictionary<long, string>.Empty;
    private long _seenVersion = -1;

    /// <summary>Why the job is not running, or null when it runs, finished, or has no reason yet.</summary>
    public string? For(long jobId) => Volatile.Read(ref _reasons).GetValueOrDefault(jobId);

    /// <summary>Recomputes the reasons now (also called by the loop whenever the queue changed).</summary>
    public void Refresh()
    {
        var state = queue.State;
        var jobs = state.Jobs.Values.ToList();
        var plan = AdmissionPolicy.Plan(jobs, nodes.Nodes, settings, time.GetUtcNow());
        var reasons = new Dictionary<long, string>(plan.Reasons);
        foreach (var start in plan.Starts.GroupBy(s => s.JobId))
        {
            if (!nodes.WorldConnected && !reasons.ContainsKey(start.Key))
            {
                var where = string.Join(',', start.SelectMany(s => s.Nodes).Distinct());
                reasons[start.Key] = string.Create(CultureInfo.InvariantCulture,
                    $"admitted by policy (would start on {where}); waiting for an execution world: none is connected");
            }
        }

        // Published whole and never changed after: readers need no lock.
        Volatile.Write(ref _reasons, reasons);
        _seenVersion = state.Version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sinceFull = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (queue.State.Version != _seenVersion || sinceFull >= TimeSpan.FromSeconds(5))
                {
                    Refresh();
                    sinceFull = TimeSpan.Zero;
                }

                await Task.Delay(Tick, time, stoppingToken).ConfigureAwait(false);
                sinceFull += Tick;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                LogPassFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "an admission pass failed; the previous reasons stay")]
    private partial void LogPassFailed(Exception exception);
}
