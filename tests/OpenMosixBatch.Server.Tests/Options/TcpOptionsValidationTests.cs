using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Options;

public sealed class TcpOptionsValidationTests
{
    private static readonly OmbServerOptionsValidator Validator = new();

    [Fact]
    public void Defaults_HaveNoTcpListener() => Assert.Equal(string.Empty, new OmbServerOptions().Tcp.Listen);

    [Theory]
    [InlineData("127.0.0.1:7070")]
    [InlineData("0.0.0.0:1")]
    [InlineData("[::1]:65535")]
    public void Validate_IpAndPort_Succeeds(string listen) =>
        Assert.True(Validator.Validate(null, new OmbServerOptions { Tcp = new TcpOptions { Listen = listen } }).Succeeded);

    [Theory]
    [InlineData("7070")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("localhost:7070")]
    [InlineData("::1:7070")]
    [InlineData("[::1]7070")]
    public void Validate_BadListen_OneLineNamingTheKeyAndAnExample(string listen)
    {
        var r = Validator.Validate(null, new OmbServerOptions { Tcp = new TcpOptions { Listen = listen } });

        Assert.True(r.Failed);
        var failure = Assert.Single(r.Failures!);
        Assert.StartsWith($"Omb:Tcp:Listen is '{listen}': use an IP address and a port", failure, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:7070", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    public void Validate_TokenLifetimeUnderAMinute_IsRefused(int seconds)
    {
        var r = Validator.Validate(null, new OmbServerOptions { Tcp = new TcpOptions { TokenLifetime = TimeSpan.FromSeconds(seconds) } });

        Assert.StartsWith("Omb:Tcp:TokenLifetime is ", Assert.Single(r.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void TcpEndpoint_Parse_GivesTheAddressAndPort()
    {
        var e = TcpEndpoint.Parse("[::1]:7070", out var error);

        Assert.Null(error);
        Assert.Equal(("::1", 7070), (e!.Address.ToString(), e.Port));
    }
}
