using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

/// <summary>conf/ files through the real loader and validator: the repository's own, and broken ones.</summary>
public sealed class ServerConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-conf-");

    [Fact]
    public void Load_RepositoryConf_IsValidWithFourNodesAndTheExpressQueue()
    {
        var conf = Path.Combine(RepositoryRoot(), "conf", "omb.json");

        var c = ServerConfiguration.Load(new ServerCommandLine(null, conf, null, null, "simple", false));

        Assert.Equal(4, c.Nodes.Count);
        Assert.Equal(90, c.Options.Admission.CpuThreshold);
        Assert.Contains("express", c.Options.Admission.Queues.Keys);
    }

    [Fact]
    public void Load_SwitchesOverrideTheFile()
    {
        var conf = Path.Combine(RepositoryRoot(), "conf", "omb.json");

        var c = ServerConfiguration.Load(new ServerCommandLine("/x", conf, 50, 60, "simple", false));

        Assert.Equal((50.0, 60.0, "/x"), (c.Options.Admission.CpuThreshold, c.Options.Admission.MemoryThreshold, c.Options.Home));
    }

    [Fact]
    public void Load_RootJobs_AreRefusedUnlessTheFileAllowsThem()
    {
        var repository = ServerConfiguration.Load(new ServerCommandLine(null, Path.Combine(RepositoryRoot(), "conf", "omb.json"), null, null, "simple", false));
        var allowing = ServerConfiguration.Load(new ServerCommandLine(null, Write("omb.json", "{ \"Omb\": { \"Security\": { \"AllowRootJobs\": true } } }"), null, null, "simple", false));

        Assert.False(repository.Options.Security.AllowRootJobs);
        Assert.True(allowing.Options.Security.AllowRootJobs);
    }

    [Theory]
    [InlineData("{ \"Omb\": { ", "bad configuration")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"CpuThreshold\": 150 } } }", "CpuThreshold is 150")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"Utilization\": \"average\" } } }", "allocated, measured or max")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"Order\": \"lifo\" } } }", "Omb:Admission:Order is 'lifo': use fcfs or sjf")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"Backfill\": \"conservative\" } } }", "Omb:Admission:Backfill is 'conservative': use easy or none")]
    [InlineData("{ \"Omb\": { \"DefaultMemoryPerChunk\": \"lots\" } }", "DefaultMemoryPerChunk")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"Queues\": { \"9bad\": {} } } } }", "9bad")]
    [InlineData("{ \"Omb\": { \"Security\": { \"AllowRootJobs\": \"maybe\" } } }", "maybe")]
    public void Load_BadFile_OneLineNamingTheFileAndTheProblem(string json, string named)
    {
        var conf = Write("omb.json", json);

        var e = Assert.Throws<InvalidDataException>(() => ServerConfiguration.Load(new ServerCommandLine(null, conf, null, null, "simple", false)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Contains(conf, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysSo() =>
        Assert.Contains("does not exist", Assert.Throws<InvalidDataException>(() =>
            ServerConfiguration.Load(new ServerCommandLine(null, Path.Combine(_dir.FullName, "none.json"), null, null, "simple", false))).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_BadClusterFileBeside_IsRefused()
    {
        var conf = Write("omb.json", "{ \"Omb\": {} }");
        Write("cluster.json", "{ \"nodes\": [ { \"name\": \"n1\", \"cpus\": 2, \"memory\": \"plenty\" } ] }");

        var e = Assert.Throws<InvalidDataException>(() => ServerConfiguration.Load(new ServerCommandLine(null, conf, null, null, "simple", false)));

        Assert.Contains("plenty", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "OpenMosixBatch.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
