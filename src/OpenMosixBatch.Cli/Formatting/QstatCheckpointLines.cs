using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>
/// The checkpoint and migration attributes of qstat -f, present only when there is something to say: the policy, the
/// last committed checkpoint, the moves made and the one in flight.
/// </summary>
public static class QstatCheckpointLines
{
    /// <summary>Name/value pairs for a job; per-task values only for a job of one task (arrays show them per task).</summary>
    public static IEnumerable<(string Name, string Value)> For(Job job, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Spec.Checkpoint.Enabled)
        {
            yield return ("checkpoint", CheckpointPolicyParser.Format(job.Spec.Checkpoint));
        }

        if (job.Spec.IsArray || job.Tasks.Count != 1)
        {
            yield break;
        }

        var task = job.Tasks[0];
        if (task.LastCheckpoint is { } last)
        {
            yield return ("checkpoint_generation", Number(last.Generation));
            yield return ("last_checkpoint_time", QstatFullFormatter.Time(last.Time, zone));
            yield return ("last_checkpoint_size", SizeText.Human(last.Bytes));
        }

        if (task.BadGenerations.Count > 0)
        {
            yield return ("bad_checkpoint_generations", string.Join(',', task.BadGenerations.Select(g => Number(g))));
        }

        if (task.Migrations > 0)
        {
            yield return ("migrations", Number(task.Migrations));
        }

        if (task.LastMigration is { } move)
        {
            yield return ("last_migration", Move(move));
        }

        if (task.Migration is { } pending)
        {
            yield return ("migrating", $"{pending.From} -> {pending.To} since {QstatFullFormatter.Time(pending.Since, zone)}" + (pending.Reason is null ? "" : ": " + pending.Reason));
        }

        if (task.State == JobState.Running && task.StayReason is { } stay)
        {
            yield return ("migration", "stays: " + stay);
        }
    }

    /// <summary>The task line's additions for an array element: <c> ckpt_gen=3 migrations=2</c>, or empty.</summary>
    public static string ForTask(JobTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = task.LastCheckpoint is { } last ? " ckpt_gen=" + Number(last.Generation) : "";
        return task.Migrations > 0 ? text + " migrations=" + Number(task.Migrations) : text;
    }

    /// <summary>"node1 -> node2 in 812 ms, 4096 bytes".</summary>
    public static string Move(TaskMigration move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return string.Create(CultureInfo.InvariantCulture, $"{move.From} -> {move.To} in {(long)move.Cost.TotalMilliseconds} ms, {move.Bytes} bytes");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
