using System.Diagnostics;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Runs the victim's <c>qstat</c> in a loop while an attack goes on and records how long each answer took, so a load
/// test can show the server kept answering everyone else within a second. Dispose stops the loop.
/// </summary>
public sealed class QstatWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TimeSpan Took, CommandResult Result)> _answers = [];
    private readonly Task _loop;

    private QstatWatch(HostileWorld world) => _loop = LoopAsync(world);

    public static QstatWatch Start(HostileWorld world) => new(world);

    /// <summary>Stops the loop and fails unless every qstat answered, successfully, within <paramref name="limit"/>.</summary>
    public async Task AssertEveryAnswerWithinAsync(TimeSpan limit)
    {
        await StopAsync();
        Assert.True(_answers.Count >= 3, $"qstat ran only {_answers.Count} times during the attack");
        var failed = _answers.FirstOrDefault(a => a.Result.ExitCode != 0);
        Assert.True(failed.Result is null, $"a qstat during the attack failed: {failed.Result}");
        var slowest = _answers.Max(a => a.Took);
        Assert.True(slowest <= limit, $"the slowest of {_answers.Count} qstat took {slowest.TotalMilliseconds:0} ms (limit {limit.TotalMilliseconds:0} ms)");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    private async Task LoopAsync(HostileWorld world)
    {
        while (!_stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            CommandResult result;
            try
            {
                result = await world.RunAsync(world.Victim, "qstat");
            }
            catch (TimeoutException e)
            {
                result = new CommandResult(-1, "", e.Message);
            }

            lock (_answers)
            {
                _answers.Add((clock.Elapsed, result));
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
