using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation.Tests;

public sealed class SimulatorTests
{
    private static readonly Dictionary<string, AdmissionThresholds> NoQueues = [];

    private static SimulationPolicy Policy(QueueOrder order = QueueOrder.Fcfs, BackfillMode backfill = BackfillMode.Easy, double cpu = 1, bool greedy = false, bool pin = false) =>
        new(new AdmissionSettings(new AdmissionThresholds(cpu, 1), NoQueues) { Order = order, Backfill = backfill }, greedy, pin);

    private static TraceJob Job(long number, long submit, long run, int processors, long? requested = null) =>
        new(number, submit, run, processors, requested ?? run, 0);

    private static Dictionary<long, long> Starts(SimulationRun run) => run.Jobs.ToDictionary(j => j.Job.Number, j => j.Start);

    [Fact]
    public void Run_JobsThatFit_StartWhenSubmitted()
    {
        var run = Simulator.Run([Job(1, 0, 100, 1), Job(2, 5, 100, 1)], Machine.Uniform(2, 1, 1 << 30), Policy());

        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 5 }, Starts(run));
        Assert.Equal(0, run.Unstarted);
    }

    [Fact]
    public void Run_EasyBackfill_StartsTheShortJobBehindTheBlockedOne_NoneMakesItWait()
    {
        // 2 CPUs: job 1 holds one for 100 s; job 2 needs both; job 3 (10 s) fits beside job 1 and ends before 100.
        TraceJob[] jobs = [Job(1, 0, 100, 1), Job(2, 1, 50, 2), Job(3, 2, 10, 1)];
        var nodes = Machine.Uniform(2, 1, 1 << 30);

        var easy = Starts(Simulator.Run(jobs, nodes, Policy()));
        var none = Starts(Simulator.Run(jobs, nodes, Policy(backfill: BackfillMode.None)));

        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 100, [3] = 2 }, easy);
        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 100, [3] = 150 }, none);
    }

    [Fact]
    public void Run_Sjf_StartsTheShorterWaitingJobFirst()
    {
        TraceJob[] jobs = [Job(1, 0, 100, 2), Job(2, 1, 500, 2), Job(3, 2, 10, 2)];
        var nodes = Machine.Uniform(1, 2, 1 << 30);

        var fcfs = Starts(Simulator.Run(jobs, nodes, Policy()));
        var sjf = Starts(Simulator.Run(jobs, nodes, Policy(QueueOrder.Sjf)));

        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 100, [3] = 600 }, fcfs);
        Assert.Equal(new Dictionary<long, long> { [1] = 0, [3] = 100, [2] = 110 }, sjf);
    }

    [Fact]
    public void Run_PinnedHead_KeepsTheBlockedJobFirstWhenAShorterOneArrives()
    {
        // Job 2 (2 CPUs) is first and blocked behind job 1; job 3, shorter, arrives later: SJF alone lets it go first
        // at t=100, RLScheduler's discipline keeps job 2 first.
        TraceJob[] jobs = [Job(1, 0, 100, 2), Job(2, 1, 500, 2), Job(3, 50, 10, 2)];
        var nodes = Machine.Uniform(2, 1, 1 << 30);

        var sjf = Starts(Simulator.Run(jobs, nodes, Policy(QueueOrder.Sjf, BackfillMode.None)));
        var pinned = Starts(Simulator.Run(jobs, nodes, Policy(QueueOrder.Sjf, BackfillMode.None, pin: true)));

        Assert.Equal(100, sjf[3]);
        Assert.Equal(100, pinned[2]);
        Assert.Equal(600, pinned[3]);
    }

    [Fact]
    public void Run_GreedyBackfill_NeedsToEndStrictlyBeforeTheReservation()
    {
        // Job 2 is reserved at t=100; job 3 would end exactly at 100 (fits EASY's ≤, not greedy's <), job 4 before it.
        TraceJob[] jobs = [Job(1, 0, 100, 1), Job(2, 0, 50, 2), Job(3, 0, 100, 1), Job(4, 1, 98, 1)];
        var nodes = Machine.Uniform(2, 1, 1 << 30);

        var greedy = Starts(Simulator.Run(jobs, nodes, Policy(backfill: BackfillMode.None, greedy: true)));

        Assert.Equal(1, greedy[4]);
        Assert.Equal(100, greedy[2]);
        Assert.Equal(150, greedy[3]);
    }

    [Fact]
    public void Run_AJobOfSeveralChunkShapes_PlacesEachKindByItsShape()
    {
        // 2 nodes of 4 CPUs; job 1 holds 3 CPUs of one node for 100 s, leaving 1 and 4 free. Chunks of 3 and 2 CPUs (5 in
        // all) need a node each with that much free, so job 2 waits for job 1; chunks of 3 and 1 fit at once. As 1-CPU
        // chunks both would have started at once.
        TraceJob[] jobs =
        [
            new(1, 0, 100, 3, 100, 0, CpusPerChunk: 3),
            Mixed(2, 1, 3, 2),
            Mixed(3, 2, 3, 1),
        ];

        var run = Simulator.Run(jobs, Machine.Uniform(2, 4, 8L << 30), Policy());

        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 100, [3] = 2 }, Starts(run));
        Assert.Equal(0, run.Unstarted);
    }

    private static TraceJob Mixed(long number, long submit, int firstCpus, int secondCpus) =>
        new(number, submit, 10, firstCpus + secondCpus, 10, 0)
        {
            Shapes = new Core.Jobs.ResourceRequest(1, firstCpus, 0) { MoreChunks = [new Core.Jobs.ChunkKind(1, secondCpus, 0)] },
        };

    [Fact]
    public void Run_CpuThreshold_HoldsJobsBackAndReportsThoseThatCanNeverStart()
    {
        // 4 CPUs at 50%: two 1-CPU jobs run at once; a 4-CPU job never fits under the threshold.
        TraceJob[] jobs = [Job(1, 0, 10, 1), Job(2, 0, 10, 1), Job(3, 0, 10, 1), Job(4, 0, 10, 4)];

        var run = Simulator.Run(jobs, Machine.Uniform(4, 1, 1 << 30), Policy(cpu: 0.5));

        Assert.Equal(new Dictionary<long, long> { [1] = 0, [2] = 0, [3] = 10 }, Starts(run));
        Assert.Equal(1, run.Unstarted);
    }
}
