using System.Reflection;
using Microsoft.Extensions.Configuration;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Loads the server's configuration: the embedded defaults, then conf/omb.json (--conf, or the repository's conf/
/// found above the binary), then OMB__* environment variables, then the command-line switches.
/// </summary>
public sealed record ServerConfiguration(IConfiguration Configuration, OmbServerOptions Options, IReadOnlyList<NodeSnapshot> Nodes, string Source)
{
    /// <summary>The directory of conf/omb.json (where conf/overheads and conf/mfscosts live), or null when none was found.</summary>
    public string? ConfDirectory { get; init; }

    /// <summary>The loaded configuration, or throws <see cref="InvalidDataException"/> with one line naming the file and the problem.</summary>
    public static ServerConfiguration Load(ServerCommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var confFile = line.ConfFile is not null ? Path.GetFullPath(line.ConfFile) : FindRepositoryConf();
        if (line.ConfFile is not null && !File.Exists(confFile))
        {
            throw new InvalidDataException($"configuration file {confFile} does not exist: give an existing file with --conf");
        }

        var builder = new ConfigurationBuilder().AddJsonStream(Embedded("omb.json"));
        if (confFile is not null)
        {
            builder.AddJsonFile(confFile, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables().AddInMemoryCollection(line.AsConfiguration());
        IConfigurationRoot configuration;
        OmbServerOptions options;
        var source = confFile ?? "the embedded default configuration";
        try
        {
            configuration = builder.Build();
            options = new OmbServerOptions();
            configuration.GetSection(OmbServerOptions.SectionName).Bind(options);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"bad configuration {source}: {Flatten(e)}: fix the file (it is JSON with an \"Omb\" section)");
        }

        var result = new OmbServerOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new InvalidDataException($"bad configuration {source}: {string.Join("; ", result.Failures ?? [])}");
        }

        var clusterPath = confFile is not null ? Path.Combine(Path.GetDirectoryName(confFile)!, options.ClusterFile) : null;
        return new ServerConfiguration(configuration, options, ReadNodes(clusterPath, options), source)
        {
            ConfDirectory = confFile is null ? null : Path.GetDirectoryName(confFile),
            ClusterPath = clusterPath,
        };
    }

    /// <summary>conf/cluster.json's path (it may not exist: then the embedded one is used), or null without a conf/.</summary>
    public string? ClusterPath { get; init; }

    /// <summary>The configured nodes, read again (omb node reload); throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public IReadOnlyList<NodeSnapshot> ReadNodes() => ReadNodes(ClusterPath, Options);

    private static IReadOnlyList<NodeSnapshot> ReadNodes(string? clusterPath, OmbServerOptions options)
    {
        var nodes = clusterPath is not null && File.Exists(clusterPath)
            ? ClusterFile.Parse(File.ReadAllText(clusterPath), clusterPath)
            : ClusterFile.Parse(new StreamReader(Embedded("cluster.json")).ReadToEnd(), "the embedded cluster.json");

        // A launched world has exactly the nodes it is launched with; admission and qsub's checks see those.
        return options.World.Launch ? World.WorldShape.For(nodes, options.World) : nodes;
    }

    private static string? FindRepositoryConf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "conf", "omb.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "OpenMosixBatch.sln")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Stream Embedded(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded {name} missing from the build");

    private static string Flatten(Exception e)
    {
        var m = e.InnerException?.Message ?? e.Message;
        return m.Replace('\n', ' ').Replace('\r', ' ');
    }
}
