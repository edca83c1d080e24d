using System.Globalization;
using System.Text;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The tasks of a job that carry nothing but their index and state (an array's elements until they start), stored as
/// runs of text instead of one JSON object each: <c>POSITION STATE FIRST STEP COUNT</c> per run, runs separated by
/// <c>;</c>. <c>0 Queued 0 1 10000</c> is a waiting 10,000-element array. The other tasks stay in the job's JSON, in
/// order, and fill the positions no run covers.
/// </summary>
/// <remarks>
/// Writing and reading 10,000 JSON task objects took most of a 10,000-element array's submission; a run is written
/// and read with no allocation per task beyond the task itself. A task is plain when it equals a new task with its
/// index and state, so a member added to <see cref="JobTask"/> later keeps a task that sets it out of the runs.
/// </remarks>
internal static class PlainTaskRuns
{
    private const char RunSeparator = ';';
    private const char FieldSeparator = ' ';

    // By exact name only: Enum.TryParse would also take numbers and comma lists.
    private static readonly Dictionary<string, JobState> States = Enum.GetValues<JobState>().ToDictionary(s => s.ToString(), StringComparer.Ordinal);

    /// <summary>Splits <paramref name="tasks"/> into the tasks to write in full and the runs of the others (null when none).</summary>
    public static (IReadOnlyList<JobTask> Listed, string? Runs) Split(IReadOnlyList<JobTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var listed = new List<JobTask>();
        var runs = new StringBuilder();
        (int Position, JobState State, int First, long Step, int Count)? run = null;
        for (var position = 0; position < tasks.Count; position++)
        {
            var task = tasks[position];
            if (!task.Equals(new JobTask(task.Index, task.State)))
            {
                listed.Add(task);
                continue;
            }

            if (run is { } r && r.Position + r.Count == position && r.State == task.State
                && (r.Count == 1 || r.First + (r.Step * r.Count) == task.Index))
            {
                run = r with { Step = r.Count == 1 ? (long)task.Index - r.First : r.Step, Count = r.Count + 1 };
                continue;
            }

            Append(runs, run);
            run = (position, task.State, task.Index, 1, 1);
        }

        Append(runs, run);
        return runs.Length == 0 ? (tasks, null) : (listed, runs.ToString());
    }

    /// <summary>The tasks in their stored order; throws <see cref="InvalidDataException"/> when the runs do not fit the listed tasks.</summary>
    public static IReadOnlyList<JobTask> Join(IReadOnlyList<JobTask> listed, string runs)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(runs);
        var parsed = runs.Split(RunSeparator).Select(Parse).ToList();
        var total = listed.Count + parsed.Sum(r => (long)r.Count);
        if (total > ArraySpec.MaxElements)
        {
            throw new InvalidDataException($"plain task runs '{Shown(runs)}' make {total} tasks, more than a job has");
        }

        var tasks = new JobTask?[total];
        var end = 0;
        foreach (var (position, state, first, step, count) in parsed)
        {
            if (position < end || position + count > total)
            {
                throw new InvalidDataException($"plain task runs '{Shown(runs)}' overlap or reach past the job's {total} tasks");
            }

            for (var k = 0; k < count; k++)
            {
                tasks[position + k] = new JobTask(checked((int)(first + (step * k))), state);
            }

            end = position + count;
        }

        var next = 0;
        for (var position = 0; position < tasks.Length; position++)
        {
            tasks[position] ??= listed[next++];
        }

        return tasks!;
    }

    private static void Append(StringBuilder runs, (int Position, JobState State, int First, long Step, int Count)? run)
    {
        if (run is not { } r)
        {
            return;
        }

        if (runs.Length > 0)
        {
            runs.Append(RunSeparator);
        }

        runs.Append(CultureInfo.InvariantCulture, $"{r.Position}{FieldSeparator}{r.State}{FieldSeparator}{r.First}{FieldSeparator}{r.Step}{FieldSeparator}{r.Count}");
    }

    private static (int Position, JobState State, int First, long Step, int Count) Parse(string run)
    {
        var f = run.Split(FieldSeparator);
        if (f.Length != 5
            || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || !States.TryGetValue(f[1], out var state)
            || !int.TryParse(f[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(f[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var step)
            || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new InvalidDataException($"plain task run '{Shown(run)}' is not 'POSITION STATE FIRST STEP COUNT'");
        }

        var last = first + (step * (count - 1));
        if (last is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"plain task run '{Shown(run)}' reaches index {last}, beyond an array index");
        }

        return (position, state, first, step, count);
    }

    private static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
