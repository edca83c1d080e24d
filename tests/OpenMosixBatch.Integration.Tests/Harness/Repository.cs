namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Paths of the repository under test and of the binaries ./omb publishes.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string BinDirectory => Path.Combine(Root, "artifacts", "omb");

    public static string OmbBinary => Path.Combine(BinDirectory, "omb");

    public static string ServerBinary => Path.Combine(BinDirectory, "omb-server");

    public static string Jobs(string name) => Path.Combine(Root, "jobs", name);

    public static string Conf(string name) => Path.Combine(Root, "conf", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenMosixBatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OpenMosixBatch.sln not found above " + AppContext.BaseDirectory);
    }
}
