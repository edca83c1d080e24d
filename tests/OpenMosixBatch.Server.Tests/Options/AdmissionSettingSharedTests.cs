using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Simulation;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Server.Tests.Options;

/// <summary>
/// Issue 18: one setting in omb.json changes the server's admission and <c>omb simulate --conf</c> alike, because both
/// run Core's <see cref="AdmissionPolicy"/> with the settings it gives.
/// </summary>
public sealed class AdmissionSettingSharedTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-shared-");

    public void Dispose() => _dir.Delete(true);

    private string Conf(string admission)
    {
        var path = Path.Combine(_dir.FullName, "omb.json");
        File.WriteAllText(path, "{ \"Omb\": { \"Admission\": { \"CpuThreshold\": 100, \"MemoryThreshold\": 100, " + admission + " } } }");
        return path;
    }

    private static Job Queued(long id, int cpus, TimeSpan walltime, int second) => new()
    {
        Id = id,
        Spec = new JobSpec { Name = "j", WorkingDirectory = "/", SubmitDirectory = "/", Resources = new ResourceRequest(1, cpus, 0, walltime) },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = T0.AddSeconds(second),
        State = JobState.Queued,
        DependenciesMet = true,
        Tasks = [new JobTask(0, JobState.Queued)],
    };

    /// <summary>The job the server's dispatcher pass starts first on one free 2-CPU node, with the index its queue keeps.</summary>
    private static long ServerStartsFirst(AdmissionSettings settings)
    {
        var store = new InMemoryJobStore();
        using var queue = new JobQueue(store, TimeProvider.System, NullLogger<JobQueue>.Instance, settings);
        var state = QueueState.Of([Queued(1, 2, TimeSpan.FromHours(2), 0), Queued(2, 2, TimeSpan.FromMinutes(5), 10)], 3, 1, settings.Order);
        var plan = AdmissionPolicy.Plan(state.Index, state.Jobs.GetValueOrDefault, [new NodeSnapshot("n1", 2, 1L << 30)], settings, T0.AddMinutes(1));
        Assert.Equal(settings.Order, queue.State.Index.Order);
        return Assert.Single(plan.Starts).JobId;
    }

    /// <summary>The trace job omb simulate starts first on the same node with the same two jobs.</summary>
    private static long SimulationStartsFirst(string conf)
    {
        var (settings, cpu, memory) = ServerAdmissionConf.Read(File.ReadAllText(conf), conf);
        var setting = new SimulationSetting(cpu, memory, settings.Order, settings.Backfill == BackfillMode.None ? BackfillRule.None : BackfillRule.Easy);
        var run = Simulator.Run([new TraceJob(1, 0, 7200, 2, 7200, 0), new TraceJob(2, 10, 300, 2, 300, 0), new TraceJob(3, 20, 60, 2, 60, 0)],
            [new NodeSnapshot("n1", 2, 1L << 30)], setting.Policy(settings, pinHead: false));
        return run.Jobs.OrderBy(j => j.Start).ThenBy(j => j.Job.Number).Skip(1).First().Job.Number;
    }

    [Theory]
    [InlineData("\"Order\": \"fcfs\"", 1, 2)]
    [InlineData("\"Order\": \"sjf\"", 2, 3)]
    public void Order_InOmbJson_ChangesTheServerPassAndTheSimulation(string setting, long serverFirst, long simulationSecond)
    {
        var conf = Conf(setting);
        var loaded = ServerConfiguration.Load(new ServerCommandLine(null, conf, null, null, "simple", false));

        Assert.Equal(serverFirst, ServerStartsFirst(AdmissionSettingsFactory.Create(loaded.Options.Admission)));
        Assert.Equal(simulationSecond, SimulationStartsFirst(conf));
    }
}
