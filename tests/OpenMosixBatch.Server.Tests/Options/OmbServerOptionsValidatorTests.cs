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

    [Theory]
    [InlineData("-00:01:00", 3, "Omb:Backup:Interval is -00:01:00")]
    [InlineData("8.00:00:00", 3, "Omb:Backup:Interval is 8.00:00:00")]
    [InlineData("01:00:00", 0, "Omb:Backup:Keep is 0: keep from 1 to 1000 backups")]
    public void Validate_BackupOutOfRange_NamesTheKey(string interval, int keep, string expected)
    {
        var o = new OmbServerOptions { Backup = new BackupOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), Keep = keep } };

        var r = Validator.Validate(null, o);

        Assert.True(r.Failed);
        Assert.Contains(r.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BackupIntervalZero_TurnsThePeriodicBackupOffAndIsValid() =>
        Assert.True(Validator.Validate(null, new OmbServerOptions { Backup = new BackupOptions { Interval = TimeSpan.Zero } }).Succeeded);
}
