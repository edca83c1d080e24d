using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Options;

public sealed class OmbServerOptionsValidatorTests
{
    private static readonly OmbServerOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var o = new OmbServerOptions();

        Assert.True(Validator.Validate(null, o).Succeeded);
        Assert.Equal((90.0, 85.0, "max"), (o.Admission.CpuThreshold, o.Admission.MemoryThreshold, o.Admission.Utilization));
        Assert.Equal([0u], o.AdministratorUids);
        Assert.Equal(("256mb", "cluster.json"), (o.DefaultMemoryPerChunk, o.ClusterFile));
    }

    [Theory]
    [InlineData(150, 85, "Omb:Admission:CpuThreshold is 150: use a percentage above 0 and at most 100")]
    [InlineData(0, 85, "Omb:Admission:CpuThreshold is 0: use a percentage above 0 and at most 100")]
    [InlineData(90, -5, "Omb:Admission:MemoryThreshold is -5: use a percentage above 0 and at most 100")]
    [InlineData(double.NaN, 85, "Omb:Admission:CpuThreshold is NaN")]
    public void Validate_ThresholdOutOfRange_NamesTheKeyAndTheRange(double cpu, double mem, string expected)
    {
        var o = new OmbServerOptions { Admission = new AdmissionOptions { CpuThreshold = cpu, MemoryThreshold = mem } };

        var r = Validator.Validate(null, o);

        Assert.True(r.Failed);
        Assert.Contains(r.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(0.5, 1)]
    public void Validate_ThresholdsAtTheEdges_Succeed(double cpu, double mem) =>
        Assert.True(Validator.Validate(null, new OmbServerOptions { Admission = new AdmissionOptions { CpuThreshold = cpu, MemoryThreshold = mem } }).Succeeded);

    [Fact]
    public void Validate_QueueOverrideOutOfRange_NamesTheQueue()
    {
        var o = new OmbServerOptions();
        o.Admission.Queues["express"] = new QueueOptions { MemoryThreshold = 101 };

        var r = Validator.Validate(null, o);

        Assert.Contains("Omb:Admission:Queues:express:MemoryThreshold is 101: use a percentage above 0 and at most 100", r.Failures!);
    }

    [Theory]
    [InlineData("average", "Omb:Admission:Utilization is 'average': use allocated, measured or max")]
    public void Validate_UnknownUtilizationMode_ListsTheModes(string mode, string expected) =>
        Assert.Contains(expected, Validator.Validate(null, new OmbServerOptions { Admission = new AdmissionOptions { Utilization = mode } }).Failures!);

    [Fact]
    public void Validate_BadDefaultMemoryAndEmptyHome_ReportsBoth()
    {
        var r = Validator.Validate(null, new OmbServerOptions { DefaultMemoryPerChunk = "lots", Home = " " });

        Assert.Equal(2, r.Failures!.Count());
        Assert.Contains(r.Failures!, f => f.Contains("DefaultMemoryPerChunk is 'lots'", StringComparison.Ordinal));
        Assert.Contains(r.Failures!, f => f.Contains("Omb:Home is empty", StringComparison.Ordinal));
    }
    [Fact]
    public void Validate_BadHealthAndBlackHoleSettings_NameEachKey()
    {
        var o = new OmbServerOptions
        {
            Health = new HealthOptions { Program = "check.sh", Interval = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromHours(2) },
            BlackHole = new BlackHoleOptions { Window = TimeSpan.Zero, MinFailures = 0, FailureRatio = 0.5 },
        };

        var failures = Validator.Validate(null, o).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Omb:Health:Program is 'check.sh': give an absolute path", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:Health:Interval is 00:00:00.0100000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:Health:Timeout is 02:00:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:BlackHole:Window is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:BlackHole:MinFailures is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:BlackHole:FailureRatio is 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OneSecondHealthInterval_Succeeds() =>
        Assert.True(Validator.Validate(null, new OmbServerOptions { Health = new HealthOptions { Program = "/bin/true", Interval = TimeSpan.FromSeconds(1) } }).Succeeded);
}
