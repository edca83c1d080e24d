using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class ServerCommandLineTests
{
    [Fact]
    public void Parse_AllSwitches_BecomeConfigurationOverrides()
    {
        var (line, error) = ServerCommandLine.Parse(["--home", "/h", "--cpu-threshold", "50", "--mem-threshold", "70%", "--conf", "/c.json", "--log-format", "json"]);

        Assert.Null(error);
        Assert.Equal(("/h", "/c.json", "json"), (line!.Home, line.ConfFile, line.LogFormat));
        var c = line.AsConfiguration();
        Assert.Equal("50", c["Omb:Admission:CpuThreshold"]);
        Assert.Equal("70", c["Omb:Admission:MemoryThreshold"]);
        Assert.Equal("/h", c["Omb:Home"]);
    }

    [Theory]
    [InlineData("--bogus", "x", "--bogus")]
    [InlineData("--cpu-threshold", "lots", "not a percentage")]
    [InlineData("--home", null, "--home")]
    [InlineData("--log-format", "xml", "--log-format")]
    public void Parse_Bad_OneLineWithUsage(string a, string? b, string named)
    {
        var (line, error) = ServerCommandLine.Parse(b is null ? [a] : [a, b]);

        Assert.Null(line);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public void Parse_TcpListen_BecomesOmbTcpListen()
    {
        var (line, error) = ServerCommandLine.Parse(["--tcp-listen", "127.0.0.1:7070"]);

        Assert.Null(error);
        Assert.Equal("127.0.0.1:7070", line!.AsConfiguration()["Omb:Tcp:Listen"]);
        Assert.False(ServerCommandLine.Parse([]).Line!.AsConfiguration().ContainsKey("Omb:Tcp:Listen"));
    }

    [Fact]
    public void Parse_Help() => Assert.True(ServerCommandLine.Parse(["--help"]).Line!.Help);

    [Fact]
    public void Parse_NoMigration_TurnsMigrationOffInConfiguration()
    {
        var (line, error) = ServerCommandLine.Parse(["--no-migration", "--home", "/tmp/h"]);

        Assert.Null(error);
        Assert.True(line!.NoMigration);
        Assert.Equal("false", line.AsConfiguration()["Omb:Migration:Enabled"]);
        Assert.False(ServerCommandLine.Parse(["--home", "/tmp/h"]).Line!.AsConfiguration().ContainsKey("Omb:Migration:Enabled"));
    }

    [Theory]
    [InlineData(new[] { "--restore-backup" }, null)]
    [InlineData(new[] { "--restore-backup", "--home", "/h" }, null)]
    [InlineData(new[] { "--restore-backup", "/b/omb-1.db", "--home", "/h" }, "/b/omb-1.db")]
    public void Parse_RestoreBackup_WithOrWithoutAFile(string[] args, string? file)
    {
        var (line, error) = ServerCommandLine.Parse(args);

        Assert.Null(error);
        Assert.True(line!.RestoreBackup);
        Assert.Equal(file, line.RestoreBackupFile);
    }
}
