using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Calibration;

/// <summary>
/// The jobs <c>omb calibrate</c> moves: jobs/ckpt-ballast.sh (embedded in omb) submitted like qsub would, moved with
/// the same request as <c>omb migrate</c>, each move read back as the server measured it; all deleted by
/// <see cref="DeleteAllAsync"/>, which the command runs whatever happened.
/// </summary>
public sealed class CalibrationJobs(OmbApiClient client, TimeProvider time)
{
    public const string ScriptName = "ckpt-ballast.sh";

    /// <summary>Generous: a move of a large checkpoint on a loaded machine takes seconds; a job may wait for a free CPU.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly List<string> _ids = [];

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Submits a calibration job carrying <paramref name="mib"/> MiB of ballast; output goes to /dev/null.</summary>
    public async Task<string> SubmitAsync(int mib, CancellationToken ct)
    {
        var options = new QsubOptions { Name = "omb-calibrate", OutputPath = "/dev/null", ErrorPath = "/dev/null" };
        var source = QsubSource.ScriptFile(ScriptName, await ScriptAsync(ct).ConfigureAwait(false), [mib.ToString(CultureInfo.InvariantCulture)]);
        var spec = QsubRequestMapper.Map(options, source, QsubContext.FromProcess());
        var response = await client.SubmitAsync(new SubmitRequest(spec), ct).ConfigureAwait(false);
        _ids.Add(response.DisplayId);
        return response.DisplayId;
    }

    /// <summary>The node the job runs on, once its process started there.</summary>
    public async Task<string> WaitRunningAsync(string id, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var task = await TaskAsync(id, ct).ConfigureAwait(false);
            if (task.State == JobState.Running && task.SessionId is not null && task.Node is { } node)
            {
                return node.First;
            }

            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                throw CliFailureException.Refused($"calibration job {id} did not start within {Patience.TotalSeconds:0} s ({task.Reason ?? "state " + task.State.Letter()}): free a CPU and memory on two nodes and try again");
            }

            await Task.Delay(Poll, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the job to <paramref name="target"/> and returns the move as the server measured it.</summary>
    public async Task<CalibrationSample> MoveAsync(string id, string target, CancellationToken ct)
    {
        var before = (await TaskAsync(id, ct).ConfigureAwait(false)).Migrations;
        var response = await client.MigrateAsync(new MigrateRequest(id, target), ct).ConfigureAwait(false);
        if (response.Results.FirstOrDefault(r => !r.Ok) is { } refused)
        {
            throw new ApiException(new ApiError(refused.ErrorKind ?? ApiErrorKind.Refused, refused.Error ?? $"migration of {id} refused"));
        }

        var started = Stopwatch.GetTimestamp();
        var seenMoving = false;
        while (true)
        {
            await Task.Delay(Poll, time, ct).ConfigureAwait(false);
            var task = await TaskAsync(id, ct).ConfigureAwait(false);
            if (task.Migrations > before && task.LastMigration is { } done && task.State == JobState.Running)
            {
                return new CalibrationSample(done.Bytes, done.Cost);
            }

            seenMoving |= task.State == JobState.Migrating;
            var dropped = seenMoving && task.State == JobState.Running && task.Migrations == before;
            var requeued = task.State == JobState.Queued;
            if (dropped || requeued || task.State.IsFinished() || Stopwatch.GetElapsedTime(started) > Patience)
            {
                var what = dropped ? "was dropped"
                    : requeued ? $"lost the job's node ({task.Reason})"
                    : task.State.IsFinished() ? $"ended the job (state {task.State.Letter()})"
                    : $"did not finish within {Patience.TotalSeconds:0} s";
                throw CliFailureException.Refused($"the move of calibration job {id} to {target} {what}: see qstat -f {id} and the server's log");
            }
        }
    }

    /// <summary>
    /// qdel of every job submitted, with its own deadline, as it runs on Ctrl-C and after failures too; a failure is a
    /// line on <paramref name="errors"/> naming the jobs left, not an exception that would hide the first one.
    /// </summary>
    public async Task DeleteAllAsync(TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (_ids.Count == 0)
        {
            return;
        }

        var ids = string.Join(' ', _ids);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
            var response = await client.ActAsync(new JobActionRequest(JobAction.Delete, [.. _ids]), deadline.Token).ConfigureAwait(false);
            foreach (var left in response.Results.Where(r => !r.Ok && !(r.Error ?? "").Contains("finished", StringComparison.Ordinal)))
            {
                await errors.WriteLineAsync($"omb calibrate: could not delete calibration job {left.Id} ({left.Error}): delete it with qdel {left.Id}").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ApiException or ServerUnreachableException or HttpRequestException or OperationCanceledException)
        {
            await errors.WriteLineAsync($"omb calibrate: could not delete the calibration jobs ({e.Message}): delete them with qdel {ids}").ConfigureAwait(false);
        }

        _ids.Clear();
    }

    private async Task<JobTask> TaskAsync(string id, CancellationToken ct) =>
        (await client.GetJobAsync(id, ct).ConfigureAwait(false)).Job.Tasks[0];

    private static async Task<byte[]> ScriptAsync(CancellationToken ct)
    {
        var stream = typeof(CalibrationJobs).Assembly.GetManifestResourceStream(ScriptName)
            ?? throw new InvalidOperationException($"{ScriptName} is not embedded in omb: rebuild it with './omb'");
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
