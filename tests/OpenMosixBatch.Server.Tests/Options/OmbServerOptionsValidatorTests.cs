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
    [InlineData(0, 2, 5, "Omb:Memory:BurstMegabytes is 0: use from 1 to 1048576 (MB), e.g. 64")]
    [InlineData(64, 0, 5, "Omb:Memory:QuietMegabytesPerSecond is 0: use from 1 to 1048576 (MB/s), e.g. 2")]
    [InlineData(64, 2, 0, "Omb:Memory:QuietPeriod is 00:00:00: use from 1 second to 1 hour, e.g. 00:00:05")]
    [InlineData(64, 2, 7200, "Omb:Memory:QuietPeriod is 02:00:00: use from 1 second to 1 hour, e.g. 00:00:05")]
    public void Validate_BadHeapTrimSetting_NamesTheKeyAndTheRange(int burstMb, int quietMbPerSecond, int quietSeconds, string expected)
    {
        var o = new OmbServerOptions
        {
            Memory = { BurstMegabytes = burstMb, QuietMegabytesPerSecond = quietMbPerSecond, QuietPeriod = TimeSpan.FromSeconds(quietSeconds) },
        };

        var r = Validator.Validate(null, o);

        Assert.True(r.Failed);
        Assert.Contains(expected, r.Failures);
    }

    [Fact]
    public void Validate_DefaultHeapTrim_IsOnWithThePolicysDefaults()
    {
        var o = new OmbServerOptions();

        Assert.True(o.Memory.TrimAfterBurst);
        Assert.Equal(Core.Memory.HeapTrimSettings.Default, o.Memory.ToSettings());
    }

    [Theory]
    [InlineData(2, "", "Omb:World:UnreachableAfter is 00:00:02: use at least three ticks (00:00:03) and at most an hour, e.g. 00:00:30")]
    [InlineData(30, "ssh", "Omb:World:HostLauncher is 'ssh': use an absolute path without spaces")]
    [InlineData(30, "/opt/my launcher", "Omb:World:HostLauncher is '/opt/my launcher': use an absolute path without spaces")]
    public void Validate_BadUnreachableAfterOrHostLauncher_NamesTheKey(int seconds, string hostLauncher, string expected)
    {
        var o = new OmbServerOptions();
        o.World.UnreachableAfter = TimeSpan.FromSeconds(seconds);
        o.World.HostLauncher = hostLauncher;

        Assert.Contains(Validator.Validate(null, o).Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("relative/gpus")]
    [InlineData("/nonexistent/omb-gpu-root")]
    public void Validate_GpuRootThatIsNoAbsoluteDirectory_NamesTheKeyAndTheFix(string root)
    {
        var o = new OmbServerOptions();
        o.World.GpuRoot = root;

        Assert.Contains($"Omb:World:GpuRoot is '{root}': it is not an existing absolute directory; give the directory GPU detection reads "
            + "proc/driver/nvidia/gpus and dev/nvidia* under, or leave it empty for /", Validator.Validate(null, o).Failures!);
    }

    [Fact]
    public void Validate_GpuRootEmptyOrAnExistingDirectory_Succeeds()
    {
        var o = new OmbServerOptions();
        Assert.True(Validator.Validate(null, o).Succeeded);
        o.World.GpuRoot = Path.GetTempPath();
        Assert.True(Validator.Validate(null, o).Succeeded);
    }

    [Fact]
    public void Validate_AbsoluteHostLauncherAndThreeTicks_Succeed()
    {
        var o = new OmbServerOptions();
        o.World.UnreachableAfter = TimeSpan.FromSeconds(3);
        o.World.HostLauncher = "/usr/local/bin/enter-host";

        Assert.True(Validator.Validate(null, o).Succeeded);
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

    [Fact]
    public void Validate_DefaultLimits_AreSlurmAndPbsLike()
    {
        var l = new OmbServerOptions().Limits;

        Assert.Equal(("4mb", 10_000, 1_000, 1_000, "32mb"), (l.MaxScriptSize, l.MaxArrayElements, l.MaxDependencies, l.MaxDependencyDepth, l.MaxRequestBodySize));
        Assert.Equal(new Core.Jobs.SubmissionLimits(4L << 20, 10_000, 1_000, 1_000), l.ToSubmissionLimits());
        Assert.Equal(16L << 30, l.CheckpointBytes);
    }

    [Theory]
    [InlineData("MaxScriptSize", "lots", "Omb:Limits:MaxScriptSize is 'lots': use a size from 1b to 64mb, e.g. 4mb")]
    [InlineData("MaxScriptSize", "65mb", "Omb:Limits:MaxScriptSize is '65mb'")]
    [InlineData("MaxArrayElements", "0", "Omb:Limits:MaxArrayElements is 0: use a whole number from 1 to 100000, e.g. 10000")]
    [InlineData("MaxArrayElements", "100001", "Omb:Limits:MaxArrayElements is 100001")]
    [InlineData("MaxDependencies", "-1", "Omb:Limits:MaxDependencies is -1")]
    [InlineData("MaxDependencyDepth", "0", "Omb:Limits:MaxDependencyDepth is 0")]
    [InlineData("MaxCheckpointSize", "big", "Omb:Limits:MaxCheckpointSize is 'big': use a size from 1mb to 16tb, e.g. 16gb")]
    [InlineData("MaxCheckpointSize", "1023kb", "Omb:Limits:MaxCheckpointSize is '1023kb'")]
    [InlineData("MaxCheckpointSize", "17tb", "Omb:Limits:MaxCheckpointSize is '17tb'")]
    [InlineData("MaxJobSize", "16mb", "Omb:Limits:MaxJobSize is '16mb': use a size from 64kb to 15mb (the store's largest document is 16,683,050 bytes), e.g. 15mb")]
    [InlineData("MaxJobSize", "1kb", "Omb:Limits:MaxJobSize is '1kb'")]
    [InlineData("MaxJobSize", "2mb", "Omb:Limits:MaxScriptSize is 4mb, more than Omb:Limits:MaxJobSize (2mb), so a script within its limit could not be stored: lower it to at most 2mb")]
    [InlineData("MaxRequestBodySize", "16mb", "Omb:Limits:MaxRequestBodySize is 16mb, less than 8 × Omb:Limits:MaxScriptSize (4mb), so a script within its limit could not arrive: raise it to at least 32mb")]
    public void Validate_BadLimit_NamesTheKeyAndTheRange(string key, string value, string expected)
    {
        var l = new LimitsOptions();
        switch (key)
        {
            case "MaxScriptSize": l.MaxScriptSize = value; break;
            case "MaxRequestBodySize": l.MaxRequestBodySize = value; break;
            case "MaxCheckpointSize": l.MaxCheckpointSize = value; break;
            case "MaxJobSize": l.MaxJobSize = value; break;
            case "MaxArrayElements": l.MaxArrayElements = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxDependencies": l.MaxDependencies = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: l.MaxDependencyDepth = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var r = Validator.Validate(null, new OmbServerOptions { Limits = l });

        Assert.True(r.Failed);
        Assert.Contains(r.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SubmissionLists_AcceptNamesAndRefuseOthersNamingTheKey()
    {
        var good = new OmbServerOptions { Submission = new SubmissionOptions { IgnoredResources = ["qos", "feature"], IgnoredOptions = ["-W x", "-k"] } };
        var bad = new OmbServerOptions { Submission = new SubmissionOptions { IgnoredResources = ["qos=debug"], IgnoredOptions = ["x"] } };

        Assert.False(Validator.Validate(null, good).Failed);
        var r = Validator.Validate(null, bad);
        Assert.Contains(r.Failures!, f => f.StartsWith("Omb:Submission:IgnoredResources has 'qos=debug'", StringComparison.Ordinal));
        Assert.Contains(r.Failures!, f => f.StartsWith("Omb:Submission:IgnoredOptions has 'x'", StringComparison.Ordinal));
        Assert.Contains("-W x", good.ToSubmissionLimits().IgnoredOptions);
    }

    [Fact]
    public void ShippedConfiguration_SetsTheDefaultLimits()
    {
        var config = OpenMosixBatch.Server.Hosting.ServerConfiguration.Load(new OpenMosixBatch.Server.Hosting.ServerCommandLine(null, FindConf(), null, null, "simple", false));

        Assert.Equal(Core.Jobs.SubmissionLimits.Default, config.Options.Limits.ToSubmissionLimits());
        Assert.Equal(32L << 20, config.Options.Limits.RequestBodyBytes);
        Assert.Equal(Core.Jobs.CheckpointSizeLimit.DefaultBytes, config.Options.Limits.CheckpointBytes);
    }

    private static string FindConf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "conf", "omb.json")) && File.Exists(Path.Combine(dir.FullName, "OpenMosixBatch.sln")))
            {
                return Path.Combine(dir.FullName, "conf", "omb.json");
            }
        }

        throw new FileNotFoundException("conf/omb.json not found above " + AppContext.BaseDirectory);
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

    [Fact]
    public void Validate_BadConnectionLimits_NameEachKey()
    {
        var o = new OmbServerOptions
        {
            Limits = new LimitsOptions { MaxConnectionsPerUser = 0, MaxConnections = 2_000_000 },
            Tcp = new TcpOptions { MaxConnections = 0 },
        };

        var failures = Validator.Validate(null, o).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Omb:Limits:MaxConnectionsPerUser is 0: use a whole number from 1 to 1000000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:Limits:MaxConnections is 2000000: use a whole number from 1 to 1000000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Omb:Tcp:MaxConnections is 0: use a whole number from 1 to 1000000", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PerUserConnectionsAboveTheTotal_IsRefused_SinceOneUserCouldHoldThemAll()
    {
        var failures = Validator.Validate(null, new OmbServerOptions { Limits = new LimitsOptions { MaxConnectionsPerUser = 300, MaxConnections = 200 } }).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Omb:Limits:MaxConnectionsPerUser is 300, more than Omb:Limits:MaxConnections (200)", StringComparison.Ordinal));
    }
}
