using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// One concern's protocol state for every task on this node (moves leaving it, restores starting on it): each entry is
/// changed atomically through <see cref="Change"/>, which runs the concern's pure machine under the table's lock, and
/// the caller carries out the actions after, outside it.
/// </summary>
/// <typeparam name="TEntry">The concern's entry: its machine's state and what the adapter keeps beside it.</typeparam>
internal sealed class TaskStateTable<TEntry>
    where TEntry : class
{
    private readonly Dictionary<TaskKey, TEntry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>The entry of <paramref name="key"/>, or null when the node keeps none.</summary>
    public TEntry? Find(TaskKey key)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Replaces the entry of <paramref name="key"/> by what <paramref name="change"/> makes of it (null removes it),
    /// atomically, and returns <paramref name="change"/>'s result. <paramref name="change"/> must be pure and quick.
    /// </summary>
    public TResult Change<TResult>(TaskKey key, Func<TEntry?, (TEntry? Next, TResult Result)> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var (next, result) = change(_entries.GetValueOrDefault(key));
            if (next is null)
            {
                _entries.Remove(key);
            }
            else
            {
                _entries[key] = next;
            }

            return result;
        }
    }
}
