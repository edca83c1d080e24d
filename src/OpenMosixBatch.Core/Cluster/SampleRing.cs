namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// The last <see cref="Capacity"/> samples of something watched over time, oldest first: adding to a full ring drops
/// the oldest. Fixed memory whatever the uptime, so the dashboard's hour of history costs the server the same on day one
/// and day three hundred. Not thread-safe: one writer, readers take <see cref="ToList"/> under the owner's lock.
/// </summary>
public sealed class SampleRing<T>
{
    private readonly T[] _items;
    private int _start;

    public SampleRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    /// <summary>Appends <paramref name="item"/>, dropping the oldest sample when the ring is full.</summary>
    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return;
        }

        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    /// <summary>The samples, oldest first.</summary>
    public List<T> ToList()
    {
        var list = new List<T>(Count);
        for (var i = 0; i < Count; i++)
        {
            list.Add(_items[(_start + i) % _items.Length]);
        }

        return list;
    }
}
