namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Counts the open connections of each user (by uid) and of all together, and admits a new one only under both
/// limits, so that one user cannot hold the server's file descriptors (issue 22) and many together cannot either.
/// </summary>
/// <param name="perUser">Most connections one key may hold.</param>
/// <param name="total">Most connections all keys together may hold.</param>
public sealed class ConnectionCounter(int perUser, int total)
{
    private readonly Dictionary<uint, int> _open = [];
    private readonly HashSet<uint> _refusing = [];
    private readonly Lock _gate = new();
    private int _total;

    /// <summary>Connections open now, all users together.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Connections <paramref name="user"/> holds now.</summary>
    public int OpenBy(uint user)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(user);
        }
    }

    /// <summary>Admits a connection of <paramref name="user"/> (then call <see cref="Close"/> when it ends), or says why not.</summary>
    /// <param name="firstRefusal">True for the first refusal since <paramref name="user"/> last closed one: worth a log line, the rest of a flood is not.</param>
    public ConnectionRefusal TryOpen(uint user, out bool firstRefusal)
    {
        lock (_gate)
        {
            var held = _open.GetValueOrDefault(user);
            var refusal = held >= perUser ? ConnectionRefusal.OverUserLimit
                : _total >= total ? ConnectionRefusal.OverTotalLimit
                : ConnectionRefusal.None;
            if (refusal != ConnectionRefusal.None)
            {
                firstRefusal = _refusing.Add(user);
                return refusal;
            }

            _open[user] = held + 1;
            _total++;
            firstRefusal = false;
            return ConnectionRefusal.None;
        }
    }

    /// <summary>A connection <see cref="TryOpen"/> admitted has ended.</summary>
    public void Close(uint user)
    {
        lock (_gate)
        {
            var held = _open.GetValueOrDefault(user);
            if (held <= 1)
            {
                _open.Remove(user);
            }
            else
            {
                _open[user] = held - 1;
            }

            _total = Math.Max(0, _total - 1);
            _refusing.Remove(user);
        }
    }
}
