using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Health;
using OpenMosixBatch.Node.Hosting;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Migration;
using OpenMosixBatch.Node.Procfs;
using OpenMosixBatch.Node.World;
using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

// omb-node: one rank of the MPI world. Logs go to stderr (mpiexec forwards them to whoever launched the world).
// First of all: the rank's files are private whatever umask it was given; its tasks get that umask back.
var taskUmask = FileCreationMask.MakePrivate();
if (args is [HealthProbe.Switch, ..])
{
    // The server's check of a node before it joins: no MPI, one run of the health program.
    return await HealthProbe.RunAsync(args, Console.Out);
}

var (line, usageError) = NodeCommandLine.Parse(args);
if (line is null)
{
    await Console.Error.WriteLineAsync(usageError);
    return 2;
}

var leastLevel = NodeLogLevel.FromEnvironment();
using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss.fff ";
}).AddFilter(level => level >= leastLevel));
var logger = logging.CreateLogger("OpenMosixBatch.Node");
var time = TimeProvider.System;
var procfs = new ProcfsReader();

var pump = await MpiPump<NodeLoad>.StartAsync(args, new NodeLoad("", -1, 0, 0, 1, 0, 0, 0, []),
    new MpiPumpOptions { TickInterval = line.Tick }, JsonMpiSerializer.Default, time, logger, CancellationToken.None);
NodeCapacity capacity;
bool sharedHost;
try
{
    (capacity, sharedHost) = NodeIdentity.Resolve(line, pump.Rank, procfs);
    capacity = capacity with { Gpus = NodeIdentity.EffectiveGpus(capacity, sharedHost, line.GpuRoot) };
}
catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException)
{
    await Console.Error.WriteLineAsync($"omb node: rank {pump.Rank}: {e.Message}");
    MPI.Environment.Abort(2);
    return 2;
}

if (capacity.CpuSet is { Count: > 0 } cpuSet && CpuAffinity.PinProcess(cpuSet) > 0)
{
    await Console.Error.WriteLineAsync($"omb node: rank {pump.Rank}: could not pin every thread to CPUs {OpenMosixBatch.Core.Parsing.CpuListParser.Format(cpuSet)}: check the node's \"cpuset\" against the host's CPUs (nproc)");
}

var spoolRoot = line.Spool ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".omb", "spool");
var spool = new TaskSpool(Path.Combine(spoolRoot, capacity.Name));
spool.CreateRoot(spoolRoot);
var launcherSocket = spool.Root + ".launcher.sock";
using var launcher = line.NodeLauncher && NodeLauncher.Fits(launcherSocket) && LaunchTools.System.Shepherd is { } shepherdProgram
    ? new NodeLauncher(launcherSocket, shepherdProgram)
    : null;
var runner = new TaskRunner(capacity.Name, pump.Rank, spool, procfs, time, line.KillGrace, RunAsSettings.ForThisProcess(line.AllowRootJobs) with { TaskUmask = taskUmask })
{
    MaxCheckpointBytes = line.MaxCheckpointBytes,
    Launcher = launcher,
    ServerSocket = line.Server,
    RemoteShell = File.Exists(Path.Combine(AppContext.BaseDirectory, "pbs_tmrsh")) ? Path.Combine(AppContext.BaseDirectory, "pbs_tmrsh") : null,
};
runner.Checkpoints.Clear();

// Tasks outlive their rank: what the previous rank of this node started is adopted before the first load goes out.
var (adopted, reaped) = await new ShepherdAdopter(spool, runner, procfs, time, logger).AdoptAsync(CancellationToken.None);
NodeLog.Adopted(logger, pump.Rank, adopted, reaped);
// Parts are not adopted (nothing would relay them): what a dead rank left is ended and accounted in the background.
var leftoverParts = runner.EndLeftoverParts();
if (leftoverParts.Count > 0)
{
    NodeLog.LeftoverParts(logger, pump.Rank, leftoverParts.Count);
}

var health = line.HealthProgram is { } healthProgram ? new HealthCheck(healthProgram, capacity.Name, line.HealthInterval, line.HealthTimeout, time, logger) : null;
var sampler = new NodeLoadSampler(capacity, procfs, runner, time, sharedHost, health);
pump.UpdateReport(sampler.Sample());

using var link = pump.Rank == 0 ? new ServerLink(line.Server, line.WorldId ?? "w" + Guid.NewGuid().ToString("N")[..12], time, logger) : null;
using var agent = new NodeAgent(new MpiRankTransport(pump), runner, sampler, link, line.KillGrace, line.MigrateGrace, time, logger)
{
    TickInterval = line.Tick,
    UnreachableAfter = line.UnreachableAfter ?? TimeSpan.Zero,
};
if (link is not null)
{
    // Rank 0 plans migrations on every tick from the loads the ranks exchanged (DESIGN §6).
    var policy = RebalancingPolicy.Default with { InFlightLimit = line.MigrateGrace + TimeSpan.FromMinutes(1) };
    var rebalancer = new Rebalancer(policy, agent.RequestMigration, agent.ReportStay, logger);
    agent.OrderObserved = order => rebalancer.Observe(order, time.GetUtcNow());
    agent.TickObserved = loads => rebalancer.Tick(loads, time.GetUtcNow());
}

// SIGTERM or Ctrl-C: leave MPI together, rather than die in the middle of a collective; the tasks run on, held by
// their shepherds, for the next world's rank to adopt.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    agent.RequestStop();
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
NodeLog.Started(logger, pump.Rank, pump.Size, capacity.Name, capacity.Cpus, capacity.MemoryBytes >> 20, sharedHost);
using var healthStop = new CancellationTokenSource();
var healthRuns = health is null ? Task.CompletedTask : Task.Run(() => health.RunAsync(healthStop.Token));
await agent.RunAsync();
await healthStop.CancelAsync();
await healthRuns;
await pump.DisposeAsync();
return 0;
