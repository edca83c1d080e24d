using OpenMosixBatch.Cli.Connection;

namespace OpenMosixBatch.Cli.Tests.Connection;

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:7070", "127.0.0.1", 7070)]
    [InlineData("headnode:1", "headnode", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Parse_HostAndPort(string text, string host, int port) =>
        Assert.Equal(new ServerAddress(host, port), ServerAddress.Parse(text, "--server"));

    [Theory]
    [InlineData("")]
    [InlineData("headnode")]
    [InlineData(":7070")]
    [InlineData("headnode:")]
    [InlineData("headnode:0")]
    [InlineData("headnode:65536")]
    [InlineData("headnode:70a")]
    [InlineData("::1:7070")]
    [InlineData("user@host:22")]
    [InlineData("http://h:1")]
    [InlineData("he ad:1")]
    public void Parse_NotHostPort_IsOneUsageLineWithAnExample(string text)
    {
        var e = Assert.Throws<CliFailureException>(() => ServerAddress.Parse(text, "OMB_SERVER"));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains("OMB_SERVER headnode:7070", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
