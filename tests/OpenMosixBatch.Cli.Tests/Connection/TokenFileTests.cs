using OpenMosixBatch.Cli.Connection;

namespace OpenMosixBatch.Cli.Tests.Connection;

public sealed class TokenFileTests
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Problem_OwnersOwnFileMode600_IsNone() => Assert.Null(TokenFile.Problem("/h/.omb/token", Mode600, 1001, 1001, regularFile: true));

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void Problem_AnyAccessForOthers_SaysChmod600(UnixFileMode extra)
    {
        var problem = TokenFile.Problem("/h/.omb/token", Mode600 | extra, 1001, 1001, regularFile: true);

        Assert.NotNull(problem);
        Assert.Contains("chmod 600 /h/.omb/token", problem, StringComparison.Ordinal);
        Assert.Contains("(mode 0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_SomeoneElsesFile_IsRefused() =>
        Assert.Contains("belongs to uid 0", TokenFile.Problem("/h/.omb/token", Mode600, 0, 1001, regularFile: true), StringComparison.Ordinal);

    [Fact]
    public void Problem_NotARegularFile_IsRefused() =>
        Assert.NotNull(TokenFile.Problem("/h/.omb/token", Mode600, 1001, 1001, regularFile: false));

    [Fact]
    public void WriteThenRead_OwnFileMode600_GivesTheToken()
    {
        var dir = Directory.CreateTempSubdirectory("omb-token-");
        try
        {
            var path = Path.Combine(dir.FullName, ".omb", "token");
            TokenFile.Write(path, "omb1.0.x");

            Assert.Equal(Mode600, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Equal("omb1.0.x", TokenFile.Read(path));

            File.SetUnixFileMode(path, Mode600 | UnixFileMode.OtherRead);
            var e = Assert.Throws<CliFailureException>(() => TokenFile.Read(path));
            Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
            Assert.Contains("mode 0604", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_NoFile_SaysRunOmbToken() =>
        Assert.Contains("run 'omb token'", Assert.Throws<CliFailureException>(() => TokenFile.Read("/nonexistent/omb/token")).Message, StringComparison.Ordinal);
}
