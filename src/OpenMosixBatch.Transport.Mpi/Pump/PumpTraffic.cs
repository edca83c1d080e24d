namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>Per-rank message counts and sends in flight, kept by the pump thread for the drain at stop.</summary>
internal sealed class PumpTraffic
{
    private readonly List<PendingSend> _inFlight = [];
    private readonly long[] _received;

    public PumpTraffic(int size)
    {
        SentTo = new long[size];
        _received = new long[size];
    }

    /// <summary>Messages this rank sent to rank i, at index i.</summary>
    public long[] SentTo { get; }

    public int SendsInFlight => _inFlight.Count;

    public long TotalSent => SentTo.Sum();

    public long TotalReceived => _received.Sum();

    public void Sent(int destination, PendingSend send)
    {
        SentTo[destination]++;
        _inFlight.Add(send);
    }

    public void Received(int source) => _received[source]++;

    /// <summary>True when, for every rank i, as many messages came from i as i says it sent here.</summary>
    public bool HasReceivedAll(IReadOnlyList<long> expectedFrom)
    {
        for (var source = 0; source < _received.Length; source++)
        {
            if (_received[source] < expectedFrom[source])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tests sends in flight and forgets completed ones; true when any completed.</summary>
    public bool CompleteSends()
    {
        return _inFlight.RemoveAll(send => send.Request.Test() is not null) > 0;
    }
}
