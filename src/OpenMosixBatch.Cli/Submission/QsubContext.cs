namespace OpenMosixBatch.Cli.Submission;

/// <summary>What qsub learns from where it runs, passed in so that the mapper stays pure.</summary>
/// <param name="CurrentDirectory">Absolute directory qsub runs in.</param>
/// <param name="HostName">This host's name (PBS_O_HOST).</param>
/// <param name="Environment">qsub's environment.</param>
public sealed record QsubContext(string CurrentDirectory, string HostName, IReadOnlyDictionary<string, string> Environment)
{
    public static QsubContext FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new QsubContext(System.Environment.CurrentDirectory, System.Environment.MachineName, environment);
    }

    public string? Lookup(string name) => Environment.TryGetValue(name, out var value) ? value : null;
}
