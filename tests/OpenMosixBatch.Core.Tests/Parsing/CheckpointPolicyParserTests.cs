using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class CheckpointPolicyParserTests
{
    [Theory]
    [InlineData("n")]
    [InlineData("none")]
    [InlineData(" N ")]
    [InlineData("NONE")]
    public void Parse_Off_ReturnsNone(string text)
    {
        var r = CheckpointPolicyParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Same(CheckpointPolicy.None, r.Value);
    }

    [Fact]
    public void Parse_Enabled_UsesDefaultSignalAndExit()
    {
        var r = CheckpointPolicyParser.Parse("enabled");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(new CheckpointPolicy(CheckpointMode.Enabled, null, 10, 85), r.Value);
    }

    [Fact]
    public void Parse_Periodic_SetsInterval()
    {
        var r = CheckpointPolicyParser.Parse("periodic=5");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)), r.Value);
    }

    [Fact]
    public void Parse_IssueExample_SetsAllThree()
    {
        var r = CheckpointPolicyParser.Parse("periodic=5,signal=USR2,exit=86");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5), 12, 86), r.Value);
    }

    [Theory]
    [InlineData("signal=USR1", 10)]
    [InlineData("signal=SIGUSR1", 10)]
    [InlineData("signal=sigusr2", 12)]
    [InlineData("signal=10", 10)]
    [InlineData("signal=TERM", 15)]
    [InlineData("signal=64", 64)]
    [InlineData("signal=1", 1)]
    public void Parse_SignalAlone_ImpliesEnabled(string text, int signal)
    {
        var r = CheckpointPolicyParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Equal((CheckpointMode.Enabled, signal, 85), (r.Value!.Mode, r.Value.Signal, r.Value.ExitCode));
    }

    [Theory]
    [InlineData("exit=1", 1)]
    [InlineData("exit=255", 255)]
    [InlineData("enabled, exit=99 ", 99)]
    public void Parse_Exit_SetsExitCode(string text, int code)
    {
        var r = CheckpointPolicyParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(code, r.Value!.ExitCode);
    }

    [Theory]
    [InlineData("", "empty -c")]
    [InlineData("  ", "empty -c")]
    [InlineData("sometimes", "unknown -c item 'sometimes'")]
    [InlineData("periodic", "invalid -c 'periodic'")]
    [InlineData("periodic=0", "invalid -c 'periodic=0'")]
    [InlineData("periodic=-3", "invalid -c 'periodic=-3'")]
    [InlineData("periodic=1.5", "invalid -c 'periodic=1.5'")]
    [InlineData("periodic=525601", "invalid -c 'periodic=525601'")]
    [InlineData("periodic=5m", "invalid -c 'periodic=5m'")]
    [InlineData("signal=KILL", "invalid -c 'signal=KILL'")]
    [InlineData("signal=9", "invalid -c 'signal=9'")]
    [InlineData("signal=19", "invalid -c 'signal=19'")]
    [InlineData("signal=0", "invalid -c 'signal=0'")]
    [InlineData("signal=65", "invalid -c 'signal=65'")]
    [InlineData("signal=", "invalid -c 'signal='")]
    [InlineData("signal", "unknown -c item 'signal'")]
    [InlineData("exit=0", "invalid -c 'exit=0'")]
    [InlineData("exit=256", "invalid -c 'exit=256'")]
    [InlineData("exit=x", "invalid -c 'exit=x'")]
    [InlineData("enabled=1", "unknown -c item 'enabled=1'")]
    [InlineData("enabled,periodic=5", "names two modes")]
    [InlineData("n,enabled", "names two modes")]
    [InlineData("periodic=5,periodic=6", "names two modes")]
    [InlineData("signal=USR1,signal=USR2", "gives signal twice")]
    [InlineData("exit=85,exit=86", "gives exit twice")]
    [InlineData("n,signal=USR2", "turns checkpoints off")]
    [InlineData("n,exit=86", "turns checkpoints off")]
    [InlineData("enabled,", "empty item")]
    [InlineData(",enabled", "empty item")]
    public void Parse_Wrong_FailsNamingTheItemAndTheFix(string text, string expected)
    {
        var r = CheckpointPolicyParser.Parse(text);

        Assert.False(r.Ok);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', r.Error!);
        Assert.Contains("e.g.", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongWrongItem_IsShortenedInTheMessage()
    {
        var r = CheckpointPolicyParser.Parse(new string('x', 500));

        Assert.False(r.Ok);
        Assert.True(r.Error!.Length < 300, r.Error);
    }

    [Theory]
    [InlineData("n", "n")]
    [InlineData("enabled", "enabled")]
    [InlineData("periodic=5", "periodic=5")]
    [InlineData("periodic=5,signal=SIGUSR2,exit=86", "periodic=5,signal=USR2,exit=86")]
    [InlineData("exit=86,signal=33", "enabled,signal=33,exit=86")]
    [InlineData("signal=10,exit=85", "enabled")]
    public void Format_WritesCanonicalText(string text, string expected) =>
        Assert.Equal(expected, CheckpointPolicyParser.Format(CheckpointPolicyParser.Parse(text).Value!));

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { CheckpointPolicyParser.Parse(s); });

    [Fact]
    public void Parse_ArbitraryItems_NeverThrows() =>
        Gen.OneOfConst("n", "none", "enabled", "periodic=", "signal=", "exit=", ",", "5", "USR1", "-1", " ", "=").Array[0, 8]
            .Sample(parts => { CheckpointPolicyParser.Parse(string.Concat(parts)); });

    [Fact]
    public void Format_ThenParse_RoundTrips() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, CheckpointPolicyParser.MaxIntervalMinutes], Gen.Int[1, 64], Gen.Int[1, 255])
            .Where(t => t.Item3 is not 9 and not 19)
            .Sample((mode, minutes, signal, exit) =>
            {
                var policy = mode switch
                {
                    0 => CheckpointPolicy.None,
                    1 => new CheckpointPolicy(CheckpointMode.Enabled, null, signal, exit),
                    _ => new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(minutes), signal, exit),
                };
                var back = CheckpointPolicyParser.Parse(CheckpointPolicyParser.Format(policy));
                return back.Ok && back.Value == policy;
            });
}
