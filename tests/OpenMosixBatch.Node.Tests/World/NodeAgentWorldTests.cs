using System.Collections.Concurrent;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Procfs;
using OpenMosixBatch.Node.Tests.Execution;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// Real node agents in a world of several ranks in one process (<see cref="InProcessWorld"/>, no mpiexec), running
/// real tasks under real shepherds: a relaunched world adopts what the ranks before it left, a world with a rank fewer
/// or one more carries on, a world that stops without the server's stop leaves its tasks running, and a rank cut off
/// from rank 0 fences itself while the others carry on.
/// </summary>
public sealed class NodeAgentWorldTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-world-");
    private readonly List<TaskProcess> _abandoned = [];
    private readonly List<int> _groups = [];
    private readonly List<WorldNode> _nodes = [];

    [Fact]
    public async Task Relaunch_TaskLeftByTheNodesRankBefore_IsAdoptedWithItsPid_ListedInTheTicks_AndItsEndReportedOnce()
    {
        var left = Abandon("node1", Job(1, "#!/bin/sh\nwhile [ ! -e go ]; do sleep 0.05; done\nexit 7\n"));
        var world = new InProcessWorld(3);
        var gateway = new GatewayRank(world.Ranks[0]);
        var node1 = await StartAsync(world, 1, "node1");
        await StartAsync(world, 2, "node2");

        Assert.Equal(1, node1.Adopted);
        await TickUntilAsync(world, () => gateway.TasksOn("node1").Contains(new TaskKey(1, 0)), "the adopted task in a tick");
        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Started, JobId: 1 }), "the adopted task's start");
        Assert.Equal(left.Pid, gateway.Events.Single(e => e is { Kind: TaskEventKind.Started, JobId: 1 }).SessionId);
        Assert.DoesNotContain(gateway.Events, e => e.Kind == TaskEventKind.Ended);

        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "go"), "");
        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Ended, JobId: 1 }), "the adopted task's end");
        await TickAsync(world, 5);

        var ended = Assert.Single(gateway.Events, e => e is { Kind: TaskEventKind.Ended, JobId: 1 });
        Assert.Equal(("node1", 7), (ended.Node, ended.ExitStatus));

        // Its start again (the report may have been lost with the old world) and the drop of any move the old rank had
        // under way, then its end: nothing else, and never lost.
        Assert.Equal([TaskEventKind.Started, TaskEventKind.MigrationDropped, TaskEventKind.Ended],
            gateway.Events.Where(e => e.JobId == 1).Select(e => e.Kind));
        await StopAsync(world, gateway);
    }

    [Fact]
    public async Task Relaunch_WithOneRankFewer_TheStayingNodeAdoptsItsTask_AndTheLeftNodesTaskIsInNoTick()
    {
        var staying = Abandon("node1", Job(1, "#!/bin/sh\nsleep 60\n"));
        Abandon("node2", Job(2, "#!/bin/sh\nsleep 60\n"));
        var world = new InProcessWorld(2);
        var gateway = new GatewayRank(world.Ranks[0]);
        var node1 = await StartAsync(world, 1, "node1");

        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Started, JobId: 1 }), "the staying node's task's start");
        await TickAsync(world, 3);

        Assert.Equal(staying.Pid, gateway.Events.Single(e => e is { Kind: TaskEventKind.Started, JobId: 1 }).SessionId);
        Assert.Equal([new TaskKey(1, 0)], gateway.Loads.SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex))));
        Assert.DoesNotContain(gateway.Events, e => e.JobId == 2);
        Assert.Equal(["gateway", "node1"], gateway.Loads.Select(l => l.Node));
        Assert.Contains(new TaskKey(1, 0), node1.Runner.Running);

        // qdel of the adopted task reaches it through the new world.
        gateway.Kill(1, "node1", 1);
        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Ended, JobId: 1 }), "the killed task's end");
        await TickUntilAsync(world, () => !staying.GroupAlive(), "the adopted task's group to end");
        await StopAsync(world, gateway);
    }

    [Fact]
    public async Task Join_ANodeNewToTheWorld_ShowsInTheTicksAndRunsWhatItIsSent_WhileTheAdoptedTaskRunsOn()
    {
        var adopted = Abandon("node1", Job(1, "#!/bin/sh\nsleep 60\n"));
        var world = new InProcessWorld(3);
        var gateway = new GatewayRank(world.Ranks[0]);
        await StartAsync(world, 1, "node1");
        var node3 = await StartAsync(world, 2, "node3");
        Assert.Equal(0, node3.Adopted);

        await TickUntilAsync(world, () => gateway.Loads.Any(l => l is { Node: "node3", Rank: 2 }), "the new node's load");
        gateway.Start(Job(2, "#!/bin/sh\nexit 3\n"), "node3", 2);
        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Ended, JobId: 2 }), "the new node's task's end");

        var ended = gateway.Events.Single(e => e is { Kind: TaskEventKind.Ended, JobId: 2 });
        Assert.Equal(("node3", 3), (ended.Node, ended.ExitStatus));
        Assert.True(adopted.GroupAlive(), "the adopted task was disturbed by the join");
        Assert.Contains(new TaskKey(1, 0), gateway.TasksOn("node1"));
        Assert.Equal([TaskEventKind.Started, TaskEventKind.MigrationDropped], gateway.Events.Where(e => e.JobId == 1).Select(e => e.Kind));
        await StopAsync(world, gateway);
    }

    [Fact]
    public async Task Events_QueuedTogetherOnANode_GoToRankZeroAsOneMessage()
    {
        var world = new InProcessWorld(2);
        var gateway = new GatewayRank(world.Ranks[0]);
        var spool = WorldNode.SpoolOf(_dir.FullName, "node1");
        spool.CreateRoot(Path.Combine(_dir.FullName, "spool"));
        var procfs = new ProcfsReader();
        // Root's tasks are refused on this node, each reported ended at once: five ends queued before the agent runs.
        var runner = new TaskRunner("node1", 1, spool, procfs, TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: false));
        for (var id = 1; id <= 5; id++)
        {
            runner.Start(new TaskStartOrder(Job(id, "#!/bin/sh\nexit 0\n"), 0, ["node1"]));
        }

        var sampler = new NodeLoadSampler(new NodeCapacity("node1", 1, 2, 4L << 30, 1.0), procfs, runner, TimeProvider.System);
        world.Ranks[1].UpdateReport(sampler.Sample());
        using var agent = new NodeAgent(world.Ranks[1], runner, sampler, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance) { TickInterval = TimeSpan.FromMilliseconds(100) };
        var run = Task.Run(agent.RunAsync);

        await TickUntilAsync(world, () => gateway.Events.Count == 5, "the five refused tasks' ends at rank 0");

        Assert.Equal([1L, 2, 3, 4, 5], gateway.Events.Select(e => e.JobId));
        Assert.All(gateway.Events, e => Assert.Equal(TaskEventKind.Ended, e.Kind));
        Assert.Equal(1, gateway.EventMessages);
        gateway.Leave();
        Assert.True(world.Tick(), "the tick after the stop request is not the final one");
        await run.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_NotTheServersStopOfTheTasks_LeavesTheRunningTaskToItsShepherd_ForTheNextWorldToAdopt()
    {
        var world = new InProcessWorld(2);
        var gateway = new GatewayRank(world.Ranks[0]);
        await StartAsync(world, 1, "node1");
        await TickAsync(world, 1);
        gateway.Start(Job(1, "#!/bin/sh\nsleep 60\n"), "node1", 1);
        await TickUntilAsync(world, () => gateway.Events.Any(e => e is { Kind: TaskEventKind.Started, JobId: 1 }), "the task's start");
        var pid = gateway.Events.Single(e => e.Kind == TaskEventKind.Started).SessionId!.Value;
        _groups.Add(pid);

        await StopAsync(world, gateway);

        Assert.DoesNotContain(gateway.Events, e => e.JobId == 1 && e.Kind != TaskEventKind.Started);
        Assert.True(Signals.SendToProcess(pid, 0), "the task did not outlive its world");
        Assert.Single(WorldNode.SpoolOf(_dir.FullName, "node1").Leftovers());
        Signals.SendToGroup(pid, Signals.SigKill);
        await TickUntilAsync(world, () => !Signals.SendToProcess(pid, 0), "the task to end once killed");
    }

    [Fact]
    public async Task Silence_ARankCutOffFromRankZero_FencesItself_EndingItsTask_WhileRankZeroHearsOnlyItFallSilent()
    {
        var world = new InProcessWorld(3);
        var gateway = new GatewayRank(world.Ranks[0]);
        var exits1 = new ConcurrentQueue<int>();
        var exits2 = new ConcurrentQueue<int>();
        var node1 = await StartAsync(world, 1, "node1", TimeSpan.FromSeconds(1), exits1.Enqueue);
        await StartAsync(world, 2, "node2", TimeSpan.FromSeconds(3), exits2.Enqueue);
        await TickAsync(world, 1);
        gateway.Start(Job(1, "#!/bin/sh\nsleep 60\n"), "node1", 1);
        gateway.Start(Job(2, "#!/bin/sh\nsleep 60\n"), "node2", 2);
        await TickUntilAsync(world, () => gateway.Events.Count(e => e.Kind == TaskEventKind.Started) == 2, "both tasks' starts");
        var pid1 = gateway.Events.Single(e => e is { Kind: TaskEventKind.Started, JobId: 1 }).SessionId!.Value;
        var pid2 = gateway.Events.Single(e => e is { Kind: TaskEventKind.Started, JobId: 2 }).SessionId!.Value;
        _groups.AddRange([pid1, pid2]);

        world.Cut(1);
        await TickUntilAsync(world, () => !exits1.IsEmpty, "the cut-off rank to fence itself");
        await TickUntilAsync(world, () => !Signals.SendToProcess(pid1, 0), "the fenced rank's task to end");

        // Rank 0 hears the cut rank fall silent (what it reports to the server, which marks the node down and resumes its
        // tasks elsewhere); the fenced rank's own report of the end is lost on the cut link. The rank still linked hears
        // rank 0's heartbeats although no tick completes, and neither fences nor disturbs its task.
        Assert.Equal([NodeAgent.FencedExitCode], exits1);
        Assert.Empty(node1.Runner.Running);
        Assert.True(world.Ranks[0].Silences()[1] >= TimeSpan.FromSeconds(1), "rank 0 still hears the cut-off rank");
        Assert.DoesNotContain(gateway.Events, e => e.JobId == 1 && e.Kind != TaskEventKind.Started);
        await TickAsync(world, 35);
        Assert.Empty(exits2);
        Assert.True(world.Ranks[0].Silences()[2] < TimeSpan.FromSeconds(3), "rank 0 took the linked rank for silent");
        Assert.True(Signals.SendToProcess(pid2, 0), "the linked rank's task was disturbed");

        world.Mend();
        await StopAsync(world, gateway);
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        foreach (var group in _abandoned.Where(p => p.GroupAlive()).Select(p => p.ProcessGroup).Concat(_groups))
        {
            Signals.SendToGroup(group, Signals.SigKill);
        }

        // A killed task's shepherd writes its end into the spool as it goes: the spool is removed once they are gone.
        Task.WhenAll(_abandoned.Select(p => p.Ended)).Wait(Deadline);
        foreach (var process in _abandoned)
        {
            process.Dispose();
        }

        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                _dir.Delete(recursive: true);
                return;
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(start) < Deadline)
            {
                Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System).Wait();
            }
        }
    }

    private async Task<WorldNode> StartAsync(InProcessWorld world, int rank, string name, TimeSpan unreachableAfter = default, Action<int>? exit = null)
    {
        var node = await WorldNode.StartAsync(world.Ranks[rank], name, _dir.FullName, unreachableAfter, exit);
        _nodes.Add(node);
        return node;
    }

    private TaskProcess Abandon(string node, Job job)
    {
        var process = WorldNode.Abandon(_dir.FullName, node, job);
        _abandoned.Add(process);
        return process;
    }

    private Job Job(long id, string script) => RunnerJobs.Running(id, _dir.FullName, script);

    /// <summary>Stops the world at the next tick (the server's stop of the world, not of its tasks) and waits for every agent's run to end.</summary>
    private async Task StopAsync(InProcessWorld world, GatewayRank gateway)
    {
        gateway.Leave();
        Assert.True(world.Tick(), "the tick after the stop request is not the final one");
        foreach (var node in _nodes)
        {
            await node.Run.WaitAsync(Deadline);
        }
    }

    private static async Task TickAsync(InProcessWorld world, int ticks)
    {
        for (var i = 0; i < ticks; i++)
        {
            world.Tick();
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    /// <summary>Ticks every 100 ms until <paramref name="done"/>, failing after the deadline with what was awaited.</summary>
    private static async Task TickUntilAsync(InProcessWorld world, Func<bool> done, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!done())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < Deadline, $"timed out waiting for {what}");
            world.Tick();
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }
}
