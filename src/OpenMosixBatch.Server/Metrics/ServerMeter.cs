using System.Diagnostics.Metrics;

namespace OpenMosixBatch.Server.Metrics;

/// <summary>
/// The server's event metrics (counters and histograms), on the meter <see cref="Name"/> that <c>dotnet-counters</c>
/// and the Prometheus exporter both read. Names follow OpenTelemetry's dotted form; the exporter writes them the
/// Prometheus way (<c>omb.job.wait</c> in seconds becomes <c>omb_job_wait_seconds</c>, a counter gets <c>_total</c>).
/// No instrument carries a user or a job id: only queues, nodes, states and causes.
/// </summary>
public static class ServerMeter
{
    public const string Name = "OpenMosixBatch.Server";

    /// <summary>Seconds, from a dispatch or a commit (milliseconds) to a long job's wait or run (days).</summary>
    private static readonly double[] Seconds = [0.001, 0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600];

    private static readonly Meter Meter = new(Name);

    public static Counter<long> Submissions { get; } = Meter.CreateCounter<long>("omb.job.submissions", null, "Jobs accepted into a queue.");

    public static Counter<long> TaskStarts { get; } = Meter.CreateCounter<long>("omb.task.starts", null, "Tasks started on a node (a resume after a checkpoint or a move counts).");

    public static Counter<long> TaskEnds { get; } = Meter.CreateCounter<long>("omb.task.ends", null, "Tasks that ended, by final state.");

    public static Counter<long> Refusals { get; } = Meter.CreateCounter<long>("omb.admission.refusals", null, "Requests the queue refused, by reason.");

    public static Counter<long> Migrations { get; } = Meter.CreateCounter<long>("omb.migrations", null, "Completed task migrations, by cause.");

    public static Counter<long> MigrationBytes { get; } = Meter.CreateCounter<long>("omb.migration", "By", "Checkpoint bytes moved by migrations.");

    public static Counter<long> Checkpoints { get; } = Meter.CreateCounter<long>("omb.checkpoints", null, "Checkpoints committed to the server's store.");

    public static Counter<long> WorldRelaunches { get; } = Meter.CreateCounter<long>("omb.world.relaunches", null, "Launches of the MPI world after the first.");

    public static Counter<long> AdmissionPlansKept { get; } = Meter.CreateCounter<long>("omb.admission.plans.kept", null,
        "Admission passes that kept the last plan: the queue changed only where that pass never looked.");

    public static Counter<long> WaitReasonsCompared { get; } = Meter.CreateCounter<long>("omb.admission.reasons.compared", null,
        "Waiting jobs whose deferred wait reason a sweep compared with the recorded one (tracejob's history).");

    public static Counter<long> StoreJobWrites { get; } = Meter.CreateCounter<long>("omb.store.job.writes", null,
        "Job records written to the store (a job changed twice in one group commit is written once).");

    public static Counter<long> HeapTrims { get; } = Meter.CreateCounter<long>("omb.server.heap.trims", null,
        "Compacting full collections that gave an idle server's garbage back to the system after a burst (Omb:Memory).");

    public static Histogram<double> WaitTime { get; } = Create("omb.job.wait", "Time from submission to a task's first start.");

    public static Histogram<double> RunTime { get; } = Create("omb.job.run", "Time from a task's start to its end.");

    public static Histogram<double> MigrationDuration { get; } = Create("omb.migration.duration", "Time from a move's order to the task's start on its target.");

    public static Histogram<double> AdmissionPass { get; } = Create("omb.admission.pass.duration", "Time one admission pass took.");

    public static Histogram<double> StoreCommit { get; } = Create("omb.store.commit.duration", "Time one group commit to the job store took.");

    private static Histogram<double> Create(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
}
