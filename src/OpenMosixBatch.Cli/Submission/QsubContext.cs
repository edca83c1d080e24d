namespace OpenMosixBatch.Cli.Submission;

/// <summary>What qsub learns from where it runs, passed in so that the mapper stays pure.</summary>
/// <param name="CurrentDirectory">Absolute directory qsub runs in.</param>
/// <param name="HostName">This host's name (PBS_O_HOST).</param>
/// <param name="UserName">The submitting user's login name (PBS_O_LOGNAME when LOGNAME is not set).</param>
/// <param name="Environment">qsub's environment.</param>
public sealed record QsubContext(string CurrentDirectory, string HostName, string UserName, IReadOnlyDictionary<string, string> Environment)
{
    public static QsubContext FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new QsubContext(System.Environment.CurrentDirectory, System.Environment.MachineName, System.Environment.UserName, environment)
        {
            IsDirectory = Directory.Exists,
        };
    }

    /// <summary>Whether an absolute path names an existing directory (for <c>-o DIR</c>); none does by default.</summary>
    public Func<string, bool> IsDirectory { get; init; } = _ => false;

    public string? Lookup(string name) => Environment.TryGetValue(name, out var value) ? value : null;
}
