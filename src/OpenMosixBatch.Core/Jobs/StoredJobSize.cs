namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// An upper bound of the bytes one job takes in the store, computed from its spec before it is queued, so that a job
/// the store could not write (LiteDB refuses a document over 16,683,050 bytes) is refused at submission instead of
/// failing every later write of it.
/// </summary>
/// <remarks>
/// The store writes the job as JSON text. Its size is bounded part by part: every text at its worst escaping (an
/// ASCII control character or any non-ASCII character counted as a six-byte <c>\uXXXX</c>, which is more than UTF-8
/// or any escape takes), every list entry with its punctuation, and a fixed allowance for the members of known size
/// (ids, times, states, resources, the owner's and schedule's names, a reason). Each task gets room for what it
/// records as it runs (nodes, times, reasons, kept checkpoint generations, a migration), since a task's record grows
/// after submission and the job must still fit then.
/// </remarks>
public static class StoredJobSize
{
    /// <summary>The members of known size, their names, and the reason, owner and schedule texts.</summary>
    public const long FixedBytes = 8 * 1024;

    /// <summary>
    /// What one task's record may grow to while it runs: about 350 bytes queued, 1.4 KB with kept checkpoints, a
    /// migration and long reasons (measured against the store). 10,000 tasks then take 15 MB, just under the largest job.
    /// </summary>
    public const long PerTaskBytes = 1536;

    /// <summary>Quotes, separator and, for a map entry, the key's quotes and colon.</summary>
    private const long PerTextBytes = 8;

    /// <summary><c>{"Type":"AfterNotOk","JobId":-9223372036854775808},</c> is 50 bytes.</summary>
    private const long PerDependencyBytes = 64;

    /// <summary>A chunk kind's numbers and member names (<c>{"Count":…,"Cpus":…,"MemoryBytes":…,…}</c>) with room to spare.</summary>
    private const long PerChunkKindBytes = 256;

    /// <summary>An int and a comma.</summary>
    private const long PerArrayIndexBytes = 12;

    /// <summary>The bound for a job of <paramref name="spec"/>, in bytes.</summary>
    public static long UpperBound(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var bytes = FixedBytes
            + Text(spec.Name) + Text(spec.Queue) + Text(spec.Script) + Text(spec.WorkingDirectory) + Text(spec.SubmitDirectory)
            + Text(spec.OutputPath) + Text(spec.ErrorPath)
            + spec.Command.Sum(Text) + spec.Arguments.Sum(Text)
            + spec.Environment.Sum(e => Text(e.Key) + Text(e.Value))
            + Text(spec.Account) + Text(spec.Project) + Text(spec.MailEvents) + Text(spec.Shell) + Text(spec.GroupList)
            + spec.MailUsers.Sum(Text) + spec.IgnoredOptions.Sum(Text) + spec.Resources.Ignored.Sum(Text)
            + spec.Resources.Properties.Sum(Text) + spec.Resources.ExcludedProperties.Sum(Text) + spec.Resources.Hosts.Sum(Text)
            + spec.Resources.MoreChunks.Sum(k => PerChunkKindBytes + k.Properties.Sum(Text) + k.ExcludedProperties.Sum(Text) + Text(k.Host))
            + (spec.Dependencies.Count * PerDependencyBytes)
            + ((long)spec.TaskCount * PerTaskBytes);
        return spec.Array is { } a ? bytes + (a.Indices.Count * PerArrayIndexBytes) : bytes;
    }

    /// <summary>The most bytes <paramref name="text"/> can take as a JSON string, quotes and separator included.</summary>
    public static long Text(string? text)
    {
        if (text is null)
        {
            return PerTextBytes;
        }

        long bytes = PerTextBytes;
        foreach (var c in text)
        {
            bytes += c switch
            {
                '"' or '\\' => 2,
                < ' ' or >= (char)0x7F => 6,
                _ => 1,
            };
        }

        return bytes;
    }
}
