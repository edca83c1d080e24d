using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// The dashboard's memory of the last hour: one <see cref="ClusterSample"/> every <see cref="WebOptions.SampleInterval"/>
/// in a fixed ring (720 samples at the defaults, about 100 KB), taken on <see cref="TimeProvider"/>'s timer so tests
/// drive it on virtual time. Kept only in memory: after a restart the plots start again, as openMosixview's did.
/// </summary>
public sealed class ClusterHistory : IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly SampleRing<ClusterSample> _ring;
    private readonly Func<DateTimeOffset, DateTimeOffset, ClusterSample> _take;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private ITimer? _timer;
    private DateTimeOffset _last;

    /// <param name="take">Takes a sample at (now, previous sample's time).</param>
    public ClusterHistory(Func<DateTimeOffset, DateTimeOffset, ClusterSample> take, TimeProvider time, IOptions<OmbServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var web = options.Value.Web;
        _take = take;
        _time = time;
        _interval = web.SampleInterval;
        _ring = new SampleRing<ClusterSample>(web.Capacity);
        _last = time.GetUtcNow() - _interval;
    }

    public TimeSpan Interval => _interval;

    /// <summary>The time the kept samples cover when the ring is full.</summary>
    public TimeSpan Window => _interval * _ring.Capacity;

    /// <summary>The samples kept, oldest first.</summary>
    public List<ClusterSample> Samples()
    {
        lock (_lock)
        {
            return _ring.ToList();
        }
    }

    /// <summary>Takes a sample now (the timer's work; also the first one at start, so a plot is never empty).</summary>
    public void Take()
    {
        var now = _time.GetUtcNow();
        ClusterSample sample;
        lock (_lock)
        {
            sample = _take(now, _last);
            _ring.Add(sample);
            _last = now;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Take();
        _timer = _time.CreateTimer(_ => Take(), null, _interval, _interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
