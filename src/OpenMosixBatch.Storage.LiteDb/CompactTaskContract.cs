using System.Collections;
using System.Text.Json.Serialization.Metadata;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// Leaves out of a stored <see cref="JobTask"/> every member that holds the value a new task has, so that an array's
/// waiting tasks take <c>{"Index":7,"State":"Queued"}</c> (28 bytes) instead of every member spelled out (about 330):
/// a 10,000-element array is written as 0.3 MB instead of 3.3 MB, on submission and on every change of the job.
/// </summary>
/// <remarks>
/// Reading needs nothing special: a member missing from the text keeps what the record's constructor and initialisers
/// give it, which is the value compared against here. The defaults are read from a real new task rather than listed,
/// so a member added to <see cref="JobTask"/> later is covered without a change here. The constructor's parameters
/// (index and state) are always written, since the stored form requires them.
/// </remarks>
internal static class CompactTaskContract
{
    private static readonly JobTask Fresh = new(0, JobState.Queued);

    public static void Modify(JsonTypeInfo type)
    {
        if (type.Type != typeof(JobTask))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Get is not { } get || property.AssociatedParameter is not null)
            {
                continue;
            }

            var initial = get(Fresh);
            property.ShouldSerialize = (_, value) => !IsInitial(value, initial);
        }
    }

    private static bool IsInitial(object? value, object? initial) => (value, initial) switch
    {
        (ICollection v, ICollection i) => v.Count == 0 && i.Count == 0,
        _ => Equals(value, initial),
    };
}
