using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Procfs;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// One node's rank in an <see cref="InProcessWorld"/>, set up as <c>omb-node</c> sets it up: its task runner on the
/// node's spool, the adoption of what the node's previous rank left, the load sampler, and a real
/// <see cref="NodeAgent"/> (no server link: the test plays the gateway at rank 0).
/// </summary>
internal sealed class WorldNode : IDisposable
{
    private WorldNode(string name, TaskRunner runner, NodeAgent agent, Task run, int adopted)
    {
        Name = name;
        Runner = runner;
        Agent = agent;
        Run = run;
        Adopted = adopted;
    }

    public string Name { get; }

    public TaskRunner Runner { get; }

    public NodeAgent Agent { get; }

    /// <summary>The agent's run, which ends after the world's final tick.</summary>
    public Task Run { get; }

    /// <summary>How many tasks the node's previous rank left that this one adopted.</summary>
    public int Adopted { get; }

    /// <summary>The spool of <paramref name="name"/> under <paramref name="root"/> (where every world's rank of the node finds it).</summary>
    public static TaskSpool SpoolOf(string root, string name) => new(Path.Combine(root, "spool", name));

    /// <summary>
    /// Starts the rank of <paramref name="name"/>, adopting what its rank before left; <paramref name="unreachableAfter"/>
    /// and <paramref name="exit"/> as the agent's (a cut-off rank fences itself, and its exit is recorded, not taken).
    /// </summary>
    public static async Task<WorldNode> StartAsync(InProcessRank rank, string name, string root, TimeSpan unreachableAfter = default, Action<int>? exit = null)
    {
        var spool = SpoolOf(root, name);
        spool.CreateRoot(Path.Combine(root, "spool"));
        var procfs = new ProcfsReader();
        var runner = new TaskRunner(name, rank.Rank, spool, procfs, TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
        runner.Checkpoints.Clear();
        var (adopted, _) = await new ShepherdAdopter(spool, runner, procfs, TimeProvider.System, NullLogger.Instance).AdoptAsync(CancellationToken.None);
        var sampler = new NodeLoadSampler(new NodeCapacity(name, rank.Rank, 2, 4L << 30, 1.0), procfs, runner, TimeProvider.System);
        rank.UpdateReport(sampler.Sample());
        var agent = new NodeAgent(rank, runner, sampler, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance)
        {
            TickInterval = TimeSpan.FromMilliseconds(100),
            UnreachableAfter = unreachableAfter,
            Exit = exit ?? (status => throw new InvalidOperationException($"the rank tried to exit with {status}")),
        };
        return new WorldNode(name, runner, agent, Task.Run(agent.RunAsync), adopted);
    }

    /// <summary>
    /// What a rank of <paramref name="node"/> that died leaves: the task's files and records in the node's spool, and
    /// its shepherd holding it.
    /// </summary>
    public static TaskProcess Abandon(string root, string node, Job job)
    {
        var spool = SpoolOf(root, node);
        spool.CreateRoot(Path.Combine(root, "spool"));
        var order = new TaskStartOrder(job, 0, [node]);
        var (exe, args, nodeFile, checkpoint) = spool.Prepare(order);
        var env = TaskEnvironment.Build(job, job.Tasks[0], node, 1, checkpoint, nodeFile);
        env["PATH"] = "/usr/bin:/bin";
        var (output, error) = OutputPaths.For(job, 0);
        spool.RecordOrder(job.Id, 0, new Api.Contracts.WorldOrder(Api.Contracts.WorldOrderKind.Start, job.Id, 0, job, order.Nodes));
        var process = TaskProcess.Start(new TaskLaunch(exe, args, job.Spec.WorkingDirectory, env, output, error) { Record = spool.ShepherdRecordOf(job.Id, 0) }, TimeProvider.System);
        spool.RecordSession(job.Id, 0, process.ProcessGroup, new ProcfsReader().ReadStartTicks(process.Pid), process.StartTime, switchedUser: false);
        return process;
    }

    public void Dispose() => Agent.Dispose();
}
