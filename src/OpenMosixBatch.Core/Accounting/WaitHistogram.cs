namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// The waits of many jobs in logarithmic buckets (DDSketch's, Masson et al. 2019), mergeable across days, users and
/// queues, so that <c>omb report</c> gives a percentile from a month of daily rollups without reading each job.
/// </summary>
/// <remarks>
/// A wait of <c>x</c> ms (x ≥ 1) falls in bucket <c>ceil(log_γ x)</c>, which covers (γ^(i−1), γ^i] and stands for
/// 2γ^i/(γ+1); with γ = (1+α)/(1−α) every value of a bucket is within <see cref="RelativeError"/> (α) of it. Waits under
/// <see cref="FloorSeconds"/> share bucket <see cref="TinyBucket"/>, which stands for 0. A percentile read here is then
/// the nearest-rank value's bucket, clamped into [<see cref="MinSeconds"/>, <see cref="MaxSeconds"/>]: within α of the
/// exact nearest-rank value, or within <see cref="FloorSeconds"/> of it below that. Removing a value keeps the bounds
/// (they stay bounds, so the clamp stays safe).
/// </remarks>
public sealed class WaitHistogram
{
    /// <summary>The relative error bound α of a percentile above <see cref="FloorSeconds"/>.</summary>
    public const double RelativeError = 0.005;

    /// <summary>The absolute error bound of a percentile below it (1 ms).</summary>
    public const double FloorSeconds = 0.001;

    /// <summary>The bucket of waits under <see cref="FloorSeconds"/>.</summary>
    public const int TinyBucket = -1;

    private static readonly double Gamma = (1 + RelativeError) / (1 - RelativeError);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly SortedDictionary<int, long> _counts = [];

    /// <summary>How many waits it holds.</summary>
    public long Count { get; private set; }

    /// <summary>A lower bound of the waits it holds (their minimum unless one was removed); +∞ when it never held one.</summary>
    public double MinSeconds { get; private set; } = double.PositiveInfinity;

    /// <summary>An upper bound of the waits it holds (their maximum unless one was removed); −∞ when it never held one.</summary>
    public double MaxSeconds { get; private set; } = double.NegativeInfinity;

    /// <summary>The buckets that hold waits, lowest first, with their counts.</summary>
    public IEnumerable<KeyValuePair<int, long>> Buckets => _counts;

    /// <summary>The bucket of a wait.</summary>
    public static int BucketOf(double seconds) =>
        seconds < FloorSeconds ? TinyBucket : Math.Max(0, (int)Math.Ceiling(Math.Log(seconds / FloorSeconds) / LogGamma));

    /// <summary>The value a bucket stands for, in seconds.</summary>
    public static double ValueOf(int bucket) =>
        bucket <= TinyBucket ? 0 : FloorSeconds * 2 * Math.Pow(Gamma, bucket) / (Gamma + 1);

    /// <summary>A histogram read back from its buckets and bounds (the stored form).</summary>
    public static WaitHistogram Of(IEnumerable<KeyValuePair<int, long>> buckets, double minSeconds, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var histogram = new WaitHistogram { MinSeconds = minSeconds, MaxSeconds = maxSeconds };
        foreach (var (bucket, count) in buckets)
        {
            if (count <= 0)
            {
                throw new ArgumentException($"bucket {bucket} holds {count} waits; a bucket holds at least one", nameof(buckets));
            }

            histogram._counts[bucket] = histogram._counts.GetValueOrDefault(bucket) + count;
            histogram.Count += count;
        }

        return histogram;
    }

    public void Add(double seconds)
    {
        _counts[BucketOf(seconds)] = _counts.GetValueOrDefault(BucketOf(seconds)) + 1;
        Count++;
        MinSeconds = Math.Min(MinSeconds, seconds);
        MaxSeconds = Math.Max(MaxSeconds, seconds);
    }

    /// <summary>Takes back a wait added before; false (and no change) when its bucket holds none.</summary>
    public bool Remove(double seconds)
    {
        var bucket = BucketOf(seconds);
        if (!_counts.TryGetValue(bucket, out var count))
        {
            return false;
        }

        if (count == 1)
        {
            _counts.Remove(bucket);
        }
        else
        {
            _counts[bucket] = count - 1;
        }

        Count--;
        return true;
    }

    public void Merge(WaitHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (bucket, count) in other._counts)
        {
            _counts[bucket] = _counts.GetValueOrDefault(bucket) + count;
        }

        Count += other.Count;
        MinSeconds = Math.Min(MinSeconds, other.MinSeconds);
        MaxSeconds = Math.Max(MaxSeconds, other.MaxSeconds);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 &lt; p ≤ 1) within the bounds above; 0 when empty.</summary>
    public double Percentile(double p)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Clamp((long)Math.Ceiling(p * Count), 1, Count);
        var seen = 0L;
        foreach (var (bucket, count) in _counts)
        {
            seen += count;
            if (seen >= rank)
            {
                return Math.Clamp(ValueOf(bucket), MinSeconds, MaxSeconds);
            }
        }

        return MaxSeconds;
    }
}
