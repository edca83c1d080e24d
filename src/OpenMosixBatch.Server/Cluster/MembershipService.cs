using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Membership;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Carries out the membership decisions (<see cref="MembershipMachine"/>: decide, then act): stores them, runs a
/// joining node's health check, stops placing on a leaving node and requeues its tasks for <c>--now</c>, clears the
/// marks, and asks the supervisor for the next world. Every second it feeds the machine what it watches: the tasks
/// left on leaving nodes, nodes marked unreachable, and (every rejoin interval) whether a cut-off node is back.
/// </summary>
/// <remarks>One change at a time: requests, check results and the watch take one gate, so a decision always reads the
/// state the previous one left. SIGHUP reloads conf/cluster.json, as <c>omb node reload</c> does.</remarks>
public sealed partial class MembershipService(
    ClusterMembership membership,
    NodeAdminStates admin,
    JobQueue queue,
    WorldGateway gateway,
    TuneBroadcaster tune,
    WorldSupervisor supervisor,
    JoinHealthCheck check,
    ServerConfiguration configuration,
    IOptions<OmbServerOptions> options,
    TimeProvider time,
    ILogger<MembershipService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _lastProbe = new(StringComparer.Ordinal);
    private readonly HashSet<string> _probing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeLoad?> _leftAt = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    /// <summary>Decides <paramref name="e"/> for <paramref name="node"/> and acts on it.</summary>
    /// <param name="spec">The node's capacity when it is new to the cluster.</param>
    /// <param name="configured">True when the node comes from the cluster file (a reload).</param>
    /// <exception cref="IOException">The membership could not be stored: nothing changed.</exception>
    public async Task<MembershipStep> RequestAsync(string node, MembershipEvent e, NodeSnapshot? spec = null, bool configured = false)
    {
        await _gate.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            return await StepAsync(node, e, spec, configured).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = ReloadLoggedAsync();
        });
        if (membership.Restored)
        {
            // The cluster file may have changed while no server ran.
            await ReloadLoggedAsync().ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotStored(e.Message.ReplaceLineEndings(" "));
            }
        }
    }

    private async Task WatchAsync()
    {
        await _gate.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            await WatchLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WatchLockedAsync()
    {
        var entries = admin.Entries;
        var now = time.GetUtcNow();
        foreach (var entry in membership.Entries)
        {
            var name = entry.Node.Name;
            var cut = entries.GetValueOrDefault(name)?.Source == OfflineSource.Unreachable;
            MembershipEvent? e = entry.State.Phase switch
            {
                MembershipPhase.Leaving => new MembershipEvent(MembershipEventKind.TasksCounted, TasksLeft: NodeTable.TasksOn(queue.State, name),
                    ProcessesLeft: ProcessesLeft(name)),
                MembershipPhase.Member when cut => MembershipEvent.Of(MembershipEventKind.Unreachable),
                MembershipPhase.Joining when !_probing.Contains(name) => MembershipEvent.Of(MembershipEventKind.ProbeDue),
                // Whatever its mark says: a node restored cut from members.json is looked at as one cut here was.
                MembershipPhase.Cut when now - _lastProbe.GetValueOrDefault(name) >= options.Value.World.RejoinInterval
                    => new MembershipEvent(MembershipEventKind.ProbeDue, Held: Held(name)),
                _ => null,
            };
            if (e is { } due)
            {
                if (due.Kind == MembershipEventKind.Unreachable)
                {
                    // The first look whether it is back comes one rejoin interval after the cut, not at once.
                    _lastProbe[name] = now;
                }

                await StepAsync(name, due, null, false).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when an administrator has <paramref name="node"/> offline (pbsnodes -o), before or since it was cut off.</summary>
    private bool Held(string node) => admin.Entries.GetValueOrDefault(node) is { Source: OfflineSource.Administrator } or { Held: true };

    /// <summary>
    /// How many tasks <paramref name="node"/>'s rank runs by its latest report, or null while it has sent none since the
    /// node began to leave (a report sampled before the kill orders could still miss a task that was just starting).
    /// </summary>
    private int? ProcessesLeft(string node)
    {
        var load = gateway.Current?.Loads.GetValueOrDefault(node);
        return load is null || ReferenceEquals(load, _leftAt.GetValueOrDefault(node)) ? null : load.Tasks.Count;
    }

    private async Task<MembershipStep> StepAsync(string node, MembershipEvent e, NodeSnapshot? spec, bool configured)
    {
        var entry = membership.Find(node);
        var others = supervisor.Desired().Count(n => n.Name != node);
        var step = MembershipMachine.Decide(entry?.State, e, onlyMember: entry?.State.InWorld == true && others == 0);
        if (step.Refused)
        {
            return step;
        }

        var newCapacity = e.Kind == MembershipEventKind.CapacityChanged && spec is not null && step.Actions.HasFlag(MembershipAction.Store);
        spec ??= entry?.Node;
        if (step.Next != entry?.State || newCapacity)
        {
            membership.Apply(node, spec, step.Next, configured);
            LogChanged(node, entry?.State.Phase.ToString() ?? "out", step.Next?.Phase.ToString() ?? "out", e.Kind, step.Actions);
        }

        var a = step.Actions;
        if ((a & (MembershipAction.StopPlacing | MembershipAction.RequeueTasks)) != 0)
        {
            // Only the rank's reports after this one count the processes left there.
            _leftAt[node] = gateway.Current?.Loads.GetValueOrDefault(node);
        }

        if (a.HasFlag(MembershipAction.StopPlacing))
        {
            admin.Update(node, current => current ?? new NodeOffline(MembershipText.LeavingComment, OfflineSource.Leaving));
        }

        if (a.HasFlag(MembershipAction.ClearOffline))
        {
            admin.Update(node, current => current?.Source is OfflineSource.Leaving or OfflineSource.Unreachable ? null : current);
        }

        if ((a & (MembershipAction.StopPlacing | MembershipAction.ClearOffline | MembershipAction.Store)) != 0)
        {
            // Admission sees the change at once; the planner expels a leaving node's migratable tasks.
            gateway.Signal();
            tune.Send();
        }

        if (a.HasFlag(MembershipAction.RequeueTasks))
        {
            await EvictAsync(node).ConfigureAwait(false);
        }

        if (a.HasFlag(MembershipAction.RunHealthCheck) && spec is not null && _probing.Add(node))
        {
            _lastProbe[node] = time.GetUtcNow();
            _ = ProbeAsync(spec);
        }

        if (a.HasFlag(MembershipAction.Relaunch))
        {
            var reason = step.Next is null ? $"node {node} left" : newCapacity ? $"node {node}'s capacity changed" : $"node {node} joined";
            if (!supervisor.RequestRelaunch(reason))
            {
                LogNotRelaunched(node);
            }
        }

        return step;
    }

    private async Task EvictAsync(string node)
    {
        var command = new NodeEvictionCommand(node, $"its node {node} was removed from the cluster (omb node remove --now)");
        var count = await queue.EnqueueAsync(command).ConfigureAwait(false);
        foreach (var order in command.KillOrders)
        {
            gateway.Send(order);
        }

        LogEvicted(node, count);
    }

    private async Task ProbeAsync(NodeSnapshot node)
    {
        string? failure;
        try
        {
            failure = await check.RunAsync(node, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await _gate.WaitAsync(_stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            _probing.Remove(node.Name);
            if (failure is null)
            {
                LogPassed(node.Name);
            }
            else
            {
                LogFailed(node.Name, failure);
            }

            await StepAsync(node.Name, new MembershipEvent(failure is null ? MembershipEventKind.HealthPassed : MembershipEventKind.HealthFailed, Detail: failure,
                    Held: Held(node.Name)), null, false)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotStored(e.Message.ReplaceLineEndings(" "));
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
