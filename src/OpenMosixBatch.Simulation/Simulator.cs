using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation;

/// <summary>
/// Replays jobs on a virtual clock through the server's admission pass (<see cref="AdmissionPolicy.Plan(QueueIndex,
/// Func{long, Job?}, IReadOnlyList{NodeSnapshot}, AdmissionSettings, DateTimeOffset)"/>), which places with
/// <c>TaskPlacer</c> and reserves with <c>ReservationBook</c>: the clock jumps from event to event (a submission, an
/// end), and after each event time one pass decides what starts, exactly as the server's dispatcher would.
/// </summary>
/// <remarks>
/// A trace job of P processors is one task of P one-CPU chunks, so it fits on any node sizes the way a PBS
/// <c>nodes=P</c> request does (a job from the server's history keeps its own chunks). Jobs never fail and are never
/// killed at their walltime: they run their traced time.
/// </remarks>
public sealed partial class Simulator
{
    /// <summary>The priority the pinned head gets (see <see cref="SimulationPolicy.PinHead"/>); trace jobs have 0.</summary>
    private const int PinnedPriority = 1;
    private static readonly JobOwner Owner = new(0, 0, "trace");
    private static readonly JobSpec Template = new() { Name = "trace", WorkingDirectory = "/", SubmitDirectory = "/" };

    private readonly IReadOnlyList<TraceJob> _trace;
    private readonly SimulationPolicy _policy;
    private readonly NodeLedger _ledger;
    private readonly long _cpus;
    private readonly Dictionary<long, Job> _jobs = [];
    private readonly PriorityQueue<long, long> _ends = new();
    private readonly List<JobOutcome> _outcomes;
    private readonly List<TimelineSample> _timeline = [];
    private QueueIndex _index;
    private long _runningCpus;
    private long? _pinned;
    private (long Head, DateTimeOffset? At)? _greedyReservation;

    private Simulator(IReadOnlyList<TraceJob> trace, IReadOnlyList<NodeSnapshot> nodes, SimulationPolicy policy)
    {
        _trace = trace;
        _policy = policy;
        _ledger = new NodeLedger(nodes, policy.Admission.Mode);
        _cpus = nodes.Sum(n => (long)n.Cpus);
        _outcomes = new List<JobOutcome>(trace.Count);
        _index = QueueIndex.EmptyIn(policy.Admission.Order);
    }

    /// <summary>Runs <paramref name="jobs"/> (in submission order) from an empty cluster until nothing more can happen.</summary>
    public static SimulationRun Run(IReadOnlyList<TraceJob> jobs, IReadOnlyList<NodeSnapshot> nodes, SimulationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(policy);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("a simulated cluster needs at least one node", nameof(nodes));
        }

        return new Simulator(jobs, nodes, policy).Run();
    }

    private SimulationRun Run()
    {
        var next = 0;
        while (next < _trace.Count || _ends.Count > 0)
        {
            var t = Math.Min(next < _trace.Count ? _trace[next].Submit : long.MaxValue, _ends.TryPeek(out _, out var end) ? end : long.MaxValue);
            while (_ends.TryPeek(out var id, out var at) && at <= t)
            {
                _ends.Dequeue();
                End(id);
            }

            while (next < _trace.Count && _trace[next].Submit <= t)
            {
                Submit(next, _trace[next]);
                next++;
            }

            Pass(t);
            _timeline.Add(new TimelineSample(t, _index.Pending.Count, _runningCpus));
        }

        return new SimulationRun(_outcomes, _index.Pending.Count, _cpus, _timeline);
    }

    private void Pass(long t)
    {
        var now = At(t);
        var settings = _policy.Greedy ? _policy.Admission with { Backfill = BackfillMode.None } : _policy.Admission;
        var plan = AdmissionPolicy.Plan(_index, _jobs.GetValueOrDefault, _ledger, settings, now);
        foreach (var start in plan.Starts)
        {
            Start(start.JobId, start.Nodes, t);
        }

        if (_policy.Greedy)
        {
            GreedyBackfill(t, now);
        }

        if (_policy.PinHead && _pinned is null && _index.Pending.Count > 0)
        {
            var head = _jobs[_index.Pending.Min.JobId];
            Replace(head, head with { Spec = head.Spec with { Priority = PinnedPriority } });
            _pinned = head.Id;
        }
    }

    private void Submit(int position, TraceJob job)
    {
        var walltime = job.RequestedTime is { } r ? TimeSpan.FromSeconds(r) : (TimeSpan?)null;
        var request = job.Shapes is { } shapes ? shapes with { Walltime = walltime }
            : new ResourceRequest(job.Processors / job.CpusPerChunk, job.CpusPerChunk, job.MemoryKbPerProcessor * 1024 * job.CpusPerChunk, walltime);
        Replace(null, new Job
        {
            Id = position + 1,
            Spec = Template with { Resources = request },
            Owner = Owner,
            SubmitTime = At(job.Submit),
            State = JobState.Queued,
            DependenciesMet = true,
            Tasks = [new JobTask(0, JobState.Queued)],
        });
    }

    /// <summary>Records the start of a task the pass (or the greedy backfill) placed: they allocated it on the ledger already.</summary>
    private void Start(long id, IReadOnlyList<string> nodes, long t)
    {
        var job = _jobs[id];
        var task = job.Tasks[0] with { State = JobState.Running, Node = ExecutionHosts.Of(nodes), StartTime = At(t) };
        Replace(job, job with { State = JobState.Running, StartTime = At(t), Tasks = [task] });
        var traced = _trace[(int)id - 1];
        _runningCpus += traced.Processors;
        _ends.Enqueue(id, t + traced.Run);
        _outcomes.Add(new JobOutcome(traced, t, t + traced.Run));
        if (_pinned == id)
        {
            _pinned = null;
        }
    }

    private void End(long id)
    {
        var job = _jobs[id];
        var task = job.Tasks[0];
        _ledger.ReleaseChunks(task.Node!, job.Spec.Resources);
        _runningCpus -= _trace[(int)id - 1].Processors;
        _index = _index.Replace(job, null);
        _jobs.Remove(id);
    }

    private void Replace(Job? before, Job after)
    {
        _index = _index.Replace(before, after);
        _jobs[after.Id] = after;
    }

    private static DateTimeOffset At(long seconds) => DateTimeOffset.UnixEpoch.AddSeconds(seconds);
}
