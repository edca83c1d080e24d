using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Options;

public sealed class WebOptionsValidatorTests
{
    private static readonly OmbServerOptionsValidator Validator = new();

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(WebOptions web) => Validator.Validate(null, new OmbServerOptions { Web = web });

    [Fact]
    public void Defaults_HaveNoDashboard_AndKeepAnHourOf5sSamples()
    {
        var web = new WebOptions();

        Assert.Equal(string.Empty, web.Listen);
        Assert.Equal(720, web.Capacity);
        Assert.True(Validate(web).Succeeded);
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8080")]
    public void Validate_IpAndPort_Succeeds(string listen) => Assert.True(Validate(new WebOptions { Listen = listen }).Succeeded);

    [Theory]
    [InlineData("localhost:8080")]
    [InlineData("8080")]
    [InlineData("127.0.0.1:0")]
    public void Validate_BadListen_NamesTheKeyAndAnExample(string listen)
    {
        var failure = Assert.Single(Validate(new WebOptions { Listen = listen }).Failures!);

        Assert.StartsWith($"Omb:Web:Listen is '{listen}'", failure, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8080", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.500", "01:00:00", "Omb:Web:SampleInterval")]
    [InlineData("00:20:00", "01:00:00", "Omb:Web:SampleInterval")]
    [InlineData("00:00:05", "00:00:01", "Omb:Web:History")]
    [InlineData("00:00:01", "2.00:00:00", "Omb:Web:History")]
    public void Validate_SamplesOutOfRange_NameTheKey(string interval, string history, string key)
    {
        var failure = Assert.Single(Validate(new WebOptions { SampleInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            History = TimeSpan.Parse(history, System.Globalization.CultureInfo.InvariantCulture) }).Failures!);

        Assert.StartsWith(key + " is ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SessionLifetimeAndConnections_NameTheirKeys()
    {
        var failures = Validate(new WebOptions { SessionLifetime = TimeSpan.FromSeconds(5), MaxConnections = 0 }).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Omb:Web:SessionLifetime is ", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Omb:Web:MaxConnections is 0", failures[1], StringComparison.Ordinal);
    }
}
