using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>
/// The waits of bench/migrate.sh, read from what the server recorded (OMB_HOME names the server):
/// <c>running NODE|- ID...</c> waits until every job's task runs (on NODE when given) and prints the nodes;
/// <c>moved ID [N]</c> waits until the task's Nth migration (default the first) ended with it running on the target and
/// prints the move's measured cost in ms (order → started on the target), its checkpoint bytes, source and target;
/// <c>makespan ID...</c> waits until every job has finished and prints the seconds from the first submission to the
/// last end, the migrations made, and how many jobs completed. Exit 1 at the deadline, naming what was seen.
/// </summary>
public static class MigrateBench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string[] args)
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(OmbHome.Resolve()));
        var deadline = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_WAIT_SECONDS") ?? "300", CultureInfo.InvariantCulture));
        return args[0] switch
        {
            "running" => await RunningAsync(client, args[1] == "-" ? null : args[1], args[2..], deadline),
            "moved" => await MovedAsync(client, args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1, deadline),
            _ => await MakespanAsync(client, args[1..], deadline),
        };
    }

    private static async Task<int> RunningAsync(OmbApiClient client, string? node, string[] ids, TimeSpan deadline)
    {
        var jobs = await WaitAsync(client, ids, j => j.State == JobState.Running && j.Tasks[0].SessionId is not null && (node is null || j.Tasks[0].Node?.ToString() == node), deadline);
        if (jobs is null)
        {
            await Console.Error.WriteLineAsync($"jobs {string.Join(' ', ids)} not all running{(node is null ? "" : " on " + node)} within {deadline}");
            return 1;
        }

        Console.WriteLine(string.Join(' ', jobs.Select(j => j.Tasks[0].Node)));
        return 0;
    }

    private static async Task<int> MovedAsync(OmbApiClient client, string id, int moves, TimeSpan deadline)
    {
        var jobs = await WaitAsync(client, [id], j => j.State == JobState.Running && j.Tasks[0] is { SessionId: not null, LastMigration: not null } t && t.Migrations >= moves, deadline);
        if (jobs is null)
        {
            var seen = (await client.GetJobAsync(id)).Job;
            await Console.Error.WriteLineAsync($"job {id} was not moved {moves} time(s) within {deadline}: state {seen.State}, migrations {seen.Tasks[0].Migrations}, reason {seen.Tasks[0].Reason ?? seen.Reason}");
            return 1;
        }

        var move = jobs[0].Tasks[0].LastMigration!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{move.Cost.TotalMilliseconds:F0} {move.Bytes} {move.From} {move.To}"));
        return 0;
    }

    private static async Task<int> MakespanAsync(OmbApiClient client, string[] ids, TimeSpan deadline)
    {
        var jobs = await WaitAsync(client, ids, j => j.State.IsFinished() && j.EndTime is not null, deadline);
        if (jobs is null)
        {
            await Console.Error.WriteLineAsync($"jobs {string.Join(' ', ids)} not all finished within {deadline}");
            return 1;
        }

        var span = jobs.Max(j => j.EndTime!.Value) - jobs.Min(j => j.SubmitTime);
        var migrations = jobs.Sum(j => j.Tasks.Sum(t => t.Migrations));
        var completed = jobs.Count(j => j.State == JobState.Completed && j.ExitStatus == 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:F2} {migrations} {completed}"));
        return 0;
    }

    private static async Task<List<Job>?> WaitAsync(OmbApiClient client, string[] ids, Func<Job, bool> done, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var jobs = new List<Job>(ids.Length);
            foreach (var id in ids)
            {
                jobs.Add((await client.GetJobAsync(id)).Job);
            }

            if (jobs.All(done))
            {
                return jobs;
            }

            await Task.Delay(Poll, TimeProvider.System);
        }

        return null;
    }
}
