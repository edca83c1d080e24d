namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>
/// When this rank last heard from each rank: a completed tick hears from all of them, any message from its sender.
/// Written by the pump thread, read by any.
/// </summary>
internal sealed class RankHearing(int size, TimeProvider time)
{
    private readonly long[] _heard = Enumerable.Repeat(time.GetTimestamp(), size).ToArray();

    public void Heard(int rank) => Volatile.Write(ref _heard[rank], time.GetTimestamp());

    public void HeardAll()
    {
        var now = time.GetTimestamp();
        for (var rank = 0; rank < _heard.Length; rank++)
        {
            Volatile.Write(ref _heard[rank], now);
        }
    }

    /// <summary>Time since each rank was last heard from, indexed by rank.</summary>
    public TimeSpan[] Silences()
    {
        var result = new TimeSpan[_heard.Length];
        for (var rank = 0; rank < result.Length; rank++)
        {
            result[rank] = time.GetElapsedTime(Volatile.Read(ref _heard[rank]));
        }

        return result;
    }
}
