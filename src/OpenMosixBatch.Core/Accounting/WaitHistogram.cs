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

    // Dense counts of the buckets [_first, _first + _counts.Length): a month's merge is array additions, not tree inserts.
    private long[] _counts = [];
    private int _first;

    /// <summary>How many waits it holds.</summary>
    public long Count { get; private set; }

    /// <summary>A lower bound of the waits it holds (their minimum unless one was removed); +∞ when it never held one.</summary>
    public double MinSeconds { get; private set; } = double.PositiveInfinity;

    /// <summary>An upper bound of the waits it holds (their maximum unless one was removed); −∞ when it never held one.</summary>
    public double MaxSeconds { get; private set; } = double.NegativeInfinity;

    /// <summary>The buckets that hold waits, lowest first, with their counts.</summary>
    public IEnumerable<KeyValuePair<int, long>> Buckets
    {
        get
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    yield return new(_first + i, _counts[i]);
                }
            }
        }
    }

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
        var list = buckets as IReadOnlyCollection<KeyValuePair<int, long>> ?? [.. buckets];
        foreach (var (bucket, count) in list)
        {
            if (count <= 0 || bucket < TinyBucket)
            {
                throw new ArgumentException($"bucket {bucket} holds {count} waits; a bucket from {TinyBucket} on holds at least one", nameof(buckets));
            }
        }

        if (list.Count > 0)
        {
            // Sized once: grown bucket by bucket, reading a stored rollup (its buckets in ascending order) copied the
            // counts once per bucket, quadratic in the buckets, in every commit that ends a job.
            histogram.Cover(list.Min(b => b.Key), list.Max(b => b.Key));
        }

        foreach (var (bucket, count) in list)
        {
            histogram.AddTo(bucket, count);
        }

        return histogram;
    }

    public void Add(double seconds)
    {
        AddTo(BucketOf(seconds), 1);
        MinSeconds = Math.Min(MinSeconds, seconds);
        MaxSeconds = Math.Max(MaxSeconds, seconds);
    }

    /// <summary>Takes back a wait added before; false (and no change) when its bucket holds none.</summary>
    public bool Remove(double seconds)
    {
        var i = BucketOf(seconds) - _first;
        if (i < 0 || i >= _counts.Length || _counts[i] == 0)
        {
            return false;
        }

        _counts[i]--;
        Count--;
        return true;
    }

    public void Merge(WaitHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._counts.Length > 0)
        {
            Cover(other._first, other._first + other._counts.Length - 1);
            var offset = other._first - _first;
            for (var i = 0; i < other._counts.Length; i++)
            {
                _counts[offset + i] += other._counts[i];
            }
        }

        Count += other.Count;
        MinSeconds = Math.Min(MinSeconds, other.MinSeconds);
        MaxSeconds = Math.Max(MaxSeconds, other.MaxSeconds);
    }

    private void AddTo(int bucket, long count)
    {
        Cover(bucket, bucket);
        _counts[bucket - _first] += count;
        Count += count;
    }

    /// <summary>Grows the dense counts to hold the buckets [<paramref name="low"/>, <paramref name="high"/>].</summary>
    private void Cover(int low, int high)
    {
        if (_counts.Length == 0)
        {
            (_first, _counts) = (low, new long[high - low + 1]);
            return;
        }

        var last = _first + _counts.Length - 1;
        if (low >= _first && high <= last)
        {
            return;
        }

        var first = Math.Min(low, _first);
        var grown = new long[Math.Max(high, last) - first + 1];
        Array.Copy(_counts, 0, grown, _first - first, _counts.Length);
        (_first, _counts) = (first, grown);
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
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(ValueOf(_first + i), MinSeconds, MaxSeconds);
            }
        }

        return MaxSeconds;
    }
}
